// Invalid and hostile programs: the error message and its position (CPython's
// wording where it has one), recovery at the next statement, and inputs that
// must neither crash nor hang (binary data, invalid UTF-8, deep nesting, huge lines).
#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <string>

#include "test_util.h"

namespace rampart::python {
namespace {

using testing::ParseText;
using testing::Pos;

struct Expected {
  const char* source;
  const char* message;
  uint32_t lineno;
  uint32_t col_offset;  // 0-based
};

class ErrorMessage : public ::testing::TestWithParam<Expected> {};

TEST_P(ErrorMessage, MatchesCPython) {
  const Expected& e = GetParam();
  auto p = ParseText(e.source);
  ASSERT_FALSE(p.result.errors.empty()) << e.source;
  EXPECT_EQ(p.result.errors[0].message, e.message) << e.source;
  EXPECT_EQ(p.result.errors[0].lineno, e.lineno) << e.source;
  EXPECT_EQ(p.result.errors[0].col_offset, e.col_offset) << e.source;
  ASSERT_NE(p.module(), nullptr);
}

INSTANTIATE_TEST_SUITE_P(
    Python, ErrorMessage,
    ::testing::Values(
        Expected{"x = 'abc\ny = 1\n", "unterminated string literal (detected at line 1)", 1, 4},
        Expected{"x = \"\"\"abc\n\n", "unterminated triple-quoted string literal (detected at line 3)", 1, 4},
        Expected{"x = f'{a\n", "unterminated f-string literal (detected at line 1)", 1, 4},
        Expected{"if x:\n    a\n  b\n", "unindent does not match any outer indentation level", 3, 2},
        Expected{"if x:\npass\n", "expected an indented block after 'if' statement on line 1", 2, 0},
        Expected{"def f():\n\nx = 1\n", "expected an indented block after function definition on line 1", 3, 0},
        Expected{"  x = 1\n", "unexpected indent", 1, 0},
        Expected{"if x:\n        a\n\tb\n", "inconsistent use of tabs and spaces in indentation", 3, 1},
        Expected{"x = (1,\n", "'(' was never closed", 1, 4},
        Expected{"x = (1]\n", "closing parenthesis ']' does not match opening parenthesis '('", 1, 6},
        Expected{"x = 1)\n", "unmatched ')'", 1, 5},
        Expected{"f() = 1\n", "cannot assign to function call here. Maybe you meant '==' instead of '='?", 1, 0},
        Expected{"del f()\n", "cannot delete function call", 1, 4},
        Expected{"for 1 in x: pass\n", "cannot assign to literal", 1, 4},
        Expected{"x = = 1\n", "invalid syntax", 1, 4},
        Expected{"a \xe2\x82\xac b\n", "invalid character '\xe2\x82\xac' (U+20AC)", 1, 2},
        Expected{"print 'hi'\n", "Missing parentheses in call to 'print'. Did you mean print(...)?", 1, 0},
        Expected{"def f(a=1, b): pass\n", "parameter without a default follows parameter with a default", 1, 11},
        Expected{"f(a=1, b)\n", "positional argument follows keyword argument", 1, 7},
        Expected{"for x in y pass\n", "expected ':'", 1, 11},
        Expected{"x = 0777\n", "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", 1, 4},
        Expected{"x = 12abc\n", "invalid decimal literal", 1, 6},
        Expected{"f'{}'\n", "f-string: valid expression required before '}'", 1, 3},
        Expected{"f(x for x in y, 1)\n", "Generator expression must be parenthesized", 1, 2},
        Expected{"x = 'a' b'b'\n", "cannot mix bytes and nonbytes literals", 1, 8},
        Expected{"try:\n    pass\nx = 1\n", "expected 'except' or 'finally' block", 3, 0},
        Expected{"# coding: nope\n", "unknown encoding: nope", 1, 0}));

TEST(Recovery, NextStatementsStillParse) {
  auto p = ParseText("x = = 1\ny = 2\ndef f(:):\n    return 3\nz = 1 +\n");
  ASSERT_GE(p.result.errors.size(), 2u);
  EXPECT_EQ(p.result.errors[0].lineno, 1u);
  EXPECT_EQ(p.result.errors[1].lineno, 3u);
  bool found_y = false, found_return = false;
  Walk(p.module(), [&](Node* n) {
    if (auto* a = n->As<Assign>())
      if (auto* name = a->targets[0]->As<Name>()) found_y |= name->id->text == "y";
    found_return |= n->Is<Return>();
    return true;
  });
  EXPECT_TRUE(found_y);
  EXPECT_TRUE(found_return);
}

TEST(Recovery, InvalidStatementSpansTheSkippedTokens) {
  auto p = ParseText("a b c\nok = 1\n");
  ASSERT_EQ(p.result.errors.size(), 1u);
  EXPECT_EQ(p.result.errors[0].message, "invalid syntax");
  ASSERT_EQ(p.module()->body.size(), 3u);
  auto* bad = p.stmt(1)->As<InvalidStmt>();
  ASSERT_NE(bad, nullptr);
  EXPECT_TRUE(bad->has_error());
  EXPECT_EQ(Pos(bad), "1:2-1:5");
  EXPECT_TRUE(p.stmt(2)->Is<Assign>());
}

TEST(Hostile, InvalidUtf8IsReportedWithPosition) {
  auto p = ParseText("x = 1\ny = '\xff\xfe'\nz = 2\n");
  ASSERT_EQ(p.result.errors.size(), 1u);
  EXPECT_EQ(p.result.errors[0].lineno, 2u);
  EXPECT_EQ(p.result.errors[0].col_offset, 5u);
  EXPECT_NE(p.result.errors[0].message.find("invalid utf-8"), std::string::npos);
  EXPECT_EQ(p.module()->body.size(), 3u);  // the rest still parses
}

TEST(Hostile, BinaryFileWithNulBytes) {
  std::string data("\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0\x01\0\0\0", 24);
  std::mt19937 rng(42);
  for (int i = 0; i < 20000; ++i) data += static_cast<char>(rng() & 0xFF);
  auto p = ParseText(data);
  ASSERT_FALSE(p.result.errors.empty());
  bool nul_reported = false;
  for (const auto& e : p.result.errors) nul_reported |= e.message == "source code cannot contain null bytes";
  EXPECT_TRUE(nul_reported);
  EXPECT_NE(p.module(), nullptr);
}

TEST(Hostile, HundredThousandNestedBrackets) {
  for (const char* open : {"(", "[", "{"}) {
    std::string text = "x = " + std::string(100000, open[0]) + "\n";
    auto p = ParseText(text);
    ASSERT_FALSE(p.result.errors.empty());
    bool too_many = false;
    for (const auto& e : p.result.errors) too_many |= e.message == "too many nested parentheses";
    EXPECT_TRUE(too_many) << open;
  }
  std::string balanced = "x = " + std::string(100000, '(') + "1" + std::string(100000, ')') + "\ny = 2\n";
  auto p = ParseText(balanced);
  ASSERT_FALSE(p.result.errors.empty());
  EXPECT_EQ(p.result.errors[0].message, "too many nested parentheses");
  EXPECT_EQ(p.result.errors[0].lineno, 1u);
  EXPECT_EQ(p.result.errors[0].col_offset, 4u + 200u);  // the 201st bracket
  EXPECT_TRUE(p.stmt(p.module()->body.size() - 1)->Is<Assign>());
}

TEST(Hostile, TwoHundredNestedParenthesesAreFine) {
  std::string text = "x = " + std::string(200, '(') + "1" + std::string(200, ')') + "\n";
  auto p = ParseText(text);
  EXPECT_TRUE(p.result.ok()) << p.FirstError();
}

TEST(Hostile, DeepUnaryAndLongChainsAreBounded) {
  auto unary = ParseText("x = " + std::string(100000, '-') + "1\n");
  ASSERT_FALSE(unary.result.errors.empty());
  EXPECT_EQ(unary.result.errors[0].message, "too many nested expressions");
  std::string chain = "x = 1";
  for (int i = 0; i < 100000; ++i) chain += "+1";
  auto p = ParseText(chain + "\n");
  ASSERT_FALSE(p.result.errors.empty());
  EXPECT_EQ(p.result.errors[0].message, "too many nested expressions");
  std::string attrs = "x = a";
  for (int i = 0; i < 100000; ++i) attrs += ".b";
  auto q = ParseText(attrs + "\n");
  ASSERT_FALSE(q.result.errors.empty());
}

TEST(Hostile, TenMegabyteOneLineFile) {
  std::string text = "data = [";
  while (text.size() < 10u * 1024 * 1024) text += "12345, 'abc', x.y, ";
  text += "0]";
  auto start = std::chrono::steady_clock::now();
  auto p = ParseText(text);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(p.result.ok()) << p.FirstError();
  auto* list = p.stmt(0)->As<Assign>()->value->As<List>();
  ASSERT_NE(list, nullptr);
  EXPECT_GT(list->elts.size(), 1500000u);
  EXPECT_EQ(p.stmt(0)->end_lineno, 1u);
  EXPECT_EQ(p.stmt(0)->end_col_offset, text.size());
  EXPECT_LT(seconds, 30.0);  // a hang guard, not a benchmark (see bench/parse)
}

TEST(Hostile, EveryPrefixOfAProgramParsesWithoutCrashing) {
  const std::string program =
      "@d\nclass C[T](B, metaclass=M):\n    def f(self, *a, **k) -> int:\n        match x:\n"
      "            case {'a': [1, *r]} if r: return f\"{a!r:>{w}}\"\n        try:\n            yield\n"
      "        except* E as e:\n            pass\n        return lambda q=1: (q := 2)\n";
  for (size_t n = 0; n <= program.size(); ++n) {
    auto p = ParseText(program.substr(0, n));
    ASSERT_NE(p.module(), nullptr);
  }
  EXPECT_TRUE(ParseText(program).result.ok());
}

}  // namespace
}  // namespace rampart::python
