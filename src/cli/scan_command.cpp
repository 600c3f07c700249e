// `rampart scan URL`: parses options into live::ScanOptions, runs the live
// scan, writes the report through the shared reporters (stdout or -o FILE,
// atomically), prints the grades and sets the exit code: 0 clean, 1 findings
// at or above --fail-on (default low), 2 usage error or unusable target.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/commands.h"
#include "live/scan.h"
#include "report/report.h"
#include "rules/engine/baseline.h"

#ifndef RAMPART_VERSION
#define RAMPART_VERSION "0.1.0"
#endif

namespace rampart::cli {
namespace {

struct ScanFlags {
  std::string url;
  bool passive = false;
  int max_requests = 300;
  double max_time = 300;
  double timeout = 10;
  double delay = 0;
  std::string user_agent;
  std::vector<std::string> headers;
  std::string cookie;
  std::string cacert;
  int depth = 2;
  int max_pages = 30;
  std::string login_path;
  int login_attempts = 20;
  int http_port = 0;
  int https_port = 0;
  std::vector<std::string> ignore;
  std::string fail_on = "low";
  std::string format = "text";
  std::string output;
  bool no_color = false;
  bool quiet = false;
};

std::string GradeTable(const live::Grades& grades) {
  std::string out = "grades (see docs/scan.md):\n";
  for (const live::AreaGrade& area : grades.areas) {
    char line[96];
    if (area.assessed) {
      std::snprintf(line, sizeof line, "  %-14s %c  %3d\n", std::string(live::AreaName(area.area)).c_str(),
                    area.letter, area.score);
    } else {
      std::snprintf(line, sizeof line, "  %-14s -  n/a (nothing to test)\n",
                    std::string(live::AreaName(area.area)).c_str());
    }
    out += line;
  }
  char overall[64];
  std::snprintf(overall, sizeof overall, "  %-14s %c  %3d\n", "overall", grades.letter, grades.score);
  return out + overall;
}

// "found 3 findings (1 high, 2 low) with 57 requests in 0.41s".
std::string Summary(const std::vector<Finding>& findings, const live::ScanResult& result) {
  int counts[4] = {0, 0, 0, 0};
  int total = 0;
  for (const Finding& finding : findings) {
    if (finding.suppressed()) continue;
    ++counts[static_cast<int>(finding.severity)];
    ++total;
  }
  std::string out;
  if (total == 0) {
    out = "no findings";
  } else {
    out = "found " + std::to_string(total) + (total == 1 ? " finding (" : " findings (");
    bool first = true;
    for (int s = 3; s >= 0; --s) {
      if (counts[s] == 0) continue;
      out += (first ? "" : ", ") + std::to_string(counts[s]) + " " + std::string(SeverityName(static_cast<Severity>(s)));
      first = false;
    }
    out += ")";
  }
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.2fs", result.seconds);
  return out + " with " + std::to_string(result.requests) + " requests in " + seconds;
}

// Returns an error message, or empty when the flags make sense.
std::string Validate(const ScanFlags& flags, live::ScanOptions& options) {
  if (flags.max_requests < 1) return "`--max-requests` must be at least 1";
  if (flags.max_time <= 0) return "`--max-time` must be positive";
  if (flags.timeout <= 0) return "`--timeout` must be positive";
  if (flags.delay < 0) return "`--delay` must not be negative";
  if (flags.depth < 0) return "`--depth` must not be negative";
  if (flags.max_pages < 1) return "`--max-pages` must be at least 1";
  if (flags.login_attempts < 1 || flags.login_attempts > 1000) return "`--login-attempts` must be 1..1000";
  for (int port : {flags.http_port, flags.https_port}) {
    if (port < 0 || port > 65535) return "ports must be 1..65535";
  }
  for (const std::string& header : flags.headers) {
    size_t colon = header.find(':');
    if (colon == std::string::npos || colon == 0) return "`--header` wants `Name: value`, got `" + header + "`";
    std::string value = header.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.erase(value.begin());
    options.headers.emplace_back(header.substr(0, colon), value);
  }
  if (!flags.cacert.empty() && !std::ifstream(flags.cacert).good()) {
    return "cannot read `--cacert` file " + flags.cacert;
  }
  if (flags.cookie.find_first_of("\r\n") != std::string::npos) return "`--cookie` must be one line";
  return "";
}

}  // namespace

void AddScanCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<ScanFlags>();
  CLI::App* cmd = app.add_subcommand(
      "scan", "audit a running app over HTTP(S): TLS, headers, cookies, CSRF, rate limits, exposures");
  cmd->add_option("url", flags->url, "origin to audit, e.g. https://app.example.com/")->required();
  cmd->add_flag("--passive", flags->passive,
                "no active probes: no XSS/SQL/redirect canaries, no form replay, no login burst");
  cmd->add_option("--max-requests", flags->max_requests, "HTTP request budget (default 300)");
  cmd->add_option("--max-time", flags->max_time, "wall-time budget in seconds (default 300)");
  cmd->add_option("--timeout", flags->timeout, "per-request timeout in seconds (default 10)");
  cmd->add_option("--delay", flags->delay, "pause between requests in seconds (default 0)");
  cmd->add_option("--user-agent", flags->user_agent, "User-Agent to send (default names rampart)");
  cmd->add_option("-H,--header", flags->headers, "extra request header `Name: value` (repeatable)")
      ->allow_extra_args(false);
  cmd->add_option("--cookie", flags->cookie, "Cookie header to send, e.g. `sessionid=...`");
  cmd->add_option("--cacert", flags->cacert, "also trust this CA bundle (PEM), for staging and tests");
  cmd->add_option("--depth", flags->depth, "same-origin crawl depth (default 2)");
  cmd->add_option("--max-pages", flags->max_pages, "pages to crawl at most (default 30)");
  cmd->add_option("--login-path", flags->login_path, "login URL path for the rate-limit probe");
  cmd->add_option("--login-attempts", flags->login_attempts, "failed logins in the burst (default 20)");
  cmd->add_option("--http-port", flags->http_port, "port of the plain-HTTP twin (default 80)");
  cmd->add_option("--https-port", flags->https_port, "port of the HTTPS twin (default 443)");
  cmd->add_option("--ignore", flags->ignore, "skip these rules (codes or names, repeatable)")
      ->allow_extra_args(false);
  cmd->add_option("--fail-on", flags->fail_on, "exit 1 on findings at or above: low|medium|high|critical");
  cmd->add_option("--format", flags->format, "text|json|sarif|junit|github (default text)");
  cmd->add_option("-o,--output", flags->output, "write the report to FILE (atomically)");
  cmd->add_flag("--no-color", flags->no_color, "no ANSI colours");
  cmd->add_flag("-q,--quiet", flags->quiet, "findings only: no summary, no grades");

  cmd->callback([flags, exit_code]() {
    live::ScanOptions options;
    std::string error = Validate(*flags, options);
    Severity fail_on = Severity::kLow;
    report::Format format = report::Format::kText;
    if (error.empty() && !ParseSeverity(flags->fail_on, &fail_on)) {
      error = "unknown `--fail-on` level `" + flags->fail_on + "` (low|medium|high|critical)";
    }
    if (error.empty() && (!report::ParseFormat(flags->format, &format) || format == report::Format::kCycloneDx)) {
      error = "unknown `--format` `" + flags->format + "` (text|json|sarif|junit|github)";
    }
    if (!error.empty()) {
      std::cerr << "rampart: error: " << error << "\n";
      *exit_code = 2;
      return;
    }
    options.target = flags->url;
    options.passive = flags->passive;
    options.max_requests = flags->max_requests;
    options.max_seconds = flags->max_time;
    options.timeout = flags->timeout;
    options.delay = flags->delay;
    options.user_agent = flags->user_agent;
    options.cookie = flags->cookie;
    options.ca_file = flags->cacert;
    options.depth = flags->depth;
    options.max_pages = flags->max_pages;
    options.login_path = flags->login_path;
    options.login_attempts = flags->login_attempts;
    options.http_port = flags->http_port;
    options.https_port = flags->https_port;
    options.ignore = flags->ignore;

    live::ScanResult result = live::RunScan(options);
    if (!result.fatal_error.empty()) {
      std::cerr << "rampart: error: " << result.fatal_error << "\n";
      *exit_code = 2;
      return;
    }
    report::ReportInput input;
    input.tool_command = "scan";
    input.tool_version = RAMPART_VERSION;
    input.findings = std::move(result.findings);
    rules::engine::ComputeFingerprints(input.findings, {});
    input.files_scanned = 0;
    input.seconds = result.seconds;
    // The shared text summary counts files; a scan counts requests, so the
    // text format gets its own summary line below.
    input.quiet = flags->quiet || format == report::Format::kText;
    input.color = !flags->no_color && format == report::Format::kText && flags->output.empty() &&
                  std::getenv("NO_COLOR") == nullptr && ::isatty(STDOUT_FILENO) == 1;
    for (const std::string& note : result.notes) {
      if (!flags->quiet) std::cerr << "rampart: note: " << note << "\n";
    }
    std::ostringstream out;
    report::Write(format, input, out);
    // The grade table goes with a text report; with machine formats it goes to
    // stderr so stdout stays parseable.
    std::string grades = GradeTable(result.grades);
    if (!flags->quiet && format == report::Format::kText) {
      out << Summary(input.findings, result) << "\n";
      if (flags->output.empty()) out << "\n" << grades;
    }
    if (flags->output.empty()) {
      std::cout << out.str();
      std::cout.flush();
    } else {
      std::string write_error = report::WriteFileAtomically(flags->output, out.str());
      if (!write_error.empty()) {
        std::cerr << "rampart: error: " << write_error << "\n";
        *exit_code = 2;
        return;
      }
    }
    if (!flags->quiet && (format != report::Format::kText || !flags->output.empty())) std::cerr << grades;
    bool failing = false;
    for (const Finding& finding : input.findings) {
      if (!finding.suppressed() && finding.severity >= fail_on) failing = true;
    }
    *exit_code = failing ? 1 : 0;
  });
}

}  // namespace rampart::cli
