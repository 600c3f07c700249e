#include "live/rule_support.h"

#include <ctime>
#include <random>
#include <set>

namespace rampart::live {

std::vector<IssuedCookie> IssuedCookies(const ScanContext& context) {
  std::vector<IssuedCookie> cookies;
  std::set<std::string> seen;
  long long now = static_cast<long long>(std::time(nullptr));
  for (const auto& [url, response] : context.log()) {
    for (const std::string& header : response.Headers("set-cookie")) {
      SetCookie cookie = ParseSetCookie(header, now);
      if (cookie.name.empty() || cookie.Deleted()) continue;
      if (!seen.insert(cookie.name).second) continue;
      CookieRole role = ClassifyCookie(cookie.name);
      cookies.push_back({std::move(cookie), header, url, &response, role});
    }
  }
  return cookies;
}

CspSet CspOf(const HttpResponse& response) {
  CspSet set;
  for (const std::string& value : response.Headers("content-security-policy")) {
    for (CspPolicy& policy : ParseCsp(value)) set.enforced.push_back(std::move(policy));
    set.enforced_text += (set.enforced_text.empty() ? "" : ", ") + value;
  }
  for (const std::string& value : response.Headers("content-security-policy-report-only")) {
    for (CspPolicy& policy : ParseCsp(value)) set.report_only.push_back(std::move(policy));
  }
  return set;
}

bool HasSource(const CspDirective& directive, std::string_view source) {
  for (const std::string& s : directive.sources) {
    if (EqualsIgnoreCase(s, source)) return true;
  }
  return false;
}

std::vector<ProbeTarget> ProbeTargets(const ScanContext& context, size_t limit) {
  std::vector<ProbeTarget> targets;
  std::set<std::string> seen;
  auto add = [&](const Url& url, const std::string& parameter) {
    if (targets.size() >= limit || parameter.empty()) return;
    if (!seen.insert(url.Path() + "?" + parameter).second) return;
    targets.push_back({url, parameter});
  };
  for (const Page& page : context.pages()) {
    for (const std::string& href : page.html.links) {
      std::optional<Url> link = ResolveUrl(page.url, href);
      if (!link || !link->SameOrigin(context.home().url)) continue;
      std::string query = link->Query();
      size_t start = 0;
      while (start < query.size()) {
        size_t end = query.find('&', start);
        if (end == std::string::npos) end = query.size();
        std::string pair = query.substr(start, end - start);
        add(*link, PercentDecode(pair.substr(0, pair.find('='))));
        start = end + 1;
      }
    }
    for (const Form& form : page.html.forms) {
      if (form.StateChanging()) continue;
      std::optional<Url> action = ResolveUrl(page.url, form.action);
      if (!action || !action->SameOrigin(context.home().url)) continue;
      for (const FormField& field : form.fields) {
        if (field.type == "hidden" || field.type == "submit" || field.type == "button") continue;
        Url url = WithQueryParam(*action, field.name, field.value.empty() ? "rampart" : field.value);
        add(url, field.name);
      }
    }
  }
  return targets;
}

std::vector<FormTarget> StateChangingForms(const ScanContext& context) {
  std::vector<FormTarget> forms;
  std::set<std::string> seen;
  for (const Page& page : context.pages()) {
    for (const Form& form : page.html.forms) {
      if (!form.StateChanging()) continue;
      std::optional<Url> action = form.action.empty() ? page.url : ResolveUrl(page.url, form.action);
      if (!action || !context.InScope(*action)) continue;
      if (!seen.insert(form.method + " " + action->ToString()).second) continue;
      forms.push_back({page.url, *action, form});
    }
  }
  return forms;
}

std::string FormBody(const Form& form, const std::vector<std::pair<std::string, std::string>>& overrides,
                     std::string_view omit) {
  std::string body;
  std::set<std::string> done;
  for (const FormField& field : form.fields) {
    if (field.name == omit || field.type == "submit" || field.type == "button") continue;
    if (!done.insert(field.name).second) continue;
    std::string value = field.value;
    for (const auto& [name, override_value] : overrides) {
      if (name == field.name) value = override_value;
    }
    if (value.empty()) value = field.type == "email" ? "probe@rampart.invalid" : "rampart";
    if (!body.empty()) body += '&';
    body += PercentEncode(field.name) + "=" + PercentEncode(value);
  }
  return body;
}

std::string CookieProof(const IssuedCookie& issued) {
  std::string_view header = issued.header;
  size_t semicolon = header.find(';');
  std::string attributes(semicolon == std::string_view::npos ? "" : header.substr(semicolon));
  return "set-cookie: " + issued.cookie.name + "=<redacted, " + std::to_string(issued.cookie.value.size()) +
         " bytes>" + attributes;
}

std::string HeaderProof(const HttpResponse& response, std::string_view name) {
  std::optional<std::string> value = response.Header(name);
  return std::string(name) + ": " + (value ? *value : std::string("(absent)"));
}

std::string RandomToken(size_t length) {
  static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::random_device device;
  std::mt19937 generator(device());
  std::uniform_int_distribution<int> pick(0, 35);
  std::string out;
  for (size_t i = 0; i < length; ++i) out += kAlphabet[pick(generator)];
  return out;
}

}  // namespace rampart::live
