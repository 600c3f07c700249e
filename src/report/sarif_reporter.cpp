// `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other viewers.
//
// Choices (documented in docs/output-formats.md):
// - the driver lists only the rules that appear in results (smaller uploads;
//   GitHub shows descriptors only for rules with results anyway);
// - columns are Unicode code points (`columnKind: unicodeCodePoints`), converted
//   from the findings' UTF-8 byte columns using the attached sources (ASCII
//   lines are unchanged);
// - file paths are relative `uri`s under `uriBaseId: %SRCROOT%`; URL findings
//   (live scans) use the absolute URL and no region;
// - suppressed findings stay in `results` with `suppressions` (`inSource` for
//   comments, `external` for baseline/config);
// - `partialFingerprints["rampart/v1"]` carries the engine's fingerprint.
#include <map>
#include <nlohmann/json.hpp>

#include "report/report_internal.h"

namespace rampart::report::internal {
namespace {

using Json = nlohmann::ordered_json;

bool IsUrl(std::string_view path) { return path.find("://") != std::string_view::npos; }

// Percent-encodes characters not allowed in a relative URI reference path.
std::string UriPath(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : path) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || std::string_view("/-._~!$&'()*+,;=@").find(ch) != std::string_view::npos) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string RootUri(std::string_view root) {
  std::string uri = "file://" + UriPath(root);
  if (uri.back() != '/') uri += '/';
  return uri;
}

Json Region(std::string_view path, const SourceRange& range, SourceLines& sources) {
  Json region;
  std::string_view line;
  bool have_start = sources.Line(path, range.start.line, &line);
  region["startLine"] = range.start.line;
  if (range.start.column > 0) {
    region["startColumn"] = have_start ? CodePointColumn(line, range.start.column) : range.start.column;
  }
  if (range.end.line >= range.start.line && range.end.line > 0) {
    std::string_view end_line;
    bool have_end = sources.Line(path, range.end.line, &end_line);
    region["endLine"] = range.end.line;
    if (range.end.column > 0) {
      region["endColumn"] = have_end ? CodePointColumn(end_line, range.end.column) : range.end.column;
    }
  }
  return region;
}

Json Location(std::string_view path, const SourceRange& range, SourceLines& sources,
              std::string_view snippet) {
  Json physical;
  if (IsUrl(path)) {
    physical["artifactLocation"] = Json{{"uri", ValidUtf8(path)}};
  } else {
    physical["artifactLocation"] = Json{{"uri", UriPath(path)}, {"uriBaseId", "%SRCROOT%"}};
  }
  if (range.start.line > 0) {
    Json region = Region(path, range, sources);
    if (!snippet.empty()) region["snippet"] = Json{{"text", ValidUtf8(snippet)}};
    physical["region"] = std::move(region);
  }
  return Json{{"physicalLocation", std::move(physical)}};
}

Json Descriptor(const RuleInfo& rule) {
  Json d;
  d["id"] = std::string(rule.code);
  d["name"] = std::string(rule.name);
  d["shortDescription"] = Json{{"text", std::string(rule.summary.empty() ? rule.name : rule.summary)}};
  if (!rule.docs.what_it_does.empty()) {
    d["fullDescription"] = Json{{"text", std::string(rule.docs.what_it_does)}};
  }
  std::string markdown = RuleHelpMarkdown(rule);
  std::string text = rule.summary.empty() ? std::string(rule.name) : std::string(rule.summary);
  if (!rule.fix_hint.empty()) text += "\n\nFix: " + std::string(rule.fix_hint);
  d["help"] = Json{{"text", text}, {"markdown", markdown}};
  d["defaultConfiguration"] = Json{{"level", std::string(SarifLevel(rule.severity))}};
  Json tags = Json::array();
  tags.push_back("security");
  for (int cwe : rule.cwe) tags.push_back("external/cwe/cwe-" + std::to_string(cwe));
  tags.push_back(std::string(PracticeName(rule.practice)));
  Json properties;
  properties["tags"] = std::move(tags);
  properties["security-severity"] = std::string(SecuritySeverity(rule.severity));
  properties["precision"] = rule.confidence == Confidence::kHigh     ? "high"
                            : rule.confidence == Confidence::kMedium ? "medium"
                                                                     : "low";
  d["properties"] = std::move(properties);
  return d;
}

}  // namespace

void WriteSarif(const ReportInput& input, std::ostream& out) {
  RuleLookup rules(input);
  SourceLines sources(input);
  // Rule index in order of code, only for rules with results.
  std::map<std::string, int> rule_index;
  for (const Finding& f : input.findings) rule_index.emplace(f.rule_code, 0);
  Json descriptors = Json::array();
  int next = 0;
  for (auto& [code, index] : rule_index) {
    index = next++;
    descriptors.push_back(Descriptor(rules.Get(code)));
  }

  Json results = Json::array();
  for (size_t i = 0; i < input.findings.size(); ++i) {
    const Finding& f = input.findings[i];
    Json r;
    r["ruleId"] = f.rule_code;
    r["ruleIndex"] = rule_index[f.rule_code];
    r["level"] = std::string(SarifLevel(f.severity));
    r["message"] = Json{{"text", ValidUtf8(f.message)}};
    r["locations"] = Json::array({Location(f.path, f.range, sources, f.snippet)});
    if (!f.fingerprint.empty()) r["partialFingerprints"] = Json{{"rampart/v1", f.fingerprint}};
    if (!f.trace.empty()) {
      Json steps = Json::array();
      for (const TraceStep& step : f.trace) {
        Json location = Location(step.path, step.range, sources, "");
        location["message"] = Json{{"text", ValidUtf8(step.note)}};
        steps.push_back(Json{{"location", std::move(location)}});
      }
      r["codeFlows"] = Json::array(
          {Json{{"threadFlows", Json::array({Json{{"locations", std::move(steps)}}})}}});
    }
    if (f.suppressed()) {
      Json suppressions = Json::array();
      for (const Suppression& s : f.suppressions) {
        bool external = s.kind == "baseline" || s.kind == "config";
        Json j{{"kind", external ? "external" : "inSource"}};
        std::string justification = s.justification.empty() ? s.kind : s.kind + ": " + s.justification;
        j["justification"] = ValidUtf8(justification);
        suppressions.push_back(std::move(j));
      }
      r["suppressions"] = std::move(suppressions);
    }
    Json properties;
    properties["severity"] = std::string(SeverityName(f.severity));
    properties["confidence"] = std::string(ConfidenceName(f.confidence));
    if (i < input.vulnerability_data.size() && input.vulnerability_data[i]) {
      const VulnerabilityData& v = *input.vulnerability_data[i];
      properties["vulnerability"] = ValidUtf8(v.id);
      if (v.cvss_score >= 0) {
        char score[16];
        std::snprintf(score, sizeof score, "%.1f", v.cvss_score);
        properties["security-severity"] = score;
      }
    }
    if (!f.evidence.empty()) properties["evidence"] = ValidUtf8(f.evidence);
    r["properties"] = std::move(properties);
    results.push_back(std::move(r));
  }

  Json driver;
  driver["name"] = "rampart";
  driver["version"] = input.tool_version;
  driver["semanticVersion"] = input.tool_version;
  driver["rules"] = std::move(descriptors);

  Json run;
  run["tool"] = Json{{"driver", std::move(driver)}};
  if (!input.root.empty()) {
    run["originalUriBaseIds"] = Json{{"%SRCROOT%", Json{{"uri", RootUri(input.root)}}}};
  }
  Json invocation;
  invocation["executionSuccessful"] = input.errors.empty();
  if (!input.errors.empty()) {
    Json notes = Json::array();
    for (const std::string& e : input.errors) {
      notes.push_back(Json{{"level", "error"}, {"message", Json{{"text", ValidUtf8(e)}}}});
    }
    invocation["toolExecutionNotifications"] = std::move(notes);
  }
  run["invocations"] = Json::array({std::move(invocation)});
  run["columnKind"] = "unicodeCodePoints";
  run["results"] = std::move(results);

  Json doc;
  doc["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  doc["version"] = "2.1.0";
  doc["runs"] = Json::array({std::move(run)});
  out << doc.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

}  // namespace rampart::report::internal
