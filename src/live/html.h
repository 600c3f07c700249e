// What the scanner reads from HTML pages, through Debian's gumbo parser (an
// HTML5-conformant tokenizer and tree builder, so broken markup parses the way a
// browser would): forms with their fields, and links to crawl. Never fails: any
// byte string yields a (possibly empty) PageSummary. Documents nested deeper
// than about 1000 elements are read up to that point only, which bounds the
// parse time of hostile pages (gumbo is quadratic in nesting depth).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rampart::live {

struct FormField {
  std::string name;
  std::string type;   // lowercase input type; "textarea" / "select" for those tags
  std::string value;  // the default value as served
};

struct Form {
  std::string action;  // as written; empty means "this page"
  std::string method;  // uppercase, "GET" when missing or unknown
  std::vector<FormField> fields;

  bool StateChanging() const { return method != "GET"; }
  bool HasPasswordField() const;
  // The field that carries an anti-CSRF token, or null. Recognises the names
  // Django, Flask-WTF, Starlette-WTF, Rails, Laravel and ASP.NET use, and any
  // hidden field whose name mentions csrf/xsrf/token.
  const FormField* CsrfField() const;
};

struct PageSummary {
  std::vector<Form> forms;
  std::vector<std::string> links;  // href of <a>/<link rel=...>/<area>, as written
  std::string title;
};

PageSummary ParseHtml(std::string_view html);

}  // namespace rampart::live
