// PY105 hardcoded-password-string (bandit B105, ruff S105).
#include <algorithm>
#include <array>

#include "rules/general/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY105",
    .name = "hardcoded-password-string",
    .summary = "a password, token or secret key is a string literal in the code",
    .fix_hint = "read the secret from the environment or a secret store (`os.environ[\"DATABASE_PASSWORD\"]`)",
    .severity = Severity::kHigh,
    .confidence = Confidence::kMedium,
    .cwe = {259, 798},
    .owasp = "A07:2021-Identification and Authentication Failures",
    .practice = Practice::kSecrets,
    .aliases = {"bandit:B105", "ruff:S105"},
    .docs =
        {
            .what_it_does =
                "Finds string literals stored under a secret-like name: assignments to names and "
                "attributes (`DATABASE_PASSWORD = \"...\"`, `self.api_key = \"...\"`), subscripts "
                "with a constant key (`app.config[\"SECRET_KEY\"] = \"...\"`), dict literals "
                "(`{\"password\": \"...\"}`) and comparisons (`if token == \"...\"`). Secret-like "
                "names contain a word such as `password`, `passwd`, `pwd`, `passphrase`, `secret`, "
                "`token`, or the pairs `api key`, `access key`, `private key`, `client secret`. "
                "Names that describe a secret rather than hold one (`password_field`, "
                "`token_url`, `secret_name`) and values that are not secrets (empty strings, "
                "`None`, placeholders such as `\"<password>\"`, `\"${TOKEN}\"` or `\"xxxx\"`, "
                "environment variable names, environment lookups, format templates, prose "
                "messages, all-capital sentinels such as `\"NOTPROVIDED\"`) are left alone, and so "
                "is a bare `token` (usually a lexer token). Keyword "
                "arguments and parameter defaults are PY106 and PY107.",
            .why_bad =
                "A secret in the source is in every clone, backup, CI log and container image "
                "of the code, and in the git history forever. Anyone who can read the repository "
                "can sign session cookies with a leaked `SECRET_KEY`, log into the database or "
                "call the API as the application. Rotating it needs a code change and a deploy.",
            .example = "DATABASE_PASSWORD = \"hunter2-production\"\n",
            .use_instead = "import os\n"
                           "\n"
                           "DATABASE_PASSWORD = os.environ[\"DATABASE_PASSWORD\"]\n",
            .references =
                "- [OWASP: secrets management cheat sheet](https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html)\n"
                "- [Bandit B105](https://bandit.readthedocs.io/en/latest/plugins/b105_hardcoded_password_string.html)\n"
                "- [CWE-798: Use of Hard-coded Credentials](https://cwe.mitre.org/data/definitions/798.html)",
        },
};

// The word split and the key pairs are general::NameWords / kSecretWordPairs,
// shared with PY106/PY107 (general::IsPasswordName). The vocabulary below is
// PY105's own on purpose: it adds verb/about first words and the bare-`token`
// exclusion that IsPasswordName does not have, so the two are not merged.
constexpr std::array<std::string_view, 10> kSecretWords = {
    "password", "passwd", "pwd", "passphrase", "secret", "token", "apikey", "passwort", "pass", "pw"};
// A last word that says the name holds something about the secret, not the secret.
constexpr std::array<std::string_view, 32> kDescriptiveWords = {
    "url", "uri", "field", "fields", "name", "names", "header", "path", "file", "dir", "prefix",
    "pattern", "regex", "label", "message", "msg", "env", "var", "param", "column", "length",
    "len", "endpoint", "type", "format", "template", "hash", "policy", "id", "expiry", "hint",
    "question"};

// A first word that makes the name an action or a question about the secret
// (`set_password`, `check_token`, `is_secret`), not the secret itself.
constexpr std::array<std::string_view, 13> kVerbWords = {
    "set", "get", "check", "verify", "validate", "reset", "change", "forgot", "update", "is",
    "has", "show", "require"};

// A first word that makes the name a message or a description about a secret
// (`REASON_BAD_TOKEN`, `error_password`, `invalid_token_msg`).
constexpr std::array<std::string_view, 15> kAboutWords = {
    "reason", "error", "err", "msg", "message", "help", "label", "text", "hint", "prompt",
    "title", "description", "invalid", "missing", "bad"};

bool IsSecretName(std::string_view name) {
  std::vector<std::string> words = general::NameWords(name);
  if (words.empty()) return false;
  for (std::string_view descriptive : kDescriptiveWords) {
    if (words.back() == descriptive) return false;
  }
  for (std::string_view verb : kVerbWords) {
    if (words.size() > 1 && words.front() == verb) return false;
  }
  for (std::string_view about : kAboutWords) {
    if (words.size() > 1 && words.front() == about) return false;
  }
  // A bare `token` is as often a lexer token as a credential; `auth_token`,
  // `API_TOKEN`, `csrf_token` say which kind it is.
  if (words.size() == 1 && (words[0] == "token" || words[0] == "tokens")) return false;
  for (size_t i = 0; i < words.size(); ++i) {
    for (std::string_view word : kSecretWords) {
      if (words[i] == word) {
        // `pass` / `pw` only count as a whole name's last word (`db_pass`), not
        // in `pass_through` or `pw_reset_done`.
        if ((word == "pass" || word == "pw") && i + 1 != words.size()) continue;
        return true;
      }
    }
    if (i + 1 < words.size()) {
      for (const auto& [first, second] : general::kSecretWordPairs) {
        if (words[i] == first && words[i + 1] == second) return true;
      }
    }
  }
  return false;
}

bool AllSameChar(std::string_view text) {
  return text.find_first_not_of(text[0]) == std::string_view::npos;
}

// False for values that are obviously not a real secret.
bool IsSecretValue(std::string_view value, std::string_view name) {
  // Trim blanks: "   " is empty.
  size_t begin = value.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return false;
  value = value.substr(begin, value.find_last_not_of(" \t\r\n") - begin + 1);
  if (value.size() < 3) return false;
  if (AllSameChar(value)) return false;  // "***", "xxxx", "...."
  // Templates and placeholders: "<password>", "${TOKEN}", "{{ secret }}", "%(pw)s", "{password}".
  if ((value.front() == '<' && value.back() == '>') || value.substr(0, 2) == "${" ||
      value.substr(0, 2) == "{{" || value.substr(0, 2) == "%(" ||
      (value.front() == '{' && value.back() == '}'))
    return false;
  std::string lower;
  for (char c : value) lower += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  static constexpr std::array<std::string_view, 12> kPlaceholders = {
      "none", "null", "nil", "n/a", "todo", "fixme", "placeholder", "redacted", "dummy",
      "example", "undefined", "secret"};
  for (std::string_view placeholder : kPlaceholders) {
    if (lower == placeholder) return false;
  }
  if (lower.rfind("your", 0) == 0 && lower.size() > 4 && (lower[4] == '_' || lower[4] == '-' || lower[4] == ' '))
    return false;  // "your-api-key", "your_password_here"
  // Sentinels and enum-like constants: "COLLATE", "NOTPROVIDED".
  if (value.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") == std::string_view::npos) return false;
  // Prose: "CSRF token missing or incorrect." is a message, not a secret.
  size_t spaces = static_cast<size_t>(std::count(value.begin(), value.end(), ' '));
  if (spaces > 0 && (std::string_view(".!?:").find(value.back()) != std::string_view::npos || spaces >= 4))
    return false;
  // Format templates: 'ALTER USER %(user)s IDENTIFIED BY "%(password)s"'.
  if (value.find("%(") != std::string_view::npos || value.find("%s") != std::string_view::npos ||
      value.find("{}") != std::string_view::npos)
    return false;
  // The value is itself a key or field name about a secret: "password",
  // "_password_reset_token", "set-password", "auth.token" (a session key, a
  // form field, a URL slug), not a secret.
  bool identifier_like = true;
  for (char c : value) {
    bool word_char = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                     c == '_' || c == '-' || c == '.' || c == ':' || c == '/';
    identifier_like = identifier_like && word_char;
  }
  if (identifier_like && IsSecretName(value)) return false;
  // An environment variable's name: DATABASE_PASSWORD_ENV = "DATABASE_PASSWORD".
  bool env_name = value.find('_') != std::string_view::npos;
  for (char c : value) env_name = env_name && ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_');
  if (env_name) return false;
  return true;
}

// The text of the name an expression stores to: `x`, `obj.x`, `d["x"]`.
std::optional<std::string> TargetName(const python::ExprNode* target, const sema::ModuleModel& model) {
  if (const auto* name = target->As<python::Name>()) return std::string(name->id->text);
  if (const auto* attribute = target->As<python::Attribute>()) return std::string(attribute->attr->text);
  if (const auto* subscript = target->As<python::Subscript>()) return model.ConstantString(subscript->slice);
  return std::nullopt;
}

void CheckValue(const python::ExprNode* value, std::string_view name, RuleContext& context) {
  if (value == nullptr || !IsSecretName(name)) return;
  // Only literals written here: a name bound elsewhere is reported where it is bound.
  const auto* constant = value->As<python::Constant>();
  if (constant == nullptr || constant->value.kind != python::ConstantKind::kStr) {
    if (!value->Is<python::JoinedStr>() && !value->Is<python::BinOp>()) return;
  }
  std::optional<std::string> text = context.model().ConstantString(value);
  if (!text || !IsSecretValue(*text, name)) return;
  context.Report(value, "`" + std::string(name) + "` is set to a hard-coded secret string");
}

void Check(const python::Node& node, RuleContext& context) {
  const sema::ModuleModel& model = context.model();
  switch (node.kind) {
    case python::NodeKind::kAssign: {
      const auto& assign = static_cast<const python::Assign&>(node);
      for (const python::ExprNode* target : assign.targets) {
        std::optional<std::string> name = TargetName(target, model);
        if (name) CheckValue(assign.value, *name, context);
      }
      return;
    }
    case python::NodeKind::kAnnAssign: {
      const auto& assign = static_cast<const python::AnnAssign&>(node);
      std::optional<std::string> name = TargetName(assign.target, model);
      if (name) CheckValue(assign.value, *name, context);
      return;
    }
    case python::NodeKind::kDict: {
      const auto& dict = static_cast<const python::Dict&>(node);
      for (uint32_t i = 0; i < dict.keys.size() && i < dict.values.size(); ++i) {
        if (dict.keys[i] == nullptr) continue;  // `**other`
        std::optional<std::string> key = model.ConstantString(dict.keys[i]);
        if (key) CheckValue(dict.values[i], *key, context);
      }
      return;
    }
    case python::NodeKind::kCompare: {
      // `password == "hunter2"` (either side), for == and !=.
      const auto& compare = static_cast<const python::Compare&>(node);
      if (compare.ops.size() != 1) return;
      if (compare.ops[0] != python::CmpOpKind::kEq && compare.ops[0] != python::CmpOpKind::kNotEq) return;
      const python::ExprNode* left = compare.left;
      const python::ExprNode* right = compare.comparators[0];
      for (int side = 0; side < 2; ++side) {
        std::optional<std::string> name = TargetName(side == 0 ? left : right, model);
        if (name) CheckValue(side == 0 ? right : left, *name, context);
      }
      return;
    }
    default: return;
  }
}

}  // namespace

const Rule& HardcodedPasswordString() {
  static const Rule rule{.info = kInfo,
                         .node_kinds = {python::NodeKind::kAssign, python::NodeKind::kAnnAssign,
                                        python::NodeKind::kDict, python::NodeKind::kCompare},
                         .check = Check};
  return rule;
}

}  // namespace rampart::rules
