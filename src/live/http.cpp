#include "live/http.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <thread>

namespace rampart::live {
namespace {

struct Transfer {
  HttpResponse* response;
  bool truncated = false;
};

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  size_t bytes = size * count;
  std::string& body = transfer->response->body;
  if (body.size() < HttpClient::kMaxBody) {
    body.append(data, std::min(bytes, HttpClient::kMaxBody - body.size()));
  } else {
    transfer->truncated = true;
  }
  return bytes;  // keep reading (and discarding) so the connection stays usable
}

size_t OnHeader(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  size_t bytes = size * count;
  std::string_view line(data, bytes);
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.remove_suffix(1);
  if (line.starts_with("HTTP/")) {
    transfer->response->headers.clear();  // a new response (after 100 Continue)
    return bytes;
  }
  size_t colon = line.find(':');
  if (colon == std::string_view::npos) return bytes;
  std::string_view value = line.substr(colon + 1);
  while (!value.empty() && std::isspace(static_cast<unsigned char>(value.front()))) value.remove_prefix(1);
  transfer->response->headers.emplace_back(std::string(line.substr(0, colon)), std::string(value));
  return bytes;
}

HttpErrorKind Classify(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_CONNECT: return HttpErrorKind::kRefused;
    case CURLE_COULDNT_RESOLVE_HOST: return HttpErrorKind::kResolve;
    case CURLE_OPERATION_TIMEDOUT: return HttpErrorKind::kTimeout;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER: return HttpErrorKind::kTls;
    default: return HttpErrorKind::kOther;
  }
}

}  // namespace

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string ToLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool ContainsIgnoreCase(std::string_view haystack, std::string_view needle) {
  return ToLower(haystack).find(ToLower(needle)) != std::string::npos;
}

std::string_view HttpErrorKindName(HttpErrorKind kind) {
  switch (kind) {
    case HttpErrorKind::kNone: return "none";
    case HttpErrorKind::kRefused: return "connection refused";
    case HttpErrorKind::kResolve: return "host not found";
    case HttpErrorKind::kTimeout: return "timed out";
    case HttpErrorKind::kTls: return "tls handshake failed";
    case HttpErrorKind::kBudget: return "request budget spent";
    case HttpErrorKind::kOther: return "request failed";
  }
  return "request failed";
}

std::optional<std::string> HttpResponse::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoreCase(key, name)) return value;
  }
  return std::nullopt;
}

std::vector<std::string> HttpResponse::Headers(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoreCase(key, name)) out.push_back(value);
  }
  return out;
}

bool HttpResponse::IsHtml() const {
  std::optional<std::string> type = Header("content-type");
  if (type) return ContainsIgnoreCase(*type, "html");
  return ContainsIgnoreCase(body.substr(0, 512), "<html");
}

HttpClient::HttpClient(HttpOptions options) : options_(std::move(options)) {
  static const bool initialised = [] { return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK; }();
  (void)initialised;
  curl_ = curl_easy_init();
  if (curl_ != nullptr) {
    // An empty file name turns on curl's in-memory cookie engine without
    // reading or writing any file.
    curl_easy_setopt(static_cast<CURL*>(curl_), CURLOPT_COOKIEFILE, "");
  }
  start_ = std::chrono::steady_clock::now();
  last_request_end_ = start_;
}

HttpClient::~HttpClient() {
  if (curl_ != nullptr) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

double HttpClient::elapsed() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

HttpResponse HttpClient::Fetch(const HttpRequest& request) {
  HttpResponse response;
  response.request_line = request.method + " " + request.url.ToString();
  double remaining = options_.max_seconds - elapsed();
  if (requests_made_ >= options_.max_requests || remaining <= 0.05) {
    budget_spent_ = true;
    response.error = HttpErrorKind::kBudget;
    response.error_message = requests_made_ >= options_.max_requests
                                 ? "request budget (`--max-requests`) spent"
                                 : "time budget (`--max-time`) spent";
    return response;
  }
  if (curl_ == nullptr) {
    response.error = HttpErrorKind::kOther;
    response.error_message = "libcurl could not be initialised";
    return response;
  }
  if (options_.delay_seconds > 0 && requests_made_ > 0) {
    auto since = std::chrono::steady_clock::now() - last_request_end_;
    auto wait = std::chrono::duration<double>(options_.delay_seconds) - since;
    if (wait.count() > 0) std::this_thread::sleep_for(wait);
  }
  ++requests_made_;
  CURL* curl = static_cast<CURL*>(curl_);
  // No curl_easy_reset: it switches the cookie engine off, and switching it
  // back on per request leaks in libcurl 7.88. Every option a request may
  // change is set on every request instead (the handle keeps its connection
  // cache and cookie jar).
  std::string url = request.url.ToString();
  Transfer transfer{&response};
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(curl, CURLOPT_USERAGENT, options_.user_agent.c_str());
  double timeout = std::min(options_.request_timeout, remaining);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout * 1000));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(std::min(timeout, 10.0) * 1000));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &transfer);
  bool has_body = !request.body.empty() || (request.method != "GET" && request.method != "HEAD");
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, nullptr);
  if (request.method == "HEAD") {
    curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
  } else if (!has_body) {
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);  // also clears a previous POST
  } else {
    curl_easy_setopt(curl, CURLOPT_NOBODY, 0L);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(request.body.size()));
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.c_str());
    if (request.method != "POST") curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }
  curl_slist* header_list = nullptr;
  auto add_header = [&](const std::string& name, const std::string& value) {
    header_list = curl_slist_append(header_list, (name + ": " + value).c_str());
  };
  for (const auto& [name, value] : options_.headers) add_header(name, value);
  for (const auto& [name, value] : request.headers) add_header(name, value);
  if (has_body) add_header("Content-Type", request.content_type);
  curl_easy_setopt(curl, CURLOPT_COOKIE, options_.cookie.empty() ? nullptr : options_.cookie.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, header_list);  // null clears the previous list
  char error_buffer[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);

  auto started = std::chrono::steady_clock::now();
  CURLcode code = curl_easy_perform(curl);
  last_request_end_ = std::chrono::steady_clock::now();
  response.seconds = std::chrono::duration<double>(last_request_end_ - started).count();
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);
  curl_slist_free_all(header_list);
  if (code != CURLE_OK) {
    response.error = Classify(code);
    response.error_message = ToLower(error_buffer[0] != 0 ? error_buffer : curl_easy_strerror(code));
    response.status = 0;
    return response;
  }
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  response.status = static_cast<int>(status);
  return response;
}

}  // namespace rampart::live
