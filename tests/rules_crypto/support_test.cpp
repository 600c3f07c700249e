// Unit tests for src/rules/crypto/support.h and src/rules/templates/support.h,
// and the catalogue contract of the crypto/templates family (aliases resolve,
// codes sit in the family's ranges). The rules' behaviour on real code is
// covered by their fixtures (tests/fixtures/crypto, tests/fixtures/templates).
#include <gtest/gtest.h>

#include <string>

#include "base/rule_info.h"
#include "python/parser.h"
#include "rules/crypto/support.h"
#include "rules/templates/support.h"
#include "sema/model.h"

namespace rampart::rules {
namespace {

// Parses `source` and gives the value expression of its last statement
// (`x = <expr>` or a bare expression), with the module's model.
class Snippet {
 public:
  explicit Snippet(const std::string& source)
      : parse_(python::Parse(source, "snippet.py", arena_)), model_(parse_, "snippet", false, nullptr) {}
  const python::ExprNode* Last() const {
    const python::StmtNode* last = parse_.module->body[parse_.module->body.size() - 1];
    if (const auto* assign = last->As<python::Assign>()) return assign->value;
    if (const auto* expr = last->As<python::Expr>()) return expr->value;
    return nullptr;
  }
  const python::Call* LastCall() const { return Last()->As<python::Call>(); }
  const sema::ModuleModel& model() const { return model_; }
  bool ok() const { return parse_.ok(); }

 private:
  python::Arena arena_;
  python::ParseResult parse_;
  sema::ModuleModel model_;
};

TEST(CryptoSupport, BadProtocolNames) {
  EXPECT_TRUE(crypto::IsBadProtocolName("ssl.PROTOCOL_SSLv2"));
  EXPECT_TRUE(crypto::IsBadProtocolName("ssl.PROTOCOL_TLSv1_1"));
  EXPECT_TRUE(crypto::IsBadProtocolName("OpenSSL.SSL.SSLv23_METHOD"));
  EXPECT_TRUE(crypto::IsBadProtocolName("ssl.TLSVersion.TLSv1"));
  EXPECT_FALSE(crypto::IsBadProtocolName("ssl.PROTOCOL_TLS_CLIENT"));
  EXPECT_FALSE(crypto::IsBadProtocolName("ssl.TLSVersion.TLSv1_2"));
  EXPECT_FALSE(crypto::IsBadProtocolName("OpenSSL.SSL.TLS_METHOD"));
  // Only the real modules: a project constant of the same name is not a protocol.
  EXPECT_FALSE(crypto::IsBadProtocolName("app.settings.PROTOCOL_TLSv1"));
  EXPECT_FALSE(crypto::IsBadProtocolName("PROTOCOL_TLSv1"));
  EXPECT_FALSE(crypto::IsBadProtocolName(""));
}

TEST(CryptoSupport, PasswordLikeNames) {
  for (const char* name : {"password", "raw_password", "newPassword", "PASSWD", "user_pwd", "passphrase"}) {
    EXPECT_TRUE(crypto::IsPasswordLikeName(name)) << name;
  }
  for (const char* name : {"password_reset_token", "pwd_salt", "body", "passport", "", "min_password_length"}) {
    EXPECT_FALSE(crypto::IsPasswordLikeName(name)) << name;
  }
}

TEST(CryptoSupport, MentionsPasswordLooksThroughExpressions) {
  EXPECT_TRUE(crypto::MentionsPassword(Snippet("x = request.form['password'].encode()").Last()));
  EXPECT_TRUE(crypto::MentionsPassword(Snippet("x = data.get('passwd')").Last()));
  EXPECT_TRUE(crypto::MentionsPassword(Snippet("x = (salt + user.password).encode()").Last()));
  EXPECT_FALSE(crypto::MentionsPassword(Snippet("x = body.encode()").Last()));
  EXPECT_FALSE(crypto::MentionsPassword(Snippet("x = data.get('name')").Last()));
  // A lambda's own parameter is not the value being hashed.
  EXPECT_FALSE(crypto::MentionsPassword(Snippet("x = (lambda password: 1)").Last()));
  EXPECT_FALSE(crypto::MentionsPassword(nullptr));
}

TEST(CryptoSupport, ProtocolChallengeNames) {
  EXPECT_TRUE(crypto::MentionsProtocolChallenge(Snippet("x = f'{user}:{realm}:{password}'").Last()));
  EXPECT_TRUE(crypto::MentionsProtocolChallenge(Snippet("x = (self.cnonce + password).encode()").Last()));
  EXPECT_FALSE(crypto::MentionsProtocolChallenge(Snippet("x = (salt + password).encode()").Last()));
  EXPECT_FALSE(crypto::MentionsProtocolChallenge(nullptr));
}

TEST(CryptoSupport, QualifiedValueNameFollowsOneLocalAssignment) {
  Snippet snippet(
      "import ssl\n"
      "def f():\n"
      "    version = ssl.PROTOCOL_SSLv3\n"
      "    return version\n");
  ASSERT_TRUE(snippet.ok());
  const auto* def = snippet.model().module()->body[1]->As<python::FunctionDef>();
  ASSERT_NE(def, nullptr);
  const auto* ret = def->body[1]->As<python::Return>();
  ASSERT_NE(ret, nullptr);
  std::optional<std::string> name = crypto::QualifiedValueName(snippet.model(), ret->value);
  ASSERT_TRUE(name.has_value());
  EXPECT_EQ(*name, "ssl.PROTOCOL_SSLv3");
}

TEST(CryptoSupport, CookieCallsAndTheirFlags) {
  Snippet positional("response.set_cookie('k', 'v', None, None, '/', None, True, False, 'Lax')");
  std::optional<crypto::CookieCall> cookie = crypto::AsResponseCookieCall(positional.model(), positional.LastCall());
  ASSERT_TRUE(cookie.has_value());
  EXPECT_EQ(cookie->key, "k");
  EXPECT_EQ(crypto::ConstantTruth(positional.model(), crypto::CookieFlag(*cookie, "secure")), true);
  EXPECT_EQ(crypto::ConstantTruth(positional.model(), crypto::CookieFlag(*cookie, "httponly")), false);
  EXPECT_NE(crypto::CookieFlag(*cookie, "samesite"), nullptr);

  Snippet signed_cookie("response.set_signed_cookie('k', 'v', 'salt', secure=True)");
  cookie = crypto::AsResponseCookieCall(signed_cookie.model(), signed_cookie.LastCall());
  ASSERT_TRUE(cookie.has_value());
  EXPECT_TRUE(cookie->signed_cookie);
  // set_signed_cookie's third positional is the salt, not a flag.
  EXPECT_EQ(crypto::CookieFlag(*cookie, "httponly"), nullptr);
  EXPECT_NE(crypto::CookieFlag(*cookie, "secure"), nullptr);

  for (const char* source : {"client.set_cookie('k', 'v')", "jar.set_cookie(cookie)",
                             "session.cookies.set_cookie(c)", "response.set_cookie('k', **options)",
                             "response.set_cookie('k', max_age=0)", "response.get_cookie('k')"}) {
    Snippet other(source);
    EXPECT_FALSE(crypto::AsResponseCookieCall(other.model(), other.LastCall()).has_value()) << source;
  }
}

TEST(TemplatesSupport, SafeHtmlJudgement) {
  const std::string header = "from markupsafe import escape\nimport html\nICON = '<i></i>'\n";
  auto safe = [&](const std::string& expr) {
    Snippet snippet(header + "x = " + expr + "\n");
    EXPECT_TRUE(snippet.ok()) << expr;
    return templates::IsSafeHtml(snippet.model(), snippet.Last());
  };
  EXPECT_TRUE(safe("'<br>'"));
  EXPECT_TRUE(safe("ICON + '<hr>'"));
  EXPECT_TRUE(safe("escape(name)"));
  EXPECT_TRUE(safe("'<b>%s</b>' % escape(name)"));
  EXPECT_TRUE(safe("f'<b>{html.escape(name)}</b>'"));
  EXPECT_FALSE(safe("name"));
  EXPECT_FALSE(safe("'<b>' + name"));
  EXPECT_FALSE(safe("f'<b>{name}</b>'"));
  EXPECT_FALSE(safe("'<b>{}</b>'.format(name)"));
}

TEST(TemplatesSupport, BuiltFromUnescapedPartsNeedsVisibleBuilding) {
  auto built = [](const std::string& expr) {
    Snippet snippet("from markupsafe import escape\nx = " + expr + "\n");
    return templates::IsBuiltFromUnescapedParts(snippet.model(), snippet.Last());
  };
  EXPECT_TRUE(built("'<p>' + name + '</p>'"));
  EXPECT_TRUE(built("'<p>%s</p>' % name"));
  EXPECT_FALSE(built("name"));  // opaque: not visibly built
  EXPECT_FALSE(built("'<p>' + escape(name)"));
  EXPECT_FALSE(built("'<p>constant</p>'"));
}

TEST(CryptoTemplatesFamily, AliasesResolveToTheFamilysRules) {
  const RuleCatalogue& catalogue = RuleCatalogue::Get();
  const std::pair<const char*, const char*> kAliases[] = {
      {"bandit:B501", "PY501"}, {"S502", "PY502"}, {"B503", "PY503"}, {"ruff:S504", "PY504"},
      {"B505", "PY505"},        {"B507", "PY507"}, {"S508", "PY508"}, {"B509", "PY509"},
      {"B701", "PY701"},        {"S702", "PY702"}, {"B703", "PY703"}, {"S704", "PY704"},
      {"weak-password-hash", "PY950"}, {"set-cookie-without-httponly", "PY956"},
  };
  for (const auto& [alias, code] : kAliases) {
    const RuleInfo* info = catalogue.Find(alias);
    ASSERT_NE(info, nullptr) << alias;
    EXPECT_EQ(info->code, code) << alias;
  }
}

}  // namespace
}  // namespace rampart::rules
