#include "python/lexer.h"

#include <utf8proc.h>

#include <cstring>
#include <iterator>
#include <string>

#include "python/utf8.h"

namespace rampart::python {

namespace {

constexpr std::string_view kTokNames[] = {
#define RAMPART_TOKEN_NAME(name, text) text,
    RAMPART_TOKEN_KINDS(RAMPART_TOKEN_NAME)
#undef RAMPART_TOKEN_NAME
};

void AddError(std::vector<SyntaxError>* errors, uint32_t line, uint32_t col, uint32_t end_line,
              uint32_t end_col, std::string message) {
  errors->push_back(SyntaxError{line, col, end_line, end_col, std::move(message)});
}

// Decodes one UTF-8 sequence at s[i]; returns its length (0 when invalid).
// Surrogates and overlong forms are invalid, as in CPython's decoder.
int Utf8Length(const unsigned char* s, size_t n, size_t i, int32_t* cp) {
  unsigned char c = s[i];
  if (c < 0x80) { *cp = c; return 1; }
  int len;
  int32_t v;
  if ((c & 0xE0) == 0xC0) len = 2, v = c & 0x1F;
  else if ((c & 0xF0) == 0xE0) len = 3, v = c & 0x0F;
  else if ((c & 0xF8) == 0xF0) len = 4, v = c & 0x07;
  else return 0;
  if (i + len > n) return 0;
  for (int k = 1; k < len; ++k) {
    if ((s[i + k] & 0xC0) != 0x80) return 0;
    v = (v << 6) | (s[i + k] & 0x3F);
  }
  if ((len == 2 && v < 0x80) || (len == 3 && v < 0x800) || (len == 4 && (v < 0x10000 || v > 0x10FFFF)) ||
      (v >= 0xD800 && v <= 0xDFFF))
    return 0;
  *cp = v;
  return len;
}

// Single-byte code pages: code points for bytes 0x80..0xFF.
const uint16_t kCp1252High[32] = {
    0x20AC, 0x81,   0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x8D,   0x017D, 0x8F,   0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,   0x017E, 0x0178};
const uint16_t kKoi8r[128] = {
    0x2500, 0x2502, 0x250C, 0x2510, 0x2514, 0x2518, 0x251C, 0x2524, 0x252C, 0x2534, 0x253C,
    0x2580, 0x2584, 0x2588, 0x258C, 0x2590, 0x2591, 0x2592, 0x2593, 0x2320, 0x25A0, 0x2219,
    0x221A, 0x2248, 0x2264, 0x2265, 0x00A0, 0x2321, 0x00B0, 0x00B2, 0x00B7, 0x00F7, 0x2550,
    0x2551, 0x2552, 0x0451, 0x2553, 0x2554, 0x2555, 0x2556, 0x2557, 0x2558, 0x2559, 0x255A,
    0x255B, 0x255C, 0x255D, 0x255E, 0x255F, 0x2560, 0x2561, 0x0401, 0x2562, 0x2563, 0x2564,
    0x2565, 0x2566, 0x2567, 0x2568, 0x2569, 0x256A, 0x256B, 0x256C, 0x00A9, 0x044E, 0x0430,
    0x0431, 0x0446, 0x0434, 0x0435, 0x0444, 0x0433, 0x0445, 0x0438, 0x0439, 0x043A, 0x043B,
    0x043C, 0x043D, 0x043E, 0x043F, 0x044F, 0x0440, 0x0441, 0x0442, 0x0443, 0x0436, 0x0432,
    0x044C, 0x044B, 0x0437, 0x0448, 0x044D, 0x0449, 0x0447, 0x044A, 0x042E, 0x0410, 0x0411,
    0x0426, 0x0414, 0x0415, 0x0424, 0x0413, 0x0425, 0x0418, 0x0419, 0x041A, 0x041B, 0x041C,
    0x041D, 0x041E, 0x041F, 0x042F, 0x0420, 0x0421, 0x0422, 0x0423, 0x0416, 0x0412, 0x042C,
    0x042B, 0x0417, 0x0428, 0x042D, 0x0429, 0x0427, 0x042A};

enum class Codec { kUtf8, kLatin1, kCp1252, kLatin9, kKoi8r, kLatinCyrillic, kUnknown };

Codec CodecFor(std::string name) {
  for (auto& c : name) c = (c == '_') ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  // CPython's tokenizer normalises "utf-8-*" and "latin-1-*" / "iso-8859-1-*" itself.
  if (name == "utf-8" || name == "utf8" || name.rfind("utf-8-", 0) == 0 || name == "ascii" ||
      name == "us-ascii" || name == "646")
    return Codec::kUtf8;
  if (name == "latin-1" || name == "latin1" || name == "iso-8859-1" || name == "iso8859-1" ||
      name == "l1" || name == "iso-latin-1" || name == "cp819" || name.rfind("latin-1-", 0) == 0 ||
      name.rfind("iso-8859-1-", 0) == 0 || name == "8859")
    return Codec::kLatin1;
  if (name == "cp1252" || name == "windows-1252") return Codec::kCp1252;
  if (name == "iso-8859-15" || name == "iso8859-15" || name == "latin9" || name == "latin-9")
    return Codec::kLatin9;
  if (name == "koi8-r" || name == "koi8r") return Codec::kKoi8r;
  if (name == "iso-8859-5" || name == "iso8859-5" || name == "cyrillic") return Codec::kLatinCyrillic;
  return Codec::kUnknown;
}

uint32_t SingleByte(Codec codec, unsigned char b) {
  if (b < 0x80) return b;
  switch (codec) {
    case Codec::kCp1252: return b < 0xA0 ? kCp1252High[b - 0x80] : b;
    case Codec::kLatin9:
      switch (b) {
        case 0xA4: return 0x20AC; case 0xA6: return 0x160; case 0xA8: return 0x161;
        case 0xB4: return 0x17D;  case 0xB8: return 0x17E; case 0xBC: return 0x152;
        case 0xBD: return 0x153;  case 0xBE: return 0x178; default: return b;
      }
    case Codec::kKoi8r: return kKoi8r[b - 0x80];
    case Codec::kLatinCyrillic:
      if (b <= 0xA0 || b == 0xAD) return b;
      if (b == 0xF0) return 0x2116;
      if (b == 0xFD) return 0xA7;
      return 0x0400 + (b - 0xA0);
    default: return b;
  }
}

// PEP 263: `coding[:=]\s*([-\w.]+)` in a comment on line 1, or on line 2 when
// line 1 is blank or a comment.
bool FindCodingDeclaration(std::string_view raw, std::string* name, uint32_t* line) {
  size_t pos = 0;
  for (uint32_t lineno = 1; lineno <= 2 && pos <= raw.size(); ++lineno) {
    size_t eol = raw.find_first_of("\r\n", pos);
    std::string_view text = raw.substr(pos, eol == std::string_view::npos ? raw.npos : eol - pos);
    size_t i = 0;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\f')) ++i;
    if (i < text.size() && text[i] == '#') {
      size_t at = text.find("coding", i);
      while (at != std::string_view::npos) {
        size_t j = at + 6;
        if (j < text.size() && (text[j] == ':' || text[j] == '=')) {
          ++j;
          while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) ++j;
          size_t k = j;
          while (k < text.size() && (std::isalnum(static_cast<unsigned char>(text[k])) || text[k] == '-' ||
                                     text[k] == '_' || text[k] == '.'))
            ++k;
          if (k > j) {
            *name = std::string(text.substr(j, k - j));
            *line = lineno;
            return true;
          }
        }
        at = text.find("coding", at + 1);
      }
    } else if (i < text.size()) {
      return false;  // line 1 holds code: line 2 is not looked at
    }
    if (eol == std::string_view::npos) break;
    pos = eol + 1;
    if (raw[eol] == '\r' && pos < raw.size() && raw[pos] == '\n') ++pos;
  }
  return false;
}

}  // namespace

std::string_view TokName(Tok kind) { return kTokNames[static_cast<int>(kind)]; }

std::string_view DecodeSource(std::string_view raw, Arena& arena, std::string_view* encoding,
                              std::vector<SyntaxError>* errors) {
  bool bom = raw.size() >= 3 && raw.substr(0, 3) == "\xEF\xBB\xBF";
  if (bom) raw.remove_prefix(3);
  Codec codec = Codec::kUtf8;
  *encoding = "utf-8";
  std::string declared;
  uint32_t declared_line = 0;
  if (FindCodingDeclaration(raw, &declared, &declared_line)) {
    codec = CodecFor(declared);
    if (codec == Codec::kUnknown) {
      AddError(errors, declared_line, 0, declared_line, 0, "unknown encoding: " + declared);
      codec = Codec::kUtf8;
    } else if (bom && !(declared == "utf-8" || declared.rfind("utf-8-", 0) == 0)) {
      // CPython accepts only the exact spelling utf-8 after a BOM.
      AddError(errors, declared_line, 0, declared_line, 0, "encoding problem: " + declared + " with BOM");
      codec = Codec::kUtf8;
    } else if (codec != Codec::kUtf8) {
      *encoding = arena.CopyString(declared);
    }
  }

  // One pass: transcode, validate and translate newlines. Output is never
  // longer than 3x the input (one byte -> at most 3 UTF-8 bytes).
  const auto* s = reinterpret_cast<const unsigned char*>(raw.data());
  size_t n = raw.size();
  char* out = arena.NewArray<char>(codec == Codec::kUtf8 ? n + 1 : 3 * n + 1);
  if (!out) return {};
  size_t o = 0;
  uint32_t line = 1;
  size_t line_start_out = 0;
  bool reported_utf8 = false, reported_nul = false;
  for (size_t i = 0; i < n;) {
    unsigned char c = s[i];
    if (c >= 0x20 && c < 0x80) {
      // Copy a run of printable ASCII in one go (the common case).
      size_t j = i + 1;
      while (j < n && s[j] >= 0x20 && s[j] < 0x80) ++j;
      std::memcpy(out + o, s + i, j - i);
      o += j - i;
      i = j;
      continue;
    }
    if (c == '\n') {
      out[o++] = '\n';
      ++i;
      ++line;
      line_start_out = o;
      continue;
    }
    if (c == '\r') {
      out[o++] = '\n';
      ++i;
      if (i < n && s[i] == '\n') ++i;
      ++line;
      line_start_out = o;
      continue;
    }
    if (c == 0) {
      if (!reported_nul) {
        uint32_t col = static_cast<uint32_t>(o - line_start_out);
        AddError(errors, line, col, line, col + 1, "source code cannot contain null bytes");
        reported_nul = true;
      }
      out[o++] = '\0';
      ++i;
      continue;
    }
    if (c < 0x80) {
      out[o++] = static_cast<char>(c);
      ++i;
      continue;
    }
    if (codec != Codec::kUtf8) {
      std::string tmp;
      AppendUtf8(tmp, SingleByte(codec, c));
      std::memcpy(out + o, tmp.data(), tmp.size());
      o += tmp.size();
      ++i;
      continue;
    }
    int32_t cp;
    int len = Utf8Length(s, n, i, &cp);
    if (len == 0) {
      if (!reported_utf8) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "%02x", c);
        uint32_t col = static_cast<uint32_t>(o - line_start_out);
        AddError(errors, line, col, line, col + 1,
                 std::string("invalid utf-8: non-utf-8 code starting with '\\x") + buf +
                     "', but no encoding declared; see https://peps.python.org/pep-0263/ for details");
        reported_utf8 = true;
      }
      out[o++] = '?';
      ++i;
      continue;
    }
    std::memcpy(out + o, s + i, len);
    o += len;
    i += len;
  }
  out[o] = '\0';  // a sentinel after the text (not part of the view)
  return std::string_view(out, o);
}

namespace {

bool IsAsciiIdStart(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsAsciiIdChar(unsigned char c) { return IsAsciiIdStart(c) || (c >= '0' && c <= '9'); }

bool IsXidStart(int32_t cp) {
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_NL:
      return true;
    default:
      // Other_ID_Start
      return cp == 0x1885 || cp == 0x1886 || cp == 0x2118 || cp == 0x212E || cp == 0x309B || cp == 0x309C;
  }
}
bool IsXidContinue(int32_t cp) {
  if (IsXidStart(cp)) return true;
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_PC:
      return true;
    default:
      return cp == 0xB7 || cp == 0x387 || (cp >= 0x1369 && cp <= 0x1371) || cp == 0x19DA;
  }
}
bool IsPrintable(int32_t cp) {
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_CC: case UTF8PROC_CATEGORY_CF: case UTF8PROC_CATEGORY_CS:
    case UTF8PROC_CATEGORY_CO: case UTF8PROC_CATEGORY_CN: case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP: case UTF8PROC_CATEGORY_ZS:
      return cp == ' ';
    default:
      return true;
  }
}

struct Keyword {
  std::string_view text;
  Tok kind;
};
constexpr Keyword kKeywords[] = {
    {"False", Tok::kFalse}, {"None", Tok::kNone}, {"True", Tok::kTrue}, {"and", Tok::kAnd},
    {"as", Tok::kAs}, {"assert", Tok::kAssert}, {"async", Tok::kAsync}, {"await", Tok::kAwait},
    {"break", Tok::kBreak}, {"class", Tok::kClass}, {"continue", Tok::kContinue}, {"def", Tok::kDef},
    {"del", Tok::kDel}, {"elif", Tok::kElif}, {"else", Tok::kElse}, {"except", Tok::kExcept},
    {"finally", Tok::kFinally}, {"for", Tok::kFor}, {"from", Tok::kFrom}, {"global", Tok::kGlobal},
    {"if", Tok::kIf}, {"import", Tok::kImport}, {"in", Tok::kIn}, {"is", Tok::kIs},
    {"lambda", Tok::kLambda}, {"nonlocal", Tok::kNonlocal}, {"not", Tok::kNot}, {"or", Tok::kOr},
    {"pass", Tok::kPass}, {"raise", Tok::kRaise}, {"return", Tok::kReturn}, {"try", Tok::kTry},
    {"while", Tok::kWhile}, {"with", Tok::kWith}, {"yield", Tok::kYield}};

// kKeywords is sorted, so the keywords sharing a first letter are one range;
// a name is compared only with those (at most 5), length first.
struct KeywordRanges {
  uint8_t begin[128] = {};
  uint8_t end[128] = {};
  constexpr KeywordRanges() {
    for (uint8_t i = 0; i < std::size(kKeywords); ++i) {
      unsigned char c = static_cast<unsigned char>(kKeywords[i].text[0]);
      if (begin[c] == end[c]) begin[c] = i;
      end[c] = static_cast<uint8_t>(i + 1);
    }
  }
};
constexpr KeywordRanges kKeywordRanges;

Tok ClassifyName(std::string_view text) {
  if (text.size() < 2 || text.size() > 8) return Tok::kName;
  unsigned char c = static_cast<unsigned char>(text[0]);
  if (c >= 128) return Tok::kName;
  for (uint8_t i = kKeywordRanges.begin[c]; i < kKeywordRanges.end[c]; ++i) {
    const Keyword& k = kKeywords[i];
    if (k.text.size() == text.size() && std::memcmp(k.text.data(), text.data(), text.size()) == 0) return k.kind;
  }
  return Tok::kName;
}

class Lexer {
 public:
  Lexer(std::string_view src, const ParseOptions& options, std::vector<SyntaxError>* errors,
        std::vector<Token>&& buffer)
      : src_(src), n_(src.size()), options_(options), errors_(errors) {
    out_.tokens = std::move(buffer);
    out_.tokens.clear();
    out_.tokens.reserve(src.size() / 4 + 16);
  }

  LexOutput Run();

 private:
  enum class Mode : uint8_t { kFString, kExpr, kSpec };
  struct ModeEntry {
    Mode mode;
    char quote;
    bool triple;
    bool raw;
    uint32_t open_depth;  // kExpr: bracket depth right after its `{`
    uint32_t lineno, col;  // where the f-string started (for messages)
  };
  struct Bracket {
    char ch;
    uint32_t lineno, col;
  };

  char Peek(size_t k = 0) const { return pos_ + k < n_ ? src_[pos_ + k] : '\0'; }
  uint32_t Col() const { return static_cast<uint32_t>(pos_ - line_start_); }
  void NewLineAt(size_t newline_pos) {
    ++line_;
    line_start_ = newline_pos + 1;
  }
  void Emit(Tok kind, size_t start, uint32_t lineno, uint32_t col, uint8_t flags = 0) {
    out_.tokens.push_back(Token{kind, flags, static_cast<uint32_t>(start), static_cast<uint32_t>(pos_), lineno,
                                col, line_, Col()});
  }
  void Error(uint32_t lineno, uint32_t col, std::string message) {
    AddError(errors_, lineno, col, lineno, col + 1, std::move(message));
  }

  bool InFStringLiteral() const {
    return !modes_.empty() && (modes_.back().mode == Mode::kFString || modes_.back().mode == Mode::kSpec);
  }
  bool AtExprTop() const {
    return !modes_.empty() && modes_.back().mode == Mode::kExpr && brackets_.size() == modes_.back().open_depth;
  }

  void HandleIndentation();
  void LexFStringLiteral();
  void LexString(size_t start, uint32_t lineno, uint32_t col, uint8_t flags, size_t quote_pos);
  void LexNumber();
  void LexName();
  void LexOperator();
  void OpenBracket(char c, Tok kind);
  void CloseBracket(char c, Tok kind);
  void AtEnd();

  std::string_view src_;
  size_t n_;
  size_t pos_ = 0;
  size_t line_start_ = 0;
  uint32_t line_ = 1;
  [[maybe_unused]] const ParseOptions& options_;  // limits are enforced by the parser
  std::vector<SyntaxError>* errors_;
  LexOutput out_;
  std::vector<uint32_t> indents_{0};
  std::vector<uint32_t> alt_indents_{0};
  std::vector<Bracket> brackets_;
  std::vector<ModeEntry> modes_;
  bool at_line_start_ = true;
  bool line_has_tokens_ = false;
};

void Lexer::HandleIndentation() {
  // CPython: tabs advance to the next multiple of 8, a form feed resets the
  // count; `alt` counts tabs as 1 so that ambiguous mixes are detected.
  uint32_t col = 0, alt = 0;
  while (pos_ < n_) {
    char c = src_[pos_];
    if (c == ' ') ++col, ++alt;
    else if (c == '\t') col = (col / 8 + 1) * 8, ++alt;
    else if (c == '\f') col = alt = 0;
    else break;
    ++pos_;
  }
  if (pos_ >= n_) return;
  char c = src_[pos_];
  if (c == '#' || c == '\n') return;  // blank or comment-only line: no indentation tokens
  if (c == '\\' && Peek(1) == '\n') return;
  at_line_start_ = false;
  uint32_t lineno = line_, tok_col = Col();
  if (col == indents_.back()) {
    if (alt != alt_indents_.back()) Error(lineno, tok_col, "inconsistent use of tabs and spaces in indentation");
  } else if (col > indents_.back()) {
    if (indents_.size() >= 100) {
      Error(lineno, tok_col, "too many levels of indentation");
      return;
    }
    if (alt <= alt_indents_.back()) Error(lineno, tok_col, "inconsistent use of tabs and spaces in indentation");
    indents_.push_back(col);
    alt_indents_.push_back(alt);
    out_.tokens.push_back(Token{Tok::kIndent, 0, static_cast<uint32_t>(pos_ - tok_col), static_cast<uint32_t>(pos_),
                                lineno, 0, lineno, tok_col});
  } else {
    while (indents_.size() > 1 && col < indents_.back()) {
      indents_.pop_back();
      alt_indents_.pop_back();
      out_.tokens.push_back(Token{Tok::kDedent, 0, static_cast<uint32_t>(pos_), static_cast<uint32_t>(pos_), lineno,
                                  tok_col, lineno, tok_col});
    }
    if (col != indents_.back()) {
      AddError(errors_, lineno, tok_col, lineno, tok_col + 1, "unindent does not match any outer indentation level");
    } else if (alt != alt_indents_.back()) {
      Error(lineno, tok_col, "inconsistent use of tabs and spaces in indentation");
    }
  }
}

void Lexer::OpenBracket(char c, Tok kind) {
  size_t start = pos_;
  uint32_t col = Col();
  ++pos_;
  // The bracket limit is enforced (and reported) by the parser.
  brackets_.push_back(Bracket{c, line_, col});
  Emit(kind, start, line_, col);
}

void Lexer::CloseBracket(char c, Tok kind) {
  size_t start = pos_;
  uint32_t col = Col();
  ++pos_;
  char open = c == ')' ? '(' : c == ']' ? '[' : '{';
  if (brackets_.empty() || (!modes_.empty() && modes_.back().mode == Mode::kExpr &&
                            brackets_.size() <= modes_.back().open_depth)) {
    Error(line_, col, std::string("unmatched '") + c + "'");
    Emit(Tok::kError, start, line_, col);
    return;
  }
  Bracket b = brackets_.back();
  brackets_.pop_back();
  if (b.ch != open) {
    std::string msg = std::string("closing parenthesis '") + c + "' does not match opening parenthesis '" + b.ch + "'";
    if (b.lineno != line_) msg += " on line " + std::to_string(b.lineno);
    Error(line_, col, std::move(msg));
    Emit(Tok::kError, start, line_, col);
    return;
  }
  Emit(kind, start, line_, col);
}

void Lexer::LexFStringLiteral() {
  ModeEntry& mode = modes_.back();
  // Find the enclosing f-string entry (for the quote) when in a format spec.
  const ModeEntry* fstring = &mode;
  for (size_t k = modes_.size(); k-- > 0;)
    if (modes_[k].mode == Mode::kFString) {
      fstring = &modes_[k];
      break;
    }
  char quote = fstring->quote;
  bool triple = fstring->triple, raw = fstring->raw;
  bool spec = mode.mode == Mode::kSpec;
  size_t start = pos_;
  uint32_t lineno = line_, col = Col();
  auto emit_middle = [&]() {
    if (pos_ > start) {
      size_t save = pos_;
      (void)save;
      out_.tokens.push_back(Token{Tok::kFStringMiddle, 0, static_cast<uint32_t>(start), static_cast<uint32_t>(pos_),
                                  lineno, col, line_, Col()});
    }
  };
  auto unwind_to_fstring = [&]() {
    // Drop a format spec and its replacement field: the literal ended early.
    while (!modes_.empty() && modes_.back().mode != Mode::kFString) {
      if (modes_.back().mode == Mode::kExpr) {
        while (brackets_.size() >= modes_.back().open_depth && !brackets_.empty()) brackets_.pop_back();
      }
      modes_.pop_back();
    }
  };
  while (true) {
    if (pos_ >= n_) {
      emit_middle();
      Error(fstring->lineno, fstring->col,
            std::string(triple ? "unterminated triple-quoted f-string literal" : "unterminated f-string literal") +
                " (detected at line " + std::to_string(line_) + ")");
      unwind_to_fstring();
      if (!modes_.empty()) modes_.pop_back();
      Emit(Tok::kFStringEnd, pos_, line_, Col());
      return;
    }
    char c = src_[pos_];
    if (c == quote && (!triple || (Peek(1) == quote && Peek(2) == quote))) {
      emit_middle();
      if (spec) {
        Error(line_, Col(), "f-string: expecting '}'");
        unwind_to_fstring();
      }
      size_t s = pos_;
      uint32_t l = line_, cl = Col();
      pos_ += triple ? 3 : 1;
      modes_.pop_back();
      Emit(Tok::kFStringEnd, s, l, cl);
      return;
    }
    if (c == '\n') {
      if (!triple) {
        emit_middle();
        Error(fstring->lineno, fstring->col,
              "unterminated f-string literal (detected at line " + std::to_string(line_) + ")");
        unwind_to_fstring();
        modes_.pop_back();
        Emit(Tok::kFStringEnd, pos_, line_, Col());
        return;
      }
      NewLineAt(pos_);
      ++pos_;
      continue;
    }
    if (c == '\\') {
      char next = Peek(1);
      if (next == '{' || next == '}') {
        ++pos_;
        continue;
      }
      if (!raw && next == 'N' && Peek(2) == '{') {
        size_t close = src_.find_first_of("}\n", pos_ + 3);
        if (close != std::string_view::npos && src_[close] == '}') {
          pos_ = close + 1;
          continue;
        }
      }
      if (next == '\n') {
        pos_ += 1;
        NewLineAt(pos_);
        ++pos_;
        continue;
      }
      pos_ += (next == '\0' && pos_ + 1 >= n_) ? 1 : 2;
      continue;
    }
    if (c == '{') {
      if (Peek(1) == '{' && !spec) {
        pos_ += 2;
        continue;
      }
      emit_middle();
      size_t s = pos_;
      uint32_t cl = Col();
      ++pos_;
      brackets_.push_back(Bracket{'{', line_, cl});
      Emit(Tok::kLBrace, s, line_, cl);
      modes_.push_back(ModeEntry{Mode::kExpr, quote, triple, raw, static_cast<uint32_t>(brackets_.size()),
                                 fstring->lineno, fstring->col});
      return;
    }
    if (c == '}') {
      if (spec) {
        emit_middle();
        modes_.pop_back();  // the spec; the replacement field closes next
        return;
      }
      if (Peek(1) == '}') {
        pos_ += 2;
        continue;
      }
      Error(line_, Col(), "f-string: single '}' is not allowed");
      ++pos_;
      continue;
    }
    ++pos_;
  }
}

void Lexer::LexString(size_t start, uint32_t lineno, uint32_t col, uint8_t flags, size_t quote_pos) {
  char quote = src_[quote_pos];
  bool triple = quote_pos + 2 < n_ && src_[quote_pos + 1] == quote && src_[quote_pos + 2] == quote;
  if (triple) flags |= kTripleQuoted;
  pos_ = quote_pos + (triple ? 3 : 1);
  if (flags & kPrefixF) {
    Emit(Tok::kFStringStart, start, lineno, col, flags);
    modes_.push_back(ModeEntry{Mode::kFString, quote, triple, (flags & kPrefixRaw) != 0, 0, lineno, col});
    return;
  }
  while (true) {
    if (pos_ >= n_) {
      Error(lineno, col,
            std::string(triple ? "unterminated triple-quoted string literal" : "unterminated string literal") +
                " (detected at line " + std::to_string(line_) + ")");
      Emit(Tok::kError, start, lineno, col);
      return;
    }
    // Fast skip of ordinary characters.
    const char* p = src_.data() + pos_;
    const char* e = src_.data() + n_;
    while (p < e && *p != quote && *p != '\\' && *p != '\n') ++p;
    pos_ = static_cast<size_t>(p - src_.data());
    if (pos_ >= n_) continue;
    char c = src_[pos_];
    if (c == quote) {
      if (!triple) {
        ++pos_;
        break;
      }
      if (Peek(1) == quote && Peek(2) == quote) {
        pos_ += 3;
        break;
      }
      ++pos_;
      continue;
    }
    if (c == '\n') {
      if (!triple) {
        Error(lineno, col, "unterminated string literal (detected at line " + std::to_string(line_) + ")");
        Emit(Tok::kError, start, lineno, col);
        return;
      }
      NewLineAt(pos_);
      ++pos_;
      continue;
    }
    // Backslash: the next character is escaped (also in raw strings, where it
    // stays in the value but still cannot end the literal).
    ++pos_;
    if (pos_ < n_) {
      if (src_[pos_] == '\n') NewLineAt(pos_);
      ++pos_;
    }
  }
  Emit(Tok::kString, start, lineno, col, flags);
}

void Lexer::LexNumber() {
  size_t start = pos_;
  uint32_t col = Col();
  auto digits = [&](auto is_digit) -> bool {
    // digit (['_'] digit)*; false when an underscore is not followed by a digit.
    while (pos_ < n_) {
      char c = src_[pos_];
      if (is_digit(c)) {
        ++pos_;
      } else if (c == '_' && pos_ + 1 < n_ && is_digit(src_[pos_ + 1])) {
        pos_ += 2;
      } else {
        break;
      }
    }
    return !(pos_ < n_ && src_[pos_] == '_');
  };
  auto dec = [](char c) { return c >= '0' && c <= '9'; };
  bool ok = true;
  std::string_view kind = "decimal";
  char c0 = src_[pos_];
  if (c0 == '0' && (Peek(1) == 'x' || Peek(1) == 'X' || Peek(1) == 'o' || Peek(1) == 'O' || Peek(1) == 'b' ||
                    Peek(1) == 'B')) {
    char p = static_cast<char>(Peek(1) | 0x20);
    pos_ += 2;
    if (Peek() == '_') ++pos_;
    size_t before = pos_;
    if (p == 'x') {
      kind = "hexadecimal";
      ok = digits([](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
    } else if (p == 'o') {
      kind = "octal";
      ok = digits([](char c) { return c >= '0' && c <= '7'; });
      if (ok && dec(Peek())) {
        Error(line_, Col(), std::string("invalid digit '") + Peek() + "' in octal literal");
        ++pos_;
        while (pos_ < n_ && IsAsciiIdChar(static_cast<unsigned char>(src_[pos_]))) ++pos_;
        Emit(Tok::kError, start, line_, col);
        return;
      }
    } else {
      kind = "binary";
      ok = digits([](char c) { return c == '0' || c == '1'; });
      if (ok && dec(Peek())) {
        Error(line_, Col(), std::string("invalid digit '") + Peek() + "' in binary literal");
        ++pos_;
        while (pos_ < n_ && IsAsciiIdChar(static_cast<unsigned char>(src_[pos_]))) ++pos_;
        Emit(Tok::kError, start, line_, col);
        return;
      }
    }
    if (pos_ == before) ok = false;
  } else {
    bool is_float = false;
    if (c0 != '.') ok = digits(dec);
    if (ok && Peek() == '.') {
      ++pos_;
      is_float = true;
      if (dec(Peek())) ok = digits(dec);
    }
    if (ok && (Peek() == 'e' || Peek() == 'E')) {
      size_t save = pos_;
      ++pos_;
      if (Peek() == '+' || Peek() == '-') ++pos_;
      if (!dec(Peek())) {
        // `1e` followed by a name: "invalid decimal literal"
        pos_ = save;
        ok = false;
      } else {
        ok = digits(dec);
        is_float = true;
      }
    }
    if (ok && (Peek() == 'j' || Peek() == 'J')) {
      ++pos_;
      is_float = true;
    }
    if (ok && !is_float && c0 == '0') {
      // "00" is fine, "012" is not.
      std::string_view text = src_.substr(start, pos_ - start);
      for (char d : text)
        if (d != '0' && d != '_') {
          AddError(errors_, line_, col, line_, Col(),
                   "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers");
          Emit(Tok::kError, start, line_, col);
          return;
        }
    }
  }
  // A number directly followed by a name character is an error, except before
  // the keywords CPython still tolerates there (`1if x else y`).
  if (ok && pos_ < n_) {
    unsigned char c = static_cast<unsigned char>(src_[pos_]);
    if (IsAsciiIdChar(c) || c >= 0x80) {
      std::string_view rest = src_.substr(pos_, 6);
      bool keyword = false;
      for (std::string_view k : {"and", "else", "for", "if", "in", "is", "not", "or"}) {
        if (rest.substr(0, k.size()) == k &&
            (rest.size() == k.size() || !IsAsciiIdChar(static_cast<unsigned char>(rest[k.size()])))) {
          keyword = true;
        }
      }
      if (!keyword) ok = false;
    }
  }
  if (!ok) {
    uint32_t err_col = Col();
    while (pos_ < n_ && (IsAsciiIdChar(static_cast<unsigned char>(src_[pos_])) ||
                         static_cast<unsigned char>(src_[pos_]) >= 0x80))
      ++pos_;
    Error(line_, kind == "decimal" ? err_col : col, "invalid " + std::string(kind) + " literal");
    Emit(Tok::kError, start, line_, col);
    return;
  }
  Emit(Tok::kNumber, start, line_, col);
}

void Lexer::LexName() {
  size_t start = pos_;
  uint32_t col = Col();
  uint8_t flags = 0;
  while (pos_ < n_) {
    unsigned char c = static_cast<unsigned char>(src_[pos_]);
    if (IsAsciiIdChar(c)) {
      ++pos_;
      continue;
    }
    if (c < 0x80) break;
    int32_t cp;
    int len = Utf8Length(reinterpret_cast<const unsigned char*>(src_.data()), n_, pos_, &cp);
    if (len == 0) break;
    bool ok = pos_ == start ? IsXidStart(cp) : IsXidContinue(cp);
    if (!ok) break;
    flags = kTokNonAscii;
    pos_ += len;
  }
  if (pos_ == start) {
    // Not an identifier character: report it the way CPython does.
    int32_t cp = '?';
    int len = Utf8Length(reinterpret_cast<const unsigned char*>(src_.data()), n_, pos_, &cp);
    if (len == 0) len = 1;
    pos_ += len;
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
    if (IsPrintable(cp))
      Error(line_, col, "invalid character '" + std::string(src_.substr(start, len)) + "' (" + buf + ")");
    else
      Error(line_, col, std::string("invalid non-printable character ") + buf);
    Emit(Tok::kError, start, line_, col);
    return;
  }
  std::string_view text = src_.substr(start, pos_ - start);
  // String prefixes: r, u, b, br, rb, f, fr, rf (any case) directly before a quote.
  if (pos_ < n_ && (src_[pos_] == '\'' || src_[pos_] == '"') && text.size() <= 2 && !flags) {
    uint8_t pf = 0;
    bool valid = true;
    for (char ch : text) {
      switch (ch | 0x20) {
        case 'r': pf |= kPrefixRaw; break;
        case 'b': pf |= kPrefixBytes; break;
        case 'u': pf |= kPrefixUnicode; break;
        case 'f': pf |= kPrefixF; break;
        default: valid = false;
      }
    }
    if (valid && text.size() == 2) {
      valid = (pf == (kPrefixRaw | kPrefixBytes)) || (pf == (kPrefixRaw | kPrefixF));
    }
    if (valid) {
      LexString(start, line_, col, pf, pos_);
      return;
    }
  }
  Tok kind = flags ? Tok::kName : ClassifyName(text);
  Emit(kind, start, line_, col, flags);
}

void Lexer::LexOperator() {
  size_t start = pos_;
  uint32_t col = Col();
  char c = src_[pos_];
  char c1 = Peek(1), c2 = Peek(2);
  Tok kind;
  int len = 1;
  switch (c) {
    case '(': OpenBracket('(', Tok::kLPar); return;
    case '[': OpenBracket('[', Tok::kLSqb); return;
    case '{': OpenBracket('{', Tok::kLBrace); return;
    case ')': CloseBracket(')', Tok::kRPar); return;
    case ']': CloseBracket(']', Tok::kRSqb); return;
    case '}': CloseBracket('}', Tok::kRBrace); return;
    case ':': if (c1 == '=') kind = Tok::kColonEqual, len = 2; else kind = Tok::kColon; break;
    case ',': kind = Tok::kComma; break;
    case ';': kind = Tok::kSemi; break;
    case '+': if (c1 == '=') kind = Tok::kPlusEqual, len = 2; else kind = Tok::kPlus; break;
    case '-':
      if (c1 == '=') kind = Tok::kMinEqual, len = 2;
      else if (c1 == '>') kind = Tok::kRArrow, len = 2;
      else kind = Tok::kMinus;
      break;
    case '*':
      if (c1 == '*') {
        if (c2 == '=') kind = Tok::kDoubleStarEqual, len = 3; else kind = Tok::kDoubleStar, len = 2;
      } else if (c1 == '=') kind = Tok::kStarEqual, len = 2;
      else kind = Tok::kStar;
      break;
    case '/':
      if (c1 == '/') {
        if (c2 == '=') kind = Tok::kDoubleSlashEqual, len = 3; else kind = Tok::kDoubleSlash, len = 2;
      } else if (c1 == '=') kind = Tok::kSlashEqual, len = 2;
      else kind = Tok::kSlash;
      break;
    case '|': if (c1 == '=') kind = Tok::kVBarEqual, len = 2; else kind = Tok::kVBar; break;
    case '&': if (c1 == '=') kind = Tok::kAmperEqual, len = 2; else kind = Tok::kAmper; break;
    case '^': if (c1 == '=') kind = Tok::kCircumflexEqual, len = 2; else kind = Tok::kCircumflex; break;
    case '%': if (c1 == '=') kind = Tok::kPercentEqual, len = 2; else kind = Tok::kPercent; break;
    case '@': if (c1 == '=') kind = Tok::kAtEqual, len = 2; else kind = Tok::kAt; break;
    case '~': kind = Tok::kTilde; break;
    case '=': if (c1 == '=') kind = Tok::kEqEqual, len = 2; else kind = Tok::kEqual; break;
    case '!': if (c1 == '=') kind = Tok::kNotEqual, len = 2; else kind = Tok::kExclamation; break;
    case '<':
      if (c1 == '<') {
        if (c2 == '=') kind = Tok::kLeftShiftEqual, len = 3; else kind = Tok::kLeftShift, len = 2;
      } else if (c1 == '=') kind = Tok::kLessEqual, len = 2;
      else if (c1 == '>') kind = Tok::kNotEqual, len = 2;  // `<>`: the parser rejects it
      else kind = Tok::kLess;
      break;
    case '>':
      if (c1 == '>') {
        if (c2 == '=') kind = Tok::kRightShiftEqual, len = 3; else kind = Tok::kRightShift, len = 2;
      } else if (c1 == '=') kind = Tok::kGreaterEqual, len = 2;
      else kind = Tok::kGreater;
      break;
    case '.':
      if (c1 == '.' && c2 == '.') kind = Tok::kEllipsis, len = 3; else kind = Tok::kDot;
      break;
    default:
      LexName();  // reports the invalid character
      return;
  }
  pos_ = start + len;
  Emit(kind, start, line_, col);
}

void Lexer::AtEnd() {
  if (!modes_.empty()) {
    const ModeEntry& f = modes_.front();
    Error(f.lineno, f.col,
          std::string(f.triple ? "unterminated triple-quoted f-string literal" : "unterminated f-string literal") +
              " (detected at line " + std::to_string(line_) + ")");
    modes_.clear();
    brackets_.clear();
  }
  if (!brackets_.empty()) {
    const Bracket& b = brackets_.front();
    Error(b.lineno, b.col, std::string("'") + b.ch + "' was never closed");
  }
  if (line_has_tokens_) {
    out_.tokens.push_back(
        Token{Tok::kNewline, 0, static_cast<uint32_t>(pos_), static_cast<uint32_t>(pos_), line_, Col(), line_, Col() + 1});
  }
  uint32_t end_line = line_, end_col = Col();
  if (end_col > 0) ++end_line, end_col = 0;
  for (size_t i = 1; i < indents_.size(); ++i)
    out_.tokens.push_back(Token{Tok::kDedent, 0, static_cast<uint32_t>(pos_), static_cast<uint32_t>(pos_), end_line,
                                end_col, end_line, end_col});
  out_.tokens.push_back(Token{Tok::kEndMarker, 0, static_cast<uint32_t>(pos_), static_cast<uint32_t>(pos_), end_line,
                              end_col, end_line, end_col});
}

LexOutput Lexer::Run() {
  while (true) {
    if (!modes_.empty() && modes_.back().mode != Mode::kExpr) {
      LexFStringLiteral();
      line_has_tokens_ = true;
      continue;
    }
    if (at_line_start_ && brackets_.empty()) {
      HandleIndentation();
    }
    // Skip blanks.
    while (pos_ < n_ && (src_[pos_] == ' ' || src_[pos_] == '\t' || src_[pos_] == '\f')) ++pos_;
    if (pos_ >= n_) break;
    unsigned char c = static_cast<unsigned char>(src_[pos_]);
    if (c == '#') {
      size_t end = src_.find('\n', pos_);
      if (end == std::string_view::npos) end = n_;
      out_.comments.push_back(Comment{line_, Col(), src_.substr(pos_, end - pos_)});
      pos_ = end;
      continue;
    }
    if (c == '\n' && !modes_.empty()) {
      // A newline inside a replacement field of a single-quoted f-string ends
      // the f-string (CPython 3.12+: "unterminated f-string literal").
      size_t k = modes_.size();
      while (k > 0 && modes_[k - 1].mode != Mode::kFString) --k;
      if (k > 0 && !modes_[k - 1].triple) {
        const ModeEntry& f = modes_[k - 1];
        Error(f.lineno, f.col, "unterminated f-string literal (detected at line " + std::to_string(line_) + ")");
        uint32_t depth = modes_[k - 1 < modes_.size() - 1 ? k : k - 1].open_depth;
        if (depth > 0 && brackets_.size() >= depth) brackets_.resize(depth - 1);
        modes_.resize(k - 1);
        Emit(Tok::kFStringEnd, pos_, line_, Col());
        continue;
      }
    }
    if (c == '\n') {
      if (brackets_.empty() && !at_line_start_ && line_has_tokens_) {
        size_t start = pos_;
        uint32_t col = Col();
        ++pos_;
        out_.tokens.push_back(Token{Tok::kNewline, 0, static_cast<uint32_t>(start), static_cast<uint32_t>(pos_),
                                    line_, col, line_, col + 1});
        line_has_tokens_ = false;
      } else {
        ++pos_;
      }
      NewLineAt(pos_ - 1);
      if (brackets_.empty()) at_line_start_ = true;
      continue;
    }
    if (c == '\\') {
      if (Peek(1) == '\n') {
        pos_ += 2;
        NewLineAt(pos_ - 1);
        if (pos_ >= n_) {
          Error(line_, 0, "unexpected EOF while parsing");
        }
        continue;
      }
      Error(line_, Col() + 1, "unexpected character after line continuation character");
      size_t start = pos_;
      ++pos_;
      Emit(Tok::kError, start, line_, Col() - 1);
      line_has_tokens_ = true;
      continue;
    }
    at_line_start_ = false;
    line_has_tokens_ = true;
    if (AtExprTop()) {
      if (c == '}') {
        size_t start = pos_;
        uint32_t col = Col();
        ++pos_;
        brackets_.pop_back();
        modes_.pop_back();
        Emit(Tok::kRBrace, start, line_, col);
        continue;
      }
      if (c == ':') {
        size_t start = pos_;
        uint32_t col = Col();
        ++pos_;
        Emit(Tok::kColon, start, line_, col);
        ModeEntry spec = modes_.back();
        spec.mode = Mode::kSpec;
        modes_.push_back(spec);
        continue;
      }
    }
    if (IsAsciiIdStart(c) || c >= 0x80) {
      LexName();
    } else if (c >= '0' && c <= '9') {
      LexNumber();
    } else if (c == '.' && Peek(1) >= '0' && Peek(1) <= '9') {
      LexNumber();
    } else if (c == '"' || c == '\'') {
      LexString(pos_, line_, Col(), 0, pos_);
    } else if (c == 0) {
      size_t start = pos_;
      uint32_t col = Col();
      ++pos_;  // already reported by DecodeSource
      Emit(Tok::kError, start, line_, col);
    } else if (c < 0x20 || c == '$' || c == '?' || c == '`' || c == 0x7F) {
      size_t start = pos_;
      uint32_t col = Col();
      ++pos_;
      if (c < 0x20 || c == 0x7F) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "U+%04X", c);
        Error(line_, col, std::string("invalid non-printable character ") + buf);
      } else {
        Error(line_, col, "invalid syntax");
      }
      Emit(Tok::kError, start, line_, col);
    } else {
      LexOperator();
    }
  }
  AtEnd();
  return std::move(out_);
}

}  // namespace

LexOutput Tokenize(std::string_view source, const ParseOptions& options, std::vector<SyntaxError>* errors,
                   std::vector<Token>&& buffer) {
  Lexer lexer(source, options, errors, std::move(buffer));
  return lexer.Run();
}

}  // namespace rampart::python
