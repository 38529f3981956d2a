// Running a child process with a given environment and capturing its output.
// Test-side only (the acceptance harness); the provider itself never spawns.
#ifndef POLYBACKUP_ACCEPTANCE_HARNESS_PROCESS_H_
#define POLYBACKUP_ACCEPTANCE_HARNESS_PROCESS_H_

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace polybackup::acceptance {

struct ProcessResult {
  int exit_code = -1;  // -1 when killed by a signal or on a timeout
  bool timed_out = false;
  std::string out;  // stdout
  std::string err;  // stderr
};

struct ProcessOptions {
  std::string working_dir;                 // empty: inherit
  std::map<std::string, std::string> env;  // added to / overriding this process's environment
  std::vector<std::string> unset_env;      // removed from the inherited environment
  std::chrono::seconds timeout{600};
  std::string stdin_data;  // what the child reads on stdin (empty: /dev/null)
};

// Runs argv[0] (looked up on PATH) to completion. Never throws; a spawn failure
// is reported as exit_code -1 with the reason in `err`.
ProcessResult RunProcess(const std::vector<std::string>& argv, const ProcessOptions& options);

// A child that keeps running (the emulators): started with stdin a pipe, so
// closing it (or destruction) ends the child.
class BackgroundProcess {
 public:
  BackgroundProcess(const std::vector<std::string>& argv, const ProcessOptions& options);
  ~BackgroundProcess();
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  bool started() const { return pid_ > 0; }
  // Reads one line of the child's stdout (without '\n'); empty on EOF/timeout.
  std::string ReadLine(std::chrono::milliseconds timeout);
  void Stop();

 private:
  int pid_ = -1;
  int stdin_fd_ = -1;
  int stdout_fd_ = -1;
  std::string buffer_;
};

}  // namespace polybackup::acceptance

#endif  // POLYBACKUP_ACCEPTANCE_HARNESS_PROCESS_H_
