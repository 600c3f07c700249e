// Placeholder until the owning issue lands; registers nothing yet.
#include "cli/commands.h"

namespace rampart::cli {

void AddDebugCommands(CLI::App& app, int* exit_code) {}

}  // namespace rampart::cli
