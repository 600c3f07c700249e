// OSV advisory records (https://ossf.github.io/osv-schema/) as rampart uses
// them: the PyPI-ecosystem `affected` entries, aliases, withdrawal, and CVSS
// severity turned into a score. Reads the JSON of OSV's exports and the YAML of
// the PyPA advisory database into one representation.
//
// Callers may rely on: parsing never throws (YAML/JSON library exceptions are
// caught here) and reports errors as text with a line when the format gives one;
// affected entries of other ecosystems are dropped; package names are PEP 503
// normalised; IsAffected implements OSV's range evaluation for ECOSYSTEM ranges
// plus the explicit `versions` list.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/finding.h"
#include "deps/pep440.h"

namespace rampart::deps {

struct OsvEvent {
  enum class Kind : uint8_t { kIntroduced, kFixed, kLastAffected, kLimit };
  Kind kind = Kind::kIntroduced;
  std::string version;
};

struct OsvRange {
  std::string type;  // "ECOSYSTEM", "SEMVER", "GIT"; only ECOSYSTEM is evaluated
  std::vector<OsvEvent> events;
};

struct OsvAffected {
  std::string package;  // PEP 503 normalised
  std::vector<OsvRange> ranges;
  // The explicit `versions` list: parsed records fill `versions`; the database
  // hands it over as one shared newline-separated text (`versions_text`),
  // which saves an allocation per listed version on the audit's hot path.
  std::vector<std::string> versions;
  std::shared_ptr<const std::string> versions_text;
  // Both lists as views, valid while this entry (or a copy of it) lives.
  std::vector<std::string_view> Listed() const;

  // Is `v` affected? A version inside an ECOSYSTEM range or listed exactly.
  bool IsAffected(const Version& v) const;
  // The smallest `fixed` version above `v` in a range that contains `v`;
  // nullopt when no range says (e.g. only last_affected, or no fix yet).
  std::optional<Version> SmallestFixAbove(const Version& v) const;
  // Every version this entry names: events and the explicit list, parsed.
  std::vector<Version> NamedVersions() const;

  // Parsed intervals and versions, built on first use (not thread-safe on one
  // object; copies share the result): matching a lockfile
  // asks the same entry about many versions, and parsing dominates otherwise.
  struct Prepared;
  mutable std::shared_ptr<const Prepared> prepared;
  const Prepared& Prepare() const;
};

struct Advisory {
  std::string id;
  std::vector<std::string> aliases;
  std::string summary;   // `summary`, else the first sentence of `details`
  std::string details;
  std::string modified, published, withdrawn;
  std::string cvss_vector;  // the first CVSS vector found (V3 preferred)
  double cvss_score = -1;   // -1: no computable score
  std::optional<Severity> severity;  // from the score, or a database_specific label
  std::vector<std::string> references;  // URLs
  std::vector<OsvAffected> affected;    // PyPI only
};

std::optional<Advisory> ParseOsvJson(std::string_view text, std::string* error);
std::optional<Advisory> ParseOsvYaml(std::string_view text, std::string* error);

// CVSS base score from a vector string ("CVSS:3.1/AV:N/...", or a v2 vector
// "AV:N/AC:L/Au:N/C:P/I:P/A:P"). Returns -1 when the vector is not v2/v3 or is
// malformed. CVSS 4.0 is not computed (its score needs the spec's lookup table).
double CvssBaseScore(std::string_view vector);
// Qualitative rating (CVSS v3 scale); a score of 0 maps to low.
Severity SeverityFromScore(double score);

}  // namespace rampart::deps
