// Unit tests of the semantic model: qualified names through every import form,
// aliases, relative and star imports across project files, shadowing, constant
// folding, string shapes, instance tracking, scopes.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "python/parser.h"
#include "sema/model.h"

namespace rampart::sema {
namespace {

using python::NodeKind;

// A parsed module and its model; `Project` below holds several.
struct Parsed {
  python::Arena arena;
  python::ParseResult parse;
  std::unique_ptr<ModuleModel> model;
};

class Project {
 public:
  // Adds a file; call Build() after the last one.
  void Add(const std::string& path, const std::string& source) {
    auto parsed = std::make_unique<Parsed>();
    parsed->parse = python::Parse(source, path, parsed->arena);
    EXPECT_TRUE(parsed->parse.errors.empty()) << path << ": " << parsed->parse.errors[0].message;
    paths_.push_back(path);
    files_.push_back(std::move(parsed));
  }
  void Build() {
    for (size_t i = 0; i < files_.size(); ++i) {
      bool package = false;
      std::string name = ProjectIndex::ModuleNameForPath(paths_[i], &package);
      index_.Add(ProjectIndex::Summarize(name, package, files_[i]->parse.module));
    }
    for (size_t i = 0; i < files_.size(); ++i) {
      bool package = false;
      std::string name = ProjectIndex::ModuleNameForPath(paths_[i], &package);
      files_[i]->model = std::make_unique<ModuleModel>(files_[i]->parse, name, package, &index_);
    }
  }
  const ModuleModel& model(size_t i) const { return *files_[i]->model; }

 private:
  std::vector<std::string> paths_;
  std::vector<std::unique_ptr<Parsed>> files_;
  ProjectIndex index_;
};

// One-file helper.
struct Single {
  explicit Single(const std::string& source, const std::string& path = "app/main.py") {
    project.Add(path, source);
    project.Build();
  }
  const ModuleModel& model() const { return project.model(0); }
  Project project;
};

// The n-th (0-based) node of `kind` in pre-order.
const python::Node* NthNode(const ModuleModel& model, NodeKind kind, int n = 0) {
  const python::Node* found = nullptr;
  int seen = 0;
  python::Walk(const_cast<python::Module*>(model.module()), [&](python::Node* node) {
    if (found == nullptr && node->kind == kind && seen++ == n) found = node;
    return found == nullptr;
  });
  return found;
}

const python::Call* NthCall(const ModuleModel& model, int n = 0) {
  return static_cast<const python::Call*>(NthNode(model, NodeKind::kCall, n));
}

std::string Callee(const ModuleModel& model, int n = 0) {
  const python::Call* call = NthCall(model, n);
  if (call == nullptr) return "<no call>";
  return model.CalleeName(call).value_or("<none>");
}

// The value of the last module-level assignment `name = <expr>`.
const python::ExprNode* AssignedValue(const ModuleModel& model, std::string_view name) {
  const python::ExprNode* value = nullptr;
  for (const python::StmtNode* stmt : model.module()->body) {
    const auto* assign = stmt->As<python::Assign>();
    if (assign == nullptr) continue;
    const auto* target = assign->targets[0]->As<python::Name>();
    if (target != nullptr && target->id->text == name) value = assign->value;
  }
  return value;
}

// ---- imports

TEST(QualifiedNames, ImportForms) {
  Single s(
      "import subprocess\n"
      "import os.path\n"
      "import os.path as p\n"
      "from flask import request as r\n"
      "from yaml import load\n"
      "subprocess.run('x')\n"
      "os.path.join('a')\n"
      "p.join('a')\n"
      "r.args.get('q')\n"
      "load(data)\n");
  EXPECT_EQ(Callee(s.model(), 0), "subprocess.run");
  EXPECT_EQ(Callee(s.model(), 1), "os.path.join");
  EXPECT_EQ(Callee(s.model(), 2), "os.path.join");
  EXPECT_EQ(Callee(s.model(), 3), "flask.request.args.get");
  EXPECT_EQ(Callee(s.model(), 4), "yaml.load");
}

TEST(QualifiedNames, AliasAssignmentFollowsTheValue) {
  Single s(
      "import subprocess\n"
      "run = subprocess.run\n"
      "run('ls')\n");
  EXPECT_EQ(Callee(s.model()), "subprocess.run");
}

TEST(QualifiedNames, UnknownNamesAndLocalsHaveNone) {
  Single s(
      "def f(x):\n"
      "    x.run()\n"
      "    y = compute()\n"
      "    y.run()\n"
      "undefined_thing()\n");
  EXPECT_EQ(Callee(s.model(), 0), "<none>");  // parameter
  EXPECT_EQ(Callee(s.model(), 1), "<none>");  // compute: neither bound nor a builtin
  EXPECT_EQ(Callee(s.model(), 2), "<none>");  // y: result of an unknown function
  EXPECT_EQ(Callee(s.model(), 3), "<none>");
}

TEST(QualifiedNames, RelativeImportsInModuleAndPackage) {
  Project project;
  project.Add("app/views.py", "from . import models\nfrom .utils import helper\nfrom ..lib import x\n"
                              "models.get()\nhelper()\nx()\n");
  project.Add("app/__init__.py", "from .views import index\nfrom . import views\nindex()\nviews.other()\n");
  project.Add("app/models.py", "def get():\n    pass\n");
  project.Add("app/utils.py", "def helper():\n    pass\n");
  project.Build();
  EXPECT_EQ(Callee(project.model(0), 0), "app.models.get");
  EXPECT_EQ(Callee(project.model(0), 1), "app.utils.helper");
  EXPECT_EQ(Callee(project.model(0), 2), "lib.x");  // beyond the top package: as written
  EXPECT_EQ(Callee(project.model(1), 0), "app.views.index");
  EXPECT_EQ(Callee(project.model(1), 1), "app.views.other");
}

TEST(QualifiedNames, ReExportThroughAProjectModule) {
  Project project;
  project.Add("app/compat.py", "from subprocess import run as run_command\nimport yaml\n");
  project.Add("app/main.py", "from app.compat import run_command, yaml\nrun_command('x')\nyaml.load(d)\n");
  project.Build();
  EXPECT_EQ(Callee(project.model(1), 0), "subprocess.run");
  EXPECT_EQ(Callee(project.model(1), 1), "yaml.load");
}

TEST(QualifiedNames, StarImportAcrossTwoProjectFiles) {
  Project project;
  project.Add("app/helpers.py",
              "import subprocess\n"
              "from os import system as sh\n"
              "def run_it():\n    pass\n"
              "def _private():\n    pass\n");
  project.Add("app/main.py",
              "from .helpers import *\n"
              "run_it()\n"
              "sh('ls')\n"
              "subprocess.call('x')\n"
              "_private()\n");
  project.Build();
  const ModuleModel& main = project.model(1);
  EXPECT_EQ(Callee(main, 0), "app.helpers.run_it");
  EXPECT_EQ(Callee(main, 1), "os.system");
  EXPECT_EQ(Callee(main, 2), "subprocess.call");
  EXPECT_EQ(Callee(main, 3), "<none>");  // underscore names are not star-exported
}

TEST(QualifiedNames, StarImportHonoursAllAndChains) {
  Project project;
  project.Add("pkg/a.py", "__all__ = ['exported']\ndef exported():\n    pass\ndef hidden():\n    pass\n");
  project.Add("pkg/b.py", "from pkg.a import *\nfrom pickle import loads\n");
  project.Add("pkg/c.py", "from pkg.b import *\nexported()\nhidden()\nloads(x)\n");
  project.Build();
  const ModuleModel& c = project.model(2);
  EXPECT_EQ(Callee(c, 0), "pkg.a.exported");
  EXPECT_EQ(Callee(c, 1), "<none>");
  EXPECT_EQ(Callee(c, 2), "pickle.loads");
}

TEST(QualifiedNames, StarImportCycleTerminates) {
  Project project;
  project.Add("m/a.py", "from m.b import *\ndef fa():\n    pass\n");
  project.Add("m/b.py", "from m.a import *\ndef fb():\n    pass\nfa()\n");
  project.Build();
  EXPECT_EQ(Callee(project.model(1), 0), "m.a.fa");
}

TEST(QualifiedNames, ModuleNameForPath) {
  bool package = true;
  EXPECT_EQ(ProjectIndex::ModuleNameForPath("app/views.py", &package), "app.views");
  EXPECT_FALSE(package);
  EXPECT_EQ(ProjectIndex::ModuleNameForPath("app/__init__.py", &package), "app");
  EXPECT_TRUE(package);
  EXPECT_EQ(ProjectIndex::ModuleNameForPath("src/pkg/mod.py", &package), "pkg.mod");
  EXPECT_EQ(ProjectIndex::ModuleNameForPath("manage.py", &package), "manage");
  EXPECT_EQ(ProjectIndex::ModuleNameForPath("templates/index.html", &package), "");
}

// ---- shadowing and builtins

TEST(Shadowing, BuiltinsResolveUnlessShadowed) {
  Single s(
      "eval(x)\n"
      "open('f')\n"
      "def g():\n"
      "    def open(path):\n"
      "        return path\n"
      "    open('f')\n"
      "def h(eval):\n"
      "    eval('1')\n");
  EXPECT_EQ(Callee(s.model(), 0), "builtins.eval");
  EXPECT_EQ(Callee(s.model(), 1), "builtins.open");
  EXPECT_EQ(Callee(s.model(), 2), "<none>");  // nested def: not a module-level name
  EXPECT_EQ(Callee(s.model(), 3), "<none>");  // parameter
  EXPECT_TRUE(s.model().IsShadowed("open", NthCall(s.model(), 2)));
  EXPECT_FALSE(s.model().IsShadowed("open", NthCall(s.model(), 1)));
}

TEST(Shadowing, ModuleLevelDefShadowsBuiltin) {
  Single s("def open(path):\n    return path\nopen('x')\n", "app/files.py");
  EXPECT_EQ(Callee(s.model()), "app.files.open");
}

TEST(Shadowing, LocalVariableShadowsImport) {
  Single s(
      "import subprocess\n"
      "def f():\n"
      "    subprocess = make()\n"
      "    subprocess.run('x')\n"
      "def g():\n"
      "    subprocess.run('y')\n");
  EXPECT_EQ(Callee(s.model(), 1), "<none>");
  EXPECT_EQ(Callee(s.model(), 2), "subprocess.run");
}

TEST(Shadowing, ClassBodyIsNotVisibleInMethods) {
  Single s(
      "import os\n"
      "class C:\n"
      "    os = None\n"
      "    def m(self):\n"
      "        os.system('x')\n");
  EXPECT_EQ(Callee(s.model()), "os.system");
}

TEST(Shadowing, GlobalDeclarationBindsAtModuleLevel) {
  Single s(
      "def setup():\n"
      "    global runner\n"
      "    import subprocess as runner\n"
      "runner.call('x')\n");
  EXPECT_EQ(Callee(s.model()), "subprocess.call");
}

TEST(Shadowing, OrderedBindingsInOneScope) {
  Single s(
      "import pickle as codec\n"
      "codec.loads(a)\n"
      "import json as codec\n"
      "codec.loads(b)\n");
  EXPECT_EQ(Callee(s.model(), 0), "pickle.loads");
  EXPECT_EQ(Callee(s.model(), 1), "json.loads");
}

TEST(Shadowing, ComprehensionVariableIsLocal) {
  Single s(
      "import os\n"
      "[os for os in items]\n"
      "os.getcwd()\n");
  EXPECT_EQ(Callee(s.model()), "os.getcwd");
  const python::Node* comp = NthNode(s.model(), NodeKind::kListComp);
  ASSERT_NE(comp, nullptr);
  const auto* elt = static_cast<const python::ListComp*>(comp)->elt;
  const Binding* binding = s.model().ResolveName(elt->As<python::Name>());
  ASSERT_NE(binding, nullptr);
  EXPECT_EQ(binding->kind, BindingKind::kLoopTarget);
}

// ---- instances

TEST(Instances, ConstructorResultMethods) {
  Single s(
      "from flask import Flask\n"
      "import flask\n"
      "app = Flask(__name__)\n"
      "other = flask.Flask('x')\n"
      "app.run(debug=True)\n"
      "other.run()\n"
      "Flask(__name__).run()\n");
  EXPECT_EQ(Callee(s.model(), 2), "flask.Flask.run");
  EXPECT_EQ(Callee(s.model(), 3), "flask.Flask.run");
  EXPECT_EQ(Callee(s.model(), 4), "flask.Flask.run");
  EXPECT_EQ(s.model().InstanceType(AssignedValue(s.model(), "app")), "flask.Flask");
}

TEST(Instances, SelfAttributesAndAnnotations) {
  Single s(
      "from flask import Flask\n"
      "class Server:\n"
      "    def __init__(self):\n"
      "        self.app = Flask(__name__)\n"
      "    def start(self):\n"
      "        self.app.run(debug=True)\n"
      "def serve(app: Flask):\n"
      "    app.run()\n");
  EXPECT_EQ(Callee(s.model(), 1), "flask.Flask.run");
  EXPECT_EQ(Callee(s.model(), 2), "flask.Flask.run");
}

TEST(Instances, FactoriesAndChains) {
  Single s(
      "import sqlite3\n"
      "conn = sqlite3.connect('db')\n"
      "cur = conn.cursor()\n"
      "cur.execute(q)\n");
  EXPECT_EQ(Callee(s.model(), 1), "sqlite3.Connection.cursor");
  EXPECT_EQ(Callee(s.model(), 2), "sqlite3.Cursor.execute");
}

TEST(Instances, InstanceImportedFromAnotherModule) {
  Project project;
  project.Add("site/app.py", "from flask import Flask\napp = Flask(__name__)\n");
  project.Add("site/run.py", "from site.app import app\nfrom site import app as mod\napp.run()\nmod.app.run()\n");
  project.Build();
  EXPECT_EQ(Callee(project.model(1), 0), "flask.Flask.run");
  EXPECT_EQ(Callee(project.model(1), 1), "flask.Flask.run");
}

TEST(Instances, InheritedMethodsResolveToTheBase) {
  Single s(
      "import flask\n"
      "class App(flask.Flask):\n"
      "    def helper(self):\n"
      "        pass\n"
      "class Runner:\n"
      "    def run(self):\n"
      "        pass\n"
      "class Custom(flask.Flask):\n"
      "    def run(self, **kw):\n"
      "        pass\n"
      "App(__name__).run(debug=True)\n"
      "App(__name__).helper()\n"
      "Custom(__name__).run()\n",
      "site/app.py");
  EXPECT_EQ(Callee(s.model(), 0), "flask.Flask.run");
  EXPECT_EQ(Callee(s.model(), 2), "site.app.App.helper");
  EXPECT_EQ(Callee(s.model(), 4), "site.app.Custom.run");  // overridden: not Flask's
}

TEST(Instances, ProjectClassInstanceIsNotTheLibrary) {
  Single s(
      "class Runner:\n"
      "    def run(self, cmd, shell=False):\n"
      "        pass\n"
      "subprocess = Runner()\n"
      "subprocess.run('x', shell=True)\n",
      "tools/fake.py");
  EXPECT_EQ(Callee(s.model(), 1), "tools.fake.Runner.run");
}

// ---- constants

std::optional<Value> Fold(const Single& s, std::string_view name) {
  return s.model().ConstantValue(AssignedValue(s.model(), name));
}

TEST(Constants, LiteralsAndNames) {
  Single s(
      "A = 'abc'\n"
      "B = A\n"
      "N = -5\n"
      "F = 1.5\n"
      "T = True\n"
      "Z = None\n"
      "BY = b'x'\n"
      "BIG = 123456789012345678901234567890\n"
      "ZERO = 0\n"
      "HEX = 0x_ff\n");
  ASSERT_TRUE(Fold(s, "ZERO"));
  EXPECT_TRUE(Fold(s, "ZERO")->int_fits);
  EXPECT_EQ(Fold(s, "ZERO")->int_value, 0);
  EXPECT_FALSE(Fold(s, "ZERO")->Truthy());
  EXPECT_EQ(Fold(s, "HEX")->int_value, 255);
  EXPECT_EQ(Fold(s, "B")->text, "abc");
  EXPECT_EQ(Fold(s, "N")->int_value, -5);
  EXPECT_DOUBLE_EQ(Fold(s, "F")->float_value, 1.5);
  EXPECT_TRUE(Fold(s, "T")->Truthy());
  EXPECT_TRUE(Fold(s, "Z")->IsNone());
  EXPECT_EQ(Fold(s, "BY")->kind, Value::Kind::kBytes);
  EXPECT_FALSE(Fold(s, "BIG")->int_fits);
  EXPECT_EQ(Fold(s, "BIG")->text, "123456789012345678901234567890");
}

TEST(Constants, StringExpressions) {
  Single s(
      "BASE = 'SELECT '\n"
      "C1 = BASE + 'x' + \"y\"\n"
      "C2 = 'a=%s b=%d' % ('q', 3)\n"
      "C3 = '{} and {name}'.format('p', name='n')\n"
      "C4 = f'{BASE}from {C1!s}'\n"
      "C5 = 'ab' * 3\n"
      "C6 = 1 + 2 * 3\n"
      "C7 = '100%%'  % ()\n");
  EXPECT_EQ(Fold(s, "C1")->text, "SELECT xy");
  EXPECT_EQ(Fold(s, "C2")->text, "a=q b=3");
  EXPECT_EQ(Fold(s, "C3")->text, "p and n");
  EXPECT_EQ(Fold(s, "C4")->text, "SELECT from SELECT xy");
  EXPECT_EQ(Fold(s, "C5")->text, "ababab");
  EXPECT_EQ(Fold(s, "C6")->int_value, 7);
  EXPECT_EQ(Fold(s, "C7")->text, "100%");
}

TEST(Constants, NonConstants) {
  Single s(
      "import os\n"
      "D1 = os.environ.get('X')\n"
      "D2 = 'a' + os.getcwd()\n"
      "D3 = f'{os.sep}'\n"
      "D4 = 'x' + 1\n"
      "def f(p):\n"
      "    return p\n"
      "D5 = 1.5 + 2\n");
  EXPECT_FALSE(Fold(s, "D1"));
  EXPECT_FALSE(Fold(s, "D2"));
  EXPECT_FALSE(Fold(s, "D3"));
  EXPECT_FALSE(Fold(s, "D4"));
  EXPECT_FALSE(Fold(s, "D5"));
}

TEST(Constants, ReassignmentInScopeWins) {
  Single s(
      "x = 'a'\n"
      "x += y\n"
      "R = x\n");
  EXPECT_FALSE(Fold(s, "R"));
}

TEST(Constants, SelfReferenceIsBounded) {
  Single s("a = b\nb = a\nR = a\n");
  EXPECT_FALSE(Fold(s, "R"));
}

TEST(Constants, LongConcatenationChainFoldsAndIsCapped) {
  std::string source = "BIG = 'x'";
  // 900 operands (the parser caps tree depth at 1000) of 100 bytes: over the cap.
  std::string piece(100, 'q');
  for (int i = 0; i < 900; ++i) source += " + '" + piece + "'";
  source += "\n";
  Single s(source);
  std::optional<Value> value = Fold(s, "BIG");
  ASSERT_TRUE(value);
  EXPECT_EQ(value->text.size(), kMaxStringLength);
  EXPECT_TRUE(value->truncated);
}

TEST(Constants, AcrossProjectModules) {
  Project project;
  project.Add("app/settings.py",
              "TABLE = 'notes'\nDEBUG = True\nCHANGED = 'a'\nCHANGED = 'b'\nCOUNTER = 1\nCOUNTER += 1\n"
              "if DEBUG:\n    MODE = 'dev'\nelse:\n    MODE = 'prod'\n");
  project.Add("app/views.py",
              "from .settings import TABLE, DEBUG, CHANGED, COUNTER, MODE\nfrom app import settings\n"
              "R1 = TABLE\nR2 = DEBUG\nR3 = CHANGED\nR4 = COUNTER\nR5 = MODE\nR6 = settings.TABLE\n"
              "R7 = 'SELECT * FROM ' + TABLE\n");
  project.Build();
  const ModuleModel& views = project.model(1);
  auto fold = [&](std::string_view name) { return views.ConstantValue(AssignedValue(views, name)); };
  ASSERT_TRUE(fold("R1"));
  EXPECT_EQ(fold("R1")->text, "notes");
  ASSERT_TRUE(fold("R2"));
  EXPECT_TRUE(fold("R2")->Truthy());
  EXPECT_FALSE(fold("R3"));  // bound twice
  EXPECT_FALSE(fold("R4"));  // augmented
  EXPECT_FALSE(fold("R5"));  // bound in two branches
  ASSERT_TRUE(fold("R6"));
  EXPECT_EQ(fold("R6")->text, "notes");
  EXPECT_EQ(fold("R7")->text, "SELECT * FROM notes");
}

TEST(StringShapes, PartsOfQueries) {
  Single s(
      "uid = request.args['id']\n"
      "Q1 = 'SELECT * FROM t WHERE id = ' + uid\n"
      "Q2 = 'SELECT * FROM t WHERE id = %s AND x = %s' % (uid, 'k')\n"
      "Q3 = 'SELECT {} FROM t'.format(uid)\n"
      "Q4 = f'DELETE FROM t WHERE id = {uid}'\n"
      "Q5 = ('SELECT a '\n"
      "      'FROM t WHERE b = ' + uid)\n"
      "Q6 = 'SELECT 1'\n"
      "Q7 = Q1 + ' LIMIT 1'\n");
  auto shape = [&](std::string_view name) { return s.model().StringParts(AssignedValue(s.model(), name)); };
  StringShape q1 = shape("Q1");
  EXPECT_TRUE(q1.is_string);
  EXPECT_TRUE(q1.has_dynamic);
  EXPECT_EQ(q1.Joined(), "SELECT * FROM t WHERE id = ?");
  ASSERT_EQ(q1.parts.size(), 2u);
  EXPECT_NE(q1.parts[1].expr, nullptr);
  EXPECT_EQ(shape("Q2").Joined(), "SELECT * FROM t WHERE id = ? AND x = k");
  EXPECT_EQ(shape("Q3").Joined(), "SELECT ? FROM t");
  EXPECT_EQ(shape("Q4").Joined(), "DELETE FROM t WHERE id = ?");
  EXPECT_EQ(shape("Q5").Joined(), "SELECT a FROM t WHERE b = ?");
  StringShape q6 = shape("Q6");
  EXPECT_FALSE(q6.has_dynamic);
  EXPECT_EQ(q6.Joined(), "SELECT 1");
  EXPECT_EQ(shape("Q7").Joined(), "SELECT * FROM t WHERE id = ? LIMIT 1");
}

TEST(StringShapes, NotAString) {
  Single s("X = compute()\nY = a + b\n");
  EXPECT_FALSE(s.model().StringParts(AssignedValue(s.model(), "X")).is_string);
  EXPECT_FALSE(s.model().StringParts(AssignedValue(s.model(), "Y")).is_string);
}

// ---- structure and helpers

TEST(Structure, ScopesParentsAndEnclosingFunction) {
  Single s(
      "import os\n"
      "class C:\n"
      "    def m(self, default=os.sep):\n"
      "        return lambda y: os.path.join(y)\n"
      "os.getcwd()\n");
  const ModuleModel& m = s.model();
  const python::Call* join = NthCall(m, 0);
  ASSERT_NE(join, nullptr);
  const python::Node* lambda = m.EnclosingFunction(join);
  ASSERT_NE(lambda, nullptr);
  EXPECT_EQ(lambda->kind, NodeKind::kLambda);
  const python::Node* method = m.EnclosingFunction(lambda);
  ASSERT_NE(method, nullptr);
  EXPECT_EQ(method->kind, NodeKind::kFunctionDef);
  EXPECT_NE(m.EnclosingClass(join), nullptr);
  EXPECT_EQ(m.EnclosingFunction(NthCall(m, 1)), nullptr);
  EXPECT_EQ(m.ScopeOf(NthCall(m, 1))->kind(), ScopeKind::kModule);
  // The default value is evaluated in the class scope, not the method's.
  const python::Node* default_value = NthNode(m, NodeKind::kAttribute, 0);
  EXPECT_EQ(m.ScopeOf(default_value)->kind(), ScopeKind::kClass);
  EXPECT_EQ(m.Parent(m.module()), nullptr);
  EXPECT_EQ(m.Parent(NthNode(m, NodeKind::kClassDef)), m.module());
  // Parameters bind in the method scope.
  const Scope* method_scope = m.ScopeOf(join)->parent();
  ASSERT_NE(method_scope, nullptr);
  EXPECT_EQ(method_scope->Lookup("default").size(), 1u);
  EXPECT_EQ(method_scope->Lookup("default")[0]->kind, BindingKind::kParameter);
}

TEST(Structure, KeywordAndArgumentHelpers) {
  Single s("f(1, 'two', shell=True, *rest)\ng(a, b=2, **kw)\n");
  const python::Call* f = NthCall(s.model(), 0);
  const python::Call* g = NthCall(s.model(), 1);
  ASSERT_NE(FindKeyword(f, "shell"), nullptr);
  EXPECT_EQ(FindKeyword(f, "cwd"), nullptr);
  EXPECT_NE(Argument(f, 1, "args"), nullptr);
  EXPECT_EQ(Argument(f, 2, ""), nullptr);  // after *rest: unknown position
  EXPECT_NE(Argument(g, 5, "b"), nullptr);
  EXPECT_TRUE(HasStarArguments(f));
  EXPECT_TRUE(HasStarArguments(g));
  SourceRange range = RangeOf(FindKeyword(f, "shell"));
  EXPECT_EQ(range.start.line, 1u);
  EXPECT_EQ(range.start.column, 13u);
  EXPECT_EQ(range.end.column, 23u);
}

// Names whose value refers back to themselves (`node = node.parent`) or to each
// other: resolution must stay linear (this hung with 2^32 steps once).
TEST(Robustness, SelfReferentialBindingsAreBounded) {
  std::string source = "def walk(node):\n";
  for (int i = 0; i < 40; ++i) source += "    node = node.parent.child(node).sibling\n";
  source += "    a = b.x\n    b = a.y\n    a.run(b.run())\n    return node.run()\n";
  source += "q = q.q\nq.run()\nx = Y(x)\nx.run()\n";
  Single s(source);
  python::Walk(const_cast<python::Module*>(s.model().module()), [&](python::Node* node) {
    if (auto* expr = node->As<python::ExprNode>()) {
      (void)s.model().QualifiedName(expr);
      (void)s.model().InstanceType(expr);
      (void)s.model().StringParts(expr);
    }
    return true;
  });
  EXPECT_EQ(Callee(s.model(), 0), "<none>");
}

TEST(Robustness, DeepNestingAndBrokenInputDoNotCrash) {
  std::string deep = "x = " + std::string(150, '(') + "1" + std::string(150, ')') + "\n";
  std::string chain = "y = a";
  for (int i = 0; i < 5000; ++i) chain += ".b";
  chain += "\n";
  for (const std::string& source :
       {deep, chain, std::string("def f(:\n  return (\n"), std::string("\xff\xfe\x00garbage"),
        std::string("from . import *\nfrom .. import *\nimport\n")}) {
    python::Arena arena;
    python::ParseResult parse = python::Parse(source, "x.py", arena);
    ModuleModel model(parse, "x", false, nullptr);
    python::Walk(parse.module, [&](python::Node* node) {
      if (auto* expr = node->As<python::ExprNode>()) {
        (void)model.QualifiedName(expr);
        (void)model.ConstantValue(expr);
        (void)model.StringParts(expr);
        (void)model.InstanceType(expr);
      }
      return true;
    });
  }
}

}  // namespace
}  // namespace rampart::sema
