// Reporters turn sorted findings into one output format. They never compute:
// everything they print is in ReportInput (findings already sorted,
// de-duplicated, fingerprinted and suppression-marked by the engine).
//
// Callers may rely on: output is a pure function of ReportInput (no clock, no
// file reads, no environment), so two runs over the same input are byte-equal;
// unknown rule codes never crash a reporter (they print with the code as name);
// invalid UTF-8 in messages or sources is replaced, never thrown on. The formats
// are documented in docs/output-formats.md; JSON and SARIF are versioned.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "base/finding.h"
#include "base/rule_info.h"

namespace rampart::report {

enum class Format { kText, kJson, kSarif, kJunit, kGithub, kCycloneDx };
// "text", "json", "sarif", "junit", "github", "cyclonedx"; false when unknown.
bool ParseFormat(std::string_view name, Format* out);
std::string_view FormatName(Format format);

// A software component for SBOM output (deps). Findings whose rule is a
// dependency rule name the component by `bom_ref` in their message data.
struct Component {
  std::string name;        // PEP 503-normalised
  std::string version;     // empty when only a range is known
  std::string purl;        // pkg:pypi/name@version
  std::string manifest;    // relative path of the manifest/lockfile that declared it
  uint32_t line = 0;
};

// Extra data a dependency finding carries for SBOM/JSON output.
struct VulnerabilityData {
  std::string id;                  // "GHSA-..." / "PYSEC-..."
  std::vector<std::string> aliases;
  std::string package;
  std::string installed;           // pinned version, or the specifier
  std::string fixed;               // smallest fixing version, empty when none
  double cvss_score = -1;          // -1: unknown
  std::string cvss_vector;
  std::string summary;
};

struct ReportInput {
  std::string tool_command;             // "check", "deps", "scan"
  std::string root;                     // absolute scan root (SARIF %SRCROOT%)
  std::vector<Finding> findings;        // sorted; includes suppressed ones
  // Parallel to `findings` when non-empty (deps only).
  std::vector<std::optional<VulnerabilityData>> vulnerability_data;
  std::vector<Component> components;    // deps only, for CycloneDX
  bool show_suppressed = false;         // text/github/junit: include suppressed
  bool color = false;                   // text: ANSI colour
  // Summary counters the engine measured (files scanned, seconds...).
  size_t files_scanned = 0;
  double seconds = 0;
  std::vector<std::string> errors;      // non-finding problems ("path:line: message")
  // Lines of source for code frames: (path -> file text), filled by the engine
  // for the files that have findings. Reporters read, never open files.
  std::vector<std::pair<std::string, std::string>> sources;

  // Additions (engine): all optional, defaults keep the original behaviour.
  std::string tool_version = "0.1.0";  // printed in JSON/SARIF/CycloneDX tool data
  // Rules are looked up here; null means RuleCatalogue::Get(). Tests pass their
  // own catalogue so golden files do not depend on which rules have landed.
  const RuleCatalogue* catalogue = nullptr;
  bool quiet = false;       // text: findings only, no summary line
  bool statistics = false;  // text: a per-rule count table instead of code frames
};

// Writes the report. Rules are looked up in RuleCatalogue::Get().
void Write(Format format, const ReportInput& input, std::ostream& out);

// The rule's documentation as Markdown (what it does, why, example, use
// instead, references, plus metadata). One source for the generated docs pages
// (docs/rules/), SARIF `help.markdown` and `rampart explain`.
std::string RuleHelpMarkdown(const RuleInfo& rule);

// Writes `content` to `path` atomically (temp file in the same folder, fsync,
// rename). Returns an error message, or empty on success.
std::string WriteFileAtomically(const std::string& path, std::string_view content);

}  // namespace rampart::report
