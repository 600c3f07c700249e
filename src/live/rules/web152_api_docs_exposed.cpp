// WEB152 api-docs-exposed: FastAPI's interactive docs or OpenAPI schema are
// public.
#include "live/live_rules.h"
#include "live/rule_support.h"

namespace rampart::live {
namespace {

void Check(ScanContext& context, const RuleInfo& info) {
  struct Probe {
    const char* path;
    const char* marker;  // text only the real page contains
  };
  for (Probe probe : {Probe{"/docs", "swagger-ui"}, Probe{"/redoc", "redoc"}, Probe{"/openapi.json", "\"openapi\""}}) {
    Url url = context.home().url;
    url.target = probe.path;
    HttpResponse response = context.Get(url);
    if (!response.ok() || response.status != 200 || !ContainsIgnoreCase(response.body, probe.marker)) continue;
    context.Report(info, url, std::string("api documentation is public at `") + probe.path + "`",
                   Evidence(response, Snippet(response.body, probe.marker)));
  }
}

}  // namespace

const LiveRule& Web152ApiDocsExposed() {
  static const RuleInfo info{
      .code = "WEB152",
      .name = "api-docs-exposed",
      .summary = "FastAPI docs (/docs, /redoc) or the OpenAPI schema are public",
      .fix_hint = "create the app with `FastAPI(docs_url=None, redoc_url=None, openapi_url=None)` in production",
      .severity = Severity::kLow,
      .confidence = Confidence::kHigh,
      .cwe = {200},
      .owasp = "A05:2021-Security Misconfiguration",
      .practice = Practice::kFrameworkSecurity,
      .aliases = {},
      .docs = {
          .what_it_does = "Requests `/docs`, `/redoc` and `/openapi.json` and reports the real Swagger UI, "
                          "ReDoc or OpenAPI document.",
          .why_bad = "A public schema maps every endpoint, parameter and model, including internal "
                     "and admin routes, and the Swagger UI lets anyone try them.",
          .example = "app = FastAPI()",
          .use_instead = "app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)",
          .references = "- [FastAPI: metadata and docs URLs](https://fastapi.tiangolo.com/tutorial/metadata/#docs-urls)",
      }};
  static const LiveRule rule{info, Phase::kPassive, Check};
  return rule;
}

}  // namespace rampart::live
