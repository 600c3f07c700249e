// `rampart scan URL`: a bounded live audit of one running app. RunScan fetches
// the named origin (and its http/https twin), probes TLS, crawls same-origin
// pages to a fixed depth, runs every WEBnnn rule and grades the result.
//
// Callers may rely on:
//   - only the named origin and its twin are contacted; redirects elsewhere are
//     recorded, never followed;
//   - at most `max_requests` HTTP requests (plus at most four TLS handshakes) and
//     about `max_seconds` of wall time, each request bounded by `timeout`;
//   - an unusable target (bad URL, refused, unreachable, timeout, redirect loop)
//     yields ScanResult::fatal_error and no findings; everything else, including
//     an invalid certificate, is a finding and the scan goes on;
//   - findings come back sorted and de-duplicated, with `path` holding the URL,
//     an empty range, and `evidence` holding the request line and the proof.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/finding.h"
#include "base/rule_info.h"
#include "live/html.h"
#include "live/http.h"
#include "live/tls_probe.h"
#include "live/url.h"

namespace rampart::live {

struct ScanOptions {
  std::string target;
  bool passive = false;       // no active probes, no form replay, no login burst
  int max_requests = 300;
  double max_seconds = 300;
  double timeout = 10;        // per request / handshake
  double delay = 0;           // polite pause between requests
  std::string user_agent;     // empty: kDefaultUserAgent
  std::vector<std::pair<std::string, std::string>> headers;  // --header
  std::string cookie;                                        // --cookie
  std::string ca_file;                                       // --cacert
  int depth = 2;              // crawl depth; 0 scans only the target page
  int max_pages = 30;
  std::string login_path;     // --login-path; empty: login forms found by the crawl
  int login_attempts = 20;
  int http_port = 0;          // port of the plain-HTTP twin (0: 80)
  int https_port = 0;         // port of the HTTPS twin (0: 443)
  std::vector<std::string> ignore;  // rule codes or names not to run
};

inline constexpr char kDefaultUserAgent[] =
    "rampart-scan/0.1 (security audit run by the site owner; +https://github.com/rampart)";

enum class Area { kTransport, kHeaders, kCookies, kExposures, kForms, kRateLimiting, kInjection };
inline constexpr int kAreaCount = 7;
std::string_view AreaName(Area area);
Area AreaOfRule(std::string_view code);  // from the WEBnnn code's tens digit

struct AreaGrade {
  Area area;
  bool assessed = false;  // false: nothing to test (no forms, passive mode ...)
  int score = 100;        // 0..100
  char letter = 'A';
};

struct Grades {
  std::vector<AreaGrade> areas;
  int score = 100;
  char letter = 'A';
};

struct ScanResult {
  std::string fatal_error;           // non-empty: exit code 2, no findings
  std::vector<Finding> findings;     // sorted, de-duplicated
  std::vector<std::string> notes;    // budget spent, out-of-scope redirects ...
  Grades grades;
  int requests = 0;
  double seconds = 0;
  std::string final_url;             // the page the scan treated as home
};

ScanResult RunScan(const ScanOptions& options);

// Grades `findings` on the published table (docs/scan.md): each area starts at
// 100 and loses, once per rule, 50/30/15/5 for critical/high/medium/low; the
// overall score is the weighted mean of assessed areas, capped at 39 (F) by any
// critical finding and at 74 (C) by any high one.
Grades GradeFindings(const std::vector<Finding>& findings, const bool assessed[kAreaCount]);
char LetterForScore(int score);

// --- what rules see -------------------------------------------------------

struct Page {
  Url url;
  HttpResponse response;
  PageSummary html;
  int depth = 0;
};

class ScanContext {
 public:
  ScanContext(const ScanOptions& options, HttpClient& client) : options_(options), client_(client) {}

  const ScanOptions& options() const { return options_; }

  // Every request goes through here so later rules can review all responses.
  HttpResponse Fetch(const HttpRequest& request);
  HttpResponse Get(const Url& url) { return Fetch(GetRequest(url)); }
  bool InScope(const Url& url) const;

  // The primary page: the target after in-scope redirects, over HTTPS when the
  // app has HTTPS. Always present once rules run.
  const Page& home() const { return pages_.front(); }
  const std::vector<Page>& pages() const { return pages_; }
  const std::vector<std::pair<Url, HttpResponse>>& log() const { return log_; }

  // HTTPS side: the final https URL and response, when HTTPS answered.
  std::optional<Url> https_url;
  std::optional<HttpResponse> https_response;
  std::string https_error;  // why the HTTPS twin did not answer
  // Plain-HTTP side: the first response (redirects not followed).
  std::optional<Url> http_url;
  std::optional<HttpResponse> http_response;
  std::optional<TlsReport> tls;
  Url start;
  // Port of the other scheme learned from the target's own redirect (an http
  // target redirecting to https on a non-default port); 0 when unknown.
  int learned_twin_port = 0;

  void Report(const RuleInfo& rule, const Url& url, std::string message, std::string evidence,
              std::optional<Severity> severity = std::nullopt);
  void MarkAssessed(Area area) { assessed_[static_cast<int>(area)] = true; }
  void Note(std::string note) { notes_.push_back(std::move(note)); }
  // A path that the app certainly does not serve, and what it answered; lets
  // exposure checks ignore catch-all routes that answer 200 to everything.
  const HttpResponse& NotFoundBaseline();
  bool LooksLikeBaseline(const HttpResponse& response);

  // Used by RunScan.
  std::vector<Page>& mutable_pages() { return pages_; }
  std::vector<Finding>& findings() { return findings_; }
  std::vector<std::string>& notes() { return notes_; }
  const bool* assessed() const { return assessed_; }
  void RecordResponse(const Url& url, const HttpResponse& response);

 private:
  const ScanOptions& options_;
  HttpClient& client_;
  std::vector<Page> pages_;
  std::vector<std::pair<Url, HttpResponse>> log_;
  std::vector<Finding> findings_;
  std::vector<std::string> notes_;
  bool assessed_[kAreaCount] = {true, true, true, true, false, false, false};
  std::optional<HttpResponse> not_found_;
};

// Builds "GET https://host/path" plus a proof line for Finding::evidence.
std::string Evidence(const HttpResponse& response, std::string_view proof);
// The first `max` bytes of `text` around `needle`, on one line, for evidence.
std::string Snippet(std::string_view text, std::string_view needle, size_t max = 160);

}  // namespace rampart::live
