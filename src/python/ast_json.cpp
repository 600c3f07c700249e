#include "python/ast_json.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace rampart::python {

namespace {

void AppendU16(uint32_t unit, std::string& out) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\u%04x", unit);
  out += buf;
}

}  // namespace

void AppendJsonString(std::string_view text, std::string& out) {
  out += '"';
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  size_t n = text.size();
  for (size_t i = 0; i < n;) {
    unsigned char c = s[i];
    if (c < 0x80) {
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
          if (c < 0x20 || c == 0x7F) AppendU16(c, out);
          else out += static_cast<char>(c);
      }
      ++i;
      continue;
    }
    uint32_t cp;
    int len;
    if ((c & 0xE0) == 0xC0 && i + 1 < n) cp = c & 0x1F, len = 2;
    else if ((c & 0xF0) == 0xE0 && i + 2 < n) cp = c & 0x0F, len = 3;
    else if ((c & 0xF8) == 0xF0 && i + 3 < n) cp = c & 0x07, len = 4;
    else {
      AppendU16(0xFFFD, out);
      ++i;
      continue;
    }
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (s[i + k] & 0x3F);
    i += len;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      AppendU16(0xD800 + (cp >> 10), out);
      AppendU16(0xDC00 + (cp & 0x3FF), out);
    } else {
      AppendU16(cp, out);
    }
  }
  out += '"';
}

std::string FloatRepr(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
  std::string sci(buf, res.ptr);
  // sci: [-]d[.ddd]e[+-]xx
  bool negative = sci[0] == '-';
  if (negative) sci.erase(0, 1);
  size_t e = sci.find('e');
  std::string mantissa = sci.substr(0, e);
  int exponent = std::atoi(sci.c_str() + e + 1);
  std::string digits;
  for (char c : mantissa)
    if (c != '.') digits += c;
  std::string out = negative ? "-" : "";
  if (exponent >= -4 && exponent < 16) {
    if (exponent < 0) {
      out += "0.";
      out.append(static_cast<size_t>(-exponent - 1), '0');
      out += digits;
    } else {
      size_t int_len = static_cast<size_t>(exponent) + 1;
      if (digits.size() <= int_len) {
        out += digits;
        out.append(int_len - digits.size(), '0');
        out += ".0";
      } else {
        out += digits.substr(0, int_len);
        out += '.';
        out += digits.substr(int_len);
      }
    }
    return out;
  }
  out += digits.substr(0, 1);
  if (digits.size() > 1) {
    out += '.';
    out += digits.substr(1);
  }
  char exp_buf[16];
  std::snprintf(exp_buf, sizeof exp_buf, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
  out += exp_buf;
  return out;
}

namespace {

void Write(const Node* node, std::string& out);

void Value(const Node* child, std::string& out) {
  if (child) Write(child, out);
  else out += "null";
}
template <class T>
void Value(const T* child, std::string& out) requires std::is_base_of_v<Node, T> {
  Value(static_cast<const Node*>(child), out);
}
template <class T>
void Value(const NodeList<T>& list, std::string& out) {
  out += '[';
  for (uint32_t i = 0; i < list.size(); ++i) {
    if (i) out += ", ";
    Value(static_cast<const Node*>(list[i]), out);
  }
  out += ']';
}
void Value(Identifier id, std::string& out) {
  if (id) AppendJsonString(id->text, out);
  else out += "null";
}
void Value(const IdentifierList& list, std::string& out) {
  out += '[';
  for (uint32_t i = 0; i < list.size(); ++i) {
    if (i) out += ", ";
    Value(list[i], out);
  }
  out += ']';
}
void Tagged(std::string_view name, std::string& out) {
  out += "{\"_type\": \"";
  out += name;
  out += "\"}";
}
void Value(ExprContext v, std::string& out) { Tagged(ExprContextName(v), out); }
void Value(BoolOpKind v, std::string& out) { Tagged(BoolOpName(v), out); }
void Value(OperatorKind v, std::string& out) { Tagged(OperatorName(v), out); }
void Value(UnaryOpKind v, std::string& out) { Tagged(UnaryOpName(v), out); }
void Value(const CmpOpList& list, std::string& out) {
  out += '[';
  for (uint32_t i = 0; i < list.size(); ++i) {
    if (i) out += ", ";
    Tagged(CmpOpName(list[i]), out);
  }
  out += ']';
}
void Value(int32_t v, std::string& out) { out += std::to_string(v); }
void Value(const OptString& s, std::string& out) {
  if (s.present) AppendJsonString(s.text, out);
  else out += "null";
}
void Value(const ConstantValue& v, std::string& out) {
  switch (v.kind) {
    case ConstantKind::kNone: out += "{\"None\": null}"; return;
    case ConstantKind::kEllipsis: out += "{\"Ellipsis\": null}"; return;
    case ConstantKind::kBool: out += v.bool_value ? "{\"bool\": true}" : "{\"bool\": false}"; return;
    case ConstantKind::kInt:
      out += "{\"int\": \"";
      out += v.int_fits ? std::to_string(v.int_value) : IntToDecimal(v.text);
      out += "\"}";
      return;
    case ConstantKind::kFloat:
      out += "{\"float\": \"" + FloatRepr(v.float_value) + "\"}";
      return;
    case ConstantKind::kComplex:
      out += "{\"complex\": \"" + FloatRepr(v.float_value) + "\"}";
      return;
    case ConstantKind::kStr:
      out += "{\"str\": ";
      AppendJsonString(v.text, out);
      out += '}';
      return;
    case ConstantKind::kBytes: {
      out += "{\"bytes\": \"";
      for (unsigned char c : v.text) {
        if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') out += static_cast<char>(c);
        else AppendU16(c, out);
      }
      out += "\"}";
      return;
    }
  }
}

void Write(const Node* node, std::string& out) {
  out += "{\"_type\": \"";
  out += NodeKindName(node->kind);
  out += '"';
  switch (node->kind) {
#define RAMPART_FIELD(Type, member, name) \
  out += ", \"" name "\": ";              \
  Value(n->member, out);
#define RAMPART_AST_NODE(Kind, Base, HasPos, ...)              \
  case NodeKind::k##Kind: {                                    \
    [[maybe_unused]] const auto* n = static_cast<const Kind*>(node); \
    __VA_ARGS__                                                \
    break;                                                     \
  }
#include "python/ast_nodes.def"
  }
  if (node->kind == NodeKind::kTypeIgnore) {
    out += ", \"lineno\": " + std::to_string(node->lineno);
  } else if (NodeKindHasPositions(node->kind)) {
    out += ", \"lineno\": ";
    out += std::to_string(node->lineno);
    out += ", \"col_offset\": ";
    out += std::to_string(node->col_offset);
    out += ", \"end_lineno\": ";
    out += std::to_string(node->end_lineno);
    out += ", \"end_col_offset\": ";
    out += std::to_string(node->end_col_offset);
  }
  out += '}';
}

}  // namespace

void AppendAstJson(const Node* node, std::string& out) { Value(node, out); }

}  // namespace rampart::python
