#include "rules/engine/suppression.h"

#include <algorithm>
#include <cctype>

#include "rules/engine/engine_rule_infos.h"

namespace rampart::rules::engine {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Letters then digits, like B602, S602, E501, PY602, TNT101.
bool LooksLikeCode(std::string_view token) {
  size_t i = 0;
  while (i < token.size() && std::isalpha(static_cast<unsigned char>(token[i]))) ++i;
  if (i == 0 || i == token.size()) return false;
  for (size_t j = i; j < token.size(); ++j) {
    if (!std::isdigit(static_cast<unsigned char>(token[j]))) return false;
  }
  return true;
}

bool IsRampartFamilyCode(std::string_view token) {
  std::string upper(token);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (std::string_view family : {"PY", "TNT", "CFG", "SEC", "DEP", "WEB"}) {
    if (upper.size() > family.size() && upper.compare(0, family.size(), family) == 0 &&
        std::isdigit(static_cast<unsigned char>(upper[family.size()]))) {
      return true;
    }
  }
  return false;
}

std::vector<std::string_view> Tokens(std::string_view text) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ',' || std::isspace(static_cast<unsigned char>(text[i])))) ++i;
    size_t start = i;
    while (i < text.size() && text[i] != ',' && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (i > start) out.push_back(text.substr(start, i - start));
  }
  return out;
}

std::string Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

// Splits "codes -- justification".
void SplitJustification(std::string_view* body, std::string* justification) {
  size_t dashes = body->find("--");
  if (dashes == std::string_view::npos) return;
  *justification = Trim(body->substr(dashes + 2));
  *body = body->substr(0, dashes);
}

void AddCode(const RuleCatalogue& catalogue, std::string_view token, SuppressionComment* s,
             bool rampart_marker, std::string* words) {
  if (const RuleInfo* rule = catalogue.Find(token)) {
    s->codes.emplace_back(rule->code);
    return;
  }
  if (rampart_marker || IsRampartFamilyCode(token)) {
    s->unknown.emplace_back(token);  // meant for rampart, names no rule
    return;
  }
  if (LooksLikeCode(token)) {
    // Another tool's code (flake8 E501, a Bandit id rampart does not have): it
    // is not ours to judge, but it means this is not a blanket suppression.
    s->blanket = false;
    return;
  }
  if (!words->empty()) *words += " ";
  *words += token;
}

}  // namespace

std::vector<SuppressionComment> ParseSuppressions(const RuleCatalogue& catalogue,
                                                  const rules::Comment& comment) {
  std::vector<SuppressionComment> out;
  std::string lower = Lower(comment.text);
  std::string_view text = comment.text;
  // Each marker's body runs to the next '#' (another marker or comment).
  auto body_after = [&](size_t from) {
    size_t hash = text.find('#', from);
    return text.substr(from, (hash == std::string_view::npos ? text.size() : hash) - from);
  };
  auto base = [&](std::string kind) {
    SuppressionComment s;
    s.line = comment.line;
    s.column = comment.column;
    s.end_column = comment.column + static_cast<uint32_t>(comment.text.size());
    s.kind = std::move(kind);
    return s;
  };

  for (size_t pos = lower.find("nosec"); pos != std::string::npos; pos = lower.find("nosec", pos + 5)) {
    if (pos > 0 && std::isalnum(static_cast<unsigned char>(lower[pos - 1]))) continue;
    if (pos + 5 < lower.size() && std::isalnum(static_cast<unsigned char>(lower[pos + 5]))) continue;
    SuppressionComment s = base("nosec");
    std::string_view body = body_after(pos + 5);
    if (!body.empty() && body.front() == ':') body.remove_prefix(1);
    SplitJustification(&body, &s.justification);
    std::string words;
    for (std::string_view token : Tokens(body)) AddCode(catalogue, token, &s, false, &words);
    if (!s.codes.empty() || !s.unknown.empty()) s.blanket = false;
    if (s.justification.empty()) s.justification = s.blanket ? Trim(body) : words;
    out.push_back(std::move(s));
  }

  for (size_t pos = lower.find("noqa"); pos != std::string::npos; pos = lower.find("noqa", pos + 4)) {
    if (pos > 0 && std::isalnum(static_cast<unsigned char>(lower[pos - 1]))) continue;
    if (pos + 4 < lower.size() && std::isalnum(static_cast<unsigned char>(lower[pos + 4]))) continue;
    SuppressionComment s = base("noqa");
    std::string_view body = body_after(pos + 4);
    SplitJustification(&body, &s.justification);
    if (!body.empty() && body.front() == ':') {
      std::string words;
      for (std::string_view token : Tokens(body.substr(1))) AddCode(catalogue, token, &s, false, &words);
      if (!s.codes.empty() || !s.unknown.empty()) s.blanket = false;
      if (s.justification.empty()) s.justification = words;
    }
    out.push_back(std::move(s));
  }

  for (size_t pos = lower.find("rampart:"); pos != std::string::npos; pos = lower.find("rampart:", pos + 8)) {
    size_t i = pos + 8;
    while (i < lower.size() && lower[i] == ' ') ++i;
    if (lower.compare(i, 6, "ignore") != 0) continue;
    i += 6;
    if (i < lower.size() && std::isalnum(static_cast<unsigned char>(lower[i]))) continue;  // "ignored"
    SuppressionComment s = base("rampart-ignore");
    if (i < text.size() && text[i] == '[') {
      size_t close = text.find(']', i);
      std::string_view list = text.substr(i + 1, (close == std::string_view::npos ? text.size() : close) - i - 1);
      std::string words;
      for (std::string_view token : Tokens(list)) AddCode(catalogue, token, &s, true, &words);
      s.blanket = false;
      i = close == std::string_view::npos ? text.size() : close + 1;
    }
    std::string_view rest = body_after(i);
    SplitJustification(&rest, &s.justification);
    out.push_back(std::move(s));
  }
  for (SuppressionComment& s : out) s.code_used.assign(s.codes.size(), false);
  return out;
}

void ApplySuppressions(std::vector<Finding>& findings,
                       std::map<std::string, std::vector<SuppressionComment>>& comments_by_path) {
  for (Finding& f : findings) {
    auto it = comments_by_path.find(f.path);
    if (it == comments_by_path.end() || f.range.start.line == 0) continue;
    uint32_t first = f.range.start.line;
    uint32_t last = f.range.end.line ? f.range.end.line : first;
    for (SuppressionComment& s : it->second) {
      if (s.line != first && s.line != last) continue;
      bool matched = false;
      if (s.blanket) {
        matched = true;
        s.blanket_used = true;
      } else {
        for (size_t i = 0; i < s.codes.size(); ++i) {
          if (s.codes[i] == f.rule_code) {
            matched = true;
            s.code_used[i] = true;
          }
        }
      }
      if (!matched) continue;
      bool already = false;
      for (const Suppression& existing : f.suppressions) already |= existing.kind == s.kind;
      if (!already) f.suppressions.push_back({s.kind, s.justification});
    }
  }
}

std::vector<Finding> UnusedSuppressionFindings(
    const std::map<std::string, std::vector<SuppressionComment>>& comments_by_path,
    const std::function<bool(std::string_view)>& enabled) {
  std::vector<Finding> out;
  auto add = [&](const std::string& path, const SuppressionComment& s, std::string message) {
    Finding f;
    f.rule_code = std::string(kUnusedSuppressionCode);
    f.path = path;
    f.range = {{s.line, s.column}, {s.line, std::max(s.end_column, s.column + 1)}};
    f.message = std::move(message);
    f.severity = Severity::kLow;
    f.confidence = Confidence::kHigh;
    out.push_back(std::move(f));
  };
  auto marker = [](const SuppressionComment& s) -> std::string {
    if (s.kind == "rampart-ignore") return "# rampart: ignore";
    return "# " + s.kind;
  };
  for (const auto& [path, comments] : comments_by_path) {
    for (const SuppressionComment& s : comments) {
      for (const std::string& token : s.unknown) {
        add(path, s, "`" + marker(s) + "` names unknown rule `" + token + "`");
      }
      if (s.blanket) {
        // A bare `# noqa` is shared with flake8/Ruff, which may be using it;
        // only the security-specific blanket markers are rampart's to judge.
        if (!s.blanket_used && s.kind != "noqa") {
          add(path, s, "unused `" + marker(s) + "`: no finding on this line");
        }
        continue;
      }
      for (size_t i = 0; i < s.codes.size(); ++i) {
        if (s.code_used[i] || (enabled && !enabled(s.codes[i]))) continue;
        add(path, s, "unused `" + marker(s) + "` for `" + s.codes[i] + "`: no such finding on this line");
      }
    }
  }
  return out;
}

}  // namespace rampart::rules::engine
