// `rampart rules [TEXT]` lists the rule catalogue (filters: free text,
// --practice, --severity minimum, --select selectors; --format text|json) or writes the docs pages
// (--write-docs DIR). `rampart explain CODE|NAME|ALIAS` prints one rule's full
// documentation. Both read RuleCatalogue::Get(), the single source.
#include <cctype>
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "report/report.h"
#include "rules/engine/rule_docs.h"
#include "rules/engine/selection.h"

namespace rampart::cli {
namespace {

struct RulesFlags {
  std::string practice, severity, format = "text", write_docs;
  std::vector<std::string> select;
  std::string query;  // free text: matches code, name, summary or an alias
};

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool MatchesQuery(const RuleInfo& rule, const std::string& query) {
  if (query.empty()) return true;
  std::string q = Lower(query);
  auto has = [&](std::string_view text) { return Lower(text).find(q) != std::string::npos; };
  if (has(rule.code) || has(rule.name) || has(rule.summary)) return true;
  for (std::string_view alias : rule.aliases) {
    if (has(alias)) return true;
  }
  return false;
}

bool ParsePractice(const std::string& text, Practice* out) {
  for (int p = 1; p <= 10; ++p) {
    Practice practice = static_cast<Practice>(p);
    if (text == std::to_string(p) || text == PracticeName(practice)) {
      *out = practice;
      return true;
    }
  }
  return false;
}

nlohmann::ordered_json RuleJson(const RuleInfo& rule) {
  nlohmann::ordered_json j;
  j["code"] = std::string(rule.code);
  j["name"] = std::string(rule.name);
  j["summary"] = std::string(rule.summary);
  j["fix_hint"] = std::string(rule.fix_hint);
  j["severity"] = std::string(SeverityName(rule.severity));
  j["confidence"] = std::string(ConfidenceName(rule.confidence));
  j["cwe"] = rule.cwe;
  j["owasp"] = std::string(rule.owasp);
  j["practice"] = std::string(PracticeName(rule.practice));
  nlohmann::ordered_json aliases = nlohmann::ordered_json::array();
  for (std::string_view a : rule.aliases) aliases.push_back(std::string(a));
  j["aliases"] = aliases;
  j["docs"] = {{"what_it_does", std::string(rule.docs.what_it_does)},
               {"why_bad", std::string(rule.docs.why_bad)},
               {"example", std::string(rule.docs.example)},
               {"use_instead", std::string(rule.docs.use_instead)},
               {"references", std::string(rule.docs.references)}};
  return j;
}

int RunRules(const RulesFlags& flags, CLI::App* cmd) {
  const RuleCatalogue& catalogue = RuleCatalogue::Get();
  if (cmd->count("--write-docs")) {
    std::string error = rules::engine::WriteRuleDocs(catalogue, flags.write_docs);
    if (!error.empty()) {
      std::cerr << "rampart: error: " << error << "\n";
      return 2;
    }
    std::cerr << "rampart: wrote " << catalogue.all().size() << " rule pages and an index to `"
              << flags.write_docs << "`\n";
    return 0;
  }
  if (flags.format != "text" && flags.format != "json") {
    std::cerr << "rampart: error: invalid value `" << flags.format
              << "` for `--format`: expected text or json\n";
    return 2;
  }
  std::optional<Practice> practice;
  if (cmd->count("--practice")) {
    Practice p;
    if (!ParsePractice(flags.practice, &p)) {
      std::cerr << "rampart: error: invalid value `" << flags.practice
                << "` for `--practice`: expected 1-10 or a practice name (`https`, `secrets`, ...)\n";
      return 2;
    }
    practice = p;
  }
  Severity min_severity = Severity::kLow;
  if (cmd->count("--severity") && !ParseSeverity(flags.severity, &min_severity)) {
    std::cerr << "rampart: error: invalid value `" << flags.severity
              << "` for `--severity`: expected low, medium, high or critical\n";
    return 2;
  }
  std::set<std::string> selected;
  std::vector<std::string> selectors = rules::engine::SplitSelectors(flags.select);
  if (!selectors.empty()) {
    std::vector<std::string> unknown;
    selected = rules::engine::ResolveSelectors(catalogue, selectors, &unknown);
    if (!unknown.empty()) {
      std::cerr << "rampart: error: unknown rule selector `" << unknown.front() << "`\n";
      return 2;
    }
  }
  std::vector<const RuleInfo*> shown;
  for (const RuleInfo* rule : catalogue.all()) {
    if (practice && rule->practice != *practice) continue;
    if (rule->severity < min_severity) continue;
    if (!selectors.empty() && !selected.count(std::string(rule->code))) continue;
    if (!MatchesQuery(*rule, flags.query)) continue;
    shown.push_back(rule);
  }
  if (flags.format == "json") {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const RuleInfo* rule : shown) list.push_back(RuleJson(*rule));
    std::cout << list.dump(2) << "\n";
    return 0;
  }
  size_t name_width = 4, practice_width = 8;
  for (const RuleInfo* rule : shown) {
    name_width = std::max(name_width, rule->name.size());
    practice_width = std::max(practice_width, PracticeName(rule->practice).size());
  }
  for (const RuleInfo* rule : shown) {
    char head[64];
    std::snprintf(head, sizeof head, "%-8s ", std::string(rule->code).c_str());
    std::string name(rule->name);
    name.resize(name_width, ' ');
    char level[16];
    std::snprintf(level, sizeof level, "%-9s", std::string(SeverityName(rule->severity)).c_str());
    std::string practice_name(PracticeName(rule->practice));
    practice_name.resize(practice_width, ' ');
    std::cout << head << name << "  " << level << practice_name << "  " << rule->summary << "\n";
  }
  std::cout << shown.size() << " rule" << (shown.size() == 1 ? "" : "s") << "\n";
  return 0;
}

}  // namespace

void AddRulesCommands(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<RulesFlags>();
  CLI::App* rules = app.add_subcommand("rules", "list the rules (and write their docs pages)");
  rules->add_option("query", flags->query, "only rules whose code, name, summary or alias contains this text");
  rules->add_option("--practice", flags->practice, "only rules of this practice (1-10 or name, e.g. https)");
  rules->add_option("--severity", flags->severity, "only rules whose default severity is at or above this");
  rules->add_option("--select", flags->select, "only these rules (codes, names, aliases, prefixes)")
      ->allow_extra_args(false);
  rules->add_option("--format", flags->format, "text|json (default text)");
  rules->add_option("--write-docs", flags->write_docs,
                    "write one Markdown page per rule and an index into DIR, then exit");
  rules->callback([flags, exit_code, rules]() { *exit_code = RunRules(*flags, rules); });

  auto key = std::make_shared<std::string>();
  CLI::App* explain = app.add_subcommand("explain", "print one rule's documentation");
  explain->add_option("rule", *key, "rule code, name or alias (PY602, B602, S602, ...)")->required();
  explain->callback([key, exit_code]() {
    const RuleInfo* rule = RuleCatalogue::Get().Find(*key);
    if (!rule) {
      std::cerr << "rampart: error: unknown rule `" << *key << "` (see `rampart rules`)\n";
      *exit_code = 2;
      return;
    }
    std::cout << report::RuleHelpMarkdown(*rule);
    *exit_code = 0;
  });
}

}  // namespace rampart::cli
