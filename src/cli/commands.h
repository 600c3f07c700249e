// Each subcommand registers itself on the CLI11 app. A command's callback
// stores its process exit code in *exit_code: 0 clean, 1 findings at or above
// the threshold, 2 usage / configuration / internal error.
#pragma once

#include <CLI/CLI.hpp>

namespace rampart::cli {

void AddCheckCommand(CLI::App& app, int* exit_code);    // check_command.cpp
void AddRulesCommands(CLI::App& app, int* exit_code);   // rules_command.cpp: rules, explain
void AddDepsCommands(CLI::App& app, int* exit_code);    // deps_command.cpp: deps, db
void AddScanCommand(CLI::App& app, int* exit_code);     // scan_command.cpp
void AddDebugCommands(CLI::App& app, int* exit_code);   // debug_command.cpp: debug ast|parse

}  // namespace rampart::cli
