// URLs as the live scanner needs them: parse an absolute http(s) URL, resolve a
// link against a page, compare origins, and name the http/https twin of an
// origin. Callers may rely on: a parsed Url always has scheme "http" or "https",
// a non-empty lowercase host and a port (explicit or the scheme's default), and a
// target that starts with '/'. Parsing never throws; failure is std::nullopt.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rampart::live {

struct Url {
  std::string scheme;  // "http" or "https"
  std::string host;    // lowercase; IPv6 literals keep their brackets
  int port = 0;        // always set (80/443 when the URL names none)
  std::string target;  // path plus optional "?query"; never empty, starts with '/'

  bool https() const { return scheme == "https"; }
  bool DefaultPort() const { return port == (https() ? 443 : 80); }
  // "https://host[:port]" with the port left out when it is the default.
  std::string Origin() const;
  std::string ToString() const { return Origin() + target; }
  std::string Path() const;   // target without the query
  std::string Query() const;  // text after '?', empty when none
  bool SameOrigin(const Url& other) const {
    return scheme == other.scheme && host == other.host && port == other.port;
  }
  // Same host with the other scheme; `port` 0 means the other scheme's default.
  Url Twin(int port = 0) const;
};

// Parses an absolute http or https URL. Fragments are dropped.
std::optional<Url> ParseUrl(std::string_view text);

// Resolves `href` (absolute, scheme-relative, absolute-path or relative) against
// `base`. Returns nullopt for non-http(s) schemes (mailto:, javascript: ...).
std::optional<Url> ResolveUrl(const Url& base, std::string_view href);

// Sets (or replaces) query parameter `name` to `value`, percent-encoding value.
Url WithQueryParam(const Url& url, std::string_view name, std::string_view value);

std::string PercentEncode(std::string_view text);
std::string PercentDecode(std::string_view text);

}  // namespace rampart::live
