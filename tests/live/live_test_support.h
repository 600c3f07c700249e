// Test support for the live scanner: free ports, Python test servers started
// and stopped with bounded waits, running the rampart binary with a deadline,
// and TLS material made by tests/live/make_certs.sh. Every server binds
// 127.0.0.1 only and is killed (SIGTERM, then SIGKILL) when its object dies.
#pragma once

#include <sys/types.h>

#include <set>
#include <string>
#include <vector>

#include "base/finding.h"

namespace rampart::live::testing {

int FreePort();
bool WaitForPort(int port, double seconds);
std::string SourceDir();
std::string MakeTempDir();
void RemoveTree(const std::string& dir);  // only under /tmp/rampart-live-

class PythonServer {
 public:
  // Runs /usr/bin/python3 tests/live/apps/<script> with `args`, then waits
  // (at most 20 s) until `port` accepts connections.
  PythonServer(const std::string& script, std::vector<std::string> args, int port);
  ~PythonServer();
  PythonServer(const PythonServer&) = delete;
  PythonServer& operator=(const PythonServer&) = delete;

  bool ready() const { return ready_; }
  int port() const { return port_; }
  std::string Log() const;  // what the server printed, for failure messages

 private:
  pid_t pid_ = -1;
  int port_;
  std::string dir_;
  bool ready_ = false;
  std::string log_path_;
};

struct CommandResult {
  int exit_code = -1;  // -1: killed at the deadline
  std::string out;
  std::string err;
  double seconds = 0;
};
// Runs the built rampart binary (env RAMPART, else RAMPART_BINARY).
CommandResult RunRampart(const std::vector<std::string>& args, double deadline_seconds);

std::set<std::string> Codes(const std::vector<Finding>& findings);

// Certificates in a fresh temp dir: ca.pem, good.pem/key, bad.pem/key.
// Empty string when openssl failed. The caller removes the dir (RemoveTree).
std::string MakeCertificates();

}  // namespace rampart::live::testing
