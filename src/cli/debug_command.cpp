// `rampart debug ast FILE...` and `rampart debug parse PATH...`: the Python
// front end's developer tools (scripts/ast-diff and bench/parse drive them).
//
//   debug ast FILE          the canonical JSON of FILE's tree (docs/parser.md)
//   debug ast --jsonl F...  one line per file: {"path":..., "ast":..., "errors":[...]}
//   debug parse PATH...     parses every .py file under PATH and prints one JSON line:
//                           files, bytes, seconds (CPU time spent parsing),
//                           files_with_errors, arena_bytes (tree memory)
// Syntax errors go to stderr as `path:line:col: message` (col 1-based) and make
// the exit code 1; an unreadable or missing path is exit code 2.
#include <algorithm>
#include <ctime>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include "cli/commands.h"
#include "python/ast_json.h"
#include "python/parser.h"

namespace rampart::cli {

namespace {

namespace fs = std::filesystem;

bool ReadFile(const std::string& path, std::string* out, std::string* error) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    *error = "`" + path + "` is a directory";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "cannot read `" + path + "`: " + std::generic_category().message(errno);
    return false;
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  *out = std::move(buf).str();
  return true;
}

void PrintErrors(const std::string& path, const python::ParseResult& result) {
  for (const auto& e : result.errors)
    std::fprintf(stderr, "%s:%u:%u: %s\n", path.c_str(), e.lineno, e.col_offset + 1, e.message.c_str());
}

int RunAst(const std::vector<std::string>& files, bool jsonl) {
  int code = 0;
  std::string out;
  for (const std::string& path : files) {
    std::string data, error;
    if (!ReadFile(path, &data, &error)) {
      std::fprintf(stderr, "rampart: error: %s\n", error.c_str());
      return 2;
    }
    python::Arena arena;
    python::ParseResult result = python::Parse(data, path, arena);
    PrintErrors(path, result);
    if (!result.ok()) code = 1;
    out.clear();
    if (jsonl) {
      out += "{\"path\": ";
      python::AppendJsonString(path, out);
      out += ", \"ast\": ";
      python::AppendAstJson(result.module, out);
      out += ", \"errors\": [";
      for (size_t i = 0; i < result.errors.size(); ++i) {
        const auto& e = result.errors[i];
        if (i) out += ", ";
        out += "{\"lineno\": " + std::to_string(e.lineno) + ", \"col_offset\": " + std::to_string(e.col_offset) +
               ", \"message\": ";
        python::AppendJsonString(e.message, out);
        out += '}';
      }
      out += "]}\n";
    } else {
      python::AppendAstJson(result.module, out);
      out += '\n';
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
  }
  std::fflush(stdout);
  return code;
}

double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

int RunParse(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (!fs::exists(path, ec)) {
      std::fprintf(stderr, "rampart: error: `%s` does not exist\n", path.c_str());
      return 2;
    }
    if (fs::is_directory(path, ec)) {
      for (auto it = fs::recursive_directory_iterator(path, fs::directory_options::skip_permission_denied, ec);
           it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) break;
        if (it->is_regular_file(ec) && it->path().extension() == ".py") files.push_back(it->path().string());
      }
    } else {
      files.push_back(path);
    }
  }
  std::sort(files.begin(), files.end());
  size_t bytes = 0, with_errors = 0, arena_bytes = 0;
  double seconds = 0;
  std::string data, error;
  for (const std::string& path : files) {
    if (!ReadFile(path, &data, &error)) {
      std::fprintf(stderr, "rampart: error: %s\n", error.c_str());
      return 2;
    }
    bytes += data.size();
    // Only the parse is timed (not the disk read), in CPU time of this thread,
    // so the figure is the front end's single-core throughput even on a busy
    // machine.
    double t0 = ThreadCpuSeconds();
    python::Arena arena;
    python::ParseResult result = python::Parse(data, path, arena);
    seconds += ThreadCpuSeconds() - t0;
    // The decoded copy of the source lives in the arena too; report the tree only.
    arena_bytes += arena.bytes_used() - result.source.size() - 1;
    if (!result.ok()) {
      ++with_errors;
      PrintErrors(path, result);
    }
  }
  std::printf("{\"files\": %zu, \"bytes\": %zu, \"seconds\": %.6f, \"files_with_errors\": %zu, \"arena_bytes\": %zu}\n",
              files.size(), bytes, seconds, with_errors, arena_bytes);
  return with_errors ? 1 : 0;
}

}  // namespace

void AddDebugCommands(CLI::App& app, int* exit_code) {
  CLI::App* debug = app.add_subcommand("debug", "developer tools for the Python front end");
  debug->require_subcommand(1);

  static std::vector<std::string> ast_files_storage;
  auto* ast_files = &ast_files_storage;
  static bool jsonl_storage = false;
  auto* jsonl = &jsonl_storage;
  CLI::App* ast = debug->add_subcommand("ast", "print the syntax tree of a Python file as canonical JSON");
  ast->add_option("files", *ast_files, "Python files")->required();
  ast->add_flag("--jsonl", *jsonl, "one JSON document per line for each file: {\"path\", \"ast\", \"errors\"}");
  ast->callback([ast_files, jsonl, exit_code]() {
    if (ast_files->size() > 1 && !*jsonl) {
      std::fprintf(stderr, "rampart: error: `debug ast` takes one file; use `--jsonl` for several\n");
      *exit_code = 2;
      return;
    }
    *exit_code = RunAst(*ast_files, *jsonl);
  });

  static std::vector<std::string> parse_paths_storage;
  auto* parse_paths = &parse_paths_storage;
  CLI::App* parse = debug->add_subcommand("parse", "parse every .py file under the paths and print timing as JSON");
  parse->add_option("paths", *parse_paths, "files or directories")->required();
  parse->callback([parse_paths, exit_code]() { *exit_code = RunParse(*parse_paths); });
}

}  // namespace rampart::cli
