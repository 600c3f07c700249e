// WEB103 hsts-without-include-subdomains: HSTS that leaves subdomains on HTTP.
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
  // max-age=0 is a removal, reported by WEB102; includeSubDomains is moot then.
  if (hsts.include_subdomains || (hsts.max_age && *hsts.max_age == 0)) return;
  context.Report(info, *context.https_url, "`Strict-Transport-Security` lacks `includeSubDomains`",
                 Evidence(response, HeaderProof(response, "strict-transport-security")));
}

}  // namespace

const LiveRule& Web103HstsWithoutIncludeSubdomains() {
  static const RuleInfo info{
      .code = "WEB103",
      .name = "hsts-without-include-subdomains",
      .summary = "HSTS does not cover subdomains",
      .fix_hint = "add `includeSubDomains` to `Strict-Transport-Security`",
      .severity = Severity::kLow,
      .confidence = Confidence::kHigh,
      .cwe = {523},
      .owasp = "A05:2021-Security Misconfiguration",
      .practice = Practice::kHttps,
      .aliases = {},
      .docs = {
          .what_it_does = "Checks that `Strict-Transport-Security` carries `includeSubDomains`.",
          .why_bad = "Without it, an attacker can lure users to `http://anything.example.com` and set "
                     "cookies for the parent domain over plain HTTP (cookie tossing), or serve a "
                     "look-alike subdomain without TLS.",
          .example = "Strict-Transport-Security: max-age=31536000",
          .use_instead = "Strict-Transport-Security: max-age=31536000; includeSubDomains\n\n"
                         "# Django\nSECURE_HSTS_INCLUDE_SUBDOMAINS = True",
          .references = "- [RFC 6797 section 6.1.2](https://www.rfc-editor.org/rfc/rfc6797#section-6.1.2)",
      }};
  static const LiveRule rule{info, Phase::kPassive, Check};
  return rule;
}

}  // namespace rampart::live
