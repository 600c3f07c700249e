// WEB181 sql-error-disclosure: a quote in a parameter produces a database
// error message, the classic sign of SQL built from strings.
#include "live/live_rules.h"
#include "live/rule_support.h"

namespace rampart::live {
namespace {

constexpr size_t kMaxParameters = 10;

// Error texts of sqlite3, MySQL/MariaDB, PostgreSQL, Oracle, SQL Server and
// the Python drivers/ORMs around them.
constexpr std::string_view kSignatures[] = {
    "sqlite3.OperationalError", "unrecognized token:", "You have an error in your SQL syntax",
    "syntax error at or near", "unterminated quoted string", "psycopg2.errors", "pymysql.err",
    "MySQLdb._exceptions", "django.db.utils.", "sqlalchemy.exc.", "SQLSTATE[", "ORA-01756",
    "quoted string not properly terminated", "Unclosed quotation mark after the character string",
    "near \"", "OperationalError: near"};

std::string_view FindSignature(std::string_view body) {
  for (std::string_view signature : kSignatures) {
    if (body.find(signature) != std::string_view::npos) return signature;
  }
  return {};
}

void Check(ScanContext& context, const RuleInfo& info) {
  std::vector<ProbeTarget> targets = ProbeTargets(context, kMaxParameters);
  if (!targets.empty()) context.MarkAssessed(Area::kInjection);
  for (const ProbeTarget& target : targets) {
    Url url = WithQueryParam(target.url, target.parameter, "rampart'\"");
    HttpResponse response = context.Get(url);
    if (!response.ok()) continue;
    std::string_view signature = FindSignature(response.body);
    if (signature.empty()) continue;
    // The same text on the untouched page is content, not an error we caused.
    HttpResponse baseline = context.Get(target.url);
    if (baseline.ok() && !FindSignature(baseline.body).empty()) continue;
    context.Report(info, url, "a quote in parameter `" + target.parameter + "` triggers a database error",
                   Evidence(response, Snippet(response.body, signature)));
  }
}

}  // namespace

const LiveRule& Web181SqlErrorDisclosure() {
  static const RuleInfo info{
      .code = "WEB181",
      .name = "sql-error-disclosure",
      .summary = "a quote in a parameter produces a database error (likely SQL injection)",
      .fix_hint = "pass values as query parameters (`cursor.execute(sql, (value,))`) or use the ORM",
      .severity = Severity::kHigh,
      .confidence = Confidence::kMedium,
      .cwe = {89, 209},
      .owasp = "A03:2021-Injection",
      .practice = Practice::kInputValidation,
      .aliases = {"zap:40018"},
      .docs = {
          .what_it_does = "Active check: sets each crawled query parameter (up to ten) to `rampart'\"` and "
                          "reports responses with database error signatures (sqlite3, MySQL, "
                          "PostgreSQL, Oracle, SQL Server, Django/SQLAlchemy) that the unmodified page "
                          "does not show.",
          .why_bad = "An error caused by a quote means the value was pasted into SQL text: the same "
                     "parameter can usually read or change any row in the database.",
          .example = "db.execute(f\"SELECT * FROM items WHERE name = '{request.args['q']}'\")",
          .use_instead = "db.execute(\"SELECT * FROM items WHERE name = ?\", (request.args[\"q\"],))",
          .references = "- [OWASP SQL injection prevention](https://cheatsheetseries.owasp.org/cheatsheets/SQL_Injection_Prevention_Cheat_Sheet.html)",
      }};
  static const LiveRule rule{info, Phase::kActive, Check};
  return rule;
}

}  // namespace rampart::live
