#include "python/literals.h"

#include <unicode/uchar.h>

#include <charconv>
#include <cstdlib>
#include <string>

#include "python/utf8.h"

namespace rampart::python {

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = static_cast<char>(c | 0x20);
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

std::string DecodeStringBody(std::string_view body, bool raw, bool bytes, std::string& out, size_t* error_offset) {
  const char* codec = bytes ? "(value error) invalid \\x escape" : "(unicode error) 'unicodeescape' codec can't decode bytes";
  (void)codec;
  if (raw) {
    if (bytes) {
      for (size_t i = 0; i < body.size(); ++i)
        if (static_cast<unsigned char>(body[i]) >= 0x80) {
          *error_offset = i;
          return "bytes can only contain ASCII literal characters";
        }
    }
    out.append(body);
    return {};
  }
  size_t i = 0, n = body.size();
  while (i < n) {
    size_t j = body.find('\\', i);
    if (j == std::string_view::npos) j = n;
    if (bytes) {
      for (size_t k = i; k < j; ++k)
        if (static_cast<unsigned char>(body[k]) >= 0x80) {
          *error_offset = k;
          return "bytes can only contain ASCII literal characters";
        }
    }
    out.append(body.substr(i, j - i));
    if (j >= n) break;
    i = j + 1;
    if (i >= n) {
      out += '\\';
      break;
    }
    char c = body[i++];
    switch (c) {
      case '\n': break;  // line continuation inside the literal
      case '\\': out += '\\'; break;
      case '\'': out += '\''; break;
      case '"': out += '"'; break;
      case 'a': out += '\a'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        uint32_t v = c - '0';
        for (int k = 0; k < 2 && i < n && body[i] >= '0' && body[i] <= '7'; ++k) v = v * 8 + (body[i++] - '0');
        if (bytes) out += static_cast<char>(v & 0xFF);
        else AppendUtf8(out, v);
        break;
      }
      case 'x': {
        int h1 = i < n ? HexValue(body[i]) : -1;
        int h2 = i + 1 < n ? HexValue(body[i + 1]) : -1;
        if (h1 < 0 || h2 < 0) {
          *error_offset = j;
          return bytes ? "(value error) invalid \\x escape at position " + std::to_string(j)
                       : "(unicode error) 'unicodeescape' codec can't decode bytes in position " + std::to_string(j) +
                             "-" + std::to_string(i + (h1 >= 0 ? 1 : 0) - 1 + 0) + ": truncated \\xXX escape";
        }
        i += 2;
        uint32_t v = static_cast<uint32_t>(h1 * 16 + h2);
        if (bytes) out += static_cast<char>(v);
        else AppendUtf8(out, v);
        break;
      }
      case 'u':
      case 'U': {
        if (bytes) {
          out += '\\';
          out += c;
          break;
        }
        int digits = c == 'u' ? 4 : 8;
        uint32_t v = 0;
        int k = 0;
        for (; k < digits && i < n && HexValue(body[i]) >= 0; ++k) v = v * 16 + HexValue(body[i++]);
        if (k < digits) {
          *error_offset = j;
          return "(unicode error) 'unicodeescape' codec can't decode bytes in position " + std::to_string(j) + "-" +
                 std::to_string(i - 1) + (c == 'u' ? ": truncated \\uXXXX escape" : ": truncated \\UXXXXXXXX escape");
        }
        if (v > 0x10FFFF) {
          *error_offset = j;
          return "(unicode error) 'unicodeescape' codec can't decode bytes in position " + std::to_string(j) + "-" +
                 std::to_string(i - 1) + ": illegal Unicode character";
        }
        AppendUtf8(out, v);
        break;
      }
      case 'N': {
        if (bytes) {
          out += "\\N";
          break;
        }
        size_t close = i < n && body[i] == '{' ? body.find('}', i) : std::string_view::npos;
        if (close == std::string_view::npos || close == i + 1) {
          *error_offset = j;
          return "(unicode error) 'unicodeescape' codec can't decode bytes in position " + std::to_string(j) + "-" +
                 std::to_string(i - 1) + ": malformed \\N character escape";
        }
        std::string name(body.substr(i + 1, close - i - 1));
        UErrorCode status = U_ZERO_ERROR;
        UChar32 cp = u_charFromName(U_UNICODE_CHAR_NAME, name.c_str(), &status);
        if (U_FAILURE(status)) {
          status = U_ZERO_ERROR;
          cp = u_charFromName(U_CHAR_NAME_ALIAS, name.c_str(), &status);
        }
        if (U_FAILURE(status) || cp < 0) {
          *error_offset = j;
          return "(unicode error) 'unicodeescape' codec can't decode bytes in position " + std::to_string(j) + "-" +
                 std::to_string(close) + ": unknown Unicode character name";
        }
        AppendUtf8(out, static_cast<uint32_t>(cp));
        i = close + 1;
        break;
      }
      default:
        // Invalid escapes keep the backslash (CPython only warns).
        out += '\\';
        --i;
        break;
    }
  }
  return {};
}

bool DecodeNumber(std::string_view text, ConstantValue* value) {
  char buf[128];
  std::string big;
  char* clean = buf;
  size_t len = 0;
  if (text.size() >= sizeof buf) {
    big.resize(text.size() + 1);
    clean = big.data();
  }
  for (char c : text)
    if (c != '_') clean[len++] = c;
  clean[len] = '\0';
  bool imaginary = len > 0 && (clean[len - 1] == 'j' || clean[len - 1] == 'J');
  bool is_prefixed = len > 1 && clean[0] == '0' &&
                     ((clean[1] | 0x20) == 'x' || (clean[1] | 0x20) == 'o' || (clean[1] | 0x20) == 'b');
  bool is_float = imaginary;
  if (!is_prefixed) {
    for (size_t i = 0; i < len; ++i)
      if (clean[i] == '.' || clean[i] == 'e' || clean[i] == 'E') is_float = true;
  }
  if (is_float) {
    size_t flen = imaginary ? len - 1 : len;
    double d = 0;
    auto [ptr, ec] = std::from_chars(clean, clean + flen, d);
    if (ec == std::errc::result_out_of_range) {
      d = std::strtod(std::string(clean, flen).c_str(), nullptr);  // inf or 0, as CPython
    } else if (ec != std::errc() || ptr != clean + flen) {
      return false;
    }
    value->kind = imaginary ? ConstantKind::kComplex : ConstantKind::kFloat;
    value->float_value = d;
    return true;
  }
  value->kind = ConstantKind::kInt;
  value->text = text;
  int base = 10;
  const char* digits = clean;
  size_t dlen = len;
  if (is_prefixed) {
    char p = static_cast<char>(clean[1] | 0x20);
    base = p == 'x' ? 16 : p == 'o' ? 8 : 2;
    digits += 2;
    dlen -= 2;
  }
  uint64_t v = 0;
  auto [ptr, ec] = std::from_chars(digits, digits + dlen, v, base);
  value->int_fits = ec == std::errc() && ptr == digits + dlen && v <= static_cast<uint64_t>(INT64_MAX);
  value->int_value = value->int_fits ? static_cast<int64_t>(v) : 0;
  return true;
}

}  // namespace rampart::python
