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

// A child started in a process group of its own, its output collected in
// files meanwhile, so a test can signal the whole group the way a terminal
// does on Ctrl-C (SIGINT to the foreground process group: Terraform and the
// providers it started) and then wait for the outcome.
class GroupProcess {
 public:
  // Starts argv[0] (looked up on PATH) with stdin /dev/null. started() says
  // whether it did; a spawn failure leaves the reason in Wait()'s `err`.
  GroupProcess(const std::vector<std::string>& argv, const ProcessOptions& options);
  ~GroupProcess();  // SIGKILLs the group when still running
  GroupProcess(const GroupProcess&) = delete;
  GroupProcess& operator=(const GroupProcess&) = delete;

  bool started() const { return pid_ > 0; }
  // Sends `signal` to every process of the group; false once it has exited.
  bool SignalGroup(int signal);
  // Waits for the child to exit and returns its exit code and output; after
  // `timeout` the group is SIGKILLed and the result says timed_out.
  ProcessResult Wait(std::chrono::milliseconds timeout);

 private:
  int pid_ = -1;
  int out_fd_ = -1;
  int err_fd_ = -1;
  std::string spawn_error_;
};

}  // namespace polybackup::acceptance

#endif  // POLYBACKUP_ACCEPTANCE_HARNESS_PROCESS_H_
