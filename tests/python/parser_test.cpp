// Syntax the 3.11 oracle of scripts/ast-diff cannot check (3.12/3.13: PEP 695,
// PEP 701, type parameter defaults), the API contracts (typed accessors,
// visitor order, interning, comments, line index) and literal decoding.
// Positions are CPython 3.13's.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "test_util.h"

namespace rampart::python {
namespace {

using testing::Json;
using testing::ParseText;
using testing::Pos;
using testing::Str;

TEST(Pep695, GenericFunctionWithAllParameterKinds) {
  auto p = ParseText("def f[T: int, *Ts, **P](x: T) -> T: ...\n");
  ASSERT_TRUE(p.result.ok()) << p.FirstError();
  auto* f = p.stmt(0)->As<FunctionDef>();
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->name->text, "f");
  ASSERT_EQ(f->type_params.size(), 3u);
  auto* t = f->type_params[0]->As<TypeVar>();
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->name->text, "T");
  ASSERT_NE(t->bound, nullptr);
  EXPECT_EQ(t->bound->As<Name>()->id->text, "int");
  EXPECT_EQ(t->default_value, nullptr);
  EXPECT_EQ(Pos(t), "1:6-1:12");
  auto* ts = f->type_params[1]->As<TypeVarTuple>();
  ASSERT_NE(ts, nullptr);
  EXPECT_EQ(Pos(ts), "1:14-1:17");
  auto* ps = f->type_params[2]->As<ParamSpec>();
  ASSERT_NE(ps, nullptr);
  EXPECT_EQ(ps->name->text, "P");
  EXPECT_EQ(Pos(ps), "1:19-1:22");
  EXPECT_EQ(Pos(f), "1:0-1:39");
}

TEST(Pep695, TypeParameterDefaultsAndGenericClass) {
  auto p = ParseText("class C[T = int, *Ts = *tuple[int], **P = [str]](Base): pass\n");
  ASSERT_TRUE(p.result.ok()) << p.FirstError();
  auto* c = p.stmt(0)->As<ClassDef>();
  ASSERT_NE(c, nullptr);
  ASSERT_EQ(c->type_params.size(), 3u);
  EXPECT_EQ(c->type_params[0]->As<TypeVar>()->default_value->As<Name>()->id->text, "int");
  EXPECT_TRUE(c->type_params[1]->As<TypeVarTuple>()->default_value->Is<Starred>());
  EXPECT_TRUE(c->type_params[2]->As<ParamSpec>()->default_value->Is<List>());
  ASSERT_EQ(c->bases.size(), 1u);
}

TEST(Pep695, TypeAliasStatement) {
  auto p = ParseText("type Alias[K, V] = dict[K, list[V]]\n");
  ASSERT_TRUE(p.result.ok()) << p.FirstError();
  auto* a = p.stmt(0)->As<TypeAlias>();
  ASSERT_NE(a, nullptr);
  auto* name = a->name->As<Name>();
  ASSERT_NE(name, nullptr);
  EXPECT_EQ(name->id->text, "Alias");
  EXPECT_EQ(name->ctx, ExprContext::kStore);
  EXPECT_EQ(Pos(name), "1:5-1:10");
  EXPECT_EQ(a->type_params.size(), 2u);
  EXPECT_TRUE(a->value->Is<Subscript>());
  EXPECT_EQ(Pos(a), "1:0-1:35");
}

TEST(SoftKeywords, StayUsableAsNames) {
  auto p = ParseText(
      "type = 5\ntype(x)\nmatch = 1\nmatch(x)\ncase = match.case\nprint(type, match, case)\n_ = 1\n");
  ASSERT_TRUE(p.result.ok()) << p.FirstError();
  ASSERT_EQ(p.module()->body.size(), 7u);
  EXPECT_TRUE(p.stmt(0)->Is<Assign>());
  EXPECT_TRUE(p.expr(1)->Is<Call>());
  EXPECT_TRUE(p.stmt(2)->Is<Assign>());
  EXPECT_TRUE(p.expr(3)->Is<Call>());
  EXPECT_TRUE(p.stmt(4)->Is<Assign>());
}

TEST(Pep701, NestedSameQuotesAndNestedFStrings) {
  auto p = ParseText("f\"{d[\"key\"]}\" f\"{f\"{x!r}\"}\"\n");
  ASSERT_TRUE(p.result.ok()) << p.FirstError();
  auto* j = p.expr(0)->As<JoinedStr>();
  ASSERT_NE(j, nullptr);
  ASSERT_EQ(j->values.size(), 2u);
  auto* first = j->values[0]->As<FormattedValue>();
  ASSERT_NE(first, nullptr);
  auto* sub = first->value->As<Subscript>();
  ASSERT_NE(sub, nullptr);
  EXPECT_EQ(Str(sub->slice), "key");
  EXPECT_EQ(Pos(sub), "1:3-1:11");
  auto* inner = j->values[1]->As<FormattedValue>()->value->As<JoinedStr>();
  ASSERT_NE(inner, nullptr);
  auto* innermost = inner->values[0]->As<FormattedValue>();
  ASSERT_NE(innermost, nullptr);
  EXPECT_EQ(innermost->conversion, 'r');
  EXPECT_EQ(Pos(innermost->value), "1:20-1:21");
}

TEST(Pep701, FormatSpecWithNestedFields) {
  auto p = ParseText("f\"{x:>{width}.{prec}f}\"\n");
  ASSERT_TRUE(p.result.ok()) << p.FirstError();
  auto* fv = p.expr(0)->As<JoinedStr>()->values[0]->As<FormattedValue>();
  ASSERT_NE(fv, nullptr);
  EXPECT_EQ(fv->conversion, -1);
  ASSERT_NE(fv->format_spec, nullptr);
  auto* spec = fv->format_spec->As<JoinedStr>();
  ASSERT_EQ(spec->values.size(), 5u);
  EXPECT_EQ(Str(spec->values[0]), ">");
  EXPECT_EQ(spec->values[1]->As<FormattedValue>()->value->As<Name>()->id->text, "width");
  EXPECT_EQ(Str(spec->values[2]), ".");
  EXPECT_EQ(spec->values[3]->As<FormattedValue>()->value->As<Name>()->id->text, "prec");
  EXPECT_EQ(Str(spec->values[4]), "f");
}

TEST(Pep701, DebuggingEquals) {
  auto p = ParseText("f\"a{x = }b{y=:>4}{z=!s}\"\n");
  ASSERT_TRUE(p.result.ok()) << p.FirstError();
  auto* j = p.expr(0)->As<JoinedStr>();
  ASSERT_EQ(j->values.size(), 6u);
  EXPECT_EQ(Str(j->values[0]), "ax = ");
  EXPECT_EQ(j->values[1]->As<FormattedValue>()->conversion, 'r');  // `=` alone implies !r
  EXPECT_EQ(Str(j->values[2]), "by=");
  EXPECT_EQ(j->values[3]->As<FormattedValue>()->conversion, -1);   // a spec keeps format()
  EXPECT_EQ(Str(j->values[4]), "z=");
  EXPECT_EQ(j->values[5]->As<FormattedValue>()->conversion, 's');
}

TEST(Pep701, MultiLineReplacementFieldWithComment) {
  auto p = ParseText("x = f'''{\n  a  # the value\n  + 1\n}'''\n");
  ASSERT_TRUE(p.result.ok()) << p.FirstError();
  auto* fv = p.stmt(0)->As<Assign>()->value->As<JoinedStr>()->values[0]->As<FormattedValue>();
  ASSERT_NE(fv, nullptr);
  EXPECT_EQ(Pos(fv->value), "2:2-3:5");
  ASSERT_EQ(p.result.comments.size(), 1u);
  EXPECT_EQ(p.result.comments[0].text, "# the value");
}

TEST(Strings, ImplicitConcatenationPrefixesAndKind) {
  auto p = ParseText("u'a' 'b'\n'x' u'y'\nrb'\\d' b'\\x41'\nR'\\n' \"\\t\\u00e9\\N{BULLET}\"\nf'{1}' 'z' rf'\\{2}'\n");
  ASSERT_TRUE(p.result.ok()) << p.FirstError();
  auto* c0 = p.expr(0)->As<Constant>();
  EXPECT_EQ(c0->value.text, "ab");
  EXPECT_TRUE(c0->string_kind.present);
  EXPECT_EQ(c0->string_kind.text, "u");
  EXPECT_FALSE(p.expr(1)->As<Constant>()->string_kind.present);  // only the first part's prefix counts
  auto* b = p.expr(2)->As<Constant>();
  EXPECT_EQ(b->value.kind, ConstantKind::kBytes);
  EXPECT_EQ(b->value.text, "\\dA");
  EXPECT_EQ(Str(p.expr(3)), "\\n\t\xc3\xa9\xe2\x80\xa2");
  auto* j = p.expr(4)->As<JoinedStr>();
  ASSERT_EQ(j->values.size(), 3u);  // 'z' and rf'\' merge into one literal part
  EXPECT_EQ(Str(j->values[1]), "z\\");
  EXPECT_EQ(Pos(p.expr(4)), "5:0-5:19");
}

TEST(Strings, MixingBytesAndStrIsAnError) {
  auto p = ParseText("x = b'a' 'b'\n");
  ASSERT_EQ(p.result.errors.size(), 1u);
  EXPECT_EQ(p.result.errors[0].message, "cannot mix bytes and nonbytes literals");
}

TEST(Numbers, AllForms) {
  auto p = ParseText(
      "1_000\n0x_FF\n0o17\n0b1010\n123456789012345678901234567890\n1.5e3\n1_0.0_1\n.5\n3j\n1e500\n0\n00\n");
  ASSERT_TRUE(p.result.ok()) << p.FirstError();
  auto value = [&](size_t i) { return p.expr(i)->As<Constant>()->value; };
  EXPECT_EQ(value(0).int_value, 1000);
  EXPECT_EQ(value(1).int_value, 255);
  EXPECT_EQ(value(2).int_value, 15);
  EXPECT_EQ(value(3).int_value, 10);
  EXPECT_FALSE(value(4).int_fits);
  EXPECT_EQ(IntToDecimal(value(4).text), "123456789012345678901234567890");
  EXPECT_EQ(value(5).kind, ConstantKind::kFloat);
  EXPECT_DOUBLE_EQ(value(5).float_value, 1500.0);
  EXPECT_DOUBLE_EQ(value(6).float_value, 10.01);
  EXPECT_DOUBLE_EQ(value(7).float_value, 0.5);
  EXPECT_EQ(value(8).kind, ConstantKind::kComplex);
  EXPECT_DOUBLE_EQ(value(8).float_value, 3.0);
  EXPECT_TRUE(std::isinf(value(9).float_value));
  EXPECT_EQ(value(10).int_value, 0);
  EXPECT_EQ(value(11).int_value, 0);
  EXPECT_EQ(Json(p.expr(8)).find("{\"complex\": \"3.0\"}") != std::string::npos, true);
}

TEST(Numbers, FloatReprMatchesPython) {
  EXPECT_EQ(FloatRepr(1.0), "1.0");
  EXPECT_EQ(FloatRepr(0.1), "0.1");
  EXPECT_EQ(FloatRepr(1e16), "1e+16");
  EXPECT_EQ(FloatRepr(1.5e-5), "1.5e-05");
  EXPECT_EQ(FloatRepr(123456789012345.6), "123456789012345.6");
  EXPECT_EQ(FloatRepr(0.0001), "0.0001");
  EXPECT_EQ(FloatRepr(1e22), "1e+22");
}

TEST(ConstantsJson, TypesCannotBeConfused) {
  auto p = ParseText("(1, 1.0, 1j, '1', b'1', True, None, ...)\n");
  ASSERT_TRUE(p.result.ok());
  std::string json = Json(p.expr(0));
  for (const char* tag : {"{\"int\": \"1\"}", "{\"float\": \"1.0\"}", "{\"complex\": \"1.0\"}", "{\"str\": \"1\"}",
                          "{\"bytes\": \"1\"}", "{\"bool\": true}", "{\"None\": null}", "{\"Ellipsis\": null}"})
    EXPECT_NE(json.find(tag), std::string::npos) << tag;
}

TEST(Match, EveryPatternKind) {
  auto p = ParseText(
      "match cmd:\n"
      "    case 1 | -2 | 3 + 4j:\n        pass\n"
      "    case None | True:\n        pass\n"
      "    case [a, *rest] | (b, *_):\n        pass\n"
      "    case {\"k\": v, **others}:\n        pass\n"
      "    case Point(x, y=0) as pt if pt:\n        pass\n"
      "    case Color.RED:\n        pass\n"
      "    case _:\n        pass\n");
  ASSERT_TRUE(p.result.ok()) << p.FirstError();
  auto* m = p.stmt(0)->As<Match>();
  ASSERT_NE(m, nullptr);
  ASSERT_EQ(m->cases.size(), 7u);
  auto* or0 = m->cases[0]->pattern->As<MatchOr>();
  ASSERT_NE(or0, nullptr);
  ASSERT_EQ(or0->patterns.size(), 3u);
  EXPECT_TRUE(or0->patterns[1]->As<MatchValue>()->value->Is<UnaryOp>());
  EXPECT_TRUE(or0->patterns[2]->As<MatchValue>()->value->Is<BinOp>());
  EXPECT_TRUE(m->cases[1]->pattern->As<MatchOr>()->patterns[0]->Is<MatchSingleton>());
  auto* seq = m->cases[2]->pattern->As<MatchOr>()->patterns[0]->As<MatchSequence>();
  ASSERT_NE(seq, nullptr);
  EXPECT_EQ(seq->patterns[1]->As<MatchStar>()->name->text, "rest");
  EXPECT_EQ(m->cases[2]->pattern->As<MatchOr>()->patterns[1]->As<MatchSequence>()->patterns[1]->As<MatchStar>()->name,
            nullptr);
  auto* mapping = m->cases[3]->pattern->As<MatchMapping>();
  ASSERT_NE(mapping, nullptr);
  EXPECT_EQ(mapping->rest->text, "others");
  EXPECT_EQ(Str(mapping->keys[0]), "k");
  auto* as = m->cases[4]->pattern->As<MatchAs>();
  ASSERT_NE(as, nullptr);
  EXPECT_EQ(as->name->text, "pt");
  auto* cls = as->pattern->As<MatchClass>();
  ASSERT_NE(cls, nullptr);
  EXPECT_EQ(cls->patterns.size(), 1u);
  ASSERT_EQ(cls->kwd_attrs.size(), 1u);
  EXPECT_EQ(cls->kwd_attrs[0]->text, "y");
  EXPECT_NE(m->cases[4]->guard, nullptr);
  EXPECT_TRUE(m->cases[5]->pattern->As<MatchValue>()->value->Is<Attribute>());
  auto* wildcard = m->cases[6]->pattern->As<MatchAs>();
  EXPECT_EQ(wildcard->pattern, nullptr);
  EXPECT_EQ(wildcard->name, nullptr);
  EXPECT_EQ(Pos(wildcard), "14:9-14:10");
  EXPECT_EQ(Pos(m), "1:0-15:12");
}

TEST(Statements, AsyncWalrusStarredGlobalsAndTryStar) {
  auto p = ParseText(
      "async def f():\n"
      "    async with a as b, c:\n        pass\n"
      "    async for x in y:\n        await z\n"
      "    return [v async for v in w if (n := v)]\n"
      "def g():\n    global a, b\n    nonlocal c\n"
      "first, *rest = items\n"
      "try:\n    pass\nexcept* ValueError as e:\n    pass\n");
  ASSERT_TRUE(p.result.ok()) << p.FirstError();
  auto* f = p.stmt(0)->As<AsyncFunctionDef>();
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->body[0]->As<AsyncWith>()->items.size(), 2u);
  EXPECT_TRUE(f->body[1]->Is<AsyncFor>());
  auto* comp = f->body[2]->As<Return>()->value->As<ListComp>();
  ASSERT_NE(comp, nullptr);
  EXPECT_EQ(comp->generators[0]->is_async, 1);
  EXPECT_TRUE(comp->generators[0]->ifs[0]->Is<NamedExpr>());
  auto* g = p.stmt(1)->As<FunctionDef>();
  EXPECT_EQ(g->body[0]->As<Global>()->names.size(), 2u);
  EXPECT_EQ(g->body[1]->As<Nonlocal>()->names[0]->text, "c");
  auto* unpack = p.stmt(2)->As<Assign>()->targets[0]->As<Tuple>();
  ASSERT_NE(unpack, nullptr);
  EXPECT_EQ(unpack->ctx, ExprContext::kStore);
  EXPECT_EQ(unpack->elts[1]->As<Starred>()->ctx, ExprContext::kStore);
  auto* ts = p.stmt(3)->As<TryStar>();
  ASSERT_NE(ts, nullptr);
  EXPECT_EQ(ts->handlers[0]->name->text, "e");
}

TEST(Statements, DecoratedDefStartsAtDefAndAnnAssignSimple) {
  auto p = ParseText("@dec\n@other(1)\ndef f(a, /, b=2, *args, c, d=4, **kw): pass\nx: int = 1\n(y): int\n");
  ASSERT_TRUE(p.result.ok()) << p.FirstError();
  auto* f = p.stmt(0)->As<FunctionDef>();
  EXPECT_EQ(Pos(f), "3:0-3:43");
  EXPECT_EQ(f->decorator_list.size(), 2u);
  Arguments* a = f->args;
  EXPECT_EQ(a->posonlyargs.size(), 1u);
  EXPECT_EQ(a->args.size(), 1u);
  EXPECT_EQ(a->defaults.size(), 1u);
  EXPECT_EQ(a->vararg->arg->text, "args");
  ASSERT_EQ(a->kwonlyargs.size(), 2u);
  EXPECT_EQ(a->kw_defaults[0], nullptr);
  EXPECT_NE(a->kw_defaults[1], nullptr);
  EXPECT_EQ(a->kwarg->arg->text, "kw");
  EXPECT_EQ(p.stmt(1)->As<AnnAssign>()->simple, 1);
  EXPECT_EQ(p.stmt(2)->As<AnnAssign>()->simple, 0);
}

TEST(Encoding, BomCrlfCrAndLatin1) {
  auto bom = ParseText("\xEF\xBB\xBFx = 1\r\ny = 'a\\\r\nb'\rz = 3\r");
  ASSERT_TRUE(bom.result.ok()) << bom.FirstError();
  ASSERT_EQ(bom.module()->body.size(), 3u);
  EXPECT_EQ(Pos(bom.stmt(0)), "1:0-1:5");
  EXPECT_EQ(Str(bom.stmt(1)->As<Assign>()->value), "ab");
  EXPECT_EQ(Pos(bom.stmt(2)), "4:0-4:5");

  auto latin1 = ParseText("# -*- coding: latin-1 -*-\ns = '\xe9t\xe9'\n\xe9 = 1\n");
  ASSERT_TRUE(latin1.result.ok()) << latin1.FirstError();
  EXPECT_EQ(Str(latin1.stmt(0)->As<Assign>()->value), "\xc3\xa9t\xc3\xa9");
  EXPECT_EQ(latin1.result.encoding, "latin-1");
  // Columns count UTF-8 bytes of the decoded text, as CPython's do.
  EXPECT_EQ(Pos(latin1.stmt(1)), "3:0-3:6");
}

TEST(Encoding, TabsAndFormFeedsInIndentation) {
  auto p = ParseText("if x:\n\tif y:\n\t\tpass\n\f\tz = 1\n");
  ASSERT_TRUE(p.result.ok()) << p.FirstError();
  auto* outer = p.stmt(0)->As<If>();
  ASSERT_EQ(outer->body.size(), 2u);
  EXPECT_TRUE(outer->body[1]->Is<Assign>());
}

TEST(Identifiers, NfkcNormalisedAndInterned) {
  auto p = ParseText("\xef\xac\x81 = 1\nfi + \xc3\xa9t\xc3\xa9\n");  // U+FB01 (fi ligature) = 1
  ASSERT_TRUE(p.result.ok()) << p.FirstError();
  Identifier assigned = p.stmt(0)->As<Assign>()->targets[0]->As<Name>()->id;
  auto* sum = p.expr(1)->As<BinOp>();
  EXPECT_EQ(assigned->text, "fi");
  EXPECT_EQ(assigned, sum->left->As<Name>()->id);  // pointer equality
  EXPECT_EQ(Pos(sum->right), "2:5-2:10");
  EXPECT_EQ(Pos(p.stmt(0)), "1:0-1:7");
}

TEST(Api, CommentsLineIndexAndVisitorOrder) {
  auto p = ParseText("@d\ndef f(a=1, *, b=2): pass  # nosec B101\nx = {k1: v1, **m, k2: v2}\n");
  ASSERT_TRUE(p.result.ok());
  ASSERT_EQ(p.result.comments.size(), 1u);
  EXPECT_EQ(p.result.comments[0].lineno, 2u);
  EXPECT_EQ(p.result.comments[0].col_offset, 26u);
  EXPECT_EQ(p.result.comments[0].text, "# nosec B101");
  uint32_t line = 0, col = 0;
  p.result.lines.ToLineCol(p.result.lines.ToOffset(3, 4), &line, &col);
  EXPECT_EQ(line, 3u);
  EXPECT_EQ(col, 4u);
  EXPECT_EQ(p.result.lines.Line(3), "x = {k1: v1, **m, k2: v2}");

  std::vector<std::string> names;
  Walk(p.module(), [&](Node* n) {
    if (auto* name = n->As<Name>()) names.push_back(std::string(name->id->text));
    if (auto* arg = n->As<Arg>()) names.push_back(std::string(arg->arg->text));
    return true;
  });
  std::vector<std::string> expected{"d", "a", "b", "x", "k1", "v1", "m", "k2", "v2"};
  EXPECT_EQ(names, expected);
}

TEST(Api, JsonHasFieldsInCPythonOrderWithPositions) {
  auto p = ParseText("x\n");
  EXPECT_EQ(Json(p.module()),
            "{\"_type\": \"Module\", \"body\": [{\"_type\": \"Expr\", \"value\": {\"_type\": \"Name\", \"id\": \"x\", "
            "\"ctx\": {\"_type\": \"Load\"}, \"lineno\": 1, \"col_offset\": 0, \"end_lineno\": 1, "
            "\"end_col_offset\": 1}, \"lineno\": 1, \"col_offset\": 0, \"end_lineno\": 1, \"end_col_offset\": 1}], "
            "\"type_ignores\": []}");
}

}  // namespace
}  // namespace rampart::python
