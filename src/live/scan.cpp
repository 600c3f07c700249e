#include "live/scan.h"

#include <algorithm>
#include <chrono>
#include <deque>
#include <random>
#include <set>

#include "live/live_rules.h"

namespace rampart::live {
namespace {

constexpr size_t kLoggedBodyLimit = 256 * 1024;
constexpr int kMaxRedirects = 10;

constexpr std::string_view kAreaNames[] = {"transport", "headers",       "cookies",  "exposures",
                                           "forms",     "rate-limiting", "injection"};
// Weights of the overall score (docs/scan.md); transport counts most because
// without it nothing else holds.
constexpr int kAreaWeights[] = {25, 15, 15, 15, 10, 10, 10};
constexpr int kSeverityPenalty[] = {5, 15, 30, 50};  // low, medium, high, critical

bool SkippedLink(const Url& url) {
  std::string path = ToLower(url.Path());
  static constexpr std::string_view kStatic[] = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".ico",
                                                 ".css", ".js",  ".map",  ".pdf", ".zip", ".gz",
                                                 ".woff", ".woff2", ".ttf", ".mp4", ".webp"};
  for (std::string_view ext : kStatic) {
    if (path.ends_with(ext)) return true;
  }
  // Never follow a link that ends the session the user handed us.
  return path.find("logout") != std::string::npos || path.find("signout") != std::string::npos ||
         path.find("log-out") != std::string::npos || path.find("sign-out") != std::string::npos;
}

std::string DescribeError(const Url& url, const HttpResponse& response) {
  return "cannot reach `" + url.ToString() + "`: " + std::string(HttpErrorKindName(response.error)) + " (" +
         response.error_message + ")";
}

struct Followed {
  Url url;
  HttpResponse response;
  std::string error;  // fatal (loop, network); empty on success
};

// Follows in-scope redirects from `url`; stops at an out-of-scope Location.
Followed Follow(ScanContext& context, Url url) {
  std::vector<std::string> chain{url.ToString()};
  for (int hop = 0;; ++hop) {
    HttpResponse response = context.Get(url);
    if (!response.ok()) return {url, response, DescribeError(url, response)};
    if (!response.IsRedirect()) return {url, response, ""};
    std::optional<Url> next = ResolveUrl(url, *response.Header("location"));
    if (!next || !context.InScope(*next)) {
      context.Note("`" + url.ToString() + "` redirects out of scope to `" + *response.Header("location") +
                   "`; not followed");
      return {url, response, ""};
    }
    std::string next_text = next->ToString();
    if (std::find(chain.begin(), chain.end(), next_text) != chain.end() || hop >= kMaxRedirects) {
      chain.push_back(next_text);
      std::string path;
      for (const std::string& step : chain) path += (path.empty() ? "" : " -> ") + step;
      return {url, response, "redirect loop: " + path};
    }
    chain.push_back(next_text);
    url = *next;
  }
}

void Crawl(ScanContext& context, const ScanOptions& options) {
  std::set<std::string> seen{context.home().url.ToString()};
  std::deque<size_t> queue{0};
  while (!queue.empty()) {
    size_t index = queue.front();
    queue.pop_front();
    if (context.pages()[index].depth >= options.depth) continue;
    // Copy: pushing pages below may reallocate the vector.
    Page page = context.pages()[index];
    for (const std::string& href : page.html.links) {
      if (static_cast<int>(context.pages().size()) >= options.max_pages) return;
      std::optional<Url> link = ResolveUrl(page.url, href);
      if (!link || !link->SameOrigin(context.home().url) || SkippedLink(*link)) continue;
      if (!seen.insert(link->ToString()).second) continue;
      HttpResponse response = context.Get(*link);
      if (response.error == HttpErrorKind::kBudget) return;
      if (!response.ok()) continue;
      // A link that redirects (a page behind a login, a trailing-slash fix)
      // is followed one hop when the target is same-origin and new.
      if (response.IsRedirect()) {
        std::optional<Url> next = ResolveUrl(*link, *response.Header("location"));
        if (next && next->SameOrigin(context.home().url) && !SkippedLink(*next) &&
            seen.insert(next->ToString()).second) {
          link = next;
          response = context.Get(*link);
          if (response.error == HttpErrorKind::kBudget) return;
          if (!response.ok()) continue;
        }
      }
      Page next{*link, std::move(response), {}, page.depth + 1};
      if (next.response.IsHtml()) next.html = ParseHtml(next.response.body);
      context.mutable_pages().push_back(std::move(next));
      queue.push_back(context.pages().size() - 1);
    }
  }
}

bool Ignored(const ScanOptions& options, const RuleInfo& info) {
  for (const std::string& key : options.ignore) {
    if (EqualsIgnoreCase(key, info.code) || EqualsIgnoreCase(key, info.name)) return true;
  }
  return false;
}

}  // namespace

std::string_view AreaName(Area area) { return kAreaNames[static_cast<int>(area)]; }

Area AreaOfRule(std::string_view code) {
  // WEB10x/11x transport, 12x/13x headers, 14x cookies, 15x exposures,
  // 16x forms, 17x rate limiting, 18x injection.
  int tens = code.size() >= 5 ? code[4] - '0' : 0;
  switch (tens) {
    case 0:
    case 1: return Area::kTransport;
    case 2:
    case 3: return Area::kHeaders;
    case 4: return Area::kCookies;
    case 5: return Area::kExposures;
    case 6: return Area::kForms;
    case 7: return Area::kRateLimiting;
    default: return Area::kInjection;
  }
}

char LetterForScore(int score) {
  if (score >= 90) return 'A';
  if (score >= 75) return 'B';
  if (score >= 60) return 'C';
  if (score >= 40) return 'D';
  return 'F';
}

Grades GradeFindings(const std::vector<Finding>& findings, const bool assessed[kAreaCount]) {
  Grades grades;
  // Worst severity per rule: a rule costs once however many URLs it hit.
  std::vector<std::pair<std::string, Severity>> worst;
  Severity max_severity = Severity::kLow;
  bool any = false;
  for (const Finding& finding : findings) {
    if (finding.suppressed()) continue;
    any = true;
    max_severity = std::max(max_severity, finding.severity);
    auto it = std::find_if(worst.begin(), worst.end(), [&](const auto& w) { return w.first == finding.rule_code; });
    if (it == worst.end()) {
      worst.emplace_back(finding.rule_code, finding.severity);
    } else {
      it->second = std::max(it->second, finding.severity);
    }
  }
  int scores[kAreaCount];
  std::fill(scores, scores + kAreaCount, 100);
  for (const auto& [code, severity] : worst) {
    scores[static_cast<int>(AreaOfRule(code))] -= kSeverityPenalty[static_cast<int>(severity)];
  }
  int weighted = 0, weights = 0;
  for (int i = 0; i < kAreaCount; ++i) {
    AreaGrade grade{static_cast<Area>(i)};
    grade.score = std::max(0, scores[i]);
    // An area with findings was assessed whatever the flag says.
    grade.assessed = assessed[i] || scores[i] < 100;
    grade.letter = LetterForScore(grade.score);
    if (grade.assessed) {
      weighted += grade.score * kAreaWeights[i];
      weights += kAreaWeights[i];
    }
    grades.areas.push_back(grade);
  }
  grades.score = weights > 0 ? (weighted + weights / 2) / weights : 100;
  if (any && max_severity == Severity::kCritical) grades.score = std::min(grades.score, 39);
  if (any && max_severity == Severity::kHigh) grades.score = std::min(grades.score, 74);
  grades.letter = LetterForScore(grades.score);
  return grades;
}

HttpResponse ScanContext::Fetch(const HttpRequest& request) {
  HttpResponse response = client_.Fetch(request);
  RecordResponse(request.url, response);
  return response;
}

void ScanContext::RecordResponse(const Url& url, const HttpResponse& response) {
  if (!response.ok()) return;
  HttpResponse copy = response;
  if (copy.body.size() > kLoggedBodyLimit) copy.body.resize(kLoggedBodyLimit);
  log_.emplace_back(url, std::move(copy));
}

bool ScanContext::InScope(const Url& url) const {
  if (url.host != start.host) return false;
  if (url.scheme == start.scheme) return url.port == start.port;
  int twin_port = url.https() ? options_.https_port : options_.http_port;
  if (twin_port == 0) twin_port = learned_twin_port;
  if (twin_port == 0) twin_port = url.https() ? 443 : 80;
  return url.port == twin_port;
}

void ScanContext::Report(const RuleInfo& rule, const Url& url, std::string message, std::string evidence,
                         std::optional<Severity> severity) {
  Finding finding;
  finding.rule_code = std::string(rule.code);
  finding.path = url.ToString();
  finding.message = std::move(message);
  finding.severity = severity.value_or(rule.severity);
  finding.confidence = rule.confidence;
  finding.evidence = std::move(evidence);
  finding.snippet = finding.evidence.substr(0, finding.evidence.find('\n'));
  findings_.push_back(std::move(finding));
}

const HttpResponse& ScanContext::NotFoundBaseline() {
  if (!not_found_) {
    std::random_device device;
    std::string token = std::to_string(device()) + std::to_string(device());
    Url url = home().url;
    url.target = "/rampart-missing-" + token;
    not_found_ = Get(url);
  }
  return *not_found_;
}

bool ScanContext::LooksLikeBaseline(const HttpResponse& response) {
  const HttpResponse& baseline = NotFoundBaseline();
  if (!baseline.ok() || baseline.status != response.status) return false;
  // Catch-all routes answer every path with the same page (perhaps echoing the
  // path): compare sizes loosely.
  size_t a = baseline.body.size(), b = response.body.size();
  return (a > b ? a - b : b - a) <= 64 + std::max(a, b) / 20;
}

std::string Evidence(const HttpResponse& response, std::string_view proof) {
  std::string out = response.request_line;
  if (response.status != 0) out += " -> " + std::to_string(response.status);
  if (!proof.empty()) out += "\n" + std::string(proof);
  return out;
}

std::string Snippet(std::string_view text, std::string_view needle, size_t max) {
  size_t at = ToLower(text).find(ToLower(needle));
  if (at == std::string::npos) at = 0;
  size_t begin = at > max / 4 ? at - max / 4 : 0;
  std::string out(text.substr(begin, max));
  for (char& c : out) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return out;
}

ScanResult RunScan(const ScanOptions& options) {
  ScanResult result;
  auto started = std::chrono::steady_clock::now();
  std::optional<Url> start = ParseUrl(options.target);
  if (!start) {
    result.fatal_error = "`" + options.target + "` is not an absolute http:// or https:// URL";
    return result;
  }
  HttpOptions http_options;
  http_options.max_requests = options.max_requests;
  http_options.max_seconds = options.max_seconds;
  http_options.request_timeout = options.timeout;
  http_options.delay_seconds = options.delay;
  http_options.user_agent = options.user_agent.empty() ? kDefaultUserAgent : options.user_agent;
  http_options.headers = options.headers;
  http_options.cookie = options.cookie;
  HttpClient client(http_options);
  ScanContext context(options, client);
  context.start = *start;

  auto finish = [&] {
    result.requests = client.requests_made();
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  };

  Followed primary;
  if (start->https()) {
    primary = Follow(context, *start);
    if (!primary.error.empty()) {
      result.fatal_error = primary.error;
      finish();
      return result;
    }
    if (primary.url.https()) {
      context.https_url = primary.url;
      context.https_response = primary.response;
    }
    Url twin = start->Twin(options.http_port);
    HttpResponse plain = context.Get(twin);
    if (plain.ok()) {
      context.http_url = twin;
      context.http_response = plain;
    }
  } else {
    HttpResponse first = context.Get(*start);
    if (!first.ok()) {
      result.fatal_error = DescribeError(*start, first);
      finish();
      return result;
    }
    context.http_url = *start;
    context.http_response = first;
    // The target's own first redirect to https on the same host names the twin.
    if (first.IsRedirect() && options.https_port == 0) {
      std::optional<Url> location = ResolveUrl(*start, *first.Header("location"));
      if (location && location->https() && location->host == start->host) {
        context.learned_twin_port = location->port;
      }
    }
    primary = Follow(context, *start);
    if (!primary.error.empty()) {
      result.fatal_error = primary.error;
      finish();
      return result;
    }
    if (primary.url.https()) {
      context.https_url = primary.url;
      context.https_response = primary.response;
    } else {
      Followed secure = Follow(context, start->Twin(options.https_port));
      if (secure.error.empty() && secure.url.https()) {
        context.https_url = secure.url;
        context.https_response = secure.response;
        primary = secure;
      } else {
        context.https_error = secure.error.empty() ? "no https response" : secure.error;
      }
    }
  }
  result.final_url = primary.url.ToString();
  if (context.https_url) {
    TlsProbeOptions tls;
    tls.host = context.https_url->host;
    tls.port = context.https_url->port;
    tls.ca_file = options.ca_file;
    // Each of the (at most four) handshakes also respects what is left of --max-time.
    tls.timeout_seconds = std::max(1.0, std::min(options.timeout, (options.max_seconds - client.elapsed()) / 4));
    context.tls = ProbeTls(tls);
    if (!context.tls->error.empty() && context.tls->error.starts_with("cannot load")) {
      result.fatal_error = context.tls->error;
      finish();
      return result;
    }
  }
  Page home{primary.url, primary.response, {}, 0};
  if (home.response.IsHtml()) home.html = ParseHtml(home.response.body);
  context.mutable_pages().push_back(std::move(home));
  Crawl(context, options);

  for (Phase phase : {Phase::kPassive, Phase::kActive, Phase::kReview}) {
    if (phase == Phase::kActive && options.passive) continue;
    for (const LiveRule* rule : AllLiveRules()) {
      if (rule->phase != phase || Ignored(options, rule->info)) continue;
      rule->check(context, rule->info);
    }
  }
  if (client.budget_spent()) {
    context.Note("budget spent after " + std::to_string(client.requests_made()) +
                 " requests; later checks were cut short (raise `--max-requests` / `--max-time`)");
  }
  result.findings = std::move(context.findings());
  SortAndDeduplicate(result.findings);
  result.grades = GradeFindings(result.findings, context.assessed());
  result.notes = std::move(context.notes());
  finish();
  return result;
}

}  // namespace rampart::live
