// UTF-8 encoding of one code point, shared by the lexer (re-encoding source
// files from legacy code pages) and literal decoding (`\u`, `\U`, `\x`, `\N{}`
// escapes), so both write code points the same way.
//
// What callers may rely on: AppendUtf8 never fails and never throws. Code points
// below 0x110000 are encoded in 1-4 bytes; surrogates (0xD800-0xDFFF) come out
// as 3-byte WTF-8, so a "\ud800" escape is kept (see ast.h). It is inline
// because both callers use it per character on hot paths.
#pragma once

#include <cstdint>
#include <string>

namespace rampart::python {

inline void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace rampart::python
