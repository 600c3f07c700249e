#include "live/url.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace rampart::live {
namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Removes "." and ".." segments (RFC 3986 section 5.2.4) so that crawled links
// compare equal however they were written.
std::string RemoveDotSegments(std::string_view path) {
  std::vector<std::string> segments;
  size_t start = 1;
  bool trailing_slash = false;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view segment = path.substr(start, end - start);
    trailing_slash = false;
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
      trailing_slash = true;
    } else if (segment == ".") {
      trailing_slash = true;
    } else {
      segments.emplace_back(segment);
    }
    start = end + 1;
  }
  std::string out;
  for (const std::string& segment : segments) out += "/" + segment;
  if (out.empty() || trailing_slash) out += "/";
  return out;
}

}  // namespace

std::string Url::Origin() const {
  std::string out = scheme + "://" + host;
  if (!DefaultPort()) out += ":" + std::to_string(port);
  return out;
}

std::string Url::Path() const { return target.substr(0, target.find('?')); }

std::string Url::Query() const {
  size_t q = target.find('?');
  return q == std::string::npos ? std::string() : target.substr(q + 1);
}

Url Url::Twin(int twin_port) const {
  Url twin = *this;
  twin.scheme = https() ? "http" : "https";
  twin.port = twin_port != 0 ? twin_port : (twin.https() ? 443 : 80);
  return twin;
}

std::optional<Url> ParseUrl(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  size_t colon = text.find("://");
  if (colon == std::string_view::npos) return std::nullopt;
  Url url;
  url.scheme = Lower(text.substr(0, colon));
  if (url.scheme != "http" && url.scheme != "https") return std::nullopt;
  std::string_view rest = text.substr(colon + 3);
  size_t fragment = rest.find('#');
  if (fragment != std::string_view::npos) rest = rest.substr(0, fragment);
  size_t path_start = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, path_start);
  std::string target(path_start == std::string_view::npos ? "/" : rest.substr(path_start));
  if (target.front() == '?') target.insert(target.begin(), '/');
  // Credentials in the URL are refused rather than silently sent.
  if (authority.find('@') != std::string_view::npos) return std::nullopt;
  std::string_view host = authority;
  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {
    size_t close = authority.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    host = authority.substr(0, close + 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return std::nullopt;
      port_text = after.substr(1);
    }
  } else {
    size_t port_colon = authority.rfind(':');
    if (port_colon != std::string_view::npos) {
      host = authority.substr(0, port_colon);
      port_text = authority.substr(port_colon + 1);
    }
  }
  if (host.empty()) return std::nullopt;
  bool bracketed = host.front() == '[';
  for (char c : host) {
    if (!bracketed && (c == ':' || c == '[' || c == ']')) return std::nullopt;
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_' ||
          c == '[' || c == ']' || c == ':')) {
      return std::nullopt;
    }
  }
  url.host = Lower(host);
  if (port_text.empty()) {
    url.port = url.https() ? 443 : 80;
  } else {
    if (port_text.size() > 5) return std::nullopt;
    int port = 0;
    for (char c : port_text) {
      if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
      port = port * 10 + (c - '0');
    }
    if (port < 1 || port > 65535) return std::nullopt;
    url.port = port;
  }
  std::string path = target.substr(0, target.find('?'));
  std::string query = target.substr(path.size());
  url.target = RemoveDotSegments(path) + query;
  return url;
}

std::optional<Url> ResolveUrl(const Url& base, std::string_view href) {
  while (!href.empty() && std::isspace(static_cast<unsigned char>(href.front()))) href.remove_prefix(1);
  while (!href.empty() && std::isspace(static_cast<unsigned char>(href.back()))) href.remove_suffix(1);
  size_t fragment = href.find('#');
  if (fragment != std::string_view::npos) href = href.substr(0, fragment);
  size_t scheme_end = href.find(':');
  size_t first_special = href.find_first_of("/?");
  if (scheme_end != std::string_view::npos &&
      (first_special == std::string_view::npos || scheme_end < first_special)) {
    return ParseUrl(href);  // has a scheme: http(s) parses, others are refused
  }
  if (href.starts_with("//")) return ParseUrl(base.scheme + ":" + std::string(href));
  if (href.empty()) return base;
  std::string target;
  if (href.front() == '/') {
    target = std::string(href);
  } else if (href.front() == '?') {
    target = base.Path() + std::string(href);
  } else {
    std::string dir = base.Path();
    dir = dir.substr(0, dir.rfind('/') + 1);
    target = dir + std::string(href);
  }
  return ParseUrl(base.Origin() + target);
}

std::string PercentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string PercentDecode(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] == '%' && i + 2 < text.size() &&
               std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
               std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

Url WithQueryParam(const Url& url, std::string_view name, std::string_view value) {
  std::string query = url.Query();
  std::string rebuilt;
  size_t start = 0;
  bool replaced = false;
  while (start <= query.size() && !query.empty()) {
    size_t end = query.find('&', start);
    if (end == std::string::npos) end = query.size();
    std::string pair = query.substr(start, end - start);
    std::string key = pair.substr(0, pair.find('='));
    if (!rebuilt.empty()) rebuilt += '&';
    if (PercentDecode(key) == name) {
      rebuilt += PercentEncode(name) + "=" + PercentEncode(value);
      replaced = true;
    } else {
      rebuilt += pair;
    }
    start = end + 1;
  }
  if (!replaced) {
    if (!rebuilt.empty()) rebuilt += '&';
    rebuilt += PercentEncode(name) + "=" + PercentEncode(value);
  }
  Url out = url;
  out.target = url.Path() + "?" + rebuilt;
  return out;
}

}  // namespace rampart::live
