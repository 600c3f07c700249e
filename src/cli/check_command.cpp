// `rampart check [PATHS...]`: parses options into engine::CheckOptions, runs the
// engine, writes the report (stdout or -o FILE, atomically) and sets the exit
// code. Everything else lives in src/rules/engine/engine.h.
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/commands.h"
#include "report/report.h"
#include "rules/engine/engine.h"

#ifndef RAMPART_VERSION
#define RAMPART_VERSION "0.1.0"
#endif

namespace rampart::cli {
namespace {

struct CheckFlags {
  std::vector<std::string> paths, select, extend_select, ignore, exclude;
  std::string severity, confidence, fail_on, format, output, config, baseline, write_baseline;
  bool show_suppressed = false, report_unused = false, no_color = false, statistics = false,
       quiet = false, no_gitignore = false, no_deps = false;
  std::string db;
  unsigned threads = 0;
};

bool UseColor(const CheckFlags& flags, const rules::engine::CheckOutcome& outcome) {
  if (flags.no_color || outcome.format != report::Format::kText || !outcome.output.empty()) return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  return ::isatty(STDOUT_FILENO) == 1;
}

}  // namespace

void AddCheckCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<CheckFlags>();
  CLI::App* cmd = app.add_subcommand(
      "check", "audit Python source files, templates and settings (static analysis)");
  cmd->add_option("paths", flags->paths, "files or directories to audit (default: .)");
  auto list = [&](const char* name, std::vector<std::string>& into, const char* help) {
    cmd->add_option(name, into, help)->allow_extra_args(false)->type_name("RULES");
  };
  list("--select", flags->select,
       "only these rules: codes, names, aliases or prefixes, comma-separated (PY602,TNT,ALL)");
  list("--extend-select", flags->extend_select, "add rules to the selection");
  list("--ignore", flags->ignore, "skip these rules (same syntax as --select)");
  cmd->add_option("--exclude", flags->exclude, "exclude paths (gitignore syntax; repeatable)")
      ->allow_extra_args(false)
      ->type_name("PATTERN");
  cmd->add_option("--severity", flags->severity, "report findings at or above: low|medium|high|critical");
  cmd->add_option("--confidence", flags->confidence, "report findings at or above: low|medium|high");
  cmd->add_option("--fail-on", flags->fail_on,
                  "exit 1 when an unsuppressed finding is at or above this severity (default low)");
  cmd->add_option("--format", flags->format, "text|json|sarif|junit|github|cyclonedx (default text)");
  cmd->add_option("-o,--output", flags->output, "write the report to FILE (atomically)");
  cmd->add_option("--config", flags->config, "read this rampart.toml / pyproject.toml");
  cmd->add_option("--baseline", flags->baseline, "report only findings not in this baseline file");
  cmd->add_option("--write-baseline", flags->write_baseline,
                  "write the current findings to FILE as a baseline and exit 0");
  cmd->add_flag("--show-suppressed", flags->show_suppressed, "also list suppressed findings");
  cmd->add_flag("--report-unused-suppressions", flags->report_unused,
                "report suppression comments that suppress nothing (PY900)");
  cmd->add_flag("--no-gitignore", flags->no_gitignore, "do not read .gitignore files");
  cmd->add_flag("--no-deps", flags->no_deps,
                "skip the dependency audit (it runs when an advisory database exists)");
  cmd->add_option("--db", flags->db, "advisory database for the dependency audit (default: the cache's)");
  cmd->add_option("--threads", flags->threads, "worker threads (default: all cores)");
  cmd->add_flag("--no-color", flags->no_color, "no ANSI colours (also: NO_COLOR=1, or not a terminal)");
  cmd->add_flag("--statistics", flags->statistics, "print counts per rule instead of each finding");
  cmd->add_flag("-q,--quiet", flags->quiet, "print findings only, no summary line");

  cmd->callback([flags, exit_code, cmd]() {
    rules::engine::CheckOptions options;
    options.paths = flags->paths;
    if (cmd->count("--select")) options.select = flags->select;
    options.extend_select = flags->extend_select;
    options.ignore = flags->ignore;
    options.exclude = flags->exclude;
    auto set = [&](const char* name, const std::string& value, std::optional<std::string>& into) {
      if (cmd->count(name)) into = value;
    };
    set("--severity", flags->severity, options.severity);
    set("--confidence", flags->confidence, options.confidence);
    set("--fail-on", flags->fail_on, options.fail_on);
    set("--format", flags->format, options.format);
    set("--output", flags->output, options.output);
    set("--config", flags->config, options.config_file);
    set("--baseline", flags->baseline, options.baseline);
    set("--write-baseline", flags->write_baseline, options.write_baseline);
    if (flags->show_suppressed) options.show_suppressed = true;
    if (flags->report_unused) options.report_unused_suppressions = true;
    if (flags->no_gitignore) options.respect_gitignore = false;
    options.audit_dependencies = !flags->no_deps;
    options.deps_db = flags->db;
    if (cmd->count("--threads")) options.threads = flags->threads;
    options.statistics = flags->statistics;
    options.quiet = flags->quiet;

    rules::engine::CheckOutcome outcome = rules::engine::RunCheck(options);
    if (!outcome.fatal_error.empty()) {
      std::cerr << "rampart: error: " << outcome.fatal_error << "\n";
      *exit_code = 2;
      return;
    }
    outcome.report.tool_version = RAMPART_VERSION;
    outcome.report.color = UseColor(*flags, outcome);
    if (!outcome.note.empty()) std::cerr << "rampart: " << outcome.note << "\n";
    if (outcome.output.empty()) {
      report::Write(outcome.format, outcome.report, std::cout);
      std::cout.flush();
    } else {
      std::ostringstream out;
      report::Write(outcome.format, outcome.report, out);
      std::string error = report::WriteFileAtomically(outcome.output, out.str());
      if (!error.empty()) {
        std::cerr << "rampart: error: " << error << "\n";
        *exit_code = 2;
        return;
      }
    }
    *exit_code = outcome.exit_code;
  });
}

}  // namespace rampart::cli
