// The scanner's only way onto the network: a libcurl client bound to a request
// budget. Callers may rely on:
//   - every request honours the per-request timeout, the overall deadline
//     (--max-time) and the request budget (--max-requests); once either is spent,
//     Fetch returns an error of kind kBudget without touching the network;
//   - redirects are never followed here (the scanner follows them itself, so it
//     can refuse out-of-scope locations and detect loops);
//   - certificates are not verified on these requests: certificate problems are
//     findings (see tls_probe.h), not reasons to stop;
//   - cookies set by the target are kept in memory for the scan and sent back;
//   - errors are values (HttpError), never exceptions.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "live/url.h"

namespace rampart::live {

enum class HttpErrorKind {
  kNone,
  kRefused,   // connection refused
  kResolve,   // host name did not resolve
  kTimeout,   // connect or transfer timed out
  kTls,       // TLS handshake failed
  kBudget,    // --max-requests or --max-time spent; nothing was sent
  kOther,
};

struct HttpRequest {
  std::string method = "GET";
  Url url;
  std::vector<std::pair<std::string, std::string>> headers;  // extra, per request
  std::string body;                                          // sent when non-empty
  std::string content_type = "application/x-www-form-urlencoded";
};

inline HttpRequest GetRequest(const Url& url) {
  HttpRequest request;
  request.url = url;
  return request;
}

struct HttpResponse {
  HttpErrorKind error = HttpErrorKind::kNone;
  std::string error_message;  // lowercase, from curl; empty on success
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // in order, names as sent
  std::string body;       // capped at kMaxBody bytes
  double seconds = 0;     // wall time of the exchange
  std::string request_line;  // "GET https://host/path", for evidence

  bool ok() const { return error == HttpErrorKind::kNone; }
  // First header with this name (case-insensitive), or nullopt.
  std::optional<std::string> Header(std::string_view name) const;
  std::vector<std::string> Headers(std::string_view name) const;  // all values
  bool IsRedirect() const { return status >= 300 && status < 400 && Header("location"); }
  bool IsHtml() const;
};

struct HttpOptions {
  int max_requests = 300;
  double max_seconds = 300;          // whole scan
  double request_timeout = 10;       // per request
  double delay_seconds = 0;          // polite pause between requests
  std::string user_agent;
  std::vector<std::pair<std::string, std::string>> headers;  // --header, every request
  std::string cookie;                                        // --cookie, every request
};

class HttpClient {
 public:
  static constexpr size_t kMaxBody = 1 << 20;

  explicit HttpClient(HttpOptions options);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  HttpResponse Fetch(const HttpRequest& request);
  HttpResponse Get(const Url& url) { return Fetch(GetRequest(url)); }

  int requests_made() const { return requests_made_; }
  bool budget_spent() const { return budget_spent_; }
  double elapsed() const;

 private:
  HttpOptions options_;
  void* curl_ = nullptr;  // CURL*, kept for connection reuse and the cookie jar
  int requests_made_ = 0;
  bool budget_spent_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_request_end_;
};

std::string_view HttpErrorKindName(HttpErrorKind kind);
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
std::string ToLower(std::string_view text);
bool ContainsIgnoreCase(std::string_view haystack, std::string_view needle);

}  // namespace rampart::live
