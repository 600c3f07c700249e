// Pure parsers for the response headers the live rules judge: Set-Cookie,
// Content-Security-Policy and Strict-Transport-Security. They take header text
// and return plain data; they never fail (unknown or malformed parts are kept as
// written or skipped), so rules can unit-test their judgement without a server.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rampart::live {

struct SetCookie {
  std::string name;
  std::string value;
  bool secure = false;
  bool http_only = false;
  std::optional<std::string> same_site;  // as written ("Lax", "None" ...)
  std::optional<long long> max_age;      // seconds
  std::optional<long long> expires_in;   // seconds from `now`, from Expires
  std::optional<std::string> domain;
  std::string path;
  // Lifetime in seconds: Max-Age wins over Expires; nullopt for a session cookie.
  std::optional<long long> Lifetime() const { return max_age ? max_age : expires_in; }
  bool Deleted() const {  // a cookie being cleared is not a cookie being issued
    std::optional<long long> life = Lifetime();
    return life && *life <= 0;
  }
};

// `now` is the Unix time Expires is measured against.
SetCookie ParseSetCookie(std::string_view header, long long now);
// Parses an HTTP date (IMF-fixdate, RFC 850 or asctime); nullopt when malformed.
std::optional<long long> ParseHttpDate(std::string_view text);

enum class CookieRole { kOther, kSession, kCsrf };
// Recognises Django (`sessionid`, `csrftoken`), Flask (`session`,
// `remember_token`), Starlette (`session`) and common names from other stacks.
CookieRole ClassifyCookie(std::string_view name);

struct CspDirective {
  std::string name;                  // lowercase
  std::vector<std::string> sources;  // as written, keywords keep their quotes
};

struct CspPolicy {
  std::vector<CspDirective> directives;
  const CspDirective* Find(std::string_view name) const;
  // The directive that governs scripts: script-src, else default-src.
  const CspDirective* EffectiveScriptSrc() const;
};

// Parses one policy; a header holding several comma-separated policies yields
// several entries.
std::vector<CspPolicy> ParseCsp(std::string_view header);

struct Hsts {
  std::optional<long long> max_age;  // nullopt when missing or malformed
  bool include_subdomains = false;
  bool preload = false;
};
Hsts ParseHsts(std::string_view header);

// True when `text` contains a version number (a digit run with a dot), as in
// "Werkzeug/2.2.2" or "nginx/1.22.1": the part of a banner that helps attackers.
bool HasVersionNumber(std::string_view text);

}  // namespace rampart::live
