// Tokens of the Python tokenizer (lexer.h). Kinds come from one list that
// expands into the enum and the name table. Keywords are classified at lex
// time; soft keywords (`match`, `case`, `type`, `_`) stay kName.
#pragma once

#include <cstdint>
#include <string_view>

namespace rampart::python {

#define RAMPART_TOKEN_KINDS(X)                                                        \
  X(EndMarker, "end of file") X(Newline, "newline") X(Indent, "indent")               \
  X(Dedent, "dedent") X(Name, "name") X(Number, "number") X(String, "string")         \
  X(FStringStart, "f-string start") X(FStringMiddle, "f-string middle")               \
  X(FStringEnd, "f-string end") X(Error, "invalid token")                             \
  X(LPar, "(") X(RPar, ")") X(LSqb, "[") X(RSqb, "]") X(LBrace, "{") X(RBrace, "}")   \
  X(Colon, ":") X(Comma, ",") X(Semi, ";") X(Plus, "+") X(Minus, "-") X(Star, "*")    \
  X(Slash, "/") X(VBar, "|") X(Amper, "&") X(Less, "<") X(Greater, ">")               \
  X(Equal, "=") X(Dot, ".") X(Percent, "%") X(EqEqual, "==") X(NotEqual, "!=")        \
  X(LessEqual, "<=") X(GreaterEqual, ">=") X(Tilde, "~") X(Circumflex, "^")           \
  X(LeftShift, "<<") X(RightShift, ">>") X(DoubleStar, "**") X(PlusEqual, "+=")       \
  X(MinEqual, "-=") X(StarEqual, "*=") X(SlashEqual, "/=") X(PercentEqual, "%=")      \
  X(AmperEqual, "&=") X(VBarEqual, "|=") X(CircumflexEqual, "^=")                     \
  X(LeftShiftEqual, "<<=") X(RightShiftEqual, ">>=") X(DoubleStarEqual, "**=")        \
  X(DoubleSlash, "//") X(DoubleSlashEqual, "//=") X(At, "@") X(AtEqual, "@=")         \
  X(RArrow, "->") X(Ellipsis, "...") X(ColonEqual, ":=") X(Exclamation, "!")          \
  X(False, "False") X(None, "None") X(True, "True") X(And, "and") X(As, "as")         \
  X(Assert, "assert") X(Async, "async") X(Await, "await") X(Break, "break")           \
  X(Class, "class") X(Continue, "continue") X(Def, "def") X(Del, "del")               \
  X(Elif, "elif") X(Else, "else") X(Except, "except") X(Finally, "finally")           \
  X(For, "for") X(From, "from") X(Global, "global") X(If, "if") X(Import, "import")   \
  X(In, "in") X(Is, "is") X(Lambda, "lambda") X(Nonlocal, "nonlocal") X(Not, "not")   \
  X(Or, "or") X(Pass, "pass") X(Raise, "raise") X(Return, "return") X(Try, "try")     \
  X(While, "while") X(With, "with") X(Yield, "yield")

enum class Tok : uint8_t {
#define RAMPART_TOKEN_ENUM(name, text) k##name,
  RAMPART_TOKEN_KINDS(RAMPART_TOKEN_ENUM)
#undef RAMPART_TOKEN_ENUM
};

// The spelling of an operator or keyword, or a description ("name", "newline").
std::string_view TokName(Tok kind);
inline bool IsKeyword(Tok kind) { return kind >= Tok::kFalse; }

struct Token {
  Tok kind;
  // kName: the identifier is not pure ASCII (needs NFKC). kString/kFStringStart:
  // prefix flags (kPrefix*).
  uint8_t flags = 0;
  uint32_t start = 0;     // byte offsets into the decoded source
  uint32_t end = 0;
  uint32_t lineno = 0;    // 1-based
  uint32_t col = 0;       // 0-based UTF-8 bytes
  uint32_t end_lineno = 0;
  uint32_t end_col = 0;
};

enum : uint8_t {
  kTokNonAscii = 1,
  kPrefixRaw = 1,
  kPrefixBytes = 2,
  kPrefixUnicode = 4,
  kPrefixF = 8,
  kTripleQuoted = 16,
};

}  // namespace rampart::python
