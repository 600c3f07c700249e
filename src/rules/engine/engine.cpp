#include "rules/engine/engine.h"

#include "deps/audit.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "config/rampart_config.h"
#include "rules/engine/baseline.h"
#include "rules/engine/comment_scanner.h"
#include "rules/engine/engine_rule_infos.h"
#include "rules/engine/file_walker.h"
#include "rules/engine/gitignore.h"
#include "rules/engine/selection.h"
#include "rules/engine/suppression.h"

namespace rampart::rules::engine {
namespace {

namespace fs = std::filesystem;

CheckOutcome Fatal(std::string message) {
  CheckOutcome out;
  out.exit_code = 2;
  out.fatal_error = std::move(message);
  return out;
}

std::string Absolute(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::absolute(path, ec);
  return (ec ? fs::path(path) : p).lexically_normal().string();
}

std::string StripTrailingSlash(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

bool IsUnder(const std::string& path, const std::string& dir) {
  if (dir == "/") return true;
  return path == dir || (path.size() > dir.size() && path.compare(0, dir.size(), dir) == 0 &&
                         path[dir.size()] == '/');
}

std::string CommonDirectory(const std::vector<std::string>& targets) {
  std::string common;
  for (const std::string& t : targets) {
    std::error_code ec;
    std::string dir = fs::is_directory(t, ec) ? t : fs::path(t).parent_path().string();
    if (common.empty()) {
      common = dir;
      continue;
    }
    while (!IsUnder(dir, common)) common = fs::path(common).parent_path().string();
  }
  return common.empty() ? "/" : common;
}

std::string ReadWholeFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return path + ": cannot read file";
  std::stringstream text;
  text << in.rdbuf();
  *out = text.str();
  return "";
}

}  // namespace

CheckOutcome RunCheck(const CheckOptions& options) {
  auto started = std::chrono::steady_clock::now();
  const RuleCatalogue& catalogue = options.catalogue ? *options.catalogue : RuleCatalogue::Get();

  // Targets must exist; their absolute forms decide the root.
  std::vector<std::string> targets;
  for (const std::string& path : options.paths.empty() ? std::vector<std::string>{"."} : options.paths) {
    std::error_code ec;
    if (!fs::exists(path, ec)) return Fatal("path `" + path + "` does not exist");
    targets.push_back(StripTrailingSlash(Absolute(path)));
  }

  // Configuration: --config, else the nearest file above the first target.
  config::RampartConfig cfg;
  std::string config_path;
  if (options.config_file) {
    config_path = *options.config_file;
    std::error_code ec;
    if (!fs::is_regular_file(config_path, ec)) {
      return Fatal("configuration file `" + config_path + "` does not exist");
    }
  } else {
    config_path = config::FindConfigFile(targets.front());
  }
  if (!config_path.empty()) {
    config::LoadResult loaded = config::LoadConfigFile(config_path);
    if (!loaded.ok()) return Fatal(loaded.error);
    cfg = std::move(loaded.config);
  }

  // The project root: the configuration's folder when it contains every
  // target, else the targets' common folder.
  std::string root = CommonDirectory(targets);
  if (!cfg.dir.empty()) {
    bool contains_all = true;
    for (const std::string& t : targets) contains_all &= IsUnder(t, cfg.dir);
    if (contains_all) root = cfg.dir;
  }

  // Levels and format (command line first, then configuration, then default).
  Severity min_severity = cfg.severity.value_or(Severity::kLow);
  if (options.severity && !ParseSeverity(*options.severity, &min_severity)) {
    return Fatal("invalid value `" + *options.severity +
                 "` for `--severity`: expected low, medium, high or critical");
  }
  Confidence min_confidence = cfg.confidence.value_or(Confidence::kLow);
  if (options.confidence && !ParseConfidence(*options.confidence, &min_confidence)) {
    return Fatal("invalid value `" + *options.confidence +
                 "` for `--confidence`: expected low, medium or high");
  }
  Severity fail_on = cfg.fail_on.value_or(Severity::kLow);
  if (options.fail_on && !ParseSeverity(*options.fail_on, &fail_on)) {
    return Fatal("invalid value `" + *options.fail_on +
                 "` for `--fail-on`: expected low, medium, high or critical");
  }
  CheckOutcome outcome;
  std::string format_name = options.format.value_or(cfg.format.value_or("text"));
  if (!report::ParseFormat(format_name, &outcome.format)) {
    return Fatal("invalid value `" + format_name +
                 "` for `--format`: expected text, json, sarif, junit, github or cyclonedx");
  }
  if (options.output) {
    outcome.output = Absolute(*options.output);
  } else if (cfg.output) {
    outcome.output = *cfg.output;
  }
  bool report_unused = options.report_unused_suppressions.value_or(cfg.report_unused_suppressions.value_or(false));
  bool show_suppressed = options.show_suppressed.value_or(cfg.show_suppressed.value_or(false));
  unsigned threads = options.threads.value_or(cfg.threads.value_or(0));

  // Rule selection. Config selectors are checked first so errors point at the file.
  auto config_selectors = [&](const std::optional<std::vector<std::string>>& list, const char* key,
                              std::string* error) {
    std::vector<std::string> unknown;
    if (list) ResolveSelectors(catalogue, SplitSelectors(*list), &unknown);
    if (!unknown.empty() && error->empty()) {
      auto where = cfg.locations.find(key);
      *error = (where != cfg.locations.end() ? where->second : cfg.file) + ": unknown rule selector `" +
               unknown.front() + "` in `" + key + "`";
    }
  };
  std::string selector_error;
  config_selectors(cfg.select, "select", &selector_error);
  config_selectors(cfg.ignore, "ignore", &selector_error);
  config_selectors(cfg.extend_select, "extend-select", &selector_error);
  config_selectors(cfg.extend_ignore, "extend-ignore", &selector_error);
  if (!selector_error.empty()) return Fatal(selector_error);

  std::vector<std::string> select;
  if (options.select) {
    select = SplitSelectors(*options.select);
  } else if (cfg.select) {
    select = SplitSelectors(*cfg.select);
  }
  if (!select.empty()) {
    for (const std::string& s : SplitSelectors(cfg.extend_select.value_or(std::vector<std::string>{}))) select.push_back(s);
    for (const std::string& s : SplitSelectors(options.extend_select)) select.push_back(s);
  }
  std::vector<std::string> ignore = SplitSelectors(cfg.ignore.value_or(std::vector<std::string>{}));
  for (const std::string& s : SplitSelectors(cfg.extend_ignore.value_or(std::vector<std::string>{}))) ignore.push_back(s);
  for (const std::string& s : SplitSelectors(options.ignore)) ignore.push_back(s);
  RuleSelection selection;
  if (std::string error = selection.Init(catalogue, select, ignore); !error.empty()) {
    return Fatal(error);
  }
  // PY900 is raised by the engine only when asked for.
  std::string unused_code(kUnusedSuppressionCode);
  bool unused_enabled = report_unused && selection.Enabled(unused_code);
  auto enabled = [&selection, &unused_code](std::string_view code) {
    return code != unused_code && selection.Enabled(code);
  };

  std::vector<std::pair<IgnoreRules, std::set<std::string>>> per_file_ignores;
  for (const auto& [pattern, selectors] : cfg.per_file_ignores) {
    std::vector<std::string> unknown;
    std::set<std::string> codes = ResolveSelectors(catalogue, SplitSelectors(selectors), &unknown);
    if (!unknown.empty()) {
      auto where = cfg.locations.find("per-file-ignores");
      return Fatal((where != cfg.locations.end() ? where->second : cfg.file) +
                   ": unknown rule selector `" + unknown.front() + "` in `per-file-ignores` for `" +
                   pattern + "`");
    }
    IgnoreRules rules;
    rules.AddPattern(pattern, "", cfg.file);
    per_file_ignores.emplace_back(std::move(rules), std::move(codes));
  }

  // Baseline to apply: read it before the (possibly long) analysis.
  Baseline baseline;
  std::optional<std::string> baseline_path;
  if (options.baseline) {
    baseline_path = Absolute(*options.baseline);
  } else if (cfg.baseline && !options.write_baseline) {
    baseline_path = *cfg.baseline;
  }
  if (baseline_path) {
    std::string text;
    std::error_code ec;
    if (!fs::is_regular_file(*baseline_path, ec)) {
      return Fatal("baseline file `" + *baseline_path + "` does not exist (create it with `--write-baseline`)");
    }
    if (std::string error = ReadWholeFile(*baseline_path, &text); !error.empty()) return Fatal(error);
    if (std::string error = baseline.Parse(text, *baseline_path); !error.empty()) return Fatal(error);
  }

  // Files.
  WalkOptions walk;
  walk.root = root;
  walk.targets = targets;
  walk.threads = threads;
  walk.respect_gitignore = options.respect_gitignore.value_or(cfg.respect_gitignore.value_or(true));
  if (cfg.exclude) {
    walk.use_default_excludes = false;
    walk.excludes = *cfg.exclude;
  }
  if (cfg.extend_exclude) {
    for (const std::string& p : *cfg.extend_exclude) walk.excludes.push_back(p);
  }
  for (const std::string& p : options.exclude) walk.excludes.push_back(p);
  WalkResult walked = WalkProject(walk);

  // Analyses.
  ProjectInput project;
  project.root = root;
  project.files = std::move(walked.files);
  project.enabled = enabled;
  project.threads = threads;
  const AnalyzeFn& analyze = options.analyze ? options.analyze : AnalyzeFn(AnalyzeProject);
  ProjectResult analysed = analyze(project);

  // Dependencies: the same audit as `rampart deps`, when a database exists
  // (no database is not an error for `check`: it only skips the audit).
  std::vector<std::string> deps_warnings;
  std::map<std::string, std::string> manifest_sources;
  if (options.audit_dependencies) {
    bool any_deps_rule = false;
    for (const RuleInfo* rule : catalogue.all()) {
      if (rule->code.starts_with("DEP") && enabled(rule->code)) any_deps_rule = true;
    }
    if (any_deps_rule) {
      deps::AuditResult audit = deps::AuditForCheck(root, cfg.file, enabled, options.deps_db);
      if (!audit.fatal_error.empty()) return Fatal(audit.fatal_error);
      if (!audit.database_missing) {
        for (Finding& f : audit.report.findings) analysed.findings.push_back(std::move(f));
        for (auto& [path, text] : audit.report.sources) manifest_sources[path] = std::move(text);
        for (std::string& e : audit.report.errors) deps_warnings.push_back(std::move(e));
        for (std::string& w : audit.warnings) deps_warnings.push_back("warning: " + w);
      }
    }
  }

  report::ReportInput& report = outcome.report;
  report.tool_command = "check";
  report.root = root;
  report.catalogue = options.catalogue;
  report.files_scanned = project.files.size();
  report.show_suppressed = show_suppressed;
  report.statistics = options.statistics;
  report.quiet = options.quiet;
  report.errors = std::move(walked.errors);
  for (std::string& w : deps_warnings) report.errors.push_back(std::move(w));

  std::map<std::string, std::string> sources;
  std::map<std::string, std::vector<SuppressionComment>> comments;
  for (size_t i = 0; i < analysed.files.size(); ++i) {
    FileResult& file = analysed.files[i];
    for (std::string& e : file.errors) report.errors.push_back(std::move(e));
    bool python = file.path.size() > 3 && file.path.compare(file.path.size() - 3, 3, ".py") == 0;
    std::vector<Comment> file_comments = std::move(file.comments);
    if (file_comments.empty() && python) file_comments = ScanPythonComments(file.source_utf8);
    for (const Comment& c : file_comments) {
      for (SuppressionComment& s : ParseSuppressions(catalogue, c)) comments[file.path].push_back(std::move(s));
    }
    sources[file.path] = std::move(file.source_utf8);
  }
  for (auto& [path, text] : manifest_sources) sources.emplace(path, std::move(text));

  // Post-processing: only enabled rules, then identity, then suppressions.
  std::vector<Finding> findings;
  findings.reserve(analysed.findings.size());
  for (Finding& f : analysed.findings) {
    if (enabled(f.rule_code)) findings.push_back(std::move(f));
  }
  SortAndDeduplicate(findings);
  FillSnippets(findings, sources);
  ComputeFingerprints(findings, sources);
  for (Finding& f : findings) f.suppressions.clear();
  ApplySuppressions(findings, comments);
  for (Finding& f : findings) {
    for (const auto& [rules, codes] : per_file_ignores) {
      if (codes.count(f.rule_code) && rules.IsIgnoredWithParents(f.path, false)) {
        f.suppressions.push_back({"config", "per-file-ignores"});
        break;
      }
    }
  }
  // Suppressions used by findings below the thresholds still count as used
  // (they were applied above); the findings themselves are dropped now.
  std::erase_if(findings, [&](const Finding& f) {
    return f.severity < min_severity || f.confidence < min_confidence;
  });
  if (unused_enabled) {
    std::vector<Finding> unused = UnusedSuppressionFindings(comments, enabled);
    FillSnippets(unused, sources);
    ComputeFingerprints(unused, sources);
    for (Finding& f : unused) {
      if (f.severity >= min_severity && f.confidence >= min_confidence) findings.push_back(std::move(f));
    }
    SortAndDeduplicate(findings);
  }

  if (options.write_baseline) {
    std::string path = Absolute(*options.write_baseline);
    std::string content = Baseline::Serialize(findings);
    if (std::string error = report::WriteFileAtomically(path, content); !error.empty()) {
      return Fatal(error);
    }
    size_t count = 0;
    for (const Finding& f : findings) count += !f.suppressed();
    outcome.note = "wrote a baseline of " + std::to_string(count) + " finding" + (count == 1 ? "" : "s") +
                   " to `" + path + "`";
  }
  if (baseline_path) baseline.Apply(findings);

  // Sources for the code frames of the files that have findings.
  for (const Finding& f : findings) {
    auto it = sources.find(f.path);
    if (it == sources.end()) continue;
    if (!report.sources.empty() && report.sources.back().first == f.path) continue;
    report.sources.emplace_back(it->first, it->second);
  }
  std::sort(report.errors.begin(), report.errors.end());
  report.errors.erase(std::unique(report.errors.begin(), report.errors.end()), report.errors.end());

  outcome.exit_code = 0;
  if (!options.write_baseline) {
    for (const Finding& f : findings) {
      if (!f.suppressed() && f.severity >= fail_on) outcome.exit_code = 1;
    }
  }
  report.findings = std::move(findings);
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return outcome;
}

}  // namespace rampart::rules::engine
