// WEB104 hsts-not-preload-ready: a strong HSTS policy that only lacks `preload`.
#include "live/live_rules.h"
#include "live/rule_support.h"

namespace rampart::live {
namespace {

void Check(ScanContext& context, const RuleInfo& info) {
  if (!context.https_response) return;
  const HttpResponse& response = *context.https_response;
  std::optional<std::string> header = response.Header("strict-transport-security");
  if (!header) return;
  Hsts hsts = ParseHsts(*header);
  // Only the last step is reported here; a short max-age or missing
  // includeSubDomains is WEB102/WEB103 and must be fixed first.
  if (!hsts.max_age || *hsts.max_age < 31536000 || !hsts.include_subdomains || hsts.preload) return;
  context.Report(info, *context.https_url,
                 "`Strict-Transport-Security` is not preload-ready: `preload` is missing",
                 Evidence(response, HeaderProof(response, "strict-transport-security")));
}

}  // namespace

const LiveRule& Web104HstsNotPreloadReady() {
  static const RuleInfo info{
      .code = "WEB104",
      .name = "hsts-not-preload-ready",
      .summary = "HSTS policy is not ready for the browsers' preload list",
      .fix_hint = "add `preload` and submit the domain at hstspreload.org",
      .severity = Severity::kLow,
      .confidence = Confidence::kHigh,
      .cwe = {523},
      .owasp = "A05:2021-Security Misconfiguration",
      .practice = Practice::kHttps,
      .aliases = {},
      .docs = {
          .what_it_does = "Checks that an otherwise strong HSTS policy (one year, `includeSubDomains`) "
                          "also carries `preload`.",
          .why_bad = "HSTS only protects after the first visit. Preloaded domains are HTTPS-only in "
                     "the browser from the very first request, closing the trust-on-first-use gap.",
          .example = "Strict-Transport-Security: max-age=31536000; includeSubDomains",
          .use_instead = "Strict-Transport-Security: max-age=63072000; includeSubDomains; preload\n\n"
                         "# Django\nSECURE_HSTS_PRELOAD = True",
          .references = "- [hstspreload.org](https://hstspreload.org/)",
      }};
  static const LiveRule rule{info, Phase::kPassive, Check};
  return rule;
}

}  // namespace rampart::live
