// PY101 assert-used (bandit B101, ruff S101).
#include "rules/general/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY101",
    .name = "assert-used",
    .summary = "an `assert` statement in application code is removed under `python -O`",
    .fix_hint = "raise an exception (`if not ok: raise PermissionError(...)`) instead of asserting",
    .severity = Severity::kLow,
    .confidence = Confidence::kHigh,
    .cwe = {703},
    .owasp = "A04:2021-Insecure Design",
    .practice = Practice::kInputValidation,
    .aliases = {"bandit:B101", "ruff:S101"},
    .docs =
        {
            .what_it_does =
                "Finds `assert` statements in application code.\n\n"
                "Differences from Bandit: test code is skipped, since asserting is what tests "
                "do: files named `test_*.py`, `*_test.py`, `tests.py` or `conftest.py`, and "
                "files in a `tests` or `test` directory (but not sample code kept in a `fixtures` "
                "directory below it, which stands for application code).",
            .why_bad =
                "Python removes every `assert` when it runs with `-O` or `PYTHONOPTIMIZE` "
                "(common in container images). An authorisation or input check written as an "
                "`assert` then silently disappears and the request goes through.",
            .example = "def delete_post(user, post):\n"
                       "    assert user.id == post.author_id\n"
                       "    post.delete()\n",
            .use_instead = "def delete_post(user, post):\n"
                           "    if user.id != post.author_id:\n"
                           "        raise PermissionError(\"not the author\")\n"
                           "    post.delete()\n",
            .references =
                "- [Python docs: the `assert` statement](https://docs.python.org/3/reference/simple_stmts.html#the-assert-statement)\n"
                "- [Bandit B101](https://bandit.readthedocs.io/en/latest/plugins/b101_assert_used.html)\n"
                "- [CWE-703](https://cwe.mitre.org/data/definitions/703.html)",
        },
};

// Test code asserts by design; reporting it would drown the real findings.
// Sample code kept as test data (`tests/fixtures/...`) is not test code: it
// stands for application code and is audited as such.
bool IsTestPath(std::string_view path) {
  std::string_view rest = path;
  bool in_test_dir = false;
  while (true) {
    size_t slash = rest.find('/');
    std::string_view part = rest.substr(0, slash);
    if (slash == std::string_view::npos) {
      return in_test_dir || general::StartsWith(part, "test_") || general::EndsWith(part, "_test.py") ||
             part == "tests.py" || part == "conftest.py";
    }
    if (part == "tests" || part == "test") in_test_dir = true;
    if (part == "fixtures") in_test_dir = false;
    rest = rest.substr(slash + 1);
  }
}

void Check(const python::Node& node, RuleContext& context) {
  const auto* assert_stmt = node.As<python::Assert>();
  if (assert_stmt == nullptr) return;
  if (IsTestPath(context.path())) return;
  context.Report(general::HeadRange(assert_stmt, 6),
                 "`assert` is removed when Python runs with `-O`; the check will not run");
}

}  // namespace

const Rule& AssertUsed() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kAssert}, .check = Check};
  return rule;
}

}  // namespace rampart::rules
