// WEB154 git-metadata-exposed: `/.git/HEAD` is served, so the repository can
// be downloaded.
#include <cctype>

#include "live/live_rules.h"
#include "live/rule_support.h"

namespace rampart::live {
namespace {

bool IsGitHead(std::string_view body) {
  if (body.starts_with("ref: refs/")) return true;
  if (body.size() < 40) return false;  // a detached HEAD is a bare commit id
  for (size_t i = 0; i < 40; ++i) {
    if (!std::isxdigit(static_cast<unsigned char>(body[i]))) return false;
  }
  return body.size() == 40 || body[40] == '\n';
}

void Check(ScanContext& context, const RuleInfo& info) {
  Url url = context.home().url;
  url.target = "/.git/HEAD";
  HttpResponse response = context.Get(url);
  if (!response.ok() || response.status != 200 || !IsGitHead(response.body)) return;
  context.Report(info, url, "git metadata is served: `/.git/HEAD` exposes the repository",
                 Evidence(response, Snippet(response.body, "", 60)));
}

}  // namespace

const LiveRule& Web154GitMetadataExposed() {
  static const RuleInfo info{
      .code = "WEB154",
      .name = "git-metadata-exposed",
      .summary = "the .git folder is served, so the source history can be downloaded",
      .fix_hint = "deploy build artefacts, not the checkout; deny `/.git` in the web server",
      .severity = Severity::kHigh,
      .confidence = Confidence::kHigh,
      .cwe = {538, 527},
      .owasp = "A05:2021-Security Misconfiguration",
      .practice = Practice::kSecrets,
      .aliases = {},
      .docs = {
          .what_it_does = "Requests `/.git/HEAD` and reports an answer that is a git ref or commit id.",
          .why_bad = "From `HEAD` the whole object store can be walked and the source rebuilt, with "
                     "every secret ever committed in its history.",
          .example = "rsync -a ./ server:/srv/app/   # .git included",
          .use_instead = "git archive HEAD | ssh server tar -x -C /srv/app\nlocation ~ /\\.git { deny all; }",
          .references = "- [CWE-527](https://cwe.mitre.org/data/definitions/527.html)",
      }};
  static const LiveRule rule{info, Phase::kPassive, Check};
  return rule;
}

}  // namespace rampart::live
