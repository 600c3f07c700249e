// Fuzzes AnalyzeProject on arbitrary bytes with every rule enabled: it must
// never crash, hang or trip a sanitizer, and every finding must point inside
// its file. The input is split at the first NUL byte into two modules of one
// package (`pkg/a.py`, `pkg/b.py`), so star-imports, re-exports and instance
// tracking across files are exercised too.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "rules/analyze.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t split = input.find('\0');
  rampart::rules::ProjectInput project;
  project.root = "/fuzz";
  project.threads = 1;
  project.enabled = [](std::string_view) { return true; };
  project.files.push_back({"pkg/a.py", "/fuzz/pkg/a.py", std::string(input.substr(0, split))});
  if (split != std::string_view::npos)
    project.files.push_back({"pkg/b.py", "/fuzz/pkg/b.py", std::string(input.substr(split + 1))});
  rampart::rules::ProjectResult result = rampart::rules::AnalyzeProject(project);
  if (result.files.size() != project.files.size()) std::abort();
  for (const rampart::Finding& finding : result.findings) {
    if (finding.rule_code.empty() || finding.message.empty()) std::abort();
    if (finding.range.start.line == 0 && finding.range.end.line != 0) std::abort();
    if (finding.range.end < finding.range.start) std::abort();
  }
  return 0;
}
