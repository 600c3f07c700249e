// WEB151 django-debug-page: Django's technical 404/500 pages (DEBUG = True).
#include <set>

#include "live/live_rules.h"
#include "live/rule_support.h"

namespace rampart::live {
namespace {

bool IsDjangoTechnicalPage(const HttpResponse& response) {
  // Both technical_404.html and technical_500.html explain that they appear
  // "because you have <code>DEBUG = True</code> in your Django settings file".
  return response.body.find("<code>DEBUG = True</code>") != std::string::npos &&
         response.body.find("Django") != std::string::npos;
}

void Check(ScanContext& context, const RuleInfo& info) {
  context.NotFoundBaseline();  // a 404 for a path no app serves: Django's technical 404 if DEBUG
  std::set<int> reported_status;
  for (const auto& [url, response] : context.log()) {
    if (!IsDjangoTechnicalPage(response) || !reported_status.insert(response.status).second) continue;
    bool is_404 = response.status == 404;
    context.Report(info, url,
                   is_404 ? "django technical 404 page lists the url patterns (`DEBUG = True`)"
                          : "django technical error page shows settings and tracebacks (`DEBUG = True`)",
                   Evidence(response, Snippet(response.body, "DEBUG = True")));
  }
}

}  // namespace

const LiveRule& Web151DjangoDebugPage() {
  static const RuleInfo info{
      .code = "WEB151",
      .name = "django-debug-page",
      .summary = "Django serves its DEBUG technical error pages",
      .fix_hint = "set `DEBUG = False` in production (from the environment) and configure `ALLOWED_HOSTS`",
      .severity = Severity::kHigh,
      .confidence = Confidence::kHigh,
      .cwe = {489, 215},
      .owasp = "A05:2021-Security Misconfiguration",
      .practice = Practice::kFrameworkSecurity,
      .aliases = {},
      .docs = {
          .what_it_does = "Requests a path that cannot exist and reviews every response of the scan "
                          "for Django's technical 404 and 500 pages.",
          .why_bad = "The 404 page lists every URL pattern of the project; the 500 page shows source "
                     "code, local variables and most settings. Both only appear with `DEBUG = True`, "
                     "which also keeps every SQL query in memory.",
          .example = "DEBUG = True",
          .use_instead = "DEBUG = os.environ.get(\"DJANGO_DEBUG\") == \"1\"",
          .references = "- [Django deployment checklist](https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#debug)",
      }};
  static const LiveRule rule{info, Phase::kReview, Check};
  return rule;
}

}  // namespace rampart::live
