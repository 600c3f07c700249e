// A minimal PEP 691 JSON simple-index client: the latest release of each
// package, for the outdated-pin rule (DEP003).
//
// Callers may rely on: no exceptions; one request per package over one reused
// connection, bounded by `timeout_seconds` each; a package the index does not
// know (404) is simply absent from the result; other failures become warnings.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "deps/pep440.h"

namespace rampart::deps {

struct IndexResult {
  std::map<std::string, Version> latest;  // normalised name -> newest final, non-yanked release
  std::vector<std::string> warnings;
};

IndexResult FetchLatestVersions(const std::string& index_url, const std::vector<std::string>& names,
                                long timeout_seconds = 20);

// Parses one PEP 691 project page (JSON); exposed for tests.
bool LatestFromProjectJson(std::string_view body, Version* latest, std::string* error);

}  // namespace rampart::deps
