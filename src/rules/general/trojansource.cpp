// PY613 trojansource (bandit B613, ruff PLE2502).
#include <cstdio>

#include "rules/general/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY613",
    .name = "trojansource",
    .summary = "the file contains Unicode bidirectional control characters (Trojan Source)",
    .fix_hint = "remove the bidirectional control character; write it as an escape (`\\u202e`) if a string needs it",
    .severity = Severity::kHigh,
    .confidence = Confidence::kMedium,
    .cwe = {838},
    .owasp = "A08:2021-Software and Data Integrity Failures",
    .practice = Practice::kAudits,
    .aliases = {"bandit:B613", "ruff:PLE2502"},
    .docs =
        {
            .what_it_does =
                "Scans the raw text of each Python file, comments and strings included, for the "
                "Unicode bidirectional control characters U+202A-U+202E, U+2066-U+2069 and "
                "U+200F, and reports each one where it stands.\n\nDifferences from Bandit: the right-to-left "
                "mark U+200F, which cannot reorder code by itself and is common in right-to-left "
                "locale data, is reported with low severity and confidence. Escapes such as `\"\\u202e\"` are "
                "plain ASCII and are not reported.",
            .why_bad =
                "Bidirectional overrides reorder how text is displayed without changing how it "
                "is parsed. A reviewer sees a comment or a string where the interpreter sees "
                "code (CVE-2021-42574, \"Trojan Source\"), so a malicious change passes review.",
            .example = "def is_admin(user):\n"
                       "    access_level = \"user\"\n"
                       "    if access_level != \"user\u202e \u2066# check admin\u2069 \u2066\":\n"
                       "        return True\n"
                       "    return False\n",
            .use_instead = "def is_admin(user):\n"
                           "    access_level = \"user\"\n"
                           "    if access_level != \"user\":  # check admin\n"
                           "        return True\n"
                           "    return False\n",
            .references =
                "- [Trojan Source: Invisible Vulnerabilities](https://trojansource.codes/)\n"
                "- [Bandit B613](https://bandit.readthedocs.io/en/latest/plugins/b613_trojansource.html)\n"
                "- [CWE-838: Inappropriate Encoding for Output Context](https://cwe.mitre.org/data/definitions/838.html)",
        },
};

// The code point of a three-byte UTF-8 bidirectional control at `p`, else 0.
uint32_t BidiAt(const unsigned char* p, size_t available) {
  if (available < 3 || p[0] != 0xE2) return 0;
  if (p[1] == 0x80 && ((p[2] >= 0xAA && p[2] <= 0xAE) || p[2] == 0x8F)) return 0x2000 + (p[2] - 0x80);
  if (p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9) return 0x2040 + (p[2] - 0x80);
  return 0;
}

void CheckModule(RuleContext& context) {
  std::string_view text = context.source();
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  uint32_t line = 1;
  uint32_t column = 1;  // 1-based byte column
  for (size_t i = 0; i < text.size(); ++i) {
    if (bytes[i] == '\n') {
      ++line;
      column = 1;
      continue;
    }
    if (uint32_t code_point = BidiAt(bytes + i, text.size() - i)) {
      char name[16];
      std::snprintf(name, sizeof name, "U+%04X", code_point);
      SourceRange range{{line, column}, {line, column + 3}};
      if (code_point == 0x200F) {
        // The right-to-left mark is a strong character, not an embedding or
        // override: it cannot reorder code by itself and right-to-left locale
        // data uses it legitimately (Django's `ar` date formats).
        ReportOptions options;
        options.severity = Severity::kLow;
        options.confidence = Confidence::kLow;
        context.Report(range, std::string("right-to-left mark `") + name + "` in the source", options);
      } else {
        context.Report(range, std::string("bidirectional control character `") + name +
                                  "` makes the code read differently from how it runs");
      }
      i += 2;
      column += 3;
      continue;
    }
    ++column;
  }
}

}  // namespace

const Rule& Trojansource() {
  static const Rule rule{.info = kInfo, .check_module = CheckModule};
  return rule;
}

}  // namespace rampart::rules
