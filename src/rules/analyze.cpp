// Placeholder until the semantic model and rules land: reports no findings and
// returns the files' bytes as their source text.
#include "rules/analyze.h"

namespace rampart::rules {

ProjectResult AnalyzeProject(const ProjectInput& input) {
  ProjectResult result;
  for (const SourceInput& file : input.files) {
    FileResult& out = result.files.emplace_back();
    out.path = file.path;
    out.source_utf8 = file.bytes;
  }
  return result;
}

}  // namespace rampart::rules
