// WEB155 backup-file-exposed: database dumps, archives or editor backups of
// source files are downloadable.
#include "live/live_rules.h"
#include "live/rule_support.h"

namespace rampart::live {
namespace {

struct Candidate {
  const char* path;
  bool (*matches)(std::string_view body);
};

bool IsZip(std::string_view body) { return body.starts_with(std::string_view("PK\x03\x04", 4)); }
bool IsSqlite(std::string_view body) { return body.starts_with(std::string_view("SQLite format 3\0", 16)); }
bool IsSqlDump(std::string_view body) {
  return ContainsIgnoreCase(body.substr(0, 65536), "create table") ||
         ContainsIgnoreCase(body.substr(0, 65536), "insert into");
}
bool IsPythonSource(std::string_view body) {
  std::string_view head = body.substr(0, 65536);
  return (head.find("import ") != std::string_view::npos || head.find("def ") != std::string_view::npos) &&
         !ContainsIgnoreCase(head.substr(0, 512), "<html");
}

// A short fixed list: each costs one request of the budget.
constexpr Candidate kCandidates[] = {
    {"/backup.zip", IsZip},         {"/backup.sql", IsSqlDump},       {"/dump.sql", IsSqlDump},
    {"/db.sqlite3", IsSqlite},      {"/app.py.bak", IsPythonSource},  {"/settings.py~", IsPythonSource},
    {"/app.py", IsPythonSource},
};

void Check(ScanContext& context, const RuleInfo& info) {
  for (const Candidate& candidate : kCandidates) {
    Url url = context.home().url;
    url.target = candidate.path;
    HttpResponse response = context.Get(url);
    if (!response.ok() || response.status != 200 || !candidate.matches(response.body)) continue;
    if (context.LooksLikeBaseline(response)) continue;
    context.Report(info, url, std::string("backup or source file `") + candidate.path + "` is downloadable",
                   Evidence(response, HeaderProof(response, "content-type") + ", " +
                                          std::to_string(response.body.size()) + " bytes"));
  }
}

}  // namespace

const LiveRule& Web155BackupFileExposed() {
  static const RuleInfo info{
      .code = "WEB155",
      .name = "backup-file-exposed",
      .summary = "database dumps, archives or source backups are downloadable",
      .fix_hint = "keep backups and source outside the served folders",
      .severity = Severity::kHigh,
      .confidence = Confidence::kHigh,
      .cwe = {530},
      .owasp = "A05:2021-Security Misconfiguration",
      .practice = Practice::kSecrets,
      .aliases = {},
      .docs = {
          .what_it_does = "Requests a short list of usual leftovers (`/backup.zip`, `/backup.sql`, "
                          "`/dump.sql`, `/db.sqlite3`, `/app.py.bak`, `/settings.py~`, `/app.py`) and "
                          "reports those whose content matches the file type (zip or SQLite magic, "
                          "SQL statements, Python source).",
          .why_bad = "Dumps hand over the data; source files hand over secrets and the logic to "
                     "attack.",
          .example = "STATIC_ROOT = BASE_DIR   # serves db.sqlite3 and *.py",
          .use_instead = "STATIC_ROOT = BASE_DIR / \"staticfiles\"",
          .references = "- [CWE-530](https://cwe.mitre.org/data/definitions/530.html)",
      }};
  static const LiveRule rule{info, Phase::kPassive, Check};
  return rule;
}

}  // namespace rampart::live
