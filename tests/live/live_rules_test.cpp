// Rule-level tests without a network: each case builds a ScanContext whose home
// page (and TLS report) is given, runs one rule and checks whether it fires.
// The client has a budget of zero requests, so a rule that tried to fetch gets
// a budget error instead of touching the network. These cover the branches
// the live apps in live_scan_test.cpp do not reach (nonces, header lists,
// SameSite=None, expired certificates ...).
#include <gtest/gtest.h>

#include <algorithm>

#include "live/live_rules.h"
#include "live/scan.h"

namespace rampart::live {
namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;

const LiveRule& RuleByCode(std::string_view code) {
  for (const LiveRule* rule : AllLiveRules()) {
    if (rule->info.code == code) return *rule;
  }
  ADD_FAILURE() << "no rule " << code;
  return *AllLiveRules().front();
}

struct Fixture {
  ScanOptions options;
  HttpClient client{[] {
    HttpOptions http;
    http.max_requests = 0;  // every Fetch answers kBudget without sending
    return http;
  }()};
  ScanContext context{options, client};

  explicit Fixture(const Headers& headers, const std::string& scheme = "https", std::string body = "<html></html>") {
    Url url = *ParseUrl(scheme + "://app.example/");
    context.start = url;
    HttpResponse response;
    response.status = 200;
    response.headers = headers;
    if (std::none_of(headers.begin(), headers.end(), [](const auto& h) { return h.first == "Content-Type"; })) {
      response.headers.emplace_back("Content-Type", "text/html; charset=utf-8");
    }
    response.body = std::move(body);
    response.request_line = "GET " + url.ToString();
    if (url.https()) {
      context.https_url = url;
      context.https_response = response;
    } else {
      context.http_url = url;
      context.http_response = response;
    }
    context.RecordResponse(url, response);
    context.mutable_pages().push_back(Page{url, response, ParseHtml(response.body), 0});
  }

  std::vector<Finding> Run(std::string_view code) {
    const LiveRule& rule = RuleByCode(code);
    rule.check(context, rule.info);
    return context.findings();
  }
  bool Fires(std::string_view code) { return !Run(code).empty(); }
};

struct HeaderCase {
  const char* code;
  Headers headers;
  bool fires;
};

class LiveRuleHeaders : public ::testing::TestWithParam<HeaderCase> {};

TEST_P(LiveRuleHeaders, FiresOnlyWhenItShould) {
  const HeaderCase& c = GetParam();
  Fixture fixture(c.headers);
  std::vector<Finding> findings = fixture.Run(c.code);
  EXPECT_EQ(!findings.empty(), c.fires) << c.code << (findings.empty() ? "" : ": " + findings[0].message);
  for (const Finding& finding : findings) {
    EXPECT_EQ(finding.path, "https://app.example/");
    EXPECT_TRUE(finding.evidence.starts_with("GET https://app.example/")) << finding.evidence;
  }
}

const char* kStrictCsp = "default-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

INSTANTIATE_TEST_SUITE_P(
    Cases, LiveRuleHeaders,
    ::testing::Values(
        // HSTS
        HeaderCase{"WEB101", {}, true},
        HeaderCase{"WEB101", {{"Strict-Transport-Security", "max-age=31536000"}}, false},
        HeaderCase{"WEB102", {{"Strict-Transport-Security", "max-age=0"}}, true},
        HeaderCase{"WEB102", {{"Strict-Transport-Security", "max-age=abc; includeSubDomains"}}, true},
        HeaderCase{"WEB102", {{"Strict-Transport-Security", "max-age=31536000"}}, false},
        HeaderCase{"WEB103", {{"Strict-Transport-Security", "max-age=0"}}, false},
        HeaderCase{"WEB103", {{"strict-transport-security", "max-age=31536000; INCLUDESUBDOMAINS"}}, false},
        HeaderCase{"WEB104", {{"Strict-Transport-Security", "max-age=600; includeSubDomains"}}, false},
        HeaderCase{"WEB104", {{"Strict-Transport-Security", "max-age=31536000; includeSubDomains"}}, true},
        // CSP
        HeaderCase{"WEB120", {{"Content-Security-Policy-Report-Only", kStrictCsp}}, false},
        HeaderCase{"WEB120", {{"Content-Type", "application/json"}}, false},  // not a document
        HeaderCase{"WEB121", {{"Content-Security-Policy", "default-src 'self' 'unsafe-inline'"}}, true},
        HeaderCase{"WEB121", {{"Content-Security-Policy", "script-src 'self' 'unsafe-inline' 'nonce-abc'"}}, false},
        HeaderCase{"WEB121", {{"Content-Security-Policy", "script-src 'unsafe-inline' 'strict-dynamic'"}}, false},
        HeaderCase{"WEB121", {{"Content-Security-Policy", "default-src 'self'; style-src 'unsafe-inline'"}}, false},
        HeaderCase{"WEB122", {{"Content-Security-Policy", "script-src 'self' 'unsafe-eval'"}}, true},
        HeaderCase{"WEB122", {{"Content-Security-Policy", kStrictCsp}}, false},
        HeaderCase{"WEB123", {{"Content-Security-Policy", "default-src 'self'; script-src 'self' data:"}}, true},
        HeaderCase{"WEB123", {{"Content-Security-Policy", "default-src https:"}}, true},
        HeaderCase{"WEB123", {{"Content-Security-Policy", "img-src https: data:; default-src 'self'"}}, false},
        HeaderCase{"WEB123", {{"Content-Security-Policy", "default-src 'self' https://cdn.example *.example"}}, false},
        HeaderCase{"WEB124", {{"Content-Security-Policy", "default-src 'none'; base-uri 'none'; frame-ancestors 'none'"}}, false},
        HeaderCase{"WEB124", {{"Content-Security-Policy", "default-src 'self'; base-uri 'self'; frame-ancestors 'none'"}}, true},
        // Two enforced policies together cover all four directives.
        HeaderCase{"WEB124", {{"Content-Security-Policy", "default-src 'self'; object-src 'none'"},
                              {"Content-Security-Policy", "base-uri 'none'; frame-ancestors 'self'"}}, false},
        HeaderCase{"WEB125", {{"Content-Security-Policy-Report-Only", kStrictCsp}}, true},
        HeaderCase{"WEB125", {{"Content-Security-Policy-Report-Only", kStrictCsp},
                              {"Content-Security-Policy", kStrictCsp}}, false},
        // Other headers
        HeaderCase{"WEB130", {{"X-Content-Type-Options", "sniff"}}, true},
        HeaderCase{"WEB130", {{"x-content-type-options", "NOSNIFF"}}, false},
        HeaderCase{"WEB131", {{"X-Frame-Options", "ALLOW-FROM https://x.example"}}, true},
        HeaderCase{"WEB131", {{"Content-Security-Policy", "frame-ancestors *"}}, true},
        HeaderCase{"WEB131", {{"Content-Security-Policy", "frame-ancestors 'self'"}}, false},
        HeaderCase{"WEB131", {{"X-Frame-Options", "sameorigin"}}, false},
        HeaderCase{"WEB132", {{"Referrer-Policy", "no-referrer, unsafe-url"}}, true},
        HeaderCase{"WEB132", {{"Referrer-Policy", "unsafe-url, strict-origin-when-cross-origin"}}, false},
        HeaderCase{"WEB132", {{"Referrer-Policy", "no-referrer-when-downgrade"}}, true},
        HeaderCase{"WEB133", {{"Permissions-Policy", "camera=()"}}, false},
        HeaderCase{"WEB134", {{"Cross-Origin-Opener-Policy", "unsafe-none"}}, true},
        HeaderCase{"WEB134", {{"Cross-Origin-Opener-Policy", "same-origin-allow-popups"}}, false},
        HeaderCase{"WEB135", {{"Server", "nginx"}}, false},
        HeaderCase{"WEB135", {{"Server", "Apache/2.4.57 (Debian)"}}, true},
        HeaderCase{"WEB135", {{"X-Powered-By", "PHP"}}, true}));

struct CookieCase {
  const char* code;
  const char* set_cookie;
  bool fires;
};

class LiveRuleCookies : public ::testing::TestWithParam<CookieCase> {};

TEST_P(LiveRuleCookies, FiresOnlyWhenItShould) {
  const CookieCase& c = GetParam();
  Fixture fixture(Headers{{"Set-Cookie", c.set_cookie}});
  std::vector<Finding> findings = fixture.Run(c.code);
  EXPECT_EQ(!findings.empty(), c.fires) << c.code << " on " << c.set_cookie;
  for (const Finding& finding : findings) {
    EXPECT_NE(finding.evidence.find("<redacted"), std::string::npos) << finding.evidence;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, LiveRuleCookies,
    ::testing::Values(
        CookieCase{"WEB140", "sessionid=abc; HttpOnly; SameSite=Lax", true},
        CookieCase{"WEB140", "csrftoken=abc; SameSite=Lax", true},
        CookieCase{"WEB140", "theme=dark", false},  // not a session or CSRF cookie
        CookieCase{"WEB140", "sessionid=; Max-Age=0", false},  // being cleared
        CookieCase{"WEB140", "sessionid=abc; Secure", false},
        CookieCase{"WEB141", "csrftoken=abc; Secure", false},  // CSRF cookies may be readable
        CookieCase{"WEB141", "session=abc; Secure", true},
        CookieCase{"WEB141", "session=abc; Secure; httponly", false},
        CookieCase{"WEB142", "sessionid=abc; Secure; HttpOnly; SameSite=None", true},
        CookieCase{"WEB142", "sessionid=abc; Secure; HttpOnly; samesite=strict", false},
        CookieCase{"WEB143", "sessionid=abc; Max-Age=2592001", true},
        CookieCase{"WEB143", "sessionid=abc; Max-Age=1209600", false},
        CookieCase{"WEB143", "sessionid=abc; Expires=Fri, 01 Jan 2100 00:00:00 GMT", true},
        CookieCase{"WEB143", "csrftoken=abc; Max-Age=31449600", false},  // Django's CSRF default: fine
        CookieCase{"WEB144", "sessionid=abc; Domain=example.com", true},
        CookieCase{"WEB144", "sessionid=abc; Path=/", false}));

TlsReport GoodTls() {
  TlsReport tls;
  tls.reachable = true;
  tls.trusted = true;
  tls.hostname_matches = true;
  tls.seconds_to_expiry = 200LL * 86400;
  tls.subject = "/CN=app.example";
  tls.issuer = "/CN=Example CA";
  tls.protocol = "TLSv1.3";
  return tls;
}

TEST(LiveRuleTls, CertificateExpiryAndTrust) {
  {
    Fixture fixture(Headers{});
    fixture.context.tls = GoodTls();
    for (const char* code : {"WEB112", "WEB113", "WEB114", "WEB115", "WEB116"}) {
      EXPECT_FALSE(fixture.Fires(code)) << code;
    }
  }
  {
    Fixture fixture(Headers{});
    TlsReport tls = GoodTls();
    tls.trusted = false;
    tls.verify_error = "certificate has expired";
    tls.seconds_to_expiry = -3 * 86400;
    fixture.context.tls = tls;
    std::vector<Finding> expiry = fixture.Run("WEB114");
    ASSERT_EQ(expiry.size(), 1u);
    EXPECT_EQ(expiry[0].severity, Severity::kHigh);
    EXPECT_EQ(expiry[0].message, "certificate expired 3 days ago");
    // An expired but otherwise valid chain is WEB114's finding alone.
    EXPECT_EQ(fixture.Run("WEB113").size(), 1u);  // still only the WEB114 one
  }
  {
    Fixture fixture(Headers{});
    TlsReport tls = GoodTls();
    tls.seconds_to_expiry = 12 * 86400 + 5;
    fixture.context.tls = tls;
    std::vector<Finding> soon = fixture.Run("WEB114");
    ASSERT_EQ(soon.size(), 1u);
    EXPECT_EQ(soon[0].severity, Severity::kMedium);
    EXPECT_EQ(soon[0].message, "certificate expires in 12 days (less than 30)");
  }
  {
    Fixture fixture(Headers{});
    TlsReport tls = GoodTls();
    tls.trusted = false;
    tls.verify_error = "unable to get local issuer certificate";
    fixture.context.tls = tls;
    std::vector<Finding> untrusted = fixture.Run("WEB113");
    ASSERT_EQ(untrusted.size(), 1u);
    EXPECT_EQ(untrusted[0].message, "certificate is not trusted: unable to get local issuer certificate");
  }
}

TEST(LiveRuleTransport, PlainHttpRedirectMustStayOnTheHost) {
  Fixture fixture(Headers{});
  Url http = *ParseUrl("http://app.example/");
  HttpResponse redirect;
  redirect.status = 301;
  redirect.request_line = "GET http://app.example/";
  redirect.headers = {{"Location", "https://login.example/"}};
  fixture.context.http_url = http;
  fixture.context.http_response = redirect;
  std::vector<Finding> findings = fixture.Run("WEB111");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_NE(findings[0].message.find("not to https on the same host"), std::string::npos);
  fixture.context.findings().clear();
  fixture.context.http_response->headers = {{"Location", "https://app.example/"}};
  EXPECT_FALSE(fixture.Fires("WEB111"));
  fixture.context.http_response->headers = {{"Location", "http://app.example/start"}};
  EXPECT_TRUE(fixture.Fires("WEB111"));
}

TEST(LiveRuleBudget, RulesThatFetchDoNothingWhenTheBudgetIsSpent) {
  Fixture fixture(Headers{});
  for (const char* code : {"WEB136", "WEB152", "WEB153", "WEB154", "WEB155"}) {
    EXPECT_FALSE(fixture.Fires(code)) << code;
  }
  EXPECT_TRUE(fixture.client.budget_spent());
  EXPECT_EQ(fixture.client.requests_made(), 0);
}

}  // namespace
}  // namespace rampart::live
