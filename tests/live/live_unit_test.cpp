// Unit tests of the live scanner's pure parts: URLs, Set-Cookie / CSP / HSTS /
// HTTP-date parsing, cookie roles, HTML forms, grading and the rule list's
// metadata. No network.
#include <gtest/gtest.h>

#include <chrono>
#include <set>

#include "live/headers.h"
#include "live/html.h"
#include "live/live_rules.h"
#include "live/scan.h"
#include "live/url.h"

namespace rampart::live {
namespace {

TEST(LiveUrl, ParsesAndNormalises) {
  std::optional<Url> url = ParseUrl("HTTPS://Example.COM:8443/a/./b/../c?x=1#frag");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->scheme, "https");
  EXPECT_EQ(url->host, "example.com");
  EXPECT_EQ(url->port, 8443);
  EXPECT_EQ(url->target, "/a/c?x=1");
  EXPECT_EQ(url->Origin(), "https://example.com:8443");
  EXPECT_EQ(ParseUrl("http://h")->target, "/");
  EXPECT_EQ(ParseUrl("http://h")->port, 80);
  EXPECT_EQ(ParseUrl("https://h/")->ToString(), "https://h/");
  EXPECT_EQ(ParseUrl("http://[::1]:9000/x")->host, "[::1]");
}

TEST(LiveUrl, RejectsWhatIsNotAnHttpUrl) {
  EXPECT_FALSE(ParseUrl("ftp://h/"));
  EXPECT_FALSE(ParseUrl("example.com"));
  EXPECT_FALSE(ParseUrl("http://"));
  EXPECT_FALSE(ParseUrl("http://h:0/"));
  EXPECT_FALSE(ParseUrl("http://h:70000/"));
  EXPECT_FALSE(ParseUrl("http://user:pw@h/"));
  EXPECT_FALSE(ParseUrl("http://h:8x/"));
  EXPECT_FALSE(ParseUrl("http://h:80:90/"));
  EXPECT_FALSE(ParseUrl("http://a b/"));
}

TEST(LiveUrl, ResolvesLinks) {
  Url base = *ParseUrl("https://h:8443/dir/page?q=1");
  EXPECT_EQ(ResolveUrl(base, "/abs")->ToString(), "https://h:8443/abs");
  EXPECT_EQ(ResolveUrl(base, "rel")->ToString(), "https://h:8443/dir/rel");
  EXPECT_EQ(ResolveUrl(base, "../up")->ToString(), "https://h:8443/up");
  EXPECT_EQ(ResolveUrl(base, "?q=2")->ToString(), "https://h:8443/dir/page?q=2");
  EXPECT_EQ(ResolveUrl(base, "//other/x")->ToString(), "https://other/x");
  EXPECT_EQ(ResolveUrl(base, "http://other:81/")->ToString(), "http://other:81/");
  EXPECT_FALSE(ResolveUrl(base, "javascript:alert(1)"));
  EXPECT_FALSE(ResolveUrl(base, "mailto:a@b"));
  EXPECT_TRUE(ResolveUrl(base, "/a")->SameOrigin(base));
  EXPECT_FALSE(ResolveUrl(base, "//other/")->SameOrigin(base));
}

TEST(LiveUrl, TwinAndQueryParameters) {
  Url url = *ParseUrl("http://h:8080/p?a=1&b=2");
  EXPECT_EQ(url.Twin().ToString(), "https://h/p?a=1&b=2");
  EXPECT_EQ(url.Twin(8443).Origin(), "https://h:8443");
  EXPECT_EQ(WithQueryParam(url, "b", "<x>").target, "/p?a=1&b=%3Cx%3E");
  EXPECT_EQ(WithQueryParam(url, "c", "3").target, "/p?a=1&b=2&c=3");
  EXPECT_EQ(PercentDecode("a%20b+c%3"), "a b c%3");
}

TEST(LiveHeaders, ParsesSetCookie) {
  long long now = 1700000000;
  SetCookie c = ParseSetCookie(
      "sessionid=abc; expires=Thu, 30 Nov 2023 22:13:20 GMT; HttpOnly; Max-Age=1209600; Path=/; "
      "SameSite=Lax; Secure; Domain=.example.com",
      now);
  EXPECT_EQ(c.name, "sessionid");
  EXPECT_EQ(c.value, "abc");
  EXPECT_TRUE(c.secure);
  EXPECT_TRUE(c.http_only);
  EXPECT_EQ(c.same_site, "Lax");
  EXPECT_EQ(c.max_age, 1209600);
  EXPECT_EQ(c.Lifetime(), 1209600);  // Max-Age wins over Expires
  EXPECT_EQ(c.domain, ".example.com");
  EXPECT_EQ(c.path, "/");
  SetCookie bare = ParseSetCookie("session=x", now);
  EXPECT_FALSE(bare.secure);
  EXPECT_FALSE(bare.http_only);
  EXPECT_FALSE(bare.same_site);
  EXPECT_FALSE(bare.Lifetime());
  EXPECT_FALSE(bare.Deleted());
  EXPECT_TRUE(ParseSetCookie("session=; Max-Age=0", now).Deleted());
  EXPECT_TRUE(ParseSetCookie("session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT", now).Deleted());
}

TEST(LiveHeaders, ParsesTheThreeHttpDateFormats) {
  EXPECT_EQ(ParseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT"), 784111777);
  EXPECT_EQ(ParseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT"), 784111777);
  EXPECT_EQ(ParseHttpDate("Sun Nov  6 08:49:37 1994"), 784111777);
  EXPECT_FALSE(ParseHttpDate("yesterday"));
  EXPECT_FALSE(ParseHttpDate("Sun, 36 Nov 1994 08:49:37 GMT"));
}

TEST(LiveHeaders, ClassifiesCookies) {
  EXPECT_EQ(ClassifyCookie("sessionid"), CookieRole::kSession);        // Django
  EXPECT_EQ(ClassifyCookie("session"), CookieRole::kSession);          // Flask, Starlette
  EXPECT_EQ(ClassifyCookie("remember_token"), CookieRole::kSession);   // Flask-Login
  EXPECT_EQ(ClassifyCookie("csrftoken"), CookieRole::kCsrf);           // Django
  EXPECT_EQ(ClassifyCookie("XSRF-TOKEN"), CookieRole::kCsrf);
  EXPECT_EQ(ClassifyCookie("theme"), CookieRole::kOther);
  EXPECT_EQ(ClassifyCookie("_ga"), CookieRole::kOther);
}

TEST(LiveHeaders, ParsesCsp) {
  std::vector<CspPolicy> policies =
      ParseCsp("default-src 'self'; SCRIPT-SRC 'self' 'unsafe-inline'  https://cdn.example;; script-src *, object-src 'none'");
  ASSERT_EQ(policies.size(), 2u);
  ASSERT_NE(policies[0].Find("script-src"), nullptr);
  // The first occurrence of a directive wins; the duplicate is ignored.
  EXPECT_EQ(policies[0].Find("script-src")->sources,
            (std::vector<std::string>{"'self'", "'unsafe-inline'", "https://cdn.example"}));
  EXPECT_EQ(policies[0].EffectiveScriptSrc()->name, "script-src");
  EXPECT_EQ(policies[1].Find("object-src")->sources, (std::vector<std::string>{"'none'"}));
  EXPECT_EQ(policies[1].EffectiveScriptSrc(), nullptr);
  EXPECT_EQ(ParseCsp("default-src 'none'")[0].EffectiveScriptSrc()->name, "default-src");
  EXPECT_TRUE(ParseCsp("").empty());
}

TEST(LiveHeaders, ParsesHsts) {
  Hsts strong = ParseHsts("max-age=63072000; includeSubDomains; preload");
  EXPECT_EQ(strong.max_age, 63072000);
  EXPECT_TRUE(strong.include_subdomains);
  EXPECT_TRUE(strong.preload);
  Hsts quoted = ParseHsts("max-age=\"31536000\"");
  EXPECT_EQ(quoted.max_age, 31536000);
  EXPECT_FALSE(quoted.include_subdomains);
  EXPECT_FALSE(ParseHsts("max-age=soon").max_age);
  EXPECT_FALSE(ParseHsts("includeSubDomains").max_age);
}

TEST(LiveHeaders, FindsVersionNumbers) {
  EXPECT_TRUE(HasVersionNumber("Werkzeug/2.2.2 Python/3.11.2"));
  EXPECT_TRUE(HasVersionNumber("nginx/1.22.1"));
  EXPECT_FALSE(HasVersionNumber("nginx"));
  EXPECT_FALSE(HasVersionNumber("uvicorn"));
  EXPECT_FALSE(HasVersionNumber("cloudflare"));
}

TEST(LiveHtml, ExtractsFormsLinksAndTokens) {
  PageSummary page = ParseHtml(R"(<html><head><title>Log in</title></head><body>
    <a href="/a">a</a><a href="b?x=1">b</a><a>no href</a>
    <form method=post action="/login">
      <input type=hidden name=csrfmiddlewaretoken value=tok>
      <input name=username><input type=password name=password>
      <textarea name=note>hi</textarea><button name=go value=1>go</button>
    </form>
    <form action="/search"><input name=q value=lamp></form>
    <form method=POST><p><input type=hidden name=authenticity_token value=t2></p></form>
    <form method=post action=/transfer><input name=amount><input type=hidden name=next value=/></form>
    <input name=orphan>
  )");
  EXPECT_EQ(page.title, "Log in");
  EXPECT_EQ(page.links, (std::vector<std::string>{"/a", "b?x=1"}));
  ASSERT_EQ(page.forms.size(), 4u);
  const Form& login = page.forms[0];
  EXPECT_EQ(login.method, "POST");
  EXPECT_EQ(login.action, "/login");
  EXPECT_TRUE(login.StateChanging());
  EXPECT_TRUE(login.HasPasswordField());
  ASSERT_NE(login.CsrfField(), nullptr);
  EXPECT_EQ(login.CsrfField()->value, "tok");
  EXPECT_EQ(login.fields.size(), 5u);
  EXPECT_EQ(login.fields[3].value, "hi");
  EXPECT_EQ(page.forms[1].method, "GET");
  EXPECT_FALSE(page.forms[1].StateChanging());
  EXPECT_EQ(page.forms[1].fields[0].value, "lamp");
  ASSERT_NE(page.forms[2].CsrfField(), nullptr);  // token nested in a <p>
  EXPECT_EQ(page.forms[3].CsrfField(), nullptr);  // a hidden `next` is no token
}

TEST(LiveHtml, SurvivesGarbageAndDeepNestingQuickly) {
  auto start = std::chrono::steady_clock::now();
  std::string deep(200000, '<');
  EXPECT_TRUE(ParseHtml(deep).forms.empty());
  // 50,000 nested elements would take gumbo about half a minute (quadratic in
  // depth); the parser reads up to depth 1000 and keeps what came before.
  std::string nested = "<form method=post action=/first><input name=a></form>";
  for (int i = 0; i < 50000; ++i) nested += (i % 2 == 0) ? "<div>" : "<b>";
  nested += "<form method=post action=/deep></form>";
  PageSummary page = ParseHtml(nested);
  ASSERT_EQ(page.forms.size(), 1u);
  EXPECT_EQ(page.forms[0].action, "/first");
  // Long flat lists of elements whose end tag is optional are not "deep".
  std::string options = "<select name=s>";
  for (int i = 0; i < 5000; ++i) options += "<option>x";
  options += "</select><form method=post action=/after></form>";
  EXPECT_EQ(ParseHtml(options).forms.size(), 1u);
  EXPECT_TRUE(ParseHtml(std::string("\0\xff\xfe<form", 7)).links.empty());
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 5.0);  // a functional bound (seconds vs. a minute), not a benchmark
}

Finding Make(std::string code, Severity severity) {
  Finding finding;
  finding.rule_code = std::move(code);
  finding.severity = severity;
  return finding;
}

TEST(LiveGrades, FollowThePublishedTable) {
  bool assessed[kAreaCount] = {true, true, true, true, false, false, false};
  Grades clean = GradeFindings({}, assessed);
  EXPECT_EQ(clean.letter, 'A');
  EXPECT_EQ(clean.score, 100);
  EXPECT_FALSE(clean.areas[static_cast<int>(Area::kForms)].assessed);

  // Two findings of one rule cost once; medium costs 15.
  Grades headers = GradeFindings({Make("WEB131", Severity::kMedium), Make("WEB131", Severity::kMedium)}, assessed);
  EXPECT_EQ(headers.areas[static_cast<int>(Area::kHeaders)].score, 85);
  EXPECT_EQ(headers.areas[static_cast<int>(Area::kHeaders)].letter, 'B');
  // Weighted mean over assessed areas, rounded:
  // (25*100 + 15*85 + 15*100 + 15*100) / 70 = 96.8.
  EXPECT_EQ(headers.score, 97);

  // A high finding caps the overall score at 74 (C), a critical one at 39 (F).
  Grades high = GradeFindings({Make("WEB110", Severity::kHigh)}, assessed);
  EXPECT_EQ(high.areas[static_cast<int>(Area::kTransport)].score, 70);
  EXPECT_EQ(high.score, 74);
  EXPECT_EQ(high.letter, 'C');
  Grades critical = GradeFindings({Make("WEB150", Severity::kCritical)}, assessed);
  EXPECT_EQ(critical.letter, 'F');
  // A finding marks its area assessed even when the flag said otherwise.
  Grades forms = GradeFindings({Make("WEB160", Severity::kMedium)}, assessed);
  EXPECT_TRUE(forms.areas[static_cast<int>(Area::kForms)].assessed);
  EXPECT_EQ(LetterForScore(90), 'A');
  EXPECT_EQ(LetterForScore(89), 'B');
  EXPECT_EQ(LetterForScore(39), 'F');
}

TEST(LiveRules, MetadataIsCompleteAndUnique) {
  std::set<std::string_view> codes, names;
  ASSERT_GE(AllLiveRules().size(), 40u);
  for (const LiveRule* rule : AllLiveRules()) {
    const RuleInfo& info = rule->info;
    SCOPED_TRACE(std::string(info.code));
    EXPECT_TRUE(info.code.starts_with("WEB"));
    EXPECT_EQ(info.code.size(), 6u);
    EXPECT_TRUE(codes.insert(info.code).second);
    EXPECT_TRUE(names.insert(info.name).second);
    for (char c : info.name) EXPECT_TRUE((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
    EXPECT_FALSE(info.summary.empty());
    EXPECT_FALSE(info.fix_hint.empty());
    EXPECT_FALSE(info.cwe.empty());
    EXPECT_FALSE(info.owasp.empty());
    EXPECT_FALSE(info.docs.what_it_does.empty());
    EXPECT_FALSE(info.docs.why_bad.empty());
    EXPECT_FALSE(info.docs.example.empty());
    EXPECT_FALSE(info.docs.use_instead.empty());
    EXPECT_NE(info.docs.example, info.docs.use_instead);
    EXPECT_TRUE(info.docs.references.starts_with("- ["));
    // Active rules submit data; only rules in the forms, rate-limit and
    // injection areas may do that (they are skipped with --passive).
    if (rule->phase == Phase::kActive) {
      Area area = AreaOfRule(info.code);
      EXPECT_TRUE(area == Area::kForms || area == Area::kRateLimiting || area == Area::kInjection);
    }
  }
}

}  // namespace
}  // namespace rampart::live
