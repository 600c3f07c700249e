// WEB102 hsts-short-max-age: HSTS whose max-age is below one year (or missing).
#include "live/live_rules.h"
#include "live/rule_support.h"

namespace rampart::live {
namespace {

constexpr long long kOneYear = 31536000;

void Check(ScanContext& context, const RuleInfo& info) {
  if (!context.https_response) return;
  const HttpResponse& response = *context.https_response;
  std::optional<std::string> header = response.Header("strict-transport-security");
  if (!header) return;  // WEB101
  Hsts hsts = ParseHsts(*header);
  if (hsts.max_age && *hsts.max_age >= kOneYear) return;
  std::string message =
      !hsts.max_age       ? "`Strict-Transport-Security` has no valid `max-age`, browsers ignore it"
      : *hsts.max_age == 0 ? "`Strict-Transport-Security: max-age=0` tells browsers to forget HSTS"
                           : "hsts `max-age=" + std::to_string(*hsts.max_age) +
                                 "` is shorter than one year (31536000 seconds)";
  context.Report(info, *context.https_url, message,
                 Evidence(response, HeaderProof(response, "strict-transport-security")));
}

}  // namespace

const LiveRule& Web102HstsShortMaxAge() {
  static const RuleInfo info{
      .code = "WEB102",
      .name = "hsts-short-max-age",
      .summary = "HSTS max-age is shorter than one year",
      .fix_hint = "raise `max-age` to at least 31536000 seconds",
      .severity = Severity::kLow,
      .confidence = Confidence::kHigh,
      .cwe = {523},
      .owasp = "A05:2021-Security Misconfiguration",
      .practice = Practice::kHttps,
      .aliases = {},
      .docs = {
          .what_it_does = "Checks that `Strict-Transport-Security` carries a `max-age` of at least one "
                          "year (31536000 seconds).",
          .why_bad = "A short `max-age` lets the browser forget the HTTPS-only rule between visits, so "
                     "the first request after expiry is plain HTTP again and can be intercepted. "
                     "Preload lists and most audits require one year.",
          .example = "Strict-Transport-Security: max-age=3600",
          .use_instead = "Strict-Transport-Security: max-age=31536000; includeSubDomains",
          .references = "- [RFC 6797 section 6.1.1](https://www.rfc-editor.org/rfc/rfc6797#section-6.1.1)\n"
                        "- [hstspreload.org requirements](https://hstspreload.org/)",
      }};
  static const LiveRule rule{info, Phase::kPassive, Check};
  return rule;
}

}  // namespace rampart::live
