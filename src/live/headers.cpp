#include "live/headers.h"

#include <cctype>
#include <ctime>

#include "live/http.h"

namespace rampart::live {
namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

std::vector<std::string_view> Split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(separator, start);
    if (end == std::string_view::npos) end = text.size();
    parts.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

std::optional<long long> ParseInteger(std::string_view text) {
  text = Trim(text);
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') text = text.substr(1, text.size() - 2);
  bool negative = false;
  if (!text.empty() && text.front() == '-') {
    negative = true;
    text.remove_prefix(1);
  }
  if (text.empty() || text.size() > 18) return std::nullopt;
  long long value = 0;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return negative ? -value : value;
}

int MonthIndex(std::string_view name) {
  static constexpr std::string_view kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                 "jul", "aug", "sep", "oct", "nov", "dec"};
  std::string lower = ToLower(name.substr(0, 3));
  for (int i = 0; i < 12; ++i) {
    if (lower == kMonths[i]) return i;
  }
  return -1;
}

}  // namespace

std::optional<long long> ParseHttpDate(std::string_view text) {
  // Three formats are allowed (RFC 9110 section 5.6.7):
  //   IMF-fixdate  Sun, 06 Nov 1994 08:49:37 GMT     numbers: day year h m s
  //   RFC 850      Sunday, 06-Nov-94 08:49:37 GMT    numbers: day year h m s
  //   asctime      Sun Nov  6 08:49:37 1994          numbers: day h m s year
  std::vector<std::string> numbers;
  int month = -1;
  std::string current;
  auto flush = [&] {
    if (current.empty()) return;
    if (std::isdigit(static_cast<unsigned char>(current[0]))) {
      numbers.push_back(current);
    } else if (month < 0 && MonthIndex(current) >= 0) {
      month = MonthIndex(current);
    }
    current.clear();
  };
  for (char c : text) {
    if (c == ' ' || c == ',' || c == '-' || c == ':') {
      flush();
    } else {
      current += c;
    }
  }
  flush();
  if (numbers.size() != 5 || month < 0) return std::nullopt;
  std::vector<long long> values;
  for (const std::string& number : numbers) {
    std::optional<long long> value = ParseInteger(number);
    if (!value) return std::nullopt;
    values.push_back(*value);
  }
  long long day = 0, year = 0, hour = 0, minute = 0, second = 0;
  if (numbers[4].size() == 4) {
    day = values[0], hour = values[1], minute = values[2], second = values[3], year = values[4];
  } else {
    day = values[0], year = values[1], hour = values[2], minute = values[3], second = values[4];
    if (numbers[1].size() <= 2) year += year < 70 ? 2000 : 1900;
  }
  if (day < 1 || day > 31 || year < 1970 || year > 9999 || hour > 23 || minute > 59 || second > 60) {
    return std::nullopt;
  }
  std::tm tm{};
  tm.tm_year = static_cast<int>(year - 1900);
  tm.tm_mon = month;
  tm.tm_mday = static_cast<int>(day);
  tm.tm_hour = static_cast<int>(hour);
  tm.tm_min = static_cast<int>(minute);
  tm.tm_sec = static_cast<int>(second);
  return static_cast<long long>(timegm(&tm));
}

SetCookie ParseSetCookie(std::string_view header, long long now) {
  SetCookie cookie;
  std::vector<std::string_view> parts = Split(header, ';');
  std::string_view pair = Trim(parts[0]);
  size_t equals = pair.find('=');
  cookie.name = std::string(Trim(pair.substr(0, equals)));
  if (equals != std::string_view::npos) cookie.value = std::string(Trim(pair.substr(equals + 1)));
  for (size_t i = 1; i < parts.size(); ++i) {
    std::string_view attribute = Trim(parts[i]);
    size_t eq = attribute.find('=');
    std::string key = ToLower(Trim(attribute.substr(0, eq)));
    std::string_view value = eq == std::string_view::npos ? "" : Trim(attribute.substr(eq + 1));
    if (key == "secure") {
      cookie.secure = true;
    } else if (key == "httponly") {
      cookie.http_only = true;
    } else if (key == "samesite") {
      cookie.same_site = std::string(value);
    } else if (key == "max-age") {
      cookie.max_age = ParseInteger(value);
    } else if (key == "expires") {
      if (std::optional<long long> when = ParseHttpDate(value)) cookie.expires_in = *when - now;
    } else if (key == "domain") {
      if (!value.empty()) cookie.domain = std::string(value);
    } else if (key == "path") {
      cookie.path = std::string(value);
    }
  }
  return cookie;
}

CookieRole ClassifyCookie(std::string_view name) {
  std::string lower = ToLower(name);
  static constexpr std::string_view kCsrf[] = {"csrftoken", "csrf_token", "xsrf-token", "_csrf",
                                               "csrf", "_xsrf", "x-csrf-token", "csrf-token"};
  for (std::string_view csrf : kCsrf) {
    if (lower == csrf) return CookieRole::kCsrf;
  }
  static constexpr std::string_view kSession[] = {
      "sessionid", "session", "remember_token", "jsessionid", "phpsessid", "connect.sid",
      "asp.net_sessionid", "_session_id", "laravel_session", "auth_token", "access_token"};
  for (std::string_view session : kSession) {
    if (lower == session) return CookieRole::kSession;
  }
  if (lower.find("csrf") != std::string::npos || lower.find("xsrf") != std::string::npos) {
    return CookieRole::kCsrf;
  }
  if (lower.find("session") != std::string::npos || lower.find("sess") == 0 ||
      lower.ends_with("_sid") || lower == "sid" || lower.find("auth") != std::string::npos) {
    return CookieRole::kSession;
  }
  return CookieRole::kOther;
}

const CspDirective* CspPolicy::Find(std::string_view name) const {
  for (const CspDirective& directive : directives) {
    if (directive.name == name) return &directive;
  }
  return nullptr;
}

const CspDirective* CspPolicy::EffectiveScriptSrc() const {
  if (const CspDirective* script = Find("script-src")) return script;
  return Find("default-src");
}

std::vector<CspPolicy> ParseCsp(std::string_view header) {
  std::vector<CspPolicy> policies;
  for (std::string_view policy_text : Split(header, ',')) {
    CspPolicy policy;
    for (std::string_view directive_text : Split(policy_text, ';')) {
      directive_text = Trim(directive_text);
      if (directive_text.empty()) continue;
      CspDirective directive;
      size_t pos = 0;
      bool first = true;
      while (pos < directive_text.size()) {
        while (pos < directive_text.size() && std::isspace(static_cast<unsigned char>(directive_text[pos]))) ++pos;
        size_t end = pos;
        while (end < directive_text.size() && !std::isspace(static_cast<unsigned char>(directive_text[end]))) ++end;
        if (end > pos) {
          std::string_view token = directive_text.substr(pos, end - pos);
          if (first) {
            directive.name = ToLower(token);
            first = false;
          } else {
            directive.sources.emplace_back(token);
          }
        }
        pos = end;
      }
      // The first occurrence of a directive wins (CSP3 section 2.2.1).
      if (!directive.name.empty() && policy.Find(directive.name) == nullptr) {
        policy.directives.push_back(std::move(directive));
      }
    }
    if (!policy.directives.empty()) policies.push_back(std::move(policy));
  }
  return policies;
}

Hsts ParseHsts(std::string_view header) {
  Hsts hsts;
  for (std::string_view part : Split(header, ';')) {
    part = Trim(part);
    size_t eq = part.find('=');
    std::string key = ToLower(Trim(part.substr(0, eq)));
    if (key == "max-age" && eq != std::string_view::npos) {
      hsts.max_age = ParseInteger(part.substr(eq + 1));
    } else if (key == "includesubdomains") {
      hsts.include_subdomains = true;
    } else if (key == "preload") {
      hsts.preload = true;
    }
  }
  return hsts;
}

bool HasVersionNumber(std::string_view text) {
  for (size_t i = 0; i + 2 < text.size(); ++i) {
    if (std::isdigit(static_cast<unsigned char>(text[i])) && text[i + 1] == '.' &&
        std::isdigit(static_cast<unsigned char>(text[i + 2]))) {
      return true;
    }
  }
  return false;
}

}  // namespace rampart::live
