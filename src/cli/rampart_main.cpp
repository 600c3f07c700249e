// rampart: a security auditor for Python web applications.
#include <cstdio>
#include <exception>
#include <iostream>

#include "cli/commands.h"

#ifndef RAMPART_VERSION
#define RAMPART_VERSION "0.1.0"
#endif

int main(int argc, char** argv) {
  CLI::App app{"rampart " RAMPART_VERSION
               " - security auditor for Python web applications (Flask, Django, FastAPI)"};
  app.name("rampart");
  app.set_version_flag("-V,--version", "rampart " RAMPART_VERSION);
  app.require_subcommand(1);
  app.fallthrough(false);

  int exit_code = 0;
  rampart::cli::AddCheckCommand(app, &exit_code);
  rampart::cli::AddRulesCommands(app, &exit_code);
  rampart::cli::AddDepsCommands(app, &exit_code);
  rampart::cli::AddScanCommand(app, &exit_code);
  rampart::cli::AddDebugCommands(app, &exit_code);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "rampart: error: " << e.what() << "\n"
              << "Run `rampart --help` for usage.\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "rampart: internal error: " << e.what() << "\n";
    return 2;
  }
  return exit_code;
}
