// Integration tests: rampart scan against real servers on 127.0.0.1. Each test
// starts its servers (Flask, Django, FastAPI; HTTPS via Python's ssl with
// certificates made by make_certs.sh at test time) and stops them on exit.
// Scenario tests are closed-world where the app is fully specified: the exact
// set of rules that fire is asserted, so every rule is shown both firing and
// staying silent somewhere in this file.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "live/scan.h"
#include "live_test_support.h"

namespace rampart::live {
namespace {

using testing::Codes;
using testing::FreePort;
using testing::PythonServer;
using testing::RunRampart;
using testing::CommandResult;

using CodeSet = std::set<std::string>;

std::string Local(int port, const std::string& scheme = "http") {
  return scheme + "://127.0.0.1:" + std::to_string(port) + "/";
}

ScanOptions Options(const std::string& target) {
  ScanOptions options;
  options.target = target;
  options.https_port = FreePort();  // nothing listens there: no HTTPS twin
  options.http_port = FreePort();   // nor a plain-HTTP twin
  options.timeout = 5;
  options.max_seconds = 60;
  return options;
}

std::string Describe(const ScanResult& result) {
  std::string out = result.fatal_error;
  for (const Finding& f : result.findings) out += "\n  " + f.rule_code + " " + f.path + ": " + f.message;
  for (const std::string& note : result.notes) out += "\n  note: " + note;
  return out;
}

void ExpectFires(const ScanResult& result, const CodeSet& fire) {
  CodeSet codes = Codes(result.findings);
  for (const std::string& code : fire) EXPECT_TRUE(codes.count(code)) << code << " must fire" << Describe(result);
}

void ExpectSilent(const ScanResult& result, const CodeSet& silent) {
  CodeSet codes = Codes(result.findings);
  for (const std::string& code : silent) EXPECT_FALSE(codes.count(code)) << code << " must stay silent" << Describe(result);
}

// --- Flask over plain HTTP -------------------------------------------------

TEST(LiveScanFlask, InsecureHttpAppFiresExactlyItsRules) {
  int port = FreePort();
  PythonServer app("flask_app.py", {"--port", std::to_string(port), "--profile", "insecure"}, port);
  ASSERT_TRUE(app.ready()) << app.Log();
  ScanResult result = RunScan(Options(Local(port)));
  ASSERT_EQ(result.fatal_error, "");
  CodeSet expected = {"WEB110", "WEB120", "WEB130", "WEB131", "WEB132", "WEB133", "WEB134", "WEB135",
                      "WEB136", "WEB140", "WEB141", "WEB142", "WEB143", "WEB144", "WEB150", "WEB153",
                      "WEB154", "WEB155", "WEB156", "WEB157", "WEB160", "WEB161", "WEB170", "WEB180",
                      "WEB181", "WEB182"};
  EXPECT_EQ(Codes(result.findings), expected) << Describe(result);
  // Evidence carries the request line and the proof; path is the URL.
  for (const Finding& finding : result.findings) {
    EXPECT_TRUE(finding.path.starts_with("http://127.0.0.1:") || finding.rule_code == "WEB110") << finding.path;
    EXPECT_EQ(finding.range.start.line, 0u);
    EXPECT_FALSE(finding.evidence.empty()) << finding.rule_code;
  }
  // Evidence never copies secrets: .env keys without values, cookies redacted.
  for (const Finding& finding : result.findings) {
    if (finding.rule_code.starts_with("WEB14")) {
      EXPECT_NE(finding.evidence.find("=<redacted, "), std::string::npos) << finding.evidence;
      EXPECT_EQ(finding.evidence.find("session=ey"), std::string::npos) << finding.evidence;  // Flask's signed JSON
    }
    if (finding.rule_code == "WEB153") {
      EXPECT_NE(finding.evidence.find("SECRET_KEY"), std::string::npos);
      EXPECT_EQ(finding.evidence.find("test-only"), std::string::npos);
    }
  }
  EXPECT_EQ(result.grades.letter, 'F');
  EXPECT_LE(result.requests, 300);
}

TEST(LiveScanFlask, HardenedHttpAppOnlyLacksHttps) {
  int port = FreePort();
  PythonServer app("flask_app.py", {"--port", std::to_string(port), "--profile", "hardened"}, port);
  ASSERT_TRUE(app.ready()) << app.Log();
  ScanResult result = RunScan(Options(Local(port)));
  ASSERT_EQ(result.fatal_error, "");
  EXPECT_EQ(Codes(result.findings), CodeSet{"WEB110"}) << Describe(result);
  // The login burst met the app's limit and the forms were judged.
  EXPECT_TRUE(result.grades.areas[static_cast<int>(Area::kRateLimiting)].assessed);
  EXPECT_TRUE(result.grades.areas[static_cast<int>(Area::kForms)].assessed);
  EXPECT_TRUE(result.grades.areas[static_cast<int>(Area::kInjection)].assessed);
  // A second scan meets the login limiter the first one tripped (429 from the
  // start): still no CSRF or rate-limit finding.
  ScanResult again = RunScan(Options(Local(port)));
  EXPECT_EQ(Codes(again.findings), CodeSet{"WEB110"}) << Describe(again);
}

TEST(LiveScanFlask, PassiveModeSendsNoProbes) {
  int port = FreePort();
  PythonServer app("flask_app.py", {"--port", std::to_string(port), "--profile", "insecure"}, port);
  ASSERT_TRUE(app.ready()) << app.Log();
  ScanOptions options = Options(Local(port));
  options.passive = true;
  ScanResult result = RunScan(options);
  ASSERT_EQ(result.fatal_error, "");
  ExpectFires(result, {"WEB120", "WEB150", "WEB153", "WEB160"});
  ExpectSilent(result, {"WEB161", "WEB170", "WEB180", "WEB181", "WEB182"});
  EXPECT_FALSE(result.grades.areas[static_cast<int>(Area::kInjection)].assessed);
}

TEST(LiveScanFlask, RequestBudgetIsHonoured) {
  int port = FreePort();
  PythonServer app("flask_app.py", {"--port", std::to_string(port), "--profile", "insecure"}, port);
  ASSERT_TRUE(app.ready()) << app.Log();
  ScanOptions options = Options(Local(port));
  options.max_requests = 6;
  ScanResult result = RunScan(options);
  ASSERT_EQ(result.fatal_error, "");
  EXPECT_LE(result.requests, 6);
  bool noted = false;
  for (const std::string& note : result.notes) noted |= note.find("budget spent") != std::string::npos;
  EXPECT_TRUE(noted) << Describe(result);
}

TEST(LiveScanFlask, LoginAttemptsOptionBoundsTheBurst) {
  int port = FreePort();
  PythonServer app("flask_app.py", {"--port", std::to_string(port), "--profile", "insecure"}, port);
  ASSERT_TRUE(app.ready()) << app.Log();
  ScanOptions options = Options(Local(port));
  options.login_attempts = 3;
  options.login_path = "/login";
  ScanResult result = RunScan(options);
  bool found = false;
  for (const Finding& finding : result.findings) {
    if (finding.rule_code == "WEB170") {
      found = true;
      EXPECT_NE(finding.message.find("3 failed logins"), std::string::npos) << finding.message;
    }
  }
  EXPECT_TRUE(found) << Describe(result);
}

// A listening socket that nobody should ever connect to.
class Tripwire {
 public:
  Tripwire() {
    fd_ = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address));
    listen(fd_, 16);
    socklen_t length = sizeof(address);
    getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
  }
  ~Tripwire() { close(fd_); }
  int port() const { return port_; }
  bool Touched() const {
    int client = accept(fd_, nullptr, nullptr);
    if (client < 0) return false;  // EAGAIN: nobody connected
    close(client);
    return true;
  }

 private:
  int fd_ = -1;
  int port_ = 0;
};

TEST(LiveScanSafety, NothingOutsideTheOriginIsContacted) {
  Tripwire outside;
  int port = FreePort();
  // Another port on the same host is another origin: the home page links to
  // it, /away redirects to it, and /go?next= is an open redirect towards it.
  std::string elsewhere = "http://127.0.0.1:" + std::to_string(outside.port()) + "/";
  PythonServer app("flask_app.py", {"--port", std::to_string(port), "--profile", "insecure", "--link-to", elsewhere},
                   port);
  ASSERT_TRUE(app.ready()) << app.Log();
  ScanResult result = RunScan(Options(Local(port)));
  ASSERT_EQ(result.fatal_error, "");
  ExpectFires(result, {"WEB182"});  // the redirect was seen, not followed
  EXPECT_FALSE(outside.Touched()) << "the scan connected to an out-of-scope origin";
  // Nor was the out-of-scope target of the redirect from the target itself.
  ScanOptions away = Options(Local(port) + "away");
  ScanResult redirected = RunScan(away);
  ASSERT_EQ(redirected.fatal_error, "");
  EXPECT_FALSE(outside.Touched());
  bool noted = false;
  for (const std::string& note : redirected.notes) noted |= note.find("out of scope") != std::string::npos;
  EXPECT_TRUE(noted) << Describe(redirected);
}

TEST(LiveScanSafety, HeaderOptionAuthenticatesTheScan) {
  int port = FreePort();
  PythonServer app("flask_app.py",
                   {"--port", std::to_string(port), "--profile", "insecure", "--require-header", "X-Token: s3cret"},
                   port);
  ASSERT_TRUE(app.ready()) << app.Log();
  ScanOptions options = Options(Local(port));
  options.passive = true;
  ScanResult anonymous = RunScan(options);
  // Every app route answered 401 (Werkzeug's /console sits in front of the
  // app's checks and fires WEB150 either way).
  ExpectSilent(anonymous, {"WEB160", "WEB153"});
  options.headers = {{"X-Token", "s3cret"}};
  ScanResult authenticated = RunScan(options);
  ExpectFires(authenticated, {"WEB160", "WEB153"});
}

TEST(LiveScanSafety, DelayAndTimeBudgetBoundTheScan) {
  int port = FreePort();
  PythonServer app("flask_app.py", {"--port", std::to_string(port), "--profile", "hardened"}, port);
  ASSERT_TRUE(app.ready()) << app.Log();
  ScanOptions options = Options(Local(port));
  options.delay = 0.25;
  options.max_seconds = 2;
  ScanResult result = RunScan(options);
  ASSERT_EQ(result.fatal_error, "");
  // 0.25 s between requests and a 2 s budget: at most about 9 requests.
  EXPECT_LE(result.requests, 10);
  EXPECT_GE(result.requests, 3);
  EXPECT_LT(result.seconds, 6);
  bool noted = false;
  for (const std::string& note : result.notes) noted |= note.find("budget spent") != std::string::npos;
  EXPECT_TRUE(noted) << Describe(result);
}

// --- HTTPS -----------------------------------------------------------------

class LiveScanTls : public ::testing::Test {
 protected:
  void SetUp() override {
    certs_ = testing::MakeCertificates();
    ASSERT_FALSE(certs_.empty()) << "openssl could not make test certificates";
  }
  void TearDown() override { testing::RemoveTree(certs_); }
  std::string certs_;
};

TEST_F(LiveScanTls, HardenedHttpsAppBehindRedirectIsClean) {
  int tls_port = FreePort();
  int http_port = FreePort();
  PythonServer app("flask_app.py",
                   {"--port", std::to_string(tls_port), "--profile", "hardened", "--tls-cert", certs_ + "/good.pem",
                    "--tls-key", certs_ + "/good.key"},
                   tls_port);
  PythonServer redirector("flask_app.py",
                          {"--port", std::to_string(http_port), "--profile", "hardened", "--redirect-to",
                           Local(tls_port, "https")},
                          http_port);
  ASSERT_TRUE(app.ready()) << app.Log();
  ASSERT_TRUE(redirector.ready()) << redirector.Log();
  // Named by its plain-HTTP address: the scan follows the redirect, learns the
  // HTTPS port from it and audits both sides.
  ScanOptions options = Options(Local(http_port));
  options.https_port = 0;
  options.ca_file = certs_ + "/ca.pem";
  ScanResult result = RunScan(options);
  ASSERT_EQ(result.fatal_error, "");
  EXPECT_EQ(Codes(result.findings), CodeSet{}) << Describe(result);
  EXPECT_EQ(result.final_url, Local(tls_port, "https"));
  EXPECT_EQ(result.grades.letter, 'A');

  // Without --cacert the private CA is unknown: a finding, and the scan goes on.
  options.ca_file.clear();
  options.passive = true;
  ScanResult untrusted = RunScan(options);
  ASSERT_EQ(untrusted.fatal_error, "");
  EXPECT_EQ(Codes(untrusted.findings), CodeSet{"WEB113"}) << Describe(untrusted);
}

TEST_F(LiveScanTls, InsecureHttpsAppFiresTransportAndCspRules) {
  int tls_port = FreePort();
  int http_port = FreePort();
  PythonServer app("flask_app.py",
                   {"--port", std::to_string(tls_port), "--profile", "insecure", "--tls-cert", certs_ + "/bad.pem",
                    "--tls-key", certs_ + "/bad.key", "--tls-legacy", "--tls-weak-ciphers", "--csp", "weak",
                    "--hsts", "max-age=3600"},
                   tls_port);
  // The plain-HTTP twin serves pages instead of redirecting.
  PythonServer twin("flask_app.py", {"--port", std::to_string(http_port), "--profile", "insecure"}, http_port);
  ASSERT_TRUE(app.ready()) << app.Log();
  ASSERT_TRUE(twin.ready()) << twin.Log();
  ScanOptions options = Options(Local(tls_port, "https"));
  options.http_port = http_port;
  options.passive = true;
  ScanResult result = RunScan(options);
  ASSERT_EQ(result.fatal_error, "");
  ExpectFires(result, {"WEB102", "WEB103", "WEB111", "WEB112", "WEB113", "WEB114", "WEB115", "WEB116", "WEB121",
                       "WEB122", "WEB123", "WEB124"});
  ExpectSilent(result, {"WEB101", "WEB104", "WEB110", "WEB120", "WEB125"});
  for (const Finding& finding : result.findings) {
    if (finding.rule_code == "WEB113") EXPECT_NE(finding.message.find("self-signed"), std::string::npos);
    if (finding.rule_code == "WEB114") EXPECT_NE(finding.message.find("expires in"), std::string::npos);
  }
}

TEST_F(LiveScanTls, HstsWithoutPreloadAndWithoutHeader) {
  int strong_port = FreePort();
  int none_port = FreePort();
  auto args = [&](int port, const std::string& hsts) {
    return std::vector<std::string>{"--port", std::to_string(port), "--profile", "hardened", "--tls-cert",
                                    certs_ + "/good.pem", "--tls-key", certs_ + "/good.key", "--hsts", hsts};
  };
  PythonServer no_preload("flask_app.py", args(strong_port, "max-age=31536000; includeSubDomains"), strong_port);
  PythonServer no_hsts("flask_app.py", args(none_port, "none"), none_port);
  ASSERT_TRUE(no_preload.ready()) << no_preload.Log();
  ASSERT_TRUE(no_hsts.ready()) << no_hsts.Log();
  ScanOptions options = Options(Local(strong_port, "https"));
  options.ca_file = certs_ + "/ca.pem";
  options.passive = true;
  ScanResult first = RunScan(options);
  EXPECT_EQ(Codes(first.findings), CodeSet{"WEB104"}) << Describe(first);
  options.target = Local(none_port, "https");
  ScanResult second = RunScan(options);
  EXPECT_EQ(Codes(second.findings), CodeSet{"WEB101"}) << Describe(second);
}

// --- Django and FastAPI -----------------------------------------------------

TEST(LiveScanDjango, DebugOnShowsTechnicalPages) {
  int port = FreePort();
  PythonServer app("django_app.py", {"--port", std::to_string(port), "--debug", "on"}, port);
  ASSERT_TRUE(app.ready()) << app.Log();
  ScanResult result = RunScan(Options(Local(port)));
  ASSERT_EQ(result.fatal_error, "");
  // Django's defaults: nosniff, same-origin referrer, X-Frame-Options DENY,
  // HttpOnly+Lax session, CSRF enforced; DEBUG and the dev server leak.
  CodeSet expected = {"WEB110", "WEB125", "WEB133", "WEB134", "WEB135", "WEB140", "WEB151", "WEB170"};
  EXPECT_EQ(Codes(result.findings), expected) << Describe(result);
  // Both technical pages: the 404 for a missing path and the 500 of /report/.
  std::set<std::string> pages;
  for (const Finding& finding : result.findings) {
    if (finding.rule_code == "WEB151") pages.insert(finding.message.substr(0, finding.message.find(" page")));
  }
  EXPECT_EQ(pages, (std::set<std::string>{"django technical 404", "django technical error"})) << Describe(result);
}

TEST(LiveScanDjango, DebugOffHardenedOnlyLacksHttps) {
  int port = FreePort();
  PythonServer app("django_app.py", {"--port", std::to_string(port), "--debug", "off"}, port);
  ASSERT_TRUE(app.ready()) << app.Log();
  ScanResult result = RunScan(Options(Local(port)));
  ASSERT_EQ(result.fatal_error, "");
  EXPECT_EQ(Codes(result.findings), CodeSet{"WEB110"}) << Describe(result);
}

TEST(LiveScanFastApi, DocsExposedByDefaultAndHiddenWhenTurnedOff) {
  int open_port = FreePort();
  int hidden_port = FreePort();
  PythonServer open("fastapi_app.py", {"--port", std::to_string(open_port)}, open_port);
  PythonServer hidden("fastapi_app.py", {"--port", std::to_string(hidden_port), "--hide-docs"}, hidden_port);
  ASSERT_TRUE(open.ready()) << open.Log();
  ASSERT_TRUE(hidden.ready()) << hidden.Log();
  ScanOptions options = Options(Local(open_port));
  options.passive = true;
  ScanResult exposed = RunScan(options);
  ExpectFires(exposed, {"WEB152"});
  options.target = Local(hidden_port);
  ScanResult closed = RunScan(options);
  ExpectSilent(closed, {"WEB152"});
  ExpectFires(closed, {"WEB120"});  // the same app, still scanned
}

// --- The command line: exit codes, errors, formats --------------------------

TEST(LiveScanCli, UnusableTargetsExitTwoWithAClearMessage) {
  CommandResult bad_url = RunRampart({"scan", "ftp://127.0.0.1/"}, 20);
  EXPECT_EQ(bad_url.exit_code, 2);
  EXPECT_NE(bad_url.err.find("not an absolute http:// or https:// URL"), std::string::npos) << bad_url.err;

  CommandResult missing = RunRampart({"scan"}, 20);
  EXPECT_EQ(missing.exit_code, 2) << missing.err;

  CommandResult bad_option = RunRampart({"scan", "http://127.0.0.1/", "--max-requests", "0"}, 20);
  EXPECT_EQ(bad_option.exit_code, 2);
  EXPECT_NE(bad_option.err.find("--max-requests"), std::string::npos) << bad_option.err;

  CommandResult bad_header = RunRampart({"scan", "http://127.0.0.1/", "--header", "nocolon"}, 20);
  EXPECT_EQ(bad_header.exit_code, 2);

  int closed = FreePort();
  CommandResult refused = RunRampart({"scan", Local(closed)}, 20);
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("connection refused"), std::string::npos) << refused.err;
  EXPECT_TRUE(refused.out.empty());
}

TEST(LiveScanCli, SilentServerTimesOutInsteadOfHanging) {
  // Accepts connections (the kernel completes the handshake from the backlog)
  // but never answers.
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  ASSERT_EQ(listen(fd, 16), 0);
  socklen_t length = sizeof(address);
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  int port = ntohs(address.sin_port);
  CommandResult result = RunRampart({"scan", Local(port), "--timeout", "1"}, 30);
  close(fd);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("timed out"), std::string::npos) << result.err;
  EXPECT_LT(result.seconds, 10);
}

TEST(LiveScanCli, RedirectLoopExitsTwo) {
  int port = FreePort();
  PythonServer app("flask_app.py", {"--port", std::to_string(port), "--profile", "hardened"}, port);
  ASSERT_TRUE(app.ready()) << app.Log();
  CommandResult result = RunRampart({"scan", Local(port) + "loop-a"}, 30);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("redirect loop"), std::string::npos) << result.err;
}

TEST(LiveScanCli, ExitCodesFollowFailOn) {
  int port = FreePort();
  PythonServer app("django_app.py", {"--port", std::to_string(port), "--debug", "off"}, port);
  ASSERT_TRUE(app.ready()) << app.Log();
  std::string https_port = std::to_string(FreePort());
  // Only WEB110 (high) is found: it fails the default threshold and `high`,
  // not `critical`.
  CommandResult plain = RunRampart({"scan", Local(port), "--https-port", https_port, "--passive"}, 60);
  EXPECT_EQ(plain.exit_code, 1) << plain.err;
  EXPECT_NE(plain.out.find("WEB110"), std::string::npos);
  EXPECT_NE(plain.out.find("overall"), std::string::npos);  // grades follow a text report
  CommandResult high = RunRampart({"scan", Local(port), "--https-port", https_port, "--passive", "--fail-on", "high"}, 60);
  EXPECT_EQ(high.exit_code, 1);
  CommandResult critical =
      RunRampart({"scan", Local(port), "--https-port", https_port, "--passive", "--fail-on", "critical"}, 60);
  EXPECT_EQ(critical.exit_code, 0) << critical.err;
  CommandResult ignored =
      RunRampart({"scan", Local(port), "--https-port", https_port, "--passive", "--ignore", "WEB110"}, 60);
  EXPECT_EQ(ignored.exit_code, 0) << ignored.out;
  CommandResult bad_level = RunRampart({"scan", Local(port), "--fail-on", "severe"}, 20);
  EXPECT_EQ(bad_level.exit_code, 2);
}

TEST(LiveScanCli, JsonAndSarifCarryTheCheckFields) {
  int port = FreePort();
  PythonServer app("flask_app.py", {"--port", std::to_string(port), "--profile", "insecure"}, port);
  ASSERT_TRUE(app.ready()) << app.Log();
  std::string https_port = std::to_string(FreePort());
  std::string out_dir = testing::MakeTempDir();
  CommandResult json = RunRampart(
      {"scan", Local(port), "--https-port", https_port, "--passive", "--format", "json", "-o", out_dir + "/r.json"}, 60);
  EXPECT_EQ(json.exit_code, 1) << json.err;
  EXPECT_TRUE(json.out.empty());                             // the report went to the file
  EXPECT_NE(json.err.find("overall"), std::string::npos);    // grades to stderr
  std::ifstream file(out_dir + "/r.json");
  nlohmann::json doc = nlohmann::json::parse(file, nullptr, false);
  ASSERT_FALSE(doc.is_discarded());
  ASSERT_TRUE(doc["findings"].is_array());
  ASSERT_FALSE(doc["findings"].empty());
  bool saw_debugger = false;
  for (const auto& finding : doc["findings"]) {
    for (const char* key : {"code", "name", "cwe", "severity", "confidence", "practice", "path", "evidence", "message"}) {
      EXPECT_TRUE(finding.contains(key)) << key;
    }
    if (finding["code"] == "WEB150") {
      saw_debugger = true;
      EXPECT_EQ(finding["name"], "werkzeug-debugger-exposed");
      EXPECT_EQ(finding["severity"], "critical");
      EXPECT_EQ(finding["practice"], "framework-security");
      EXPECT_EQ(finding["path"], Local(port) + "console");
      EXPECT_NE(finding["evidence"].get<std::string>().find("GET " + Local(port) + "console"), std::string::npos);
    }
  }
  EXPECT_TRUE(saw_debugger);

  CommandResult sarif = RunRampart({"scan", Local(port), "--https-port", https_port, "--passive", "--format", "sarif"}, 60);
  EXPECT_EQ(sarif.exit_code, 1);
  nlohmann::json log = nlohmann::json::parse(sarif.out, nullptr, false);
  ASSERT_FALSE(log.is_discarded()) << sarif.out.substr(0, 200);
  const auto& results = log["runs"][0]["results"];
  ASSERT_FALSE(results.empty());
  EXPECT_TRUE(results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                  .get<std::string>()
                  .starts_with("http://127.0.0.1:"));

  for (const char* format : {"junit", "github"}) {
    CommandResult other = RunRampart({"scan", Local(port), "--https-port", https_port, "--passive", "--format", format}, 60);
    EXPECT_EQ(other.exit_code, 1) << format;
    EXPECT_NE(other.out.find("WEB150"), std::string::npos) << format;
  }
  testing::RemoveTree(out_dir);
  CommandResult unknown = RunRampart({"scan", Local(port), "--format", "yaml"}, 20);
  EXPECT_EQ(unknown.exit_code, 2);
}

}  // namespace
}  // namespace rampart::live
