#include "live_test_support.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

extern char** environ;

namespace rampart::live::testing {
namespace {

using Clock = std::chrono::steady_clock;

double Since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

pid_t Spawn(const std::vector<std::string>& argv, const std::string& out_path, const std::string& err_path) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  std::vector<char*> raw;
  for (const std::string& arg : argv) raw.push_back(const_cast<char*>(arg.c_str()));
  raw.push_back(nullptr);
  pid_t pid = -1;
  if (posix_spawn(&pid, raw[0], &actions, nullptr, raw.data(), environ) != 0) pid = -1;
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

// Waits for `pid` up to `seconds`; returns the exit code, or -1 after killing it.
int WaitBounded(pid_t pid, double seconds) {
  auto start = Clock::now();
  while (true) {
    int status = 0;
    pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    if (Since(start) > seconds) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

}  // namespace

int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address));
  socklen_t length = sizeof(address);
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  int port = ntohs(address.sin_port);
  close(fd);
  return port;
}

bool WaitForPort(int port, double seconds) {
  auto start = Clock::now();
  while (Since(start) < seconds) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<uint16_t>(port));
    bool ok = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0;
    close(fd);
    if (ok) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

std::string SourceDir() {
  const char* dir = std::getenv("RAMPART_SOURCE_DIR");
  return dir != nullptr ? dir : RAMPART_SOURCE_DIR;
}

std::string MakeTempDir() {
  std::string pattern = "/tmp/rampart-live-XXXXXX";
  char* made = mkdtemp(pattern.data());
  return made != nullptr ? made : "/tmp";
}

void RemoveTree(const std::string& dir) {
  if (!dir.starts_with("/tmp/rampart-live-")) return;
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
}

PythonServer::PythonServer(const std::string& script, std::vector<std::string> args, int port) : port_(port) {
  dir_ = MakeTempDir();
  log_path_ = dir_ + "/server.log";
  std::vector<std::string> argv = {"/usr/bin/python3", SourceDir() + "/tests/live/apps/" + script};
  argv.insert(argv.end(), args.begin(), args.end());
  pid_ = Spawn(argv, log_path_, log_path_ + ".err");
  ready_ = pid_ > 0 && WaitForPort(port, 20);
}

PythonServer::~PythonServer() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    WaitBounded(pid_, 3);  // escalates to SIGKILL and reaps it when needed
  }
  RemoveTree(dir_);
}

std::string PythonServer::Log() const { return ReadFile(log_path_) + ReadFile(log_path_ + ".err"); }

CommandResult RunRampart(const std::vector<std::string>& args, double deadline_seconds) {
  const char* env = std::getenv("RAMPART");
  std::vector<std::string> argv = {env != nullptr ? env : RAMPART_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  std::string dir = MakeTempDir();
  CommandResult result;
  auto start = Clock::now();
  pid_t pid = Spawn(argv, dir + "/out", dir + "/err");
  if (pid <= 0) return result;
  result.exit_code = WaitBounded(pid, deadline_seconds);
  result.seconds = Since(start);
  result.out = ReadFile(dir + "/out");
  result.err = ReadFile(dir + "/err");
  RemoveTree(dir);
  return result;
}

std::set<std::string> Codes(const std::vector<Finding>& findings) {
  std::set<std::string> codes;
  for (const Finding& finding : findings) codes.insert(finding.rule_code);
  return codes;
}

std::string MakeCertificates() {
  std::string dir = MakeTempDir();
  std::string command = "sh '" + SourceDir() + "/tests/live/make_certs.sh' '" + dir + "'";
  if (std::system(command.c_str()) != 0) {
    RemoveTree(dir);
    return "";
  }
  return dir;
}

}  // namespace rampart::live::testing
