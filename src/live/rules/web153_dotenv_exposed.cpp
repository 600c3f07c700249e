// WEB153 dotenv-exposed: `/.env` is served.
#include <cctype>

#include "live/live_rules.h"
#include "live/rule_support.h"

namespace rampart::live {
namespace {

// The variable name of a `NAME=value` / `export NAME=value` line, or empty.
// Hand-written rather than std::regex: libstdc++'s regex recurses per
// character and the body comes from the network.
std::string AssignedName(std::string_view line) {
  auto skip_space = [&] {
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  };
  skip_space();
  if (line.starts_with("export ")) {
    line.remove_prefix(7);
    skip_space();
  }
  size_t end = 0;
  while (end < line.size() && (std::isalnum(static_cast<unsigned char>(line[end])) || line[end] == '_')) ++end;
  if (end == 0 || std::isdigit(static_cast<unsigned char>(line[0]))) return "";
  std::string_view rest = line.substr(end);
  while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.remove_prefix(1);
  return rest.starts_with("=") ? std::string(line.substr(0, end)) : "";
}

void Check(ScanContext& context, const RuleInfo& info) {
  Url url = context.home().url;
  url.target = "/.env";
  HttpResponse response = context.Get(url);
  if (!response.ok() || response.status != 200 || response.IsHtml() || context.LooksLikeBaseline(response)) return;
  // Evidence names the keys only: a report must not copy the secrets it found.
  std::string keys;
  int count = 0;
  size_t start = 0;
  std::string_view body = response.body;
  while (start < body.size() && count < 8) {
    size_t end = body.find('\n', start);
    if (end == std::string_view::npos) end = body.size();
    std::string name = AssignedName(body.substr(start, end - start));
    if (!name.empty()) {
      keys += (keys.empty() ? "" : ", ") + name;
      ++count;
    }
    start = end + 1;
  }
  if (count == 0) return;
  context.Report(info, url, "`/.env` is served and holds configuration such as `" +
                                keys.substr(0, keys.find(',')) + "`",
                 Evidence(response, "keys: " + keys + " (values not copied)"));
}

}  // namespace

const LiveRule& Web153DotenvExposed() {
  static const RuleInfo info{
      .code = "WEB153",
      .name = "dotenv-exposed",
      .summary = "the .env file with the app's secrets is downloadable",
      .fix_hint = "keep `.env` outside the web root and deny dotfiles (`location ~ /\\. { deny all; }`)",
      .severity = Severity::kCritical,
      .confidence = Confidence::kHigh,
      .cwe = {538, 312},
      .owasp = "A05:2021-Security Misconfiguration",
      .practice = Practice::kSecrets,
      .aliases = {},
      .docs = {
          .what_it_does = "Requests `/.env` and reports a non-HTML answer made of `KEY=value` lines "
                          "(catch-all routes are told apart by comparing with a surely-missing path). "
                          "The evidence lists key names only.",
          .why_bad = "`.env` holds `SECRET_KEY`, database URLs and API tokens: with `SECRET_KEY` an "
                     "attacker can forge sessions, and with the database URL read everything.",
          .example = "location / { root /srv/app; }   # /srv/app/.env is served",
          .use_instead = "location ~ /\\. { deny all; }",
          .references = "- [CWE-538](https://cwe.mitre.org/data/definitions/538.html)",
      }};
  static const LiveRule rule{info, Phase::kPassive, Check};
  return rule;
}

}  // namespace rampart::live
