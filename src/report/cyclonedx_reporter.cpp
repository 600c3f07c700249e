// `--format cyclonedx`: a CycloneDX 1.5 JSON BOM with the components the deps
// audit found and one vulnerability per finding that carries VulnerabilityData.
// No timestamp or random serial number, so the output is reproducible; findings
// without vulnerability data (code rules) are not part of a BOM and are left out.
#include <map>
#include <nlohmann/json.hpp>

#include "report/report_internal.h"

namespace rampart::report::internal {
namespace {

using Json = nlohmann::ordered_json;

std::string CvssSeverity(double score) {
  if (score >= 9.0) return "critical";
  if (score >= 7.0) return "high";
  if (score >= 4.0) return "medium";
  if (score > 0) return "low";
  return "none";
}

std::string LowerName(std::string_view name) {
  std::string out;
  for (char ch : name) {
    char c = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    out += (c == '_' || c == '.') ? '-' : c;
  }
  return out;
}

std::string BomRef(const Component& c) {
  if (!c.purl.empty()) return c.purl;
  return "pkg:pypi/" + LowerName(c.name) + (c.version.empty() ? "" : "@" + c.version);
}

}  // namespace

void WriteCycloneDx(const ReportInput& input, std::ostream& out) {
  Json doc;
  doc["bomFormat"] = "CycloneDX";
  doc["specVersion"] = "1.5";
  doc["version"] = 1;
  doc["metadata"] = Json{{"tools", Json{{"components", Json::array({Json{{"type", "application"},
                                                                          {"name", "rampart"},
                                                                          {"version", input.tool_version}}})}}}};
  Json components = Json::array();
  std::map<std::string, std::string> ref_by_name;  // normalised name -> bom-ref
  std::map<std::string, bool> seen;
  for (const Component& c : input.components) {
    std::string ref = BomRef(c);
    if (seen[ref]) continue;  // bom-refs must be unique
    seen[ref] = true;
    ref_by_name.emplace(LowerName(c.name), ref);
    Json j;
    j["type"] = "library";
    j["bom-ref"] = ValidUtf8(ref);
    j["name"] = ValidUtf8(c.name);
    if (!c.version.empty()) j["version"] = ValidUtf8(c.version);
    j["purl"] = ValidUtf8(ref);
    if (!c.manifest.empty()) {
      j["properties"] = Json::array({Json{{"name", "rampart:manifest"},
                                          {"value", ValidUtf8(c.line ? c.manifest + std::string(":").append(std::to_string(c.line)) : c.manifest)}}});
    }
    components.push_back(std::move(j));
  }
  doc["components"] = std::move(components);

  Json vulnerabilities = Json::array();
  for (size_t i = 0; i < input.findings.size() && i < input.vulnerability_data.size(); ++i) {
    if (!input.vulnerability_data[i]) continue;
    const Finding& f = input.findings[i];
    const VulnerabilityData& v = *input.vulnerability_data[i];
    Json j;
    j["bom-ref"] = ValidUtf8(v.id + "/" + LowerName(v.package) + "/" + std::to_string(i));
    j["id"] = ValidUtf8(v.id);
    j["source"] = Json{{"name", v.id.rfind("GHSA-", 0) == 0 ? "GitHub" : "OSV"}};
    if (!v.aliases.empty()) {
      Json refs = Json::array();
      for (const std::string& a : v.aliases) {
        refs.push_back(Json{{"id", ValidUtf8(a)}, {"source", Json{{"name", "OSV"}}}});
      }
      j["references"] = std::move(refs);
    }
    Json rating;
    if (v.cvss_score >= 0) {
      rating["score"] = v.cvss_score;
      rating["severity"] = CvssSeverity(v.cvss_score);
      rating["method"] = v.cvss_vector.rfind("CVSS:4", 0) == 0 ? "CVSSv4"
                         : v.cvss_vector.rfind("CVSS:3.0", 0) == 0 ? "CVSSv3"
                                                                    : "CVSSv31";
      if (!v.cvss_vector.empty()) rating["vector"] = ValidUtf8(v.cvss_vector);
    } else {
      rating["severity"] = std::string(SeverityName(f.severity));
      rating["method"] = "other";
    }
    j["ratings"] = Json::array({std::move(rating)});
    j["description"] = ValidUtf8(v.summary.empty() ? f.message : v.summary);
    if (!v.fixed.empty()) j["recommendation"] = ValidUtf8("upgrade " + v.package + " to " + v.fixed);
    auto ref = ref_by_name.find(LowerName(v.package));
    std::string affected = ref != ref_by_name.end() ? ref->second : "pkg:pypi/" + LowerName(v.package);
    Json affects = Json{{"ref", ValidUtf8(affected)}};
    if (!v.installed.empty()) {
      affects["versions"] = Json::array({Json{{"version", ValidUtf8(v.installed)}, {"status", "affected"}}});
    }
    j["affects"] = Json::array({std::move(affects)});
    if (f.suppressed()) {
      j["analysis"] = Json{{"state", "not_affected"},
                           {"detail", ValidUtf8("suppressed: " + f.suppressions.front().kind)}};
    }
    vulnerabilities.push_back(std::move(j));
  }
  doc["vulnerabilities"] = std::move(vulnerabilities);
  out << doc.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

}  // namespace rampart::report::internal
