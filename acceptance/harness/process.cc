#include "acceptance/harness/process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <set>

extern char** environ;

namespace polybackup::acceptance {
namespace {

std::vector<std::string> BuildEnvironment(const ProcessOptions& options) {
  std::set<std::string> drop(options.unset_env.begin(), options.unset_env.end());
  for (const auto& [k, v] : options.env) drop.insert(k);
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string entry(*e);
    std::string key = entry.substr(0, entry.find('='));
    if (!drop.count(key)) env.push_back(entry);
  }
  for (const auto& [k, v] : options.env) env.push_back(k + "=" + v);
  return env;
}

std::vector<char*> CStrings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

// posix_spawn has no chdir before glibc 2.29's addchdir_np; Debian 12 has it.
int Spawn(const std::vector<std::string>& argv_in, const ProcessOptions& options, int in_fd,
          int out_fd, int err_fd, std::string* error, bool own_group = false) {
  std::vector<std::string> argv = argv_in;
  std::vector<std::string> env = BuildEnvironment(options);
  auto cargv = CStrings(argv);
  auto cenv = CStrings(env);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (in_fd >= 0) posix_spawn_file_actions_adddup2(&actions, in_fd, 0);
  posix_spawn_file_actions_adddup2(&actions, out_fd, 1);
  posix_spawn_file_actions_adddup2(&actions, err_fd, 2);
  if (!options.working_dir.empty()) {
    posix_spawn_file_actions_addchdir_np(&actions, options.working_dir.c_str());
  }
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  if (own_group) {
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attr, 0);  // a group named after the child
  }
  pid_t pid = -1;
  // Look the program up in the *child's* PATH, as a shell would.
  int rc = posix_spawnp(&pid, cargv[0], &actions, &attr, cargv.data(), cenv.data());
  posix_spawnattr_destroy(&attr);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    *error = "spawn " + argv[0] + ": " + strerror(rc);
    return -1;
  }
  return pid;
}

// An unlinked temporary file: output of any size, no reader needed meanwhile.
int TempFile() {
  const char* tmp = std::getenv("TMPDIR");
  std::string path = std::string(tmp && *tmp ? tmp : "/tmp") + "/polybackup-out-XXXXXX";
  int fd = mkostemp(path.data(), O_CLOEXEC);
  if (fd >= 0) unlink(path.c_str());
  return fd;
}

std::string ReadAll(int fd) {
  std::string out;
  if (fd < 0 || lseek(fd, 0, SEEK_SET) != 0) return out;
  char buf[65536];
  ssize_t r;
  while ((r = read(fd, buf, sizeof(buf))) > 0 || (r < 0 && errno == EINTR)) {
    if (r > 0) out.append(buf, r);
  }
  return out;
}

}  // namespace

ProcessResult RunProcess(const std::vector<std::string>& argv, const ProcessOptions& options) {
  ProcessResult result;
  int out_pipe[2], err_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0 || pipe2(err_pipe, O_CLOEXEC) != 0) {
    result.err = "pipe failed";
    return result;
  }
  // stdin: the given text through an unlinked temporary file (no writer
  // thread, no pipe-size limit), else /dev/null.
  int in_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (!options.stdin_data.empty()) {
    char path[] = "/tmp/polybackup-stdin-XXXXXX";
    int fd = mkostemp(path, O_CLOEXEC);
    if (fd >= 0) {
      unlink(path);
      if (write(fd, options.stdin_data.data(), options.stdin_data.size()) ==
              static_cast<ssize_t>(options.stdin_data.size()) &&
          lseek(fd, 0, SEEK_SET) == 0) {
        close(in_fd);
        in_fd = fd;
      } else {
        close(fd);
      }
    }
  }
  std::string error;
  int pid = Spawn(argv, options, in_fd, out_pipe[1], err_pipe[1], &error);
  close(in_fd);
  close(out_pipe[1]);
  close(err_pipe[1]);
  if (pid < 0) {
    close(out_pipe[0]);
    close(err_pipe[0]);
    result.err = error;
    return result;
  }
  auto deadline = std::chrono::steady_clock::now() + options.timeout;
  struct pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  int open_fds = 2;
  char buf[65536];
  while (open_fds > 0) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      result.timed_out = true;
      kill(pid, SIGKILL);
      break;
    }
    int n = poll(fds, 2, static_cast<int>(std::min<long>(left.count(), 1000)));
    if (n < 0 && errno != EINTR) break;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t r = read(fds[i].fd, buf, sizeof(buf));
      if (r > 0) {
        (i == 0 ? result.out : result.err).append(buf, r);
      } else if (r == 0 || errno != EINTR) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      }
    }
  }
  for (auto& f : fds) {
    if (f.fd >= 0) close(f.fd);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

BackgroundProcess::BackgroundProcess(const std::vector<std::string>& argv,
                                     const ProcessOptions& options) {
  int in_pipe[2], out_pipe[2];
  if (pipe2(in_pipe, O_CLOEXEC) != 0 || pipe2(out_pipe, O_CLOEXEC) != 0) return;
  std::string error;
  pid_ = Spawn(argv, options, in_pipe[0], out_pipe[1], 2, &error);
  close(in_pipe[0]);
  close(out_pipe[1]);
  stdin_fd_ = in_pipe[1];
  stdout_fd_ = out_pipe[0];
}

BackgroundProcess::~BackgroundProcess() { Stop(); }

std::string BackgroundProcess::ReadLine(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  char buf[4096];
  while (true) {
    auto nl = buffer_.find('\n');
    if (nl != std::string::npos) {
      std::string line = buffer_.substr(0, nl);
      buffer_.erase(0, nl + 1);
      return line;
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0 || stdout_fd_ < 0) return "";
    struct pollfd pfd = {stdout_fd_, POLLIN, 0};
    if (poll(&pfd, 1, static_cast<int>(left.count())) <= 0) continue;
    ssize_t r = read(stdout_fd_, buf, sizeof(buf));
    if (r <= 0) return "";
    buffer_.append(buf, r);
  }
}

void BackgroundProcess::Stop() {
  if (pid_ <= 0) return;
  if (stdin_fd_ >= 0) close(stdin_fd_);
  kill(pid_, SIGTERM);
  int status = 0;
  for (int i = 0; i < 50; ++i) {
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      break;
    }
    usleep(20000);
  }
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, &status, 0);
  }
  pid_ = -1;
  stdin_fd_ = -1;
  if (stdout_fd_ >= 0) close(stdout_fd_);
  stdout_fd_ = -1;
}

GroupProcess::GroupProcess(const std::vector<std::string>& argv, const ProcessOptions& options) {
  out_fd_ = TempFile();
  err_fd_ = TempFile();
  int in_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (out_fd_ < 0 || err_fd_ < 0 || in_fd < 0) {
    spawn_error_ = "temporary files for the output could not be made";
  } else {
    pid_ = Spawn(argv, options, in_fd, out_fd_, err_fd_, &spawn_error_, /*own_group=*/true);
  }
  if (in_fd >= 0) close(in_fd);
}

GroupProcess::~GroupProcess() {
  if (pid_ > 0) {
    kill(-pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  if (out_fd_ >= 0) close(out_fd_);
  if (err_fd_ >= 0) close(err_fd_);
}

bool GroupProcess::SignalGroup(int signal) { return pid_ > 0 && kill(-pid_, signal) == 0; }

ProcessResult GroupProcess::Wait(std::chrono::milliseconds timeout) {
  ProcessResult result;
  if (pid_ <= 0) {
    result.err = spawn_error_.empty() ? "not running" : spawn_error_;
    return result;
  }
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  while (waitpid(pid_, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() >= deadline) {
      result.timed_out = true;
      kill(-pid_, SIGKILL);
      waitpid(pid_, &status, 0);
      break;
    }
    usleep(20000);
  }
  pid_ = -1;
  result.exit_code = !result.timed_out && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = ReadAll(out_fd_);
  result.err = ReadAll(err_fd_);
  return result;
}

}  // namespace polybackup::acceptance
