// `--format json`: the versioned schema documented in docs/output-formats.md.
// Key order is fixed (ordered_json) so outputs diff cleanly. Suppressed findings
// are always included, marked `"suppressed": true`, so tools see everything.
#include <nlohmann/json.hpp>

#include "report/report_internal.h"

namespace rampart::report::internal {
namespace {

using Json = nlohmann::ordered_json;

constexpr int kJsonSchemaVersion = 1;

Json Point(const SourcePoint& p) { return Json{{"line", p.line}, {"column", p.column}}; }

Json Vulnerability(const VulnerabilityData& v) {
  Json out;
  out["id"] = ValidUtf8(v.id);
  Json aliases = Json::array();
  for (const std::string& a : v.aliases) aliases.push_back(ValidUtf8(a));
  out["aliases"] = aliases;
  out["package"] = ValidUtf8(v.package);
  out["installed"] = ValidUtf8(v.installed);
  out["fixed"] = ValidUtf8(v.fixed);
  out["cvss_score"] = v.cvss_score < 0 ? Json(nullptr) : Json(v.cvss_score);
  out["cvss_vector"] = ValidUtf8(v.cvss_vector);
  out["summary"] = ValidUtf8(v.summary);
  return out;
}

}  // namespace

void WriteJson(const ReportInput& input, std::ostream& out) {
  RuleLookup rules(input);
  Json doc;
  doc["version"] = kJsonSchemaVersion;
  doc["tool"] = Json{{"name", "rampart"},
                     {"version", input.tool_version},
                     {"command", input.tool_command}};
  Json findings = Json::array();
  for (size_t i = 0; i < input.findings.size(); ++i) {
    const Finding& f = input.findings[i];
    const RuleInfo& rule = rules.Get(f.rule_code);
    Json j;
    j["code"] = f.rule_code;
    j["name"] = std::string(rule.name);
    Json aliases = Json::array();
    for (std::string_view a : rule.aliases) aliases.push_back(std::string(a));
    j["aliases"] = aliases;
    j["cwe"] = rule.cwe;
    j["owasp"] = std::string(rule.owasp);
    j["practice"] = std::string(PracticeName(rule.practice));
    j["severity"] = std::string(SeverityName(f.severity));
    j["confidence"] = std::string(ConfidenceName(f.confidence));
    j["path"] = ValidUtf8(f.path);
    j["start"] = Point(f.range.start);
    j["end"] = Point(f.range.end);
    j["message"] = ValidUtf8(f.message);
    j["snippet"] = ValidUtf8(f.snippet);
    j["fingerprint"] = f.fingerprint;
    Json trace = Json::array();
    for (const TraceStep& step : f.trace) {
      trace.push_back(Json{{"path", ValidUtf8(step.path)},
                           {"start", Point(step.range.start)},
                           {"end", Point(step.range.end)},
                           {"note", ValidUtf8(step.note)}});
    }
    j["trace"] = trace;
    j["suppressed"] = f.suppressed();
    Json suppressions = Json::array();
    for (const Suppression& s : f.suppressions) {
      suppressions.push_back(Json{{"kind", s.kind}, {"justification", ValidUtf8(s.justification)}});
    }
    j["suppressions"] = suppressions;
    j["evidence"] = ValidUtf8(f.evidence);
    if (i < input.vulnerability_data.size() && input.vulnerability_data[i]) {
      j["vulnerability"] = Vulnerability(*input.vulnerability_data[i]);
    } else {
      j["vulnerability"] = nullptr;
    }
    findings.push_back(std::move(j));
  }
  doc["findings"] = std::move(findings);
  if (!input.components.empty()) {
    Json components = Json::array();
    for (const Component& c : input.components) {
      components.push_back(Json{{"name", ValidUtf8(c.name)},
                                {"version", ValidUtf8(c.version)},
                                {"purl", ValidUtf8(c.purl)},
                                {"manifest", ValidUtf8(c.manifest)},
                                {"line", c.line}});
    }
    doc["components"] = std::move(components);
  }
  Json errors = Json::array();
  for (const std::string& e : input.errors) errors.push_back(ValidUtf8(e));
  doc["errors"] = std::move(errors);
  Counts counts = CountFindings(input);
  Json by_severity;
  for (int s = 3; s >= 0; --s) {
    by_severity[std::string(SeverityName(static_cast<Severity>(s)))] = counts.by_severity[s];
  }
  doc["summary"] = Json{{"findings", counts.total},
                        {"suppressed", counts.suppressed},
                        {"by_severity", by_severity},
                        {"files_scanned", input.files_scanned},
                        {"seconds", input.seconds},
                        {"errors", input.errors.size()}};
  out << doc.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

}  // namespace rampart::report::internal
