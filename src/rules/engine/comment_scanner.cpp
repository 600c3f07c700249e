#include "rules/engine/comment_scanner.h"

namespace rampart::rules::engine {

std::vector<rules::Comment> ScanPythonComments(std::string_view src) {
  std::vector<rules::Comment> out;
  uint32_t line = 1;
  size_t line_start = 0;
  size_t i = 0;
  while (i < src.size()) {
    char c = src[i];
    if (c == '\n') {
      ++line;
      line_start = ++i;
      continue;
    }
    if (c == '#') {
      size_t end = src.find('\n', i);
      if (end == std::string_view::npos) end = src.size();
      std::string_view text = src.substr(i, end - i);
      if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
      out.push_back({line, static_cast<uint32_t>(i - line_start + 1), std::string(text)});
      i = end;
      continue;
    }
    if (c == '\'' || c == '"') {
      // Raw strings (r"..", rb"..") keep backslashes but a backslash still
      // prevents the next quote from closing the literal, so one rule fits both.
      bool triple = i + 2 < src.size() && src[i + 1] == c && src[i + 2] == c;
      size_t j = i + (triple ? 3 : 1);
      for (;;) {
        if (j >= src.size()) {
          i = src.size();
          break;
        }
        char d = src[j];
        if (d == '\\') {
          if (j + 1 < src.size() && src[j + 1] == '\n') {
            ++line;
            line_start = j + 2;
          }
          j += 2;
          continue;
        }
        if (d == '\n') {
          ++line;
          line_start = j + 1;
          if (!triple) {  // unterminated single-quoted string ends at the line
            i = j + 1;
            break;
          }
        }
        if (d == c && (!triple || (j + 2 < src.size() && src[j + 1] == c && src[j + 2] == c))) {
          i = j + (triple ? 3 : 1);
          break;
        }
        ++j;
      }
      continue;
    }
    ++i;
  }
  return out;
}

}  // namespace rampart::rules::engine
