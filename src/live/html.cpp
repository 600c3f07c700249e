#include "live/html.h"

#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <iterator>

#include "live/http.h"

namespace rampart::live {
namespace {

std::string Attribute(const GumboElement& element, const char* name) {
  const GumboAttribute* attribute = gumbo_get_attribute(&element.attributes, name);
  return attribute != nullptr ? std::string(attribute->value) : std::string();
}

std::string TextOf(const GumboNode* node) {
  if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE) return node->v.text.text;
  if (node->type != GUMBO_NODE_ELEMENT) return "";
  std::string out;
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) out += TextOf(static_cast<const GumboNode*>(children.data[i]));
  return out;
}

// Iterative walk: pages come from the network, so recursion depth must not
// depend on how deeply an attacker nests elements.
void Walk(const GumboNode* root, PageSummary& page) {
  struct Item {
    const GumboNode* node;
    int form;  // index into page.forms of the enclosing form, -1 when none
  };
  std::vector<Item> stack{{root, -1}};
  while (!stack.empty()) {
    Item item = stack.back();
    stack.pop_back();
    if (item.node->type != GUMBO_NODE_ELEMENT) continue;
    const GumboElement& element = item.node->v.element;
    int form = item.form;
    switch (element.tag) {
      case GUMBO_TAG_FORM: {
        Form new_form;
        new_form.action = Attribute(element, "action");
        std::string method = ToLower(Attribute(element, "method"));
        new_form.method = method == "post" ? "POST" : method == "put" ? "PUT" : method == "delete" ? "DELETE" : "GET";
        page.forms.push_back(std::move(new_form));
        form = static_cast<int>(page.forms.size()) - 1;
        break;
      }
      case GUMBO_TAG_INPUT:
      case GUMBO_TAG_TEXTAREA:
      case GUMBO_TAG_SELECT:
      case GUMBO_TAG_BUTTON:
        if (form >= 0) {
          FormField field;
          field.name = Attribute(element, "name");
          if (element.tag == GUMBO_TAG_INPUT) {
            field.type = ToLower(Attribute(element, "type"));
            if (field.type.empty()) field.type = "text";
            field.value = Attribute(element, "value");
          } else if (element.tag == GUMBO_TAG_TEXTAREA) {
            field.type = "textarea";
            field.value = TextOf(item.node);
          } else if (element.tag == GUMBO_TAG_BUTTON) {
            field.type = "button";
            field.value = Attribute(element, "value");
          } else {
            field.type = "select";
          }
          if (!field.name.empty()) page.forms[form].fields.push_back(std::move(field));
        }
        break;
      case GUMBO_TAG_A:
      case GUMBO_TAG_AREA: {
        std::string href = Attribute(element, "href");
        if (!href.empty()) page.links.push_back(std::move(href));
        break;
      }
      case GUMBO_TAG_TITLE:
        if (page.title.empty()) page.title = TextOf(item.node);
        break;
      default:
        break;
    }
    const GumboVector& children = element.children;
    // Push in reverse so forms and fields come out in document order.
    for (unsigned i = children.length; i > 0; --i) {
      stack.push_back({static_cast<const GumboNode*>(children.data[i - 1]), form});
    }
  }
}

// Gumbo's tree builder scans the stack of open elements for many start tags,
// so its time grows with the square of the nesting depth (20,000 nested
// `<div>` take seconds). Pages come from the network, so the document is cut
// where a cheap depth estimate passes kMaxDepth: real pages stay far below it,
// and a hostile page costs milliseconds. The estimate counts start tags minus
// end tags and skips void elements and elements whose end tag is optional, so
// that long lists of unclosed `<li>`/`<option>`/`<p>` do not inflate it.
constexpr int kMaxDepth = 1000;

size_t SafePrefix(std::string_view html) {
  static constexpr std::string_view kNotNesting[] = {
      "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
      "p", "li", "option", "optgroup", "td", "th", "tr", "dt", "dd", "thead", "tbody", "tfoot", "colgroup",
      "rt", "rp", "param", "keygen", "!doctype"};
  int depth = 0;
  for (size_t i = 0; i + 1 < html.size(); ++i) {
    if (html[i] != '<') continue;
    bool closing = html[i + 1] == '/';
    size_t start = i + (closing ? 2 : 1);
    size_t end = start;
    while (end < html.size() && (std::isalnum(static_cast<unsigned char>(html[end])) || html[end] == '!')) ++end;
    if (end == start) continue;  // "<" not starting a tag
    std::string name = ToLower(html.substr(start, end - start));
    bool counted = std::find(std::begin(kNotNesting), std::end(kNotNesting), name) == std::end(kNotNesting);
    if (!counted) continue;
    if (closing) {
      depth = std::max(0, depth - 1);
    } else if (++depth > kMaxDepth) {
      return i;
    }
  }
  return html.size();
}

}  // namespace

bool Form::HasPasswordField() const {
  return std::any_of(fields.begin(), fields.end(), [](const FormField& f) { return f.type == "password"; });
}

const FormField* Form::CsrfField() const {
  static constexpr std::string_view kNames[] = {
      "csrfmiddlewaretoken", "csrf_token", "_csrf_token", "csrf", "_csrf", "authenticity_token",
      "_token", "__requestverificationtoken", "xsrf_token", "_xsrf", "csrfmiddleware"};
  for (const FormField& field : fields) {
    std::string name = ToLower(field.name);
    for (std::string_view known : kNames) {
      if (name == known) return &field;
    }
  }
  for (const FormField& field : fields) {
    std::string name = ToLower(field.name);
    if (field.type == "hidden" && (name.find("csrf") != std::string::npos ||
                                   name.find("xsrf") != std::string::npos ||
                                   name.find("token") != std::string::npos)) {
      return &field;
    }
  }
  return nullptr;
}

PageSummary ParseHtml(std::string_view html) {
  PageSummary page;
  html = html.substr(0, SafePrefix(html));
  GumboOutput* output = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
  if (output == nullptr) return page;
  Walk(output->root, page);
  gumbo_destroy_output(&kGumboDefaultOptions, output);
  return page;
}

}  // namespace rampart::live
