// Helpers several live rules share: the cookies the app issued, the CSP
// policies of a response, the query parameters worth probing, and the login
// form. Pure reads of what ScanContext already holds, except where noted.
#pragma once

#include <string>
#include <vector>

#include "live/headers.h"
#include "live/scan.h"

namespace rampart::live {

struct IssuedCookie {
  SetCookie cookie;
  std::string header;  // the Set-Cookie value as sent
  Url url;             // where it was issued
  const HttpResponse* response;
  CookieRole role;
};
// Every cookie the app set during the scan, first issuance per name; cookies
// being cleared (Max-Age=0, past Expires) are left out.
std::vector<IssuedCookie> IssuedCookies(const ScanContext& context);

struct CspSet {
  std::vector<CspPolicy> enforced;
  std::vector<CspPolicy> report_only;
  std::string enforced_text;  // header values joined, for evidence
};
CspSet CspOf(const HttpResponse& response);
bool HasSource(const CspDirective& directive, std::string_view source);  // case-insensitive

// A query parameter (from a crawled link or a GET form) that probes may vary.
struct ProbeTarget {
  Url url;  // the URL with its original query
  std::string parameter;
};
// Distinct (path, parameter) pairs, at most `limit`, in crawl order.
std::vector<ProbeTarget> ProbeTargets(const ScanContext& context, size_t limit);

struct FormTarget {
  Url page;    // page that holds the form
  Url action;  // resolved action
  Form form;
};
// State-changing, same-origin forms, one per action URL, in crawl order.
std::vector<FormTarget> StateChangingForms(const ScanContext& context);

// application/x-www-form-urlencoded body from fields, overriding by name and
// leaving out `omit`. Fields without a value get a harmless placeholder.
std::string FormBody(const Form& form, const std::vector<std::pair<std::string, std::string>>& overrides,
                     std::string_view omit = {});

// "set-cookie: session=<redacted, 43 bytes>; Path=/; HttpOnly": the value of
// a live session must not end up in reports that get published (SARIF uploads,
// CI logs); the attributes are the evidence.
std::string CookieProof(const IssuedCookie& issued);

// "x-frame-options: DENY" or "x-frame-options: (absent)".
std::string HeaderProof(const HttpResponse& response, std::string_view name);

// Random lowercase letters and digits, for canaries that cannot occur by chance.
std::string RandomToken(size_t length);

}  // namespace rampart::live
