// AnalyzeProject: parse every file, index the project, then build each module's
// semantic model and run the enabled rules on it.
//
// Two parallel phases over a small thread pool (an atomic counter hands out file
// indices, so the work split does not matter for the result):
//   1. parse each .py file into its own Arena, fill its FileResult, summarise
//      its top-level names for the ProjectIndex;
//   2. once the index is built (in input order), build the model per file, walk the tree once dispatching nodes to the rules that
//      asked for their kind, run module and text checks, free the Arena.
// Each file's findings go to its own vector; they are concatenated in input
// order, so the output never depends on thread timing.
#include "rules/analyze.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <memory>
#include <optional>
#include <thread>

#include "python/arena.h"
#include "python/parser.h"
#include "rules/rule.h"
#include "sema/model.h"

namespace rampart::rules {
namespace {

bool IsPython(std::string_view path) {
  return (path.size() >= 3 && path.substr(path.size() - 3) == ".py") ||
         (path.size() >= 4 && path.substr(path.size() - 4) == ".pyi");
}

// Runs fn(i) for i in [0, count) on `threads` workers.
template <class Fn>
void ParallelFor(size_t count, unsigned threads, Fn&& fn) {
  if (threads <= 1 || count <= 1) {
    for (size_t i = 0; i < count; ++i) fn(i);
    return;
  }
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i = next.fetch_add(1); i < count; i = next.fetch_add(1)) fn(i);
  };
  std::vector<std::thread> pool;
  unsigned extra = static_cast<unsigned>(std::min<size_t>(threads, count)) - 1;
  pool.reserve(extra);
  for (unsigned t = 0; t < extra; ++t) pool.emplace_back(worker);
  worker();
  for (std::thread& thread : pool) thread.join();
}

// Replaces invalid UTF-8 sequences with U+FFFD so reporters and code frames get
// text; reports the first bad line.
std::string DecodeText(std::string_view bytes, uint32_t* first_bad_line) {
  std::string out;
  out.reserve(bytes.size());
  uint32_t line = 1;
  *first_bad_line = 0;
  size_t i = 0;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  while (i < bytes.size()) {
    unsigned char c = static_cast<unsigned char>(bytes[i]);
    size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    bool valid = length > 0 && i + length <= bytes.size();
    for (size_t k = 1; valid && k < length; ++k)
      valid = (static_cast<unsigned char>(bytes[i + k]) & 0xC0) == 0x80;
    if (!valid) {
      if (*first_bad_line == 0) *first_bad_line = line;
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    if (c == '\n') ++line;
    out.append(bytes.substr(i, length));
    i += length;
  }
  return out;
}

struct FileWork {
  bool python = false;
  std::unique_ptr<python::Arena> arena;
  python::ParseResult parse;
  std::string module_name;
  bool is_package = false;
  std::vector<Finding> findings;
};

// The enabled rules, grouped for dispatch. Node rules are referred to by their
// index in `node_rules`, so a file makes its contexts once, not per node.
struct RulePlan {
  std::vector<const Rule*> node_rules;
  std::array<std::vector<uint16_t>, python::kNodeKindCount> by_kind;
  std::vector<const Rule*> module_rules;
  std::vector<const Rule*> text_rules;
};

RulePlan MakePlan(const ProjectInput& input, std::span<const Rule* const> rules) {
  RulePlan plan;
  for (const Rule* rule : rules) {
    if (input.enabled && !input.enabled(rule->info.code)) continue;
    if (rule->check != nullptr && !rule->node_kinds.empty()) {
      auto index = static_cast<uint16_t>(plan.node_rules.size());
      plan.node_rules.push_back(rule);
      for (python::NodeKind kind : rule->node_kinds) {
        std::vector<uint16_t>& list = plan.by_kind[static_cast<size_t>(kind)];
        if (std::find(list.begin(), list.end(), index) == list.end()) list.push_back(index);
      }
    }
    if (rule->check_module != nullptr) plan.module_rules.push_back(rule);
    if (rule->check_text != nullptr && rule->text_kinds != 0) plan.text_rules.push_back(rule);
  }
  return plan;
}

void RunPythonRules(const RulePlan& plan, const SourceInput& input, FileWork& work,
                    const sema::ProjectIndex& index) {
  sema::ModuleModel model(work.parse, work.module_name, work.is_package, &index);
  if (!plan.node_rules.empty()) {
    std::vector<RuleContext> contexts;
    contexts.reserve(plan.node_rules.size());
    for (const Rule* rule : plan.node_rules)
      contexts.emplace_back(rule->info, input.path, work.parse, model, &work.findings);
    python::Walk(work.parse.module, [&](python::Node* node) {
      for (uint16_t i : plan.by_kind[static_cast<size_t>(node->kind)]) plan.node_rules[i]->check(*node, contexts[i]);
      return true;
    });
  }
  for (const Rule* rule : plan.module_rules) {
    RuleContext context(rule->info, input.path, work.parse, model, &work.findings);
    rule->check_module(context);
  }
}

std::string FormatError(std::string_view path, uint32_t line, uint32_t column, std::string_view message) {
  std::string out(path);
  out += ':' + std::to_string(line) + ':' + std::to_string(column) + ": ";
  out += message;
  return out;
}

}  // namespace

ProjectResult AnalyzeProject(const ProjectInput& input) { return AnalyzeWithRules(input, AllRules()); }

ProjectResult AnalyzeWithRules(const ProjectInput& input, std::span<const Rule* const> rules) {
  ProjectResult result;
  const size_t count = input.files.size();
  result.files.resize(count);
  std::vector<FileWork> work(count);
  unsigned threads = input.threads != 0 ? input.threads : std::max(1u, std::thread::hardware_concurrency());
  RulePlan plan = MakePlan(input, rules);

  // Phase 1: parse (or decode) every file, summarise modules.
  std::vector<std::optional<sema::ModuleSummary>> summaries(count);
  ParallelFor(count, threads, [&](size_t i) {
    const SourceInput& file = input.files[i];
    FileResult& out = result.files[i];
    FileWork& w = work[i];
    out.path = file.path;
    if (!IsPython(file.path)) {
      uint32_t bad_line = 0;
      out.source_utf8 = DecodeText(file.bytes, &bad_line);
      if (bad_line != 0)
        out.errors.push_back(FormatError(file.path, bad_line, 1, "invalid UTF-8, replaced with U+FFFD"));
      return;
    }
    w.python = true;
    w.arena = std::make_unique<python::Arena>();
    w.parse = python::Parse(file.bytes, file.path, *w.arena);
    out.source_utf8 = std::string(w.parse.source);
    out.comments.reserve(w.parse.comments.size());
    for (const python::Comment& comment : w.parse.comments)
      out.comments.push_back({comment.lineno, comment.col_offset + 1, std::string(comment.text)});
    for (const python::SyntaxError& error : w.parse.errors)
      out.errors.push_back(FormatError(file.path, error.lineno, error.col_offset + 1, error.message));
    w.module_name = sema::ProjectIndex::ModuleNameForPath(file.path, &w.is_package);
    if (!w.module_name.empty())
      summaries[i] = sema::ProjectIndex::Summarize(w.module_name, w.is_package, w.parse.module);
  });

  // The index, in input order (a module name seen twice keeps the first file).
  sema::ProjectIndex index;
  for (size_t i = 0; i < count; ++i) {
    if (summaries[i] && index.Find(summaries[i]->module_name) == nullptr) index.Add(std::move(*summaries[i]));
  }
  summaries.clear();

  // Phase 2: models and rules.
  ParallelFor(count, threads, [&](size_t i) {
    const SourceInput& file = input.files[i];
    FileWork& w = work[i];
    if (w.python) {
      RunPythonRules(plan, file, w, index);
      w.parse = python::ParseResult();
      w.arena.reset();  // the tree is not needed any more
      return;
    }
    TextFileKind kind = TextFileKindForPath(file.path);
    for (const Rule* rule : plan.text_rules) {
      if ((rule->text_kinds & kind) == 0) continue;
      TextContext context(rule->info, file.path, result.files[i].source_utf8, kind, &w.findings);
      rule->check_text(context);
    }
  });

  size_t total = 0;
  for (const FileWork& w : work) total += w.findings.size();
  result.findings.reserve(total);
  for (FileWork& w : work) {
    for (Finding& finding : w.findings) result.findings.push_back(std::move(finding));
  }
  return result;
}

}  // namespace rampart::rules
