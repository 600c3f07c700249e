// WEB156 directory-listing: the server lists folder contents.
#include <set>

#include "live/live_rules.h"
#include "live/rule_support.h"

namespace rampart::live {
namespace {

bool IsListing(const HttpResponse& response) {
  if (response.status != 200 || !response.IsHtml()) return false;
  std::string_view head = std::string_view(response.body).substr(0, 4096);
  // nginx/Apache autoindex and Python's http.server titles.
  return ContainsIgnoreCase(head, "<title>Index of /") || ContainsIgnoreCase(head, "<title>Directory listing for /");
}

void Check(ScanContext& context, const RuleInfo& info) {
  for (const char* path : {"/static/", "/media/", "/uploads/"}) {
    Url url = context.home().url;
    url.target = path;
    context.Get(url);
  }
  std::set<std::string> reported;
  for (const auto& [url, response] : context.log()) {
    if (!IsListing(response) || !reported.insert(url.ToString()).second) continue;
    context.Report(info, url, "directory listing is enabled at `" + url.Path() + "`",
                   Evidence(response, Snippet(response.body, "<title>", 80)));
  }
}

}  // namespace

const LiveRule& Web156DirectoryListing() {
  static const RuleInfo info{
      .code = "WEB156",
      .name = "directory-listing",
      .summary = "folders are listed (autoindex)",
      .fix_hint = "turn off `autoindex` / `Options Indexes`",
      .severity = Severity::kMedium,
      .confidence = Confidence::kHigh,
      .cwe = {548},
      .owasp = "A05:2021-Security Misconfiguration",
      .practice = Practice::kFrameworkSecurity,
      .aliases = {},
      .docs = {
          .what_it_does = "Requests `/static/`, `/media/` and `/uploads/` and reviews every page of the "
                          "scan for autoindex listings (nginx, Apache, Python `http.server`).",
          .why_bad = "Listings reveal files nobody links to: uploads of other users, backups, "
                     "source maps and configuration.",
          .example = "location /media/ { autoindex on; }",
          .use_instead = "location /media/ { autoindex off; }",
          .references = "- [CWE-548](https://cwe.mitre.org/data/definitions/548.html)",
      }};
  static const LiveRule rule{info, Phase::kReview, Check};
  return rule;
}

}  // namespace rampart::live
