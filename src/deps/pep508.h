// PEP 508 dependency specifiers ("name[extra] (>=1.0) ; marker" and
// "name @ url ; marker"), PEP 503 name normalisation, and evaluation of
// environment markers for a target environment.
//
// Callers may rely on: ParseRequirement never throws; on failure it returns the
// error as text (lowercase, constructs in backticks) and the 0-based column in
// the input where it went wrong, so manifest readers can point at file:line.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "deps/pep440.h"

namespace rampart::deps {

// PEP 503: lowercase, runs of `-`, `_`, `.` become one `-`.
std::string NormalizeName(std::string_view name);
bool IsValidName(std::string_view name);

// The values marker variables take for the target (python_version, sys_platform...).
struct MarkerEnvironment {
  std::map<std::string, std::string> values;
  // The machine's own environment, with python_version taken from the
  // `python3` found on PATH (3.11 when none is found); never runs Python.
  static MarkerEnvironment ForThisMachine();
  // Overrides: python_version "3.12" (sets python_full_version too); platform
  // "linux" | "darwin" | "win32" (sets sys_platform, platform_system, os_name).
  void SetPythonVersion(std::string_view version);
  bool SetPlatform(std::string_view platform);
};

// A parsed marker expression; evaluation never fails (unknown variables compare
// as empty strings, as `packaging` does for missing keys in lenient mode).
class Marker {
 public:
  static std::optional<Marker> Parse(std::string_view text, std::string* error, size_t* error_column);
  bool Evaluate(const MarkerEnvironment& env) const;
  const std::string& text() const { return text_; }
  struct Node;

 private:
  std::string text_;
  std::shared_ptr<const Node> root_;
};

struct Requirement {
  std::string name;             // as written
  std::string normalized_name;  // PEP 503
  std::vector<std::string> extras;
  std::string specifier_text;   // e.g. ">=1.0,<2" (parentheses removed)
  SpecifierSet specifier;
  // Offsets into the parsed text of the specifier (for pointing and --fix).
  size_t specifier_begin = 0, specifier_end = 0;
  std::string url;              // "name @ url"
  std::optional<Marker> marker;
};

struct RequirementError {
  std::string message;
  size_t column = 0;  // 0-based offset in the input
};

// Parses one PEP 508 requirement. Returns false and fills *error on failure.
bool ParseRequirement(std::string_view text, Requirement* out, RequirementError* error);

}  // namespace rampart::deps
