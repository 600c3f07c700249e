// The real rule catalogue's metadata: unique codes and names, code scheme,
// kebab-case names, every doc section present, CWE ids, aliases that resolve
// to their own rule. Runs over every family (code, engine, deps, live).
#include <gtest/gtest.h>

#include <map>
#include <regex>

#include "base/rule_info.h"

namespace rampart {
namespace {

TEST(RuleMetadata, CatalogueIsNotEmptyAndSorted) {
  const auto rules = RuleCatalogue::Get().all();
  ASSERT_FALSE(rules.empty());
  for (size_t i = 1; i < rules.size(); ++i) EXPECT_LT(rules[i - 1]->code, rules[i]->code);
}

TEST(RuleMetadata, UniqueCodesNamesAndAliases) {
  std::map<std::string, std::string> owner;  // lower-case key -> code
  auto claim = [&](std::string key, std::string_view code, const char* what) {
    for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto [it, inserted] = owner.emplace(key, std::string(code));
    EXPECT_TRUE(inserted || it->second == code)
        << what << " `" << key << "` of " << code << " is already used by " << it->second;
  };
  for (const RuleInfo* rule : RuleCatalogue::Get().all()) {
    claim(std::string(rule->code), rule->code, "code");
    claim(std::string(rule->name), rule->code, "name");
    for (std::string_view alias : rule->aliases) claim(std::string(alias), rule->code, "alias");
  }
}

TEST(RuleMetadata, CodeSchemeAndKebabCaseNames) {
  const std::regex code_re("(PY|TNT|CFG|SEC|DEP|WEB)[0-9]{3}");
  const std::regex name_re("[a-z0-9]+(-[a-z0-9]+)*");
  const std::regex alias_re("[a-z][a-z0-9-]*:[A-Za-z0-9_.-]+");
  const std::regex owasp_re("A[0-9]{2}:20[0-9]{2}-.+");
  for (const RuleInfo* rule : RuleCatalogue::Get().all()) {
    std::string code(rule->code);
    EXPECT_TRUE(std::regex_match(code, code_re)) << code;
    EXPECT_TRUE(std::regex_match(std::string(rule->name), name_re)) << code << ": " << rule->name;
    for (std::string_view alias : rule->aliases) {
      EXPECT_TRUE(std::regex_match(std::string(alias), alias_re))
          << code << ": alias `" << alias << "` should be `tool:ID`";
    }
    if (!rule->owasp.empty()) {
      EXPECT_TRUE(std::regex_match(std::string(rule->owasp), owasp_re)) << code << ": " << rule->owasp;
    }
    int practice = static_cast<int>(rule->practice);
    EXPECT_TRUE(practice >= 1 && practice <= 10) << code;
  }
}

TEST(RuleMetadata, EveryDocSectionAndCwe) {
  for (const RuleInfo* rule : RuleCatalogue::Get().all()) {
    std::string code(rule->code);
    EXPECT_FALSE(rule->summary.empty()) << code << ": summary";
    EXPECT_FALSE(rule->fix_hint.empty()) << code << ": fix_hint";
    EXPECT_FALSE(rule->docs.what_it_does.empty()) << code << ": what_it_does";
    EXPECT_FALSE(rule->docs.why_bad.empty()) << code << ": why_bad";
    EXPECT_FALSE(rule->docs.example.empty()) << code << ": example";
    EXPECT_FALSE(rule->docs.use_instead.empty()) << code << ": use_instead";
    EXPECT_FALSE(rule->docs.references.empty()) << code << ": references";
    EXPECT_NE(rule->docs.example, rule->docs.use_instead) << code;
    EXPECT_FALSE(rule->cwe.empty()) << code << ": no CWE id";
    for (int cwe : rule->cwe) EXPECT_GT(cwe, 0) << code;
  }
}

TEST(RuleMetadata, FindResolvesCodesNamesAndAliasesToTheirRule) {
  const RuleCatalogue& catalogue = RuleCatalogue::Get();
  for (const RuleInfo* rule : catalogue.all()) {
    EXPECT_EQ(catalogue.Find(rule->code), rule) << rule->code;
    EXPECT_EQ(catalogue.Find(rule->name), rule)
        << rule->code << ": `rampart explain " << rule->name << "` finds another rule";
    EXPECT_EQ(catalogue.FindByCode(rule->code), rule) << rule->code;
    for (std::string_view alias : rule->aliases) EXPECT_EQ(catalogue.Find(alias), rule) << alias;
  }
  EXPECT_EQ(catalogue.Find("no-such-rule"), nullptr);
}

}  // namespace
}  // namespace rampart
