// Recursive descent for statements, precedence climbing for binary operators.
//
// Positions follow CPython's EXTRA convention: a node spans the tokens its rule
// consumed (so `(a) + b` starts at the parenthesis), except a parenthesised
// expression, which keeps its own span, and compound statements, which end
// where their last body statement ends.
//
// Error handling: the first error of a statement is recorded and later ones
// are suppressed until the parser resynchronises at the next NEWLINE; every
// function still returns a well-formed node (InvalidExpr when nothing fits),
// and every loop checks that it consumed a token.
#include "python/parser.h"

#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string>

#include "python/lexer.h"
#include "python/literals.h"

namespace rampart::python {

LineIndex::LineIndex(std::string_view source) : source_(source) {
  line_starts_.reserve(source.size() / 32 + 1);
  line_starts_.push_back(0);
  const char* base = source.data();
  const char* p = base;
  const char* end = base + source.size();
  while (p < end) {
    const void* nl = std::memchr(p, '\n', static_cast<size_t>(end - p));
    if (!nl) break;
    p = static_cast<const char*>(nl) + 1;
    line_starts_.push_back(static_cast<uint32_t>(p - base));
  }
}

void LineIndex::ToLineCol(uint32_t offset, uint32_t* lineno, uint32_t* col_offset) const {
  if (line_starts_.empty()) {
    *lineno = 1;
    *col_offset = 0;
    return;
  }
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(source_.size()));
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  size_t line = static_cast<size_t>(it - line_starts_.begin());  // 1-based
  *lineno = static_cast<uint32_t>(line);
  *col_offset = offset - line_starts_[line - 1];
}

uint32_t LineIndex::ToOffset(uint32_t lineno, uint32_t col_offset) const {
  if (line_starts_.empty() || lineno == 0) return 0;
  if (lineno > line_starts_.size()) return static_cast<uint32_t>(source_.size());
  uint32_t start = line_starts_[lineno - 1];
  return std::min<uint32_t>(start + col_offset, static_cast<uint32_t>(source_.size()));
}

std::string_view LineIndex::Line(uint32_t lineno) const {
  if (lineno == 0 || lineno > line_starts_.size()) return {};
  uint32_t start = line_starts_[lineno - 1];
  uint32_t end = lineno < line_starts_.size() ? line_starts_[lineno] : static_cast<uint32_t>(source_.size());
  std::string_view line = source_.substr(start, end - start);
  if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
  return line;
}

namespace {

enum Prec : int { kPrecBitOr = 1, kPrecBitXor, kPrecBitAnd, kPrecShift, kPrecArith, kPrecTerm };

bool BinaryOperator(Tok kind, int* prec, OperatorKind* op) {
  switch (kind) {
    case Tok::kVBar: *prec = kPrecBitOr; *op = OperatorKind::kBitOr; return true;
    case Tok::kCircumflex: *prec = kPrecBitXor; *op = OperatorKind::kBitXor; return true;
    case Tok::kAmper: *prec = kPrecBitAnd; *op = OperatorKind::kBitAnd; return true;
    case Tok::kLeftShift: *prec = kPrecShift; *op = OperatorKind::kLShift; return true;
    case Tok::kRightShift: *prec = kPrecShift; *op = OperatorKind::kRShift; return true;
    case Tok::kPlus: *prec = kPrecArith; *op = OperatorKind::kAdd; return true;
    case Tok::kMinus: *prec = kPrecArith; *op = OperatorKind::kSub; return true;
    case Tok::kStar: *prec = kPrecTerm; *op = OperatorKind::kMult; return true;
    case Tok::kSlash: *prec = kPrecTerm; *op = OperatorKind::kDiv; return true;
    case Tok::kDoubleSlash: *prec = kPrecTerm; *op = OperatorKind::kFloorDiv; return true;
    case Tok::kPercent: *prec = kPrecTerm; *op = OperatorKind::kMod; return true;
    case Tok::kAt: *prec = kPrecTerm; *op = OperatorKind::kMatMult; return true;
    default: return false;
  }
}

bool AugmentedOperator(Tok kind, OperatorKind* op) {
  switch (kind) {
    case Tok::kPlusEqual: *op = OperatorKind::kAdd; return true;
    case Tok::kMinEqual: *op = OperatorKind::kSub; return true;
    case Tok::kStarEqual: *op = OperatorKind::kMult; return true;
    case Tok::kAtEqual: *op = OperatorKind::kMatMult; return true;
    case Tok::kSlashEqual: *op = OperatorKind::kDiv; return true;
    case Tok::kPercentEqual: *op = OperatorKind::kMod; return true;
    case Tok::kAmperEqual: *op = OperatorKind::kBitAnd; return true;
    case Tok::kVBarEqual: *op = OperatorKind::kBitOr; return true;
    case Tok::kCircumflexEqual: *op = OperatorKind::kBitXor; return true;
    case Tok::kLeftShiftEqual: *op = OperatorKind::kLShift; return true;
    case Tok::kRightShiftEqual: *op = OperatorKind::kRShift; return true;
    case Tok::kDoubleStarEqual: *op = OperatorKind::kPow; return true;
    case Tok::kDoubleSlashEqual: *op = OperatorKind::kFloorDiv; return true;
    default: return false;
  }
}

class Parser {
 public:
  Parser(Arena& arena, std::string_view src, const std::vector<Token>& toks, std::vector<SyntaxError>* errors,
         const ParseOptions& options)
      : arena_(arena), src_(src), toks_(toks), errors_(errors), options_(options) {}

  Module* ParseModule();

 private:
  // ---- tokens
  const Token& Cur() const { return toks_[p_]; }
  Tok K() const { return toks_[p_].kind; }
  Tok KAt(size_t k) const { return p_ + k < toks_.size() ? toks_[p_ + k].kind : Tok::kEndMarker; }
  const Token& Prev() const { return toks_[p_ > 0 ? p_ - 1 : 0]; }
  void Advance() {
    if (toks_[p_].kind != Tok::kEndMarker) ++p_;
  }
  bool At(Tok k) const { return K() == k; }
  bool Eat(Tok k) {
    if (K() != k) return false;
    Advance();
    return true;
  }
  bool Expect(Tok k) {
    if (Eat(k)) return true;
    if (k == Tok::kColon) ErrorAt(Cur(), "expected ':'");
    else InvalidSyntax();
    return false;
  }
  std::string_view Text(const Token& t) const { return src_.substr(t.start, t.end - t.start); }
  bool AtSoft(std::string_view word) const { return K() == Tok::kName && Text(Cur()) == word; }
  bool AtStmtEnd() const { return K() == Tok::kNewline || K() == Tok::kSemi || K() == Tok::kEndMarker; }

  // ---- errors
  void Record(uint32_t line, uint32_t col, uint32_t end_line, uint32_t end_col, std::string message) {
    if (speculative_ > 0) {
      spec_failed_ = true;
      return;
    }
    if (stmt_error_) return;
    stmt_error_ = true;
    errors_->push_back(SyntaxError{line, col, end_line, end_col, std::move(message)});
  }
  void ErrorAt(const Token& t, std::string message) {
    if (t.kind == Tok::kError) {  // the tokenizer already said why
      if (speculative_ > 0) spec_failed_ = true;
      stmt_error_ = true;
      return;
    }
    Record(t.lineno, t.col, t.end_lineno, t.end_col, std::move(message));
  }
  void ErrorNode(const Node* n, std::string message) {
    Record(n->lineno, n->col_offset, n->end_lineno, n->end_col_offset, std::move(message));
  }
  void InvalidSyntax() {
    const Token& t = Cur();
    if (t.kind == Tok::kIndent) ErrorAt(t, "unexpected indent");
    else if (t.kind == Tok::kEndMarker && p_ > 0 && Prev().kind != Tok::kNewline && Prev().kind != Tok::kDedent)
      ErrorAt(t, "unexpected EOF while parsing");
    else ErrorAt(t, "invalid syntax");
  }

  // ---- nodes
  template <class T>
  T* New() {
    return arena_.New<T>();
  }
  static void StartAt(Node* n, const Token& t) {
    n->lineno = t.lineno;
    n->col_offset = t.col;
  }
  static void StartAt(Node* n, const Node* o) {
    n->lineno = o->lineno;
    n->col_offset = o->col_offset;
  }
  static void EndAt(Node* n, const Token& t) {
    n->end_lineno = t.end_lineno;
    n->end_col_offset = t.end_col;
  }
  static void EndAt(Node* n, const Node* o) {
    n->end_lineno = o->end_lineno;
    n->end_col_offset = o->end_col_offset;
  }
  // Spans the tokens from index `start` to the last consumed one.
  void Span(Node* n, size_t start) {
    StartAt(n, toks_[start]);
    if (p_ > start) {
      EndAt(n, Prev());
    } else {
      n->end_lineno = n->lineno;
      n->end_col_offset = n->col_offset;
    }
  }
  // CPython ends a compound statement at the last token it consumed that is
  // not NEWLINE/INDENT/DEDENT (so a trailing `;` in the body counts).
  void EndAtLastToken(Node* n) {
    size_t i = p_;
    while (i > 0) {
      --i;
      Tok k = toks_[i].kind;
      if (k != Tok::kNewline && k != Tok::kIndent && k != Tok::kDedent && k != Tok::kEndMarker) {
        EndAt(n, toks_[i]);
        return;
      }
    }
  }
  template <class T>
  void EndAtLast(T* node, const NodeList<StmtNode>& body) {
    (void)body;
    EndAtLastToken(node);
  }
  InvalidExpr* Invalid(size_t start) {
    auto* e = New<InvalidExpr>();
    Span(e, start);
    e->flags |= kNodeHasError;
    return e;
  }

  size_t Mark() const { return scratch_.size(); }
  void Push(Node* n) { scratch_.push_back(n); }
  template <class T>
  NodeList<T> Take(size_t mark) {
    NodeList<T> list;
    list.count = static_cast<uint32_t>(scratch_.size() - mark);
    list.items = arena_.NewArray<T*>(list.count);
    for (uint32_t i = 0; i < list.count; ++i) list.items[i] = static_cast<T*>(scratch_[mark + i]);
    scratch_.resize(mark);
    return list;
  }
  template <class T>
  NodeList<T> ListOf(const std::vector<Node*>& nodes) {
    NodeList<T> list;
    list.count = static_cast<uint32_t>(nodes.size());
    list.items = arena_.NewArray<T*>(list.count);
    for (uint32_t i = 0; i < list.count; ++i) list.items[i] = static_cast<T*>(nodes[i]);
    return list;
  }

  Identifier Ident(const Token& t) {
    std::string_view text = Text(t);
    if (!(t.flags & kTokNonAscii)) return arena_.Intern(text);
    // CPython stores identifiers NFKC-normalised (PEP 3131).
    std::string copy(text);
    utf8proc_uint8_t* norm = utf8proc_NFKC(reinterpret_cast<const utf8proc_uint8_t*>(copy.c_str()));
    if (!norm) return arena_.Intern(text);
    Identifier id = arena_.Intern(reinterpret_cast<const char*>(norm));
    std::free(norm);
    return id;
  }
  Identifier ExpectName() {
    if (K() == Tok::kName) {
      Identifier id = Ident(Cur());
      Advance();
      return id;
    }
    InvalidSyntax();
    return arena_.Intern("");
  }

  // ---- depth
  struct DepthGuard {
    Parser* p;
    explicit DepthGuard(Parser* parser) : p(parser) { ++p->depth_; }
    ~DepthGuard() { --p->depth_; }
  };
  bool TooDeep() const { return depth_ > options_.max_tree_depth; }
  // Gives up on the rest of the logical line: used when nesting exceeds the
  // limits, so recursion never goes deeper than the bound.
  ExprNode* AbandonLine(size_t start, const char* message) {
    ErrorAt(Cur(), message);
    stmt_error_ = true;
    while (K() != Tok::kNewline && K() != Tok::kEndMarker) Advance();
    return Invalid(start);
  }

  // ---- checkpoints for the few places that need to look ahead
  struct Checkpoint {
    size_t p;
    size_t scratch;
    size_t idents;
    bool stmt_error;
    bool spec_failed;
  };
  Checkpoint Save() const { return Checkpoint{p_, scratch_.size(), ident_scratch_.size(), stmt_error_, spec_failed_}; }
  void Restore(const Checkpoint& c) {
    p_ = c.p;
    scratch_.resize(c.scratch);
    ident_scratch_.resize(c.idents);
    stmt_error_ = c.stmt_error;
    spec_failed_ = c.spec_failed;
  }

  // ---- expressions
  ExprNode* ParseNamedExpression();
  ExprNode* ParseExpression();
  ExprNode* ParseDisjunction();
  ExprNode* ParseConjunction();
  template <class T>
  void PushKeywordStatement(size_t start);
  ExprNode* ParseBoolOpChain(Tok op_token, BoolOpKind op, ExprNode* (Parser::*operand)());
  ExprNode* ParseInversion();
  ExprNode* ParseComparison();
  ExprNode* ParseBinary(int min_prec);
  ExprNode* ParseFactor();
  ExprNode* ParsePower();
  ExprNode* ParsePrimary();
  ExprNode* ParseAtom();
  ExprNode* ParseStarExpression();
  ExprNode* ParseStarNamedExpression();
  ExprNode* ParseStarExpressions();
  ExprNode* ParseYieldExpr();
  ExprNode* ParseLambda();
  ExprNode* ParseParenthesized();
  ExprNode* ParseListDisplay();
  ExprNode* ParseBraceDisplay();
  ExprNode* ParseStrings();
  ExprNode* ParseNumber();
  void ParseReplacementField(std::string& pending, size_t* pending_start, size_t mark, bool raw);
  JoinedStr* ParseFormatSpec(size_t colon_index, bool raw);
  void FlushLiteral(std::string& pending, size_t* pending_start, size_t end_index);
  ExprNode* ParseCall(ExprNode* func, size_t start);
  void ParseCallArguments(size_t open_index, NodeList<ExprNode>* args, NodeList<Keyword>* keywords,
                          ExprNode** genexp_elt);
  ExprNode* ParseSlices();
  ExprNode* ParseSlice();
  NodeList<Comprehension> ParseComprehensions();
  ExprNode* ParseStarTargets();
  ExprNode* ParseSingleTarget();
  Arguments* ParseParameters(bool lambda, Tok closer);
  Arg* ParseParam(bool lambda, bool star_annotation);
  NodeList<TypeParamNode> ParseTypeParams();

  // ---- targets
  const char* DescribeInvalidTarget(const ExprNode* e) const;
  void SetContext(ExprNode* e, ExprContext ctx, const char* verb, bool top, bool hint);

  // ---- statements
  void ParseStatement();
  void ParseSimpleStatements();
  void ParseSimpleStatement();
  void ParseExpressionStatement();
  NodeList<StmtNode> ParseBlock(const std::string& what, const Token& header);
  bool ExpectColonOrRecover();
  void ParseIf(bool elif);
  void ParseWhile();
  void ParseFor(size_t start, bool is_async);
  void ParseWith(size_t start, bool is_async);
  void ParseTry();
  void ParseFunctionDef(size_t start, bool is_async, NodeList<ExprNode> decorators);
  void ParseClassDef(size_t start, NodeList<ExprNode> decorators);
  void ParseDecorated();
  bool TryParseMatch();
  MatchCase* ParseCase();
  void ParseImport();
  void ParseFromImport();
  Alias* ParseDottedAlias();
  Identifier ParseDottedName(bool* ok);
  void ParseGlobal(bool nonlocal);
  void ParseTypeAlias();

  // ---- patterns
  PatternNode* ParsePatterns();
  PatternNode* ParseAsPattern();
  PatternNode* ParseOrPattern();
  PatternNode* ParseMaybeStarPattern();
  PatternNode* ParseClosedPattern();
  ExprNode* ParseLiteralExpr();
  ExprNode* ParseNameOrAttr();

  Arena& arena_;
  std::string_view src_;
  const std::vector<Token>& toks_;
  std::vector<SyntaxError>* errors_;
  const ParseOptions& options_;
  size_t p_ = 0;
  std::vector<Node*> scratch_;
  std::vector<Identifier> ident_scratch_;
  std::vector<Node*> kw_scratch_;
  bool stmt_error_ = false;
  int speculative_ = 0;
  bool spec_failed_ = false;
  uint32_t depth_ = 0;
  uint32_t bracket_depth_ = 0;
  std::string fstring_buf_;
};

// ============================================================ expressions

ExprNode* Parser::ParseNamedExpression() {
  if (K() == Tok::kName && KAt(1) == Tok::kColonEqual) {
    size_t start = p_;
    auto* target = New<Name>();
    target->id = Ident(Cur());
    target->ctx = ExprContext::kStore;
    Advance();
    Span(target, start);
    Advance();  // :=
    auto* named = New<NamedExpr>();
    named->target = target;
    named->value = ParseExpression();
    Span(named, start);
    return named;
  }
  ExprNode* e = ParseExpression();
  if (K() == Tok::kColonEqual) {
    ErrorNode(e, std::string("cannot use assignment expressions with ") + DescribeInvalidTarget(e));
  }
  return e;
}

// An operand followed by one of these ends the expression: no operator,
// trailer or ternary can follow, so the precedence chain can be skipped.
static bool EndsSimpleOperand(Tok k) {
  switch (k) {
    case Tok::kComma: case Tok::kRPar: case Tok::kRSqb: case Tok::kRBrace: case Tok::kNewline:
    case Tok::kEqual: case Tok::kColon: case Tok::kSemi:
      return true;
    default:
      return false;
  }
}

ExprNode* Parser::ParseExpression() {
  if ((K() == Tok::kName || K() == Tok::kNumber || K() == Tok::kNone || K() == Tok::kTrue || K() == Tok::kFalse) &&
      EndsSimpleOperand(KAt(1)))
    return ParseAtom();
  if (K() == Tok::kLambda) return ParseLambda();
  size_t start = p_;
  ExprNode* body = ParseDisjunction();
  if (K() != Tok::kIf) return body;
  DepthGuard guard(this);
  if (TooDeep()) return AbandonLine(start, "too many nested expressions");
  Advance();
  auto* e = New<IfExp>();
  e->body = body;
  e->test = ParseDisjunction();
  if (!Eat(Tok::kElse)) {
    ErrorAt(Cur(), "expected 'else' after 'if' expression");
    e->orelse = Invalid(p_);
  } else {
    e->orelse = ParseExpression();
  }
  Span(e, start);
  return e;
}

// `a or b or c` (and `and` chains) is one BoolOp with every operand, as CPython
// builds it, not a nested pair per operator.
ExprNode* Parser::ParseBoolOpChain(Tok op_token, BoolOpKind op, ExprNode* (Parser::*operand)()) {
  size_t start = p_;
  ExprNode* first = (this->*operand)();
  if (K() != op_token) return first;
  size_t mark = Mark();
  Push(first);
  while (Eat(op_token)) Push((this->*operand)());
  auto* b = New<BoolOp>();
  b->op = op;
  b->values = Take<ExprNode>(mark);
  Span(b, start);
  return b;
}

ExprNode* Parser::ParseDisjunction() {
  return ParseBoolOpChain(Tok::kOr, BoolOpKind::kOr, &Parser::ParseConjunction);
}

ExprNode* Parser::ParseConjunction() {
  return ParseBoolOpChain(Tok::kAnd, BoolOpKind::kAnd, &Parser::ParseInversion);
}

ExprNode* Parser::ParseInversion() {
  if (K() != Tok::kNot) return ParseComparison();
  size_t start = p_;
  DepthGuard guard(this);
  if (TooDeep()) return AbandonLine(start, "too many nested expressions");
  Advance();
  auto* u = New<UnaryOp>();
  u->op = UnaryOpKind::kNot;
  u->operand = ParseInversion();
  Span(u, start);
  return u;
}

ExprNode* Parser::ParseComparison() {
  size_t start = p_;
  ExprNode* left = ParseBinary(kPrecBitOr);
  CmpOpKind ops_buf[8];
  std::vector<CmpOpKind> ops_big;
  uint32_t count = 0;
  size_t mark = Mark();
  while (true) {
    CmpOpKind op;
    switch (K()) {
      case Tok::kEqEqual: op = CmpOpKind::kEq; break;
      case Tok::kNotEqual:
        if (Text(Cur()) == "<>") ErrorAt(Cur(), "invalid syntax");
        op = CmpOpKind::kNotEq;
        break;
      case Tok::kLess: op = CmpOpKind::kLt; break;
      case Tok::kLessEqual: op = CmpOpKind::kLtE; break;
      case Tok::kGreater: op = CmpOpKind::kGt; break;
      case Tok::kGreaterEqual: op = CmpOpKind::kGtE; break;
      case Tok::kIn: op = CmpOpKind::kIn; break;
      case Tok::kIs:
        op = CmpOpKind::kIs;
        if (KAt(1) == Tok::kNot) {
          Advance();
          op = CmpOpKind::kIsNot;
        }
        break;
      case Tok::kNot:
        if (KAt(1) != Tok::kIn) goto done;
        Advance();
        op = CmpOpKind::kNotIn;
        break;
      default:
        goto done;
    }
    Advance();
    if (count < 8) ops_buf[count] = op;
    else {
      if (ops_big.empty()) ops_big.assign(ops_buf, ops_buf + 8);
      ops_big.push_back(op);
    }
    ++count;
    Push(ParseBinary(kPrecBitOr));
  }
done:
  if (count == 0) return left;
  auto* c = New<Compare>();
  c->left = left;
  c->ops.count = count;
  c->ops.items = arena_.NewArray<CmpOpKind>(count);
  std::memcpy(c->ops.items, count <= 8 ? ops_buf : ops_big.data(), count * sizeof(CmpOpKind));
  c->comparators = Take<ExprNode>(mark);
  Span(c, start);
  return c;
}

ExprNode* Parser::ParseBinary(int min_prec) {
  size_t start = p_;
  ExprNode* left = ParseFactor();
  uint32_t chain = 0;
  int prec;
  OperatorKind op;
  while (BinaryOperator(K(), &prec, &op) && prec >= min_prec) {
    // Left-nested chains deepen the tree without recursing here; count them so
    // the tree depth stays bounded for everyone who walks it recursively.
    if (depth_ + ++chain > options_.max_tree_depth) return AbandonLine(start, "too many nested expressions");
    Advance();
    auto* b = New<BinOp>();
    b->left = left;
    b->op = op;
    b->right = ParseBinary(prec + 1);
    Span(b, start);
    left = b;
  }
  return left;
}

ExprNode* Parser::ParseFactor() {
  UnaryOpKind op;
  switch (K()) {
    case Tok::kPlus: op = UnaryOpKind::kUAdd; break;
    case Tok::kMinus: op = UnaryOpKind::kUSub; break;
    case Tok::kTilde: op = UnaryOpKind::kInvert; break;
    default: return ParsePower();
  }
  size_t start = p_;
  DepthGuard guard(this);
  if (TooDeep()) return AbandonLine(start, "too many nested expressions");
  Advance();
  auto* u = New<UnaryOp>();
  u->op = op;
  u->operand = ParseFactor();
  Span(u, start);
  return u;
}

ExprNode* Parser::ParsePower() {
  size_t start = p_;
  ExprNode* base;
  if (K() == Tok::kAwait) {
    DepthGuard guard(this);
    if (TooDeep()) return AbandonLine(start, "too many nested expressions");
    Advance();
    auto* a = New<Await>();
    a->value = ParsePrimary();
    Span(a, start);
    base = a;
  } else {
    base = ParsePrimary();
  }
  if (K() != Tok::kDoubleStar) return base;
  DepthGuard guard(this);
  if (TooDeep()) return AbandonLine(start, "too many nested expressions");
  Advance();
  auto* b = New<BinOp>();
  b->left = base;
  b->op = OperatorKind::kPow;
  b->right = ParseFactor();
  Span(b, start);
  return b;
}

ExprNode* Parser::ParsePrimary() {
  size_t start = p_;
  ExprNode* e = ParseAtom();
  uint32_t chain = 0;
  while (true) {
    Tok k = K();
    if (k != Tok::kDot && k != Tok::kLPar && k != Tok::kLSqb) break;
    if (depth_ + ++chain > options_.max_tree_depth) return AbandonLine(start, "too many nested expressions");
    if (k == Tok::kDot) {
      Advance();
      auto* a = New<Attribute>();
      a->value = e;
      a->attr = ExpectName();
      a->ctx = ExprContext::kLoad;
      Span(a, start);
      e = a;
    } else if (k == Tok::kLPar) {
      e = ParseCall(e, start);
    } else {
      if (bracket_depth_ >= options_.max_bracket_depth) return AbandonLine(start, "too many nested parentheses");
      ++bracket_depth_;
      Advance();
      auto* s = New<Subscript>();
      s->value = e;
      s->slice = ParseSlices();
      s->ctx = ExprContext::kLoad;
      Expect(Tok::kRSqb);
      --bracket_depth_;
      Span(s, start);
      e = s;
    }
  }
  return e;
}

ExprNode* Parser::ParseCall(ExprNode* func, size_t start) {
  if (bracket_depth_ >= options_.max_bracket_depth) return AbandonLine(start, "too many nested parentheses");
  ++bracket_depth_;
  size_t open = p_;
  Advance();
  auto* call = New<Call>();
  call->func = func;
  ExprNode* genexp_elt = nullptr;
  ParseCallArguments(open, &call->args, &call->keywords, &genexp_elt);
  Expect(Tok::kRPar);
  --bracket_depth_;
  Span(call, start);
  if (genexp_elt && call->args.size() == 1) {
    // `f(x for x in y)`: the generator spans the call's parentheses.
    Span(call->args[0], open);
  }
  return call;
}

void Parser::ParseCallArguments(size_t open_index, NodeList<ExprNode>* args, NodeList<Keyword>* keywords,
                                ExprNode** genexp_elt) {
  size_t mark = Mark();
  size_t kw_mark = kw_scratch_.size();
  bool seen_keyword = false, seen_double_star = false;
  while (K() != Tok::kRPar && K() != Tok::kEndMarker && K() != Tok::kNewline) {
    size_t start = p_;
    if (K() == Tok::kStar) {
      Advance();
      auto* s = New<Starred>();
      s->value = ParseExpression();
      s->ctx = ExprContext::kLoad;
      Span(s, start);
      if (seen_double_star) ErrorNode(s, "iterable argument unpacking follows keyword argument unpacking");
      Push(s);
    } else if (K() == Tok::kDoubleStar) {
      Advance();
      auto* kw = New<Keyword>();
      kw->arg = nullptr;
      kw->value = ParseExpression();
      Span(kw, start);
      seen_double_star = true;
      kw_scratch_.push_back(kw);
    } else if (K() == Tok::kName && KAt(1) == Tok::kEqual) {
      auto* kw = New<Keyword>();
      kw->arg = Ident(Cur());
      Advance();
      Advance();
      kw->value = ParseExpression();
      Span(kw, start);
      seen_keyword = true;
      kw_scratch_.push_back(kw);
    } else {
      ExprNode* e = ParseNamedExpression();
      if (K() == Tok::kFor || (K() == Tok::kAsync && KAt(1) == Tok::kFor)) {
        auto* g = New<GeneratorExp>();
        g->elt = e;
        g->generators = ParseComprehensions();
        Span(g, start);
        bool alone = Mark() == mark && kw_scratch_.size() == kw_mark && K() == Tok::kRPar;
        if (!alone) ErrorNode(g, "Generator expression must be parenthesized");
        else *genexp_elt = e;
        e = g;
      } else if (K() == Tok::kEqual) {
        ErrorAt(Cur(), "expression cannot contain assignment, perhaps you meant \"==\"?");
      }
      if (seen_double_star) ErrorNode(e, "positional argument follows keyword argument unpacking");
      else if (seen_keyword) ErrorNode(e, "positional argument follows keyword argument");
      Push(e);
    }
    if (!Eat(Tok::kComma)) break;
    if (*genexp_elt) ErrorNode(scratch_.back(), "Generator expression must be parenthesized");
  }
  (void)open_index;
  *args = Take<ExprNode>(mark);
  NodeList<Keyword> kws;
  kws.count = static_cast<uint32_t>(kw_scratch_.size() - kw_mark);
  kws.items = arena_.NewArray<Keyword*>(kws.count);
  for (uint32_t i = 0; i < kws.count; ++i) kws.items[i] = static_cast<Keyword*>(kw_scratch_[kw_mark + i]);
  kw_scratch_.resize(kw_mark);
  *keywords = kws;
}

ExprNode* Parser::ParseSlices() {
  size_t start = p_;
  ExprNode* first = ParseSlice();
  if (K() != Tok::kComma && first->kind != NodeKind::kStarred) return first;
  size_t mark = Mark();
  Push(first);
  while (Eat(Tok::kComma)) {
    if (K() == Tok::kRSqb) break;
    size_t before = p_;
    Push(ParseSlice());
    if (p_ == before) break;
  }
  auto* t = New<Tuple>();
  t->elts = Take<ExprNode>(mark);
  t->ctx = ExprContext::kLoad;
  Span(t, start);
  return t;
}

ExprNode* Parser::ParseSlice() {
  size_t start = p_;
  ExprNode* lower = nullptr;
  if (K() != Tok::kColon) {
    if (K() == Tok::kStar) {
      Advance();
      auto* s = New<Starred>();
      s->value = ParseBinary(kPrecBitOr);
      s->ctx = ExprContext::kLoad;
      Span(s, start);
      return s;
    }
    lower = ParseNamedExpression();
    if (K() != Tok::kColon) return lower;
  }
  Advance();  // ':'
  auto* s = New<Slice>();
  s->lower = lower;
  if (K() != Tok::kColon && K() != Tok::kComma && K() != Tok::kRSqb) s->upper = ParseExpression();
  if (Eat(Tok::kColon)) {
    if (K() != Tok::kComma && K() != Tok::kRSqb) s->step = ParseExpression();
  }
  Span(s, start);
  return s;
}

ExprNode* Parser::ParseAtom() {
  size_t start = p_;
  switch (K()) {
    case Tok::kName: {
      auto* n = New<Name>();
      n->id = Ident(Cur());
      n->ctx = ExprContext::kLoad;
      Advance();
      Span(n, start);
      return n;
    }
    case Tok::kNumber:
      return ParseNumber();
    case Tok::kString:
    case Tok::kFStringStart:
      return ParseStrings();
    case Tok::kNone:
    case Tok::kTrue:
    case Tok::kFalse:
    case Tok::kEllipsis: {
      auto* c = New<Constant>();
      Tok k = K();
      c->value.kind = k == Tok::kNone ? ConstantKind::kNone
                      : k == Tok::kEllipsis ? ConstantKind::kEllipsis
                                           : ConstantKind::kBool;
      c->value.bool_value = k == Tok::kTrue;
      Advance();
      Span(c, start);
      return c;
    }
    case Tok::kLPar:
    case Tok::kLSqb:
    case Tok::kLBrace: {
      if (bracket_depth_ >= options_.max_bracket_depth) return AbandonLine(start, "too many nested parentheses");
      DepthGuard guard(this);
      if (TooDeep()) return AbandonLine(start, "too many nested expressions");
      ++bracket_depth_;
      ExprNode* e = K() == Tok::kLPar ? ParseParenthesized() : K() == Tok::kLSqb ? ParseListDisplay() : ParseBraceDisplay();
      --bracket_depth_;
      return e;
    }
    case Tok::kError:
      ErrorAt(Cur(), "");
      Advance();
      return Invalid(start);
    default:
      if (K() == Tok::kRPar || K() == Tok::kRSqb || K() == Tok::kRBrace) {
        // An unbalanced closer is reported by the tokenizer; this is the
        // "expected an expression" case.
        InvalidSyntax();
      } else {
        InvalidSyntax();
      }
      return Invalid(start);
  }
}

ExprNode* Parser::ParseNumber() {
  size_t start = p_;
  auto* c = New<Constant>();
  if (!DecodeNumber(Text(Cur()), &c->value)) ErrorAt(Cur(), "invalid number literal");
  Advance();
  Span(c, start);
  return c;
}

ExprNode* Parser::ParseParenthesized() {
  size_t start = p_;
  Advance();  // (
  if (Eat(Tok::kRPar)) {
    auto* t = New<Tuple>();
    t->ctx = ExprContext::kLoad;
    Span(t, start);
    return t;
  }
  if (K() == Tok::kYield) {
    ExprNode* y = ParseYieldExpr();
    Expect(Tok::kRPar);
    y->flags |= kNodeParenthesized;
    return y;
  }
  ExprNode* first = ParseStarNamedExpression();
  if (K() == Tok::kFor || (K() == Tok::kAsync && KAt(1) == Tok::kFor)) {
    auto* g = New<GeneratorExp>();
    g->elt = first;
    g->generators = ParseComprehensions();
    Expect(Tok::kRPar);
    Span(g, start);
    return g;
  }
  if (K() == Tok::kComma) {
    size_t mark = Mark();
    Push(first);
    while (Eat(Tok::kComma)) {
      if (K() == Tok::kRPar) break;
      size_t before = p_;
      Push(ParseStarNamedExpression());
      if (p_ == before) break;
    }
    auto* t = New<Tuple>();
    t->elts = Take<ExprNode>(mark);
    t->ctx = ExprContext::kLoad;
    Expect(Tok::kRPar);
    Span(t, start);
    return t;
  }
  if (!Eat(Tok::kRPar)) {
    if (K() == Tok::kEqual) ErrorAt(Cur(), "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
    else InvalidSyntax();
  }
  if (first->kind == NodeKind::kStarred) ErrorNode(first, "cannot use starred expression here");
  first->flags |= kNodeParenthesized;
  return first;
}

ExprNode* Parser::ParseListDisplay() {
  size_t start = p_;
  Advance();  // [
  size_t mark = Mark();
  if (K() != Tok::kRSqb) {
    ExprNode* first = ParseStarNamedExpression();
    if (K() == Tok::kFor || (K() == Tok::kAsync && KAt(1) == Tok::kFor)) {
      auto* lc = New<ListComp>();
      lc->elt = first;
      lc->generators = ParseComprehensions();
      Expect(Tok::kRSqb);
      Span(lc, start);
      return lc;
    }
    Push(first);
    while (Eat(Tok::kComma)) {
      if (K() == Tok::kRSqb) break;
      size_t before = p_;
      Push(ParseStarNamedExpression());
      if (p_ == before) break;
    }
  }
  auto* l = New<List>();
  l->elts = Take<ExprNode>(mark);
  l->ctx = ExprContext::kLoad;
  Expect(Tok::kRSqb);
  Span(l, start);
  return l;
}

ExprNode* Parser::ParseBraceDisplay() {
  size_t start = p_;
  Advance();  // {
  if (Eat(Tok::kRBrace)) {
    auto* d = New<Dict>();
    Span(d, start);
    return d;
  }
  // A dict starts with `**x` or `key:`; anything else is a set.
  ExprNode* first_key = nullptr;
  ExprNode* first_value = nullptr;
  if (K() == Tok::kDoubleStar) {
    Advance();
    first_value = ParseBinary(kPrecBitOr);
  } else {
    ExprNode* first = ParseStarNamedExpression();
    if (K() != Tok::kColon) {
      // set or set comprehension
      if (K() == Tok::kFor || (K() == Tok::kAsync && KAt(1) == Tok::kFor)) {
        auto* sc = New<SetComp>();
        sc->elt = first;
        sc->generators = ParseComprehensions();
        Expect(Tok::kRBrace);
        Span(sc, start);
        return sc;
      }
      size_t mark = Mark();
      Push(first);
      while (Eat(Tok::kComma)) {
        if (K() == Tok::kRBrace) break;
        size_t before = p_;
        Push(ParseStarNamedExpression());
        if (p_ == before) break;
      }
      auto* s = New<Set>();
      s->elts = Take<ExprNode>(mark);
      Expect(Tok::kRBrace);
      Span(s, start);
      return s;
    }
    Advance();  // :
    first_key = first;
    first_value = ParseExpression();
    if (K() == Tok::kFor || (K() == Tok::kAsync && KAt(1) == Tok::kFor)) {
      auto* dc = New<DictComp>();
      dc->key = first_key;
      dc->value = first_value;
      dc->generators = ParseComprehensions();
      Expect(Tok::kRBrace);
      Span(dc, start);
      return dc;
    }
  }
  // Keys and values are collected as pairs on the scratch stack.
  size_t mark = Mark();
  Push(first_key);
  Push(first_value);
  while (Eat(Tok::kComma)) {
    if (K() == Tok::kRBrace) break;
    size_t before = p_;
    if (Eat(Tok::kDoubleStar)) {
      Push(nullptr);
      Push(ParseBinary(kPrecBitOr));
    } else {
      Push(ParseExpression());
      if (!Expect(Tok::kColon)) {
        Push(Invalid(p_));
        break;
      }
      Push(ParseExpression());
    }
    if (p_ == before) break;
  }
  auto* d = New<Dict>();
  uint32_t pairs = static_cast<uint32_t>((scratch_.size() - mark) / 2);
  d->keys.count = d->values.count = pairs;
  d->keys.items = arena_.NewArray<ExprNode*>(pairs);
  d->values.items = arena_.NewArray<ExprNode*>(pairs);
  for (uint32_t i = 0; i < pairs; ++i) {
    d->keys.items[i] = static_cast<ExprNode*>(scratch_[mark + 2 * i]);
    d->values.items[i] = static_cast<ExprNode*>(scratch_[mark + 2 * i + 1]);
  }
  scratch_.resize(mark);
  Expect(Tok::kRBrace);
  Span(d, start);
  return d;
}

NodeList<Comprehension> Parser::ParseComprehensions() {
  size_t mark = Mark();
  while (K() == Tok::kFor || (K() == Tok::kAsync && KAt(1) == Tok::kFor)) {
    auto* c = New<Comprehension>();
    c->is_async = Eat(Tok::kAsync) ? 1 : 0;
    Advance();  // for
    c->target = ParseStarTargets();
    SetContext(c->target, ExprContext::kStore, "assign to", true, false);
    if (!Eat(Tok::kIn)) {
      InvalidSyntax();
      c->iter = Invalid(p_);
    } else {
      c->iter = ParseDisjunction();
    }
    size_t if_mark = Mark();
    while (Eat(Tok::kIf)) Push(ParseDisjunction());
    c->ifs = Take<ExprNode>(if_mark);
    Push(c);
  }
  return Take<Comprehension>(mark);
}

ExprNode* Parser::ParseStarExpression() {
  if (K() != Tok::kStar) return ParseExpression();
  size_t start = p_;
  Advance();
  auto* s = New<Starred>();
  s->value = ParseBinary(kPrecBitOr);
  s->ctx = ExprContext::kLoad;
  Span(s, start);
  return s;
}

ExprNode* Parser::ParseStarNamedExpression() {
  if (K() != Tok::kStar) return ParseNamedExpression();
  return ParseStarExpression();
}

ExprNode* Parser::ParseStarExpressions() {
  size_t start = p_;
  ExprNode* first = ParseStarExpression();
  if (K() != Tok::kComma) return first;
  size_t mark = Mark();
  Push(first);
  OperatorKind aug;
  while (Eat(Tok::kComma)) {
    Tok k = K();
    if (k == Tok::kNewline || k == Tok::kSemi || k == Tok::kEqual || k == Tok::kRPar || k == Tok::kRSqb ||
        k == Tok::kRBrace || k == Tok::kColon || k == Tok::kEndMarker || k == Tok::kExclamation ||
        k == Tok::kIn || AugmentedOperator(k, &aug))
      break;
    size_t before = p_;
    Push(ParseStarExpression());
    if (p_ == before) break;
  }
  auto* t = New<Tuple>();
  t->elts = Take<ExprNode>(mark);
  t->ctx = ExprContext::kLoad;
  Span(t, start);
  return t;
}

ExprNode* Parser::ParseYieldExpr() {
  size_t start = p_;
  Advance();  // yield
  if (Eat(Tok::kFrom)) {
    auto* y = New<YieldFrom>();
    y->value = ParseExpression();
    Span(y, start);
    return y;
  }
  auto* y = New<Yield>();
  Tok k = K();
  if (!(k == Tok::kNewline || k == Tok::kSemi || k == Tok::kRPar || k == Tok::kRSqb || k == Tok::kRBrace ||
        k == Tok::kEqual || k == Tok::kEndMarker || k == Tok::kColon || k == Tok::kExclamation))
    y->value = ParseStarExpressions();
  Span(y, start);
  return y;
}

ExprNode* Parser::ParseLambda() {
  size_t start = p_;
  DepthGuard guard(this);
  if (TooDeep()) return AbandonLine(start, "too many nested expressions");
  Advance();  // lambda
  auto* l = New<Lambda>();
  l->args = ParseParameters(true, Tok::kColon);
  if (!Expect(Tok::kColon)) {
    l->body = Invalid(p_);
  } else {
    l->body = ParseExpression();
  }
  Span(l, start);
  return l;
}

ExprNode* Parser::ParseStarTargets() {
  size_t start = p_;
  auto one = [&]() -> ExprNode* {
    if (K() == Tok::kStar) {
      size_t s0 = p_;
      Advance();
      auto* s = New<Starred>();
      s->value = ParseBinary(kPrecBitOr);
      s->ctx = ExprContext::kLoad;
      Span(s, s0);
      return s;
    }
    return ParseBinary(kPrecBitOr);
  };
  ExprNode* first = one();
  if (K() != Tok::kComma) return first;
  size_t mark = Mark();
  Push(first);
  while (Eat(Tok::kComma)) {
    if (K() == Tok::kIn || K() == Tok::kEqual || K() == Tok::kColon) break;
    size_t before = p_;
    Push(one());
    if (p_ == before) break;
  }
  auto* t = New<Tuple>();
  t->elts = Take<ExprNode>(mark);
  t->ctx = ExprContext::kLoad;
  Span(t, start);
  return t;
}

ExprNode* Parser::ParseSingleTarget() {
  if (K() != Tok::kStar) return ParseBinary(kPrecBitOr);
  size_t start = p_;
  Advance();
  auto* s = New<Starred>();
  s->value = ParseBinary(kPrecBitOr);
  s->ctx = ExprContext::kLoad;
  Span(s, start);
  return s;
}

// ---- strings and f-strings

void Parser::FlushLiteral(std::string& pending, size_t* pending_start, size_t end_index) {
  if (pending.empty()) {
    *pending_start = SIZE_MAX;
    return;
  }
  auto* c = New<Constant>();
  c->value.kind = ConstantKind::kStr;
  c->value.text = arena_.CopyString(pending);
  size_t s = *pending_start == SIZE_MAX ? end_index : *pending_start;
  StartAt(c, toks_[s]);
  EndAt(c, toks_[end_index]);
  Push(c);
  pending.clear();
  *pending_start = SIZE_MAX;
}

ExprNode* Parser::ParseStrings() {
  size_t start = p_;
  // Fast path: one plain literal without escapes (most strings) points into the
  // decoded source, which lives in the arena too; no copy, no allocation.
  if (K() == Tok::kString && KAt(1) != Tok::kString && KAt(1) != Tok::kFStringStart) {
    const Token& t = Cur();
    std::string_view text = Text(t);
    size_t q = text.find_first_of("'\"");
    size_t quote_len = (t.flags & kTripleQuoted) ? 3 : 1;
    std::string_view body = text.substr(q + quote_len, text.size() - q - 2 * quote_len);
    bool simple = body.find('\\') == std::string_view::npos;
    if (simple && (t.flags & kPrefixBytes)) {
      for (unsigned char c : body) simple &= c < 0x80;
    }
    if (simple) {
      auto* c = New<Constant>();
      c->value.kind = (t.flags & kPrefixBytes) ? ConstantKind::kBytes : ConstantKind::kStr;
      c->value.text = body;
      if (t.flags & kPrefixUnicode) c->string_kind = OptString{"u", true};
      Advance();
      Span(c, start);
      return c;
    }
  }
  bool any_f = false, any_bytes = false, any_str = false;
  bool first_u = false;
  std::string pending;
  size_t pending_start = SIZE_MAX;
  size_t mark = Mark();
  bool first = true;
  while (K() == Tok::kString || K() == Tok::kFStringStart) {
    const Token& t = Cur();
    uint8_t flags = t.flags;
    if (first) first_u = (flags & kPrefixUnicode) != 0;
    first = false;
    if (flags & kPrefixBytes) any_bytes = true;
    else any_str = true;
    if (any_bytes && any_str) ErrorAt(t, "cannot mix bytes and nonbytes literals");
    std::string_view text = Text(t);
    size_t q = text.find_first_of("'\"");
    size_t quote_len = (flags & kTripleQuoted) ? 3 : 1;
    if (K() == Tok::kString) {
      std::string_view body = text.substr(q + quote_len, text.size() - q - 2 * quote_len);
      size_t off = 0;
      if (pending_start == SIZE_MAX) pending_start = p_;
      std::string err = DecodeStringBody(body, flags & kPrefixRaw, flags & kPrefixBytes, pending, &off);
      if (!err.empty()) ErrorAt(t, err);
      Advance();
      continue;
    }
    // f-string
    any_f = true;
    bool raw = (flags & kPrefixRaw) != 0;
    Advance();
    while (K() != Tok::kFStringEnd && K() != Tok::kEndMarker) {
      if (K() == Tok::kFStringMiddle) {
        std::string_view middle = Text(Cur());
        if (pending_start == SIZE_MAX) pending_start = p_;
        fstring_buf_.clear();
        for (size_t i = 0; i < middle.size(); ++i) {
          fstring_buf_ += middle[i];
          if ((middle[i] == '{' || middle[i] == '}') && i + 1 < middle.size() && middle[i + 1] == middle[i]) ++i;
        }
        size_t off = 0;
        std::string body = fstring_buf_;
        std::string err = DecodeStringBody(body, raw, false, pending, &off);
        if (!err.empty()) ErrorAt(Cur(), err);
        Advance();
      } else if (K() == Tok::kLBrace) {
        ParseReplacementField(pending, &pending_start, mark, raw);
      } else {
        InvalidSyntax();
        while (K() != Tok::kFStringEnd && K() != Tok::kEndMarker && K() != Tok::kNewline) Advance();
        break;
      }
    }
    Eat(Tok::kFStringEnd);
  }
  if (!any_f) {
    auto* c = New<Constant>();
    c->value.kind = any_bytes ? ConstantKind::kBytes : ConstantKind::kStr;
    c->value.text = arena_.CopyString(pending);
    if (first_u) c->string_kind = OptString{"u", true};
    Span(c, start);
    return c;
  }
  FlushLiteral(pending, &pending_start, p_ - 1);
  auto* j = New<JoinedStr>();
  j->values = Take<ExprNode>(mark);
  Span(j, start);
  return j;
}

void Parser::ParseReplacementField(std::string& pending, size_t* pending_start, size_t mark, bool raw) {
  size_t open = p_;
  (void)mark;
  if (bracket_depth_ >= options_.max_bracket_depth) {
    AbandonLine(open, "too many nested parentheses");
    return;
  }
  DepthGuard guard(this);
  ++bracket_depth_;
  Advance();  // {
  auto* fv = New<FormattedValue>();
  fv->conversion = -1;
  if (K() == Tok::kRBrace || K() == Tok::kColon || K() == Tok::kExclamation || K() == Tok::kEqual) {
    ErrorAt(Cur(), "f-string: valid expression required before '" + std::string(Text(Cur())) + "'");
    fv->value = Invalid(p_);
  } else if (K() == Tok::kYield) {
    fv->value = ParseYieldExpr();
  } else {
    fv->value = ParseStarExpressions();
  }
  bool debug = false;
  if (K() == Tok::kEqual) {
    Advance();
    debug = true;
    // The text from after `{` through `=` and the blanks after it.
    const Token& brace = toks_[open];
    std::string_view text = src_.substr(brace.end, Cur().start - brace.end);
    if (*pending_start == SIZE_MAX) *pending_start = open;
    pending.append(text);
  }
  // The literal ends with the token before `{` (or, with only `=` text, at `{`).
  FlushLiteral(pending, pending_start, *pending_start < open ? open - 1 : open);
  if (K() == Tok::kExclamation) {
    Advance();
    std::string_view conv = K() == Tok::kName ? Text(Cur()) : std::string_view();
    if (conv == "s" || conv == "r" || conv == "a") {
      fv->conversion = conv[0];
      Advance();
    } else {
      ErrorAt(Cur(), "f-string: invalid conversion character: expected 's', 'r', or 'a'");
      if (K() == Tok::kName) Advance();
    }
  }
  if (K() == Tok::kColon) {
    size_t colon = p_;
    Advance();
    fv->format_spec = ParseFormatSpec(colon, raw);
  }
  if (debug && fv->conversion == -1 && !fv->format_spec) fv->conversion = 'r';
  if (!Eat(Tok::kRBrace)) {
    ErrorAt(Cur(), "f-string: expecting '}'");
    while (K() != Tok::kRBrace && K() != Tok::kFStringEnd && K() != Tok::kEndMarker && K() != Tok::kNewline) Advance();
    Eat(Tok::kRBrace);
  }
  --bracket_depth_;
  Span(fv, open);
  Push(fv);
}

JoinedStr* Parser::ParseFormatSpec(size_t colon_index, bool raw) {
  size_t mark = Mark();
  std::string pending;
  size_t pending_start = SIZE_MAX;
  while (K() == Tok::kFStringMiddle || K() == Tok::kLBrace) {
    if (K() == Tok::kFStringMiddle) {
      if (pending_start == SIZE_MAX) pending_start = p_;
      size_t off = 0;
      std::string err = DecodeStringBody(Text(Cur()), raw, false, pending, &off);
      if (!err.empty()) ErrorAt(Cur(), err);
      Advance();
    } else {
      ParseReplacementField(pending, &pending_start, mark, raw);
    }
  }
  FlushLiteral(pending, &pending_start, p_ - 1);
  auto* j = New<JoinedStr>();
  j->values = Take<ExprNode>(mark);
  // The spec spans from after the colon to the closing brace (exclusive).
  const Token& colon = toks_[colon_index];
  j->lineno = colon.end_lineno;
  j->col_offset = colon.end_col;
  j->end_lineno = Cur().lineno;
  j->end_col_offset = Cur().col;
  return j;
}

// ---- parameters

Arg* Parser::ParseParam(bool lambda, bool star_annotation) {
  size_t start = p_;
  auto* a = New<Arg>();
  a->arg = ExpectName();
  if (!lambda && Eat(Tok::kColon)) {
    if (star_annotation && K() == Tok::kStar) {
      size_t s0 = p_;
      Advance();
      auto* s = New<Starred>();
      s->value = ParseBinary(kPrecBitOr);
      s->ctx = ExprContext::kLoad;
      Span(s, s0);
      a->annotation = s;
    } else {
      a->annotation = ParseExpression();
    }
  }
  Span(a, start);
  return a;
}

Arguments* Parser::ParseParameters(bool lambda, Tok closer) {
  auto* args = New<Arguments>();
  std::vector<Node*> posonly, plain, kwonly, kw_defaults, defaults;
  bool seen_star = false, seen_slash = false, seen_kwarg = false;
  while (K() != closer && K() != Tok::kEndMarker && K() != Tok::kNewline) {
    size_t before = p_;
    if (seen_kwarg) {
      ErrorAt(Cur(), lambda ? "arguments cannot follow var-keyword argument"
                            : "arguments cannot follow var-keyword argument");
    }
    if (K() == Tok::kStar) {
      if (seen_star) ErrorAt(Cur(), "* argument may appear only once");
      Advance();
      seen_star = true;
      if (K() == Tok::kComma || K() == closer) {
        if (K() == closer || (KAt(1) == closer) || KAt(1) == Tok::kDoubleStar)
          ErrorAt(Cur(), "named arguments must follow bare *");
      } else {
        args->vararg = ParseParam(lambda, true);
        if (K() == Tok::kEqual) ErrorAt(Cur(), "var-positional argument cannot have default value");
      }
    } else if (K() == Tok::kDoubleStar) {
      Advance();
      args->kwarg = ParseParam(lambda, false);
      seen_kwarg = true;
      if (K() == Tok::kEqual) ErrorAt(Cur(), "var-keyword argument cannot have default value");
    } else if (K() == Tok::kSlash) {
      if (seen_star) ErrorAt(Cur(), "/ must be ahead of *");
      else if (seen_slash) ErrorAt(Cur(), "/ may appear only once");
      else if (plain.empty()) ErrorAt(Cur(), "at least one argument must precede /");
      Advance();
      seen_slash = true;
      posonly.insert(posonly.end(), plain.begin(), plain.end());
      plain.clear();
    } else {
      Arg* a = ParseParam(lambda, false);
      ExprNode* def = nullptr;
      if (Eat(Tok::kEqual)) def = ParseExpression();
      if (!seen_star) {
        if (def) defaults.push_back(def);
        else if (!defaults.empty()) ErrorNode(a, "parameter without a default follows parameter with a default");
        plain.push_back(a);
      } else {
        kwonly.push_back(a);
        kw_defaults.push_back(def);
      }
    }
    if (!Eat(Tok::kComma)) break;
    if (p_ == before) break;
  }
  args->posonlyargs = ListOf<Arg>(posonly);
  args->args = ListOf<Arg>(plain);
  args->kwonlyargs = ListOf<Arg>(kwonly);
  args->kw_defaults = ListOf<ExprNode>(kw_defaults);
  args->defaults = ListOf<ExprNode>(defaults);
  return args;
}

NodeList<TypeParamNode> Parser::ParseTypeParams() {
  size_t mark = Mark();
  Advance();  // [
  while (K() != Tok::kRSqb && K() != Tok::kEndMarker && K() != Tok::kNewline) {
    size_t start = p_;
    TypeParamNode* tp;
    if (Eat(Tok::kStar)) {
      auto* t = New<TypeVarTuple>();
      t->name = ExpectName();
      if (Eat(Tok::kEqual)) t->default_value = ParseStarExpression();
      tp = t;
    } else if (Eat(Tok::kDoubleStar)) {
      auto* t = New<ParamSpec>();
      t->name = ExpectName();
      if (Eat(Tok::kEqual)) t->default_value = ParseExpression();
      tp = t;
    } else {
      auto* t = New<TypeVar>();
      t->name = ExpectName();
      if (Eat(Tok::kColon)) t->bound = ParseExpression();
      if (Eat(Tok::kEqual)) t->default_value = ParseExpression();
      tp = t;
    }
    Span(tp, start);
    Push(tp);
    if (!Eat(Tok::kComma)) break;
    if (p_ == start) break;
  }
  if (Mark() == mark) ErrorAt(Cur(), "Type parameter list cannot be empty");
  Expect(Tok::kRSqb);
  return Take<TypeParamNode>(mark);
}

// ---- targets

const char* Parser::DescribeInvalidTarget(const ExprNode* e) const {
  switch (e->kind) {
    case NodeKind::kCall: return "function call";
    case NodeKind::kCompare: return "comparison";
    case NodeKind::kBinOp:
    case NodeKind::kUnaryOp:
    case NodeKind::kBoolOp: return "expression";
    case NodeKind::kLambda: return "lambda";
    case NodeKind::kIfExp: return "conditional expression";
    case NodeKind::kNamedExpr: return "named expression";
    case NodeKind::kAwait: return "await expression";
    case NodeKind::kYield:
    case NodeKind::kYieldFrom: return "yield expression";
    case NodeKind::kListComp: return "list comprehension";
    case NodeKind::kSetComp: return "set comprehension";
    case NodeKind::kDictComp: return "dict comprehension";
    case NodeKind::kGeneratorExp: return "generator expression";
    case NodeKind::kDict: return "dict literal";
    case NodeKind::kSet: return "set display";
    case NodeKind::kJoinedStr:
    case NodeKind::kFormattedValue: return "f-string expression";
    case NodeKind::kConstant: {
      const auto* c = static_cast<const Constant*>(e);
      if (c->value.kind == ConstantKind::kNone) return "None";
      if (c->value.kind == ConstantKind::kBool) return c->value.bool_value ? "True" : "False";
      if (c->value.kind == ConstantKind::kEllipsis) return "ellipsis";
      return "literal";
    }
    default: return "expression";
  }
}

void Parser::SetContext(ExprNode* e, ExprContext ctx, const char* verb, bool top, bool hint) {
  switch (e->kind) {
    case NodeKind::kName:
      static_cast<Name*>(e)->ctx = ctx;
      if (static_cast<Name*>(e)->id->text == "__debug__") ErrorNode(e, std::string("cannot ") + verb + " __debug__");
      return;
    case NodeKind::kAttribute: static_cast<Attribute*>(e)->ctx = ctx; return;
    case NodeKind::kSubscript: static_cast<Subscript*>(e)->ctx = ctx; return;
    case NodeKind::kStarred:
      static_cast<Starred*>(e)->ctx = ctx;
      if (ctx == ExprContext::kDel) {
        ErrorNode(e, "cannot delete starred");
        return;
      }
      SetContext(static_cast<Starred*>(e)->value, ctx, verb, false, false);
      return;
    case NodeKind::kTuple:
      static_cast<Tuple*>(e)->ctx = ctx;
      for (ExprNode* elt : static_cast<Tuple*>(e)->elts) SetContext(elt, ctx, verb, false, false);
      return;
    case NodeKind::kList:
      static_cast<List*>(e)->ctx = ctx;
      for (ExprNode* elt : static_cast<List*>(e)->elts) SetContext(elt, ctx, verb, false, false);
      return;
    case NodeKind::kInvalidExpr:
      return;
    default: {
      std::string message = std::string("cannot ") + verb + " " + DescribeInvalidTarget(e);
      if (hint && top && (e->kind == NodeKind::kCall || e->kind == NodeKind::kConstant || e->kind == NodeKind::kBinOp ||
                          e->kind == NodeKind::kCompare || e->kind == NodeKind::kBoolOp ||
                          e->kind == NodeKind::kUnaryOp || e->kind == NodeKind::kAttribute))
        message += " here. Maybe you meant '==' instead of '='?";
      ErrorNode(e, std::move(message));
      return;
    }
  }
}

// ============================================================ statements

Module* Parser::ParseModule() {
  auto* m = New<Module>();
  size_t mark = Mark();
  while (K() != Tok::kEndMarker) {
    size_t before = p_;
    ParseStatement();
    if (p_ == before) Advance();  // never loop without progress
  }
  m->body = Take<StmtNode>(mark);
  return m;
}

void Parser::ParseStatement() {
  stmt_error_ = false;
  size_t start = p_;
  switch (K()) {
    case Tok::kDef:
      ParseFunctionDef(start, false, {});
      return;
    case Tok::kClass:
      ParseClassDef(start, {});
      return;
    case Tok::kIf:
      ParseIf(false);
      return;
    case Tok::kWhile:
      ParseWhile();
      return;
    case Tok::kFor:
      ParseFor(start, false);
      return;
    case Tok::kTry:
      ParseTry();
      return;
    case Tok::kWith:
      ParseWith(start, false);
      return;
    case Tok::kAt:
      ParseDecorated();
      return;
    case Tok::kAsync:
      if (KAt(1) == Tok::kDef) {
        Advance();
        ParseFunctionDef(start, true, {});
        return;
      }
      if (KAt(1) == Tok::kFor) {
        Advance();
        ParseFor(start, true);
        return;
      }
      if (KAt(1) == Tok::kWith) {
        Advance();
        ParseWith(start, true);
        return;
      }
      break;
    case Tok::kIndent: {
      ErrorAt(Cur(), "unexpected indent");
      Advance();
      while (K() != Tok::kDedent && K() != Tok::kEndMarker) {
        size_t before = p_;
        ParseStatement();
        if (p_ == before) Advance();
      }
      Eat(Tok::kDedent);
      return;
    }
    case Tok::kDedent:
    case Tok::kNewline:
      Advance();
      return;
    case Tok::kName:
      if (Text(Cur()) == "match" && TryParseMatch()) return;
      break;
    default:
      break;
  }
  ParseSimpleStatements();
}

void Parser::ParseSimpleStatements() {
  while (true) {
    size_t before = p_;
    ParseSimpleStatement();
    if (p_ == before) break;
    if (!Eat(Tok::kSemi)) break;
    if (K() == Tok::kNewline || K() == Tok::kEndMarker) break;
  }
  if (Eat(Tok::kNewline)) return;
  if (K() == Tok::kEndMarker) return;
  InvalidSyntax();
  // Resynchronise at the end of the logical line; an indented block that
  // follows (a broken compound header) is parsed and kept.
  size_t start = p_;
  while (K() != Tok::kNewline && K() != Tok::kEndMarker) Advance();
  if (p_ > start) {
    auto* bad = New<InvalidStmt>();
    Span(bad, start);
    bad->flags |= kNodeHasError;
    Push(bad);
  }
  Eat(Tok::kNewline);
  if (K() == Tok::kIndent) {
    Advance();
    while (K() != Tok::kDedent && K() != Tok::kEndMarker) {
      size_t before = p_;
      ParseStatement();
      if (p_ == before) Advance();
    }
    Eat(Tok::kDedent);
  }
}

// `pass`, `break`, `continue`: the keyword is the whole statement.
template <class T>
void Parser::PushKeywordStatement(size_t start) {
  Advance();
  auto* statement = New<T>();
  Span(statement, start);
  Push(statement);
}

void Parser::ParseSimpleStatement() {
  size_t start = p_;
  switch (K()) {
    case Tok::kPass:
      return PushKeywordStatement<Pass>(start);
    case Tok::kBreak:
      return PushKeywordStatement<Break>(start);
    case Tok::kContinue:
      return PushKeywordStatement<Continue>(start);
    case Tok::kReturn: {
      Advance();
      auto* s = New<Return>();
      if (!AtStmtEnd()) s->value = ParseStarExpressions();
      Span(s, start);
      Push(s);
      return;
    }
    case Tok::kRaise: {
      Advance();
      auto* s = New<Raise>();
      if (!AtStmtEnd()) {
        s->exc = ParseExpression();
        if (Eat(Tok::kFrom)) s->cause = ParseExpression();
      }
      Span(s, start);
      Push(s);
      return;
    }
    case Tok::kGlobal:
    case Tok::kNonlocal:
      ParseGlobal(K() == Tok::kNonlocal);
      return;
    case Tok::kDel: {
      Advance();
      auto* s = New<Delete>();
      size_t mark = Mark();
      while (!AtStmtEnd()) {
        size_t before = p_;
        ExprNode* t = ParseBinary(kPrecBitOr);
        SetContext(t, ExprContext::kDel, "delete", true, false);
        Push(t);
        if (!Eat(Tok::kComma) || p_ == before) break;
      }
      if (Mark() == mark) InvalidSyntax();
      s->targets = Take<ExprNode>(mark);
      Span(s, start);
      Push(s);
      return;
    }
    case Tok::kAssert: {
      Advance();
      auto* s = New<Assert>();
      s->test = ParseExpression();
      if (Eat(Tok::kComma)) s->msg = ParseExpression();
      Span(s, start);
      Push(s);
      return;
    }
    case Tok::kImport:
      ParseImport();
      return;
    case Tok::kFrom:
      ParseFromImport();
      return;
    case Tok::kName:
      if (Text(Cur()) == "type" && KAt(1) == Tok::kName && (KAt(2) == Tok::kEqual || KAt(2) == Tok::kLSqb)) {
        ParseTypeAlias();
        return;
      }
      break;
    default:
      break;
  }
  ParseExpressionStatement();
}

void Parser::ParseExpressionStatement() {
  size_t start = p_;
  ExprNode* first = K() == Tok::kYield ? ParseYieldExpr() : ParseStarExpressions();
  if (K() == Tok::kColon) {
    Advance();
    auto* s = New<AnnAssign>();
    s->target = first;
    if (first->kind == NodeKind::kTuple && !(first->flags & kNodeParenthesized))
      ErrorNode(first, "only single target (not tuple) can be annotated");
    else if (first->kind == NodeKind::kList)
      ErrorNode(first, "only single target (not list) can be annotated");
    else if (first->kind == NodeKind::kTuple)
      ErrorNode(first, "only single target (not tuple) can be annotated");
    else if (first->kind != NodeKind::kName && first->kind != NodeKind::kAttribute &&
             first->kind != NodeKind::kSubscript)
      ErrorNode(first, std::string("illegal target for annotation"));
    else
      SetContext(first, ExprContext::kStore, "assign to", true, false);
    s->simple = (first->kind == NodeKind::kName && !(first->flags & kNodeParenthesized)) ? 1 : 0;
    s->annotation = ParseExpression();
    if (Eat(Tok::kEqual)) s->value = K() == Tok::kYield ? ParseYieldExpr() : ParseStarExpressions();
    Span(s, start);
    Push(s);
    return;
  }
  if (K() == Tok::kEqual) {
    size_t mark = Mark();
    ExprNode* value = first;
    while (Eat(Tok::kEqual)) {
      SetContext(value, ExprContext::kStore, "assign to", true, true);
      Push(value);
      size_t before = p_;
      value = K() == Tok::kYield ? ParseYieldExpr() : ParseStarExpressions();
      if (p_ == before) break;
    }
    auto* s = New<Assign>();
    s->targets = Take<ExprNode>(mark);
    s->value = value;
    Span(s, start);
    Push(s);
    return;
  }
  OperatorKind op;
  if (AugmentedOperator(K(), &op)) {
    if (first->kind != NodeKind::kName && first->kind != NodeKind::kAttribute && first->kind != NodeKind::kSubscript) {
      const char* what = first->kind == NodeKind::kTuple ? "tuple"
                         : first->kind == NodeKind::kList ? "list"
                         : first->kind == NodeKind::kStarred ? "starred"
                                                             : DescribeInvalidTarget(first);
      ErrorNode(first, std::string("'") + what + "' is an illegal expression for augmented assignment");
    } else {
      SetContext(first, ExprContext::kStore, "assign to", true, false);
    }
    Advance();
    auto* s = New<AugAssign>();
    s->target = first;
    s->op = op;
    s->value = K() == Tok::kYield ? ParseYieldExpr() : ParseStarExpressions();
    Span(s, start);
    Push(s);
    return;
  }
  auto* s = New<Expr>();
  s->value = first;
  Span(s, start);
  if (first->kind == NodeKind::kName && K() != Tok::kNewline && K() != Tok::kSemi && K() != Tok::kEndMarker) {
    std::string_view name = static_cast<Name*>(first)->id->text;
    if ((name == "print" || name == "exec") && K() != Tok::kError)
      ErrorAt(toks_[start], "Missing parentheses in call to '" + std::string(name) + "'. Did you mean " +
                                std::string(name) + "(...)?");
  }
  Push(s);
}

bool Parser::ExpectColonOrRecover() {
  if (Eat(Tok::kColon)) return true;
  ErrorAt(Cur(), "expected ':'");
  int depth = 0;
  while (K() != Tok::kNewline && K() != Tok::kEndMarker) {
    Tok k = K();
    if (k == Tok::kLPar || k == Tok::kLSqb || k == Tok::kLBrace) ++depth;
    else if (k == Tok::kRPar || k == Tok::kRSqb || k == Tok::kRBrace) --depth;
    else if (k == Tok::kColon && depth <= 0) {
      Advance();
      return true;
    }
    Advance();
  }
  return true;  // ParseBlock takes the NEWLINE and the indented block
}

NodeList<StmtNode> Parser::ParseBlock(const std::string& what, const Token& header) {
  size_t mark = Mark();
  if (Eat(Tok::kNewline)) {
    if (!Eat(Tok::kIndent)) {
      ErrorAt(Cur(), "expected an indented block after " + what + " on line " + std::to_string(header.lineno));
      return Take<StmtNode>(mark);
    }
    while (K() != Tok::kDedent && K() != Tok::kEndMarker) {
      size_t before = p_;
      ParseStatement();
      if (p_ == before) Advance();
    }
    Eat(Tok::kDedent);
  } else if (K() == Tok::kEndMarker) {
    ErrorAt(Cur(), "expected an indented block after " + what + " on line " + std::to_string(header.lineno));
  } else {
    ParseSimpleStatements();
  }
  return Take<StmtNode>(mark);
}


void Parser::ParseIf(bool elif) {
  size_t start = p_;
  const Token& header = Cur();
  Advance();  // if / elif
  auto* s = New<If>();
  s->test = ParseNamedExpression();
  ExpectColonOrRecover();
  Span(s, start);
  s->body = ParseBlock(elif ? "'elif' statement" : "'if' statement", header);
  EndAtLast(s, s->body);
  if (K() == Tok::kElif) {
    size_t mark = Mark();
    stmt_error_ = false;
    ParseIf(true);
    s->orelse = Take<StmtNode>(mark);
    EndAtLast(s, s->orelse);
  } else if (K() == Tok::kElse) {
    const Token& else_tok = Cur();
    stmt_error_ = false;
    Advance();
    ExpectColonOrRecover();
    s->orelse = ParseBlock("'else' statement", else_tok);
    EndAtLast(s, s->orelse);
  }
  Push(s);
}

void Parser::ParseWhile() {
  size_t start = p_;
  const Token& header = Cur();
  Advance();
  auto* s = New<While>();
  s->test = ParseNamedExpression();
  ExpectColonOrRecover();
  Span(s, start);
  s->body = ParseBlock("'while' statement", header);
  EndAtLast(s, s->body);
  if (K() == Tok::kElse) {
    const Token& else_tok = Cur();
    stmt_error_ = false;
    Advance();
    ExpectColonOrRecover();
    s->orelse = ParseBlock("'else' statement", else_tok);
    EndAtLast(s, s->orelse);
  }
  Push(s);
}

void Parser::ParseFor(size_t start, bool is_async) {
  const Token& header = Cur();
  Advance();  // for
  ExprNode* target = ParseStarTargets();
  SetContext(target, ExprContext::kStore, "assign to", true, false);
  ExprNode* iter;
  if (!Eat(Tok::kIn)) {
    InvalidSyntax();
    iter = Invalid(p_);
  } else {
    iter = ParseStarExpressions();
  }
  ExpectColonOrRecover();
  NodeList<StmtNode> body = ParseBlock("'for' statement", header);
  NodeList<StmtNode> orelse;
  if (K() == Tok::kElse) {
    const Token& else_tok = Cur();
    stmt_error_ = false;
    Advance();
    ExpectColonOrRecover();
    orelse = ParseBlock("'else' statement", else_tok);
  }
  StmtNode* node;
  if (is_async) {
    auto* s = New<AsyncFor>();
    s->target = target, s->iter = iter, s->body = body, s->orelse = orelse;
    node = s;
  } else {
    auto* s = New<For>();
    s->target = target, s->iter = iter, s->body = body, s->orelse = orelse;
    node = s;
  }
  StartAt(node, toks_[start]);
  EndAt(node, toks_[start]);
  EndAtLast(node, body);
  EndAtLast(node, orelse);
  Push(node);
}

void Parser::ParseWith(size_t start, bool is_async) {
  const Token& header = Cur();
  Advance();  // with
  size_t mark = Mark();
  auto parse_item = [&]() {
    auto* item = New<WithItem>();
    item->context_expr = ParseExpression();
    if (Eat(Tok::kAs)) {
      item->optional_vars = ParseSingleTarget();
      SetContext(item->optional_vars, ExprContext::kStore, "assign to", true, false);
    }
    Push(item);
  };
  bool done = false;
  if (K() == Tok::kLPar) {
    // `with (a as b, c):` groups items; `with (a, b) as c:` is a tuple. Try the
    // grouped form first, as CPython's grammar does.
    Checkpoint cp = Save();
    ++speculative_;
    spec_failed_ = false;
    Advance();
    while (K() != Tok::kRPar && K() != Tok::kEndMarker) {
      size_t before = p_;
      parse_item();
      if (!Eat(Tok::kComma) || p_ == before) break;
    }
    bool ok = !spec_failed_ && Eat(Tok::kRPar) && K() == Tok::kColon;
    --speculative_;
    if (ok) {
      spec_failed_ = cp.spec_failed;
      done = true;
    } else {
      Restore(cp);
    }
  }
  if (!done) {
    while (true) {
      size_t before = p_;
      parse_item();
      if (!Eat(Tok::kComma) || p_ == before) break;
    }
  }
  NodeList<WithItem> items = Take<WithItem>(mark);
  ExpectColonOrRecover();
  NodeList<StmtNode> body = ParseBlock("'with' statement", header);
  StmtNode* node;
  if (is_async) {
    auto* s = New<AsyncWith>();
    s->items = items, s->body = body;
    node = s;
  } else {
    auto* s = New<With>();
    s->items = items, s->body = body;
    node = s;
  }
  StartAt(node, toks_[start]);
  EndAt(node, toks_[start]);
  EndAtLast(node, body);
  Push(node);
}

void Parser::ParseTry() {
  size_t start = p_;
  const Token& header = Cur();
  Advance();
  ExpectColonOrRecover();
  NodeList<StmtNode> body = ParseBlock("'try' statement", header);
  size_t mark = Mark();
  bool any_star = false, any_plain = false;
  while (K() == Tok::kExcept) {
    stmt_error_ = false;
    size_t hstart = p_;
    const Token& except_tok = Cur();
    Advance();
    bool star = Eat(Tok::kStar);
    if (star) any_star = true;
    else any_plain = true;
    if (any_star && any_plain) ErrorAt(except_tok, "cannot have both 'except' and 'except*' on the same 'try'");
    auto* h = New<ExceptHandler>();
    if (K() != Tok::kColon) {
      if (star && K() == Tok::kColon) ErrorAt(Cur(), "expected one or more exception types");
      h->type = ParseExpression();
      if (K() == Tok::kComma) {
        ErrorAt(Cur(), "multiple exception types must be parenthesized");
        // Keep going as CPython 3.14 would: a tuple of the types.
        size_t tmark = Mark();
        Push(h->type);
        while (Eat(Tok::kComma)) {
          size_t before = p_;
          Push(ParseExpression());
          if (p_ == before) break;
        }
        auto* t = New<Tuple>();
        t->elts = Take<ExprNode>(tmark);
        StartAt(t, h->type);
        EndAt(t, Prev());
        h->type = t;
      }
      if (Eat(Tok::kAs)) h->name = ExpectName();
    } else if (star) {
      ErrorAt(Cur(), "expected one or more exception types");
    }
    ExpectColonOrRecover();
    Span(h, hstart);
    h->body = ParseBlock(star ? "'except*' statement" : "'except' statement", except_tok);
    EndAtLast(h, h->body);
    Push(h);
  }
  NodeList<ExceptHandler> handlers = Take<ExceptHandler>(mark);
  NodeList<StmtNode> orelse, finalbody;
  if (K() == Tok::kElse) {
    const Token& else_tok = Cur();
    stmt_error_ = false;
    Advance();
    ExpectColonOrRecover();
    orelse = ParseBlock("'else' statement", else_tok);
  }
  if (K() == Tok::kFinally) {
    const Token& fin = Cur();
    stmt_error_ = false;
    Advance();
    ExpectColonOrRecover();
    finalbody = ParseBlock("'finally' statement", fin);
  }
  if (handlers.empty() && finalbody.empty()) ErrorAt(Cur(), "expected 'except' or 'finally' block");
  StmtNode* node;
  if (any_star) {
    auto* s = New<TryStar>();
    s->body = body, s->handlers = handlers, s->orelse = orelse, s->finalbody = finalbody;
    node = s;
  } else {
    auto* s = New<Try>();
    s->body = body, s->handlers = handlers, s->orelse = orelse, s->finalbody = finalbody;
    node = s;
  }
  StartAt(node, toks_[start]);
  EndAt(node, toks_[start]);
  EndAtLast(node, body);
  EndAtLast(node, orelse);
  EndAtLast(node, finalbody);
  Push(node);
}

void Parser::ParseDecorated() {
  size_t mark = Mark();
  while (K() == Tok::kAt) {
    Advance();
    Push(ParseNamedExpression());
    if (!Eat(Tok::kNewline)) {
      InvalidSyntax();
      while (K() != Tok::kNewline && K() != Tok::kEndMarker) Advance();
      Eat(Tok::kNewline);
    }
  }
  NodeList<ExprNode> decorators = Take<ExprNode>(mark);
  size_t start = p_;
  if (K() == Tok::kDef) {
    ParseFunctionDef(start, false, decorators);
  } else if (K() == Tok::kAsync && KAt(1) == Tok::kDef) {
    Advance();
    ParseFunctionDef(start, true, decorators);
  } else if (K() == Tok::kClass) {
    ParseClassDef(start, decorators);
  } else {
    InvalidSyntax();
    ParseStatement();
  }
}

void Parser::ParseFunctionDef(size_t start, bool is_async, NodeList<ExprNode> decorators) {
  const Token& header = toks_[start];
  Advance();  // def
  Identifier name = ExpectName();
  NodeList<TypeParamNode> type_params;
  if (K() == Tok::kLSqb) type_params = ParseTypeParams();
  Arguments* args;
  if (!Eat(Tok::kLPar)) {
    ErrorAt(Cur(), "expected '('");
    args = New<Arguments>();
  } else {
    args = ParseParameters(false, Tok::kRPar);
    Expect(Tok::kRPar);
  }
  ExprNode* returns = nullptr;
  if (Eat(Tok::kRArrow)) returns = ParseExpression();
  ExpectColonOrRecover();
  NodeList<StmtNode> body = ParseBlock("function definition", header);
  StmtNode* node;
  if (is_async) {
    auto* s = New<AsyncFunctionDef>();
    s->name = name, s->args = args, s->body = body, s->decorator_list = decorators, s->returns = returns;
    s->type_params = type_params;
    node = s;
  } else {
    auto* s = New<FunctionDef>();
    s->name = name, s->args = args, s->body = body, s->decorator_list = decorators, s->returns = returns;
    s->type_params = type_params;
    node = s;
  }
  StartAt(node, header);
  EndAt(node, header);
  EndAtLast(node, body);
  Push(node);
}

void Parser::ParseClassDef(size_t start, NodeList<ExprNode> decorators) {
  const Token& header = toks_[start];
  Advance();  // class
  auto* s = New<ClassDef>();
  s->name = ExpectName();
  s->decorator_list = decorators;
  if (K() == Tok::kLSqb) s->type_params = ParseTypeParams();
  if (K() == Tok::kLPar) {
    size_t open = p_;
    Advance();
    ExprNode* genexp = nullptr;
    ParseCallArguments(open, &s->bases, &s->keywords, &genexp);
    if (genexp) ErrorNode(s->bases[0], "invalid syntax");
    Expect(Tok::kRPar);
  }
  ExpectColonOrRecover();
  s->body = ParseBlock("class definition", header);
  StartAt(s, header);
  EndAt(s, header);
  EndAtLast(s, s->body);
  Push(s);
}

void Parser::ParseGlobal(bool nonlocal) {
  size_t start = p_;
  Advance();
  size_t mark = ident_scratch_.size();
  while (true) {
    size_t before = p_;
    ident_scratch_.push_back(ExpectName());
    if (!Eat(Tok::kComma) || p_ == before) break;
  }
  IdentifierList names;
  names.count = static_cast<uint32_t>(ident_scratch_.size() - mark);
  names.items = arena_.NewArray<Identifier>(names.count);
  for (uint32_t i = 0; i < names.count; ++i) names.items[i] = ident_scratch_[mark + i];
  ident_scratch_.resize(mark);
  if (nonlocal) {
    auto* s = New<Nonlocal>();
    s->names = names;
    Span(s, start);
    Push(s);
  } else {
    auto* s = New<Global>();
    s->names = names;
    Span(s, start);
    Push(s);
  }
}

Identifier Parser::ParseDottedName(bool* ok) {
  if (K() != Tok::kName) {
    *ok = false;
    InvalidSyntax();
    return arena_.Intern("");
  }
  if (KAt(1) != Tok::kDot) {
    Identifier id = Ident(Cur());
    Advance();
    return id;
  }
  std::string joined;
  while (true) {
    joined += Ident(Cur())->text;
    Advance();
    if (K() != Tok::kDot || KAt(1) != Tok::kName) break;
    Advance();
    joined += '.';
  }
  if (K() == Tok::kDot) {
    *ok = false;
    Advance();
    InvalidSyntax();
  }
  return arena_.Intern(joined);
}

Alias* Parser::ParseDottedAlias() {
  size_t start = p_;
  auto* a = New<Alias>();
  bool ok = true;
  a->name = ParseDottedName(&ok);
  if (Eat(Tok::kAs)) a->asname = ExpectName();
  Span(a, start);
  return a;
}

void Parser::ParseImport() {
  size_t start = p_;
  Advance();
  size_t mark = Mark();
  while (true) {
    size_t before = p_;
    Push(ParseDottedAlias());
    if (!Eat(Tok::kComma) || p_ == before) break;
  }
  auto* s = New<Import>();
  s->names = Take<Alias>(mark);
  Span(s, start);
  Push(s);
}

void Parser::ParseFromImport() {
  size_t start = p_;
  Advance();  // from
  int32_t level = 0;
  while (K() == Tok::kDot || K() == Tok::kEllipsis) {
    level += K() == Tok::kDot ? 1 : 3;
    Advance();
  }
  auto* s = New<ImportFrom>();
  s->level = level;
  if (K() != Tok::kImport) {
    bool ok = true;
    s->module = ParseDottedName(&ok);
  } else if (level == 0) {
    InvalidSyntax();
  }
  if (!Eat(Tok::kImport)) InvalidSyntax();
  size_t mark = Mark();
  if (K() == Tok::kStar) {
    size_t s0 = p_;
    Advance();
    auto* a = New<Alias>();
    a->name = arena_.Intern("*");
    Span(a, s0);
    Push(a);
  } else {
    bool paren = Eat(Tok::kLPar);
    while (K() == Tok::kName) {
      size_t s0 = p_;
      auto* a = New<Alias>();
      a->name = Ident(Cur());
      Advance();
      if (Eat(Tok::kAs)) a->asname = ExpectName();
      Span(a, s0);
      Push(a);
      if (!Eat(Tok::kComma)) break;
      if (!paren && K() != Tok::kName) {
        ErrorAt(Prev(), "trailing comma not allowed without surrounding parentheses");
        break;
      }
    }
    if (Mark() == mark) InvalidSyntax();
    if (paren) Expect(Tok::kRPar);
  }
  s->names = Take<Alias>(mark);
  Span(s, start);
  Push(s);
}

void Parser::ParseTypeAlias() {
  size_t start = p_;
  Advance();  // type
  auto* s = New<TypeAlias>();
  size_t name_start = p_;
  auto* name = New<Name>();
  name->id = Ident(Cur());
  name->ctx = ExprContext::kStore;
  Advance();
  Span(name, name_start);
  s->name = name;
  if (K() == Tok::kLSqb) s->type_params = ParseTypeParams();
  if (!Expect(Tok::kEqual)) {
    s->value = Invalid(p_);
  } else {
    s->value = ParseExpression();
  }
  Span(s, start);
  Push(s);
}

// ---- match

bool Parser::TryParseMatch() {
  switch (KAt(1)) {
    case Tok::kEqual: case Tok::kDot: case Tok::kColon: case Tok::kNewline: case Tok::kComma:
    case Tok::kRPar: case Tok::kSemi: case Tok::kEndMarker: case Tok::kIn: case Tok::kIs:
    case Tok::kAnd: case Tok::kOr: case Tok::kIf: case Tok::kColonEqual:
      return false;
    default: {
      OperatorKind op;
      int prec;
      if (AugmentedOperator(KAt(1), &op)) return false;
      if (BinaryOperator(KAt(1), &prec, &op) && KAt(1) != Tok::kStar && KAt(1) != Tok::kMinus &&
          KAt(1) != Tok::kPlus && KAt(1) != Tok::kTilde)
        return false;
    }
  }
  size_t start = p_;
  const Token& header = Cur();
  Checkpoint cp = Save();
  ++speculative_;
  spec_failed_ = false;
  Advance();  // match
  ExprNode* subject;
  {
    size_t sstart = p_;
    ExprNode* first = ParseStarNamedExpression();
    if (K() == Tok::kComma) {
      size_t mark = Mark();
      Push(first);
      while (Eat(Tok::kComma)) {
        if (K() == Tok::kColon) break;
        size_t before = p_;
        Push(ParseStarNamedExpression());
        if (p_ == before) break;
      }
      auto* t = New<Tuple>();
      t->elts = Take<ExprNode>(mark);
      t->ctx = ExprContext::kLoad;
      Span(t, sstart);
      subject = t;
    } else {
      subject = first;
    }
  }
  bool ok = !spec_failed_ && K() == Tok::kColon && KAt(1) == Tok::kNewline;
  --speculative_;
  if (!ok) {
    Restore(cp);
    return false;
  }
  spec_failed_ = cp.spec_failed;
  Advance();  // :
  Advance();  // NEWLINE
  auto* m = New<Match>();
  m->subject = subject;
  StartAt(m, header);
  EndAt(m, header);
  size_t mark = Mark();
  if (!Eat(Tok::kIndent)) {
    ErrorAt(Cur(), "expected an indented block after 'match' statement on line " + std::to_string(header.lineno));
  } else {
    while (K() != Tok::kDedent && K() != Tok::kEndMarker) {
      size_t before = p_;
      if (AtSoft("case")) {
        stmt_error_ = false;
        Push(ParseCase());
      } else {
        InvalidSyntax();
        while (K() != Tok::kNewline && K() != Tok::kEndMarker) Advance();
        Eat(Tok::kNewline);
      }
      if (p_ == before) Advance();
    }
    Eat(Tok::kDedent);
  }
  m->cases = Take<MatchCase>(mark);
  if (!m->cases.empty()) EndAtLast(m, m->cases[m->cases.size() - 1]->body);
  (void)start;
  Push(m);
  return true;
}

MatchCase* Parser::ParseCase() {
  const Token& header = Cur();
  Advance();  // case
  auto* c = New<MatchCase>();
  c->pattern = ParsePatterns();
  if (Eat(Tok::kIf)) c->guard = ParseNamedExpression();
  ExpectColonOrRecover();
  c->body = ParseBlock("'case' statement", header);
  return c;
}

PatternNode* Parser::ParsePatterns() {
  size_t start = p_;
  PatternNode* first = ParseMaybeStarPattern();
  if (K() != Tok::kComma && first->kind != NodeKind::kMatchStar) return first;
  size_t mark = Mark();
  Push(first);
  while (Eat(Tok::kComma)) {
    if (K() == Tok::kColon || K() == Tok::kIf) break;
    size_t before = p_;
    Push(ParseMaybeStarPattern());
    if (p_ == before) break;
  }
  auto* s = New<MatchSequence>();
  s->patterns = Take<PatternNode>(mark);
  Span(s, start);
  return s;
}

PatternNode* Parser::ParseMaybeStarPattern() {
  if (K() != Tok::kStar) return ParseAsPattern();
  size_t start = p_;
  Advance();
  auto* s = New<MatchStar>();
  if (K() == Tok::kName) {
    if (Text(Cur()) != "_") s->name = Ident(Cur());
    Advance();
  } else {
    InvalidSyntax();
  }
  Span(s, start);
  return s;
}

PatternNode* Parser::ParseAsPattern() {
  size_t start = p_;
  PatternNode* p = ParseOrPattern();
  if (K() != Tok::kAs) return p;
  Advance();
  auto* a = New<MatchAs>();
  a->pattern = p;
  if (K() == Tok::kName) {
    if (Text(Cur()) == "_") ErrorAt(Cur(), "cannot use '_' as a target");
    a->name = Ident(Cur());
    Advance();
  } else {
    ErrorAt(Cur(), "invalid pattern target");
  }
  Span(a, start);
  return a;
}

PatternNode* Parser::ParseOrPattern() {
  size_t start = p_;
  PatternNode* first = ParseClosedPattern();
  if (K() != Tok::kVBar) return first;
  size_t mark = Mark();
  Push(first);
  while (Eat(Tok::kVBar)) {
    size_t before = p_;
    Push(ParseClosedPattern());
    if (p_ == before) break;
  }
  auto* o = New<MatchOr>();
  o->patterns = Take<PatternNode>(mark);
  Span(o, start);
  return o;
}

ExprNode* Parser::ParseLiteralExpr() {
  size_t start = p_;
  ExprNode* e;
  switch (K()) {
    case Tok::kString:
    case Tok::kFStringStart:
      e = ParseStrings();
      if (e->kind == NodeKind::kJoinedStr) ErrorNode(e, "patterns may only match literals and attribute lookups");
      return e;
    case Tok::kNone:
    case Tok::kTrue:
    case Tok::kFalse:
      return ParseAtom();
    case Tok::kMinus: {
      Advance();
      auto* u = New<UnaryOp>();
      u->op = UnaryOpKind::kUSub;
      if (K() != Tok::kNumber) {
        InvalidSyntax();
        u->operand = Invalid(p_);
      } else {
        u->operand = ParseNumber();
      }
      Span(u, start);
      e = u;
      break;
    }
    case Tok::kNumber:
      e = ParseNumber();
      break;
    default:
      InvalidSyntax();
      return Invalid(start);
  }
  if ((K() == Tok::kPlus || K() == Tok::kMinus) && KAt(1) == Tok::kNumber) {
    auto* b = New<BinOp>();
    b->left = e;
    b->op = K() == Tok::kPlus ? OperatorKind::kAdd : OperatorKind::kSub;
    Advance();
    b->right = ParseNumber();
    Span(b, start);
    e = b;
  }
  return e;
}

ExprNode* Parser::ParseNameOrAttr() {
  size_t start = p_;
  auto* n = New<Name>();
  n->id = Ident(Cur());
  n->ctx = ExprContext::kLoad;
  Advance();
  Span(n, start);
  ExprNode* e = n;
  while (K() == Tok::kDot) {
    Advance();
    auto* a = New<Attribute>();
    a->value = e;
    a->attr = ExpectName();
    a->ctx = ExprContext::kLoad;
    Span(a, start);
    e = a;
  }
  return e;
}

PatternNode* Parser::ParseClosedPattern() {
  size_t start = p_;
  switch (K()) {
    case Tok::kNone:
    case Tok::kTrue:
    case Tok::kFalse: {
      auto* s = New<MatchSingleton>();
      s->value.kind = K() == Tok::kNone ? ConstantKind::kNone : ConstantKind::kBool;
      s->value.bool_value = K() == Tok::kTrue;
      Advance();
      Span(s, start);
      return s;
    }
    case Tok::kNumber:
    case Tok::kMinus:
    case Tok::kString:
    case Tok::kFStringStart: {
      auto* v = New<MatchValue>();
      v->value = ParseLiteralExpr();
      Span(v, start);
      return v;
    }
    case Tok::kName: {
      if (KAt(1) != Tok::kDot && KAt(1) != Tok::kLPar) {
        auto* a = New<MatchAs>();
        if (Text(Cur()) != "_") a->name = Ident(Cur());
        Advance();
        Span(a, start);
        return a;
      }
      ExprNode* cls = ParseNameOrAttr();
      if (K() != Tok::kLPar) {
        auto* v = New<MatchValue>();
        v->value = cls;
        Span(v, start);
        return v;
      }
      if (bracket_depth_ >= options_.max_bracket_depth) {
        AbandonLine(start, "too many nested parentheses");
        auto* a = New<MatchAs>();
        Span(a, start);
        return a;
      }
      DepthGuard guard(this);
      ++bracket_depth_;
      Advance();  // (
      auto* c = New<MatchClass>();
      c->cls = cls;
      size_t mark = Mark();
      size_t kw_mark = kw_scratch_.size();
      size_t id_mark = ident_scratch_.size();
      while (K() != Tok::kRPar && K() != Tok::kEndMarker && K() != Tok::kNewline) {
        size_t before = p_;
        if (K() == Tok::kName && KAt(1) == Tok::kEqual) {
          ident_scratch_.push_back(Ident(Cur()));
          Advance();
          Advance();
          kw_scratch_.push_back(ParseAsPattern());
        } else {
          PatternNode* p = ParseAsPattern();
          if (kw_scratch_.size() > kw_mark) ErrorNode(p, "positional patterns follow keyword patterns");
          Push(p);
        }
        if (!Eat(Tok::kComma) || p_ == before) break;
      }
      c->patterns = Take<PatternNode>(mark);
      c->kwd_patterns.count = static_cast<uint32_t>(kw_scratch_.size() - kw_mark);
      c->kwd_patterns.items = arena_.NewArray<PatternNode*>(c->kwd_patterns.count);
      for (uint32_t i = 0; i < c->kwd_patterns.count; ++i)
        c->kwd_patterns.items[i] = static_cast<PatternNode*>(kw_scratch_[kw_mark + i]);
      kw_scratch_.resize(kw_mark);
      c->kwd_attrs.count = static_cast<uint32_t>(ident_scratch_.size() - id_mark);
      c->kwd_attrs.items = arena_.NewArray<Identifier>(c->kwd_attrs.count);
      for (uint32_t i = 0; i < c->kwd_attrs.count; ++i) c->kwd_attrs.items[i] = ident_scratch_[id_mark + i];
      ident_scratch_.resize(id_mark);
      Expect(Tok::kRPar);
      --bracket_depth_;
      Span(c, start);
      return c;
    }
    case Tok::kLPar:
    case Tok::kLSqb: {
      if (bracket_depth_ >= options_.max_bracket_depth) {
        AbandonLine(start, "too many nested parentheses");
        auto* a = New<MatchAs>();
        Span(a, start);
        return a;
      }
      DepthGuard guard(this);
      if (TooDeep()) {
        AbandonLine(start, "too many nested expressions");
        auto* a = New<MatchAs>();
        Span(a, start);
        return a;
      }
      ++bracket_depth_;
      Tok closer = K() == Tok::kLPar ? Tok::kRPar : Tok::kRSqb;
      bool paren = K() == Tok::kLPar;
      Advance();
      size_t mark = Mark();
      bool sequence = !paren;
      if (K() == closer) sequence = true;
      while (K() != closer && K() != Tok::kEndMarker && K() != Tok::kNewline) {
        size_t before = p_;
        PatternNode* p = ParseMaybeStarPattern();
        Push(p);
        if (p->kind == NodeKind::kMatchStar) sequence = true;
        if (!Eat(Tok::kComma) || p_ == before) break;
        sequence = true;
      }
      Expect(closer);
      --bracket_depth_;
      if (!sequence && Mark() == mark + 1) {
        PatternNode* inner = static_cast<PatternNode*>(scratch_.back());
        scratch_.pop_back();
        return inner;  // a group keeps its own span
      }
      auto* s = New<MatchSequence>();
      s->patterns = Take<PatternNode>(mark);
      Span(s, start);
      return s;
    }
    case Tok::kLBrace: {
      if (bracket_depth_ >= options_.max_bracket_depth) {
        AbandonLine(start, "too many nested parentheses");
        auto* a = New<MatchAs>();
        Span(a, start);
        return a;
      }
      DepthGuard guard(this);
      ++bracket_depth_;
      Advance();
      auto* m = New<MatchMapping>();
      size_t mark = Mark();  // pairs: key, pattern
      while (K() != Tok::kRBrace && K() != Tok::kEndMarker && K() != Tok::kNewline) {
        size_t before = p_;
        if (Eat(Tok::kDoubleStar)) {
          if (K() == Tok::kName) {
            m->rest = Ident(Cur());
            Advance();
          } else {
            InvalidSyntax();
          }
        } else {
          if (m->rest) ErrorAt(Cur(), "invalid syntax");
          ExprNode* key = K() == Tok::kName ? ParseNameOrAttr() : ParseLiteralExpr();
          Push(key);
          if (!Expect(Tok::kColon)) {
            auto* a = New<MatchAs>();
            Span(a, p_);
            Push(a);
            break;
          }
          Push(ParseAsPattern());
        }
        if (!Eat(Tok::kComma) || p_ == before) break;
      }
      uint32_t pairs = static_cast<uint32_t>((scratch_.size() - mark) / 2);
      m->keys.count = m->patterns.count = pairs;
      m->keys.items = arena_.NewArray<ExprNode*>(pairs);
      m->patterns.items = arena_.NewArray<PatternNode*>(pairs);
      for (uint32_t i = 0; i < pairs; ++i) {
        m->keys.items[i] = static_cast<ExprNode*>(scratch_[mark + 2 * i]);
        m->patterns.items[i] = static_cast<PatternNode*>(scratch_[mark + 2 * i + 1]);
      }
      scratch_.resize(mark);
      Expect(Tok::kRBrace);
      --bracket_depth_;
      Span(m, start);
      return m;
    }
    default: {
      InvalidSyntax();
      auto* a = New<MatchAs>();
      a->flags |= kNodeHasError;
      Span(a, start);
      return a;
    }
  }
}

}  // namespace

ParseResult Parse(std::string_view raw_bytes, std::string_view path, Arena& arena, const ParseOptions& options) {
  (void)path;
  ParseResult result;
  result.source = DecodeSource(raw_bytes, arena, &result.encoding, &result.errors);
  size_t decode_errors = result.errors.size();
  // The token vector is scratch memory: keep its capacity per thread so that
  // parsing many files does not allocate (and fault in) a fresh one each time.
  thread_local std::vector<Token> token_buffer;
  LexOutput lex = Tokenize(result.source, options, &result.errors, std::move(token_buffer));
  {
    size_t lexer_errors = result.errors.size();
    Parser parser(arena, result.source, lex.tokens, &result.errors, options);
    result.module = parser.ParseModule();
    // An unclosed bracket swallows the rest of the file: what the parser says
    // after it is noise (CPython reports only the bracket).
    for (size_t i = decode_errors; i < lexer_errors; ++i) {
      const SyntaxError& e = result.errors[i];
      if (e.message.size() > 16 && e.message.compare(e.message.size() - 16, 16, "was never closed") == 0) {
        uint32_t line = e.lineno, col = e.col_offset;
        auto after = [&](const SyntaxError& x) {
          if (x.message == "too many nested parentheses") return false;
          return x.lineno > line || (x.lineno == line && x.col_offset > col);
        };
        result.errors.erase(std::remove_if(result.errors.begin() + static_cast<long>(lexer_errors),
                                           result.errors.end(), after),
                            result.errors.end());
        break;
      }
    }
  }
  result.comments = std::move(lex.comments);
  token_buffer = std::move(lex.tokens);
  if (token_buffer.capacity() > (64u << 20) / sizeof(Token)) token_buffer = {};  // do not pin huge buffers
  result.lines = LineIndex(result.source);
  std::stable_sort(result.errors.begin(), result.errors.end(), [](const SyntaxError& a, const SyntaxError& b) {
    return a.lineno != b.lineno ? a.lineno < b.lineno : a.col_offset < b.col_offset;
  });
  return result;
}

}  // namespace rampart::python
