// GroupProcess: a child in a process group of its own, signalled the way a
// terminal signals its foreground job on Ctrl-C.
#include "acceptance/harness/process.h"

#include <doctest/doctest.h>
#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

using namespace polybackup::acceptance;
using std::chrono::milliseconds;

namespace {

// Waits until `path` exists (the child says it is ready).
bool Appears(const std::string& path, milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (std::filesystem::exists(path)) return true;
    std::this_thread::sleep_for(milliseconds(20));
  }
  return false;
}

}  // namespace

TEST_CASE("SIGINT to the group reaches the child and its own children") {
  const std::string ready =
      std::filesystem::temp_directory_path() / ("polybackup-group-" + std::to_string(getpid()));
  std::filesystem::remove(ready);
  // The shell traps INT; its foreground `sleep` (a grandchild of ours) has
  // the default action, so only a signal to the whole group ends it at once.
  GroupProcess shell({"sh", "-c",
                      "trap 'echo interrupted; exit 3' INT; echo ready; touch " + ready +
                          "; sleep 30; echo not reached"},
                     {});
  REQUIRE(shell.started());
  REQUIRE(Appears(ready, milliseconds(10000)));
  const auto sent = std::chrono::steady_clock::now();
  REQUIRE(shell.SignalGroup(SIGINT));
  ProcessResult r = shell.Wait(milliseconds(10000));
  CHECK_FALSE(r.timed_out);
  CHECK(r.exit_code == 3);
  CHECK(r.out == "ready\ninterrupted\n");
  CHECK(std::chrono::steady_clock::now() - sent < std::chrono::seconds(5));
  CHECK_FALSE(shell.SignalGroup(SIGINT));  // gone
  std::filesystem::remove(ready);
}

TEST_CASE("a group still running at the timeout is killed, and said so") {
  GroupProcess sleeper({"sh", "-c", "echo started >&2; sleep 30"}, {});
  REQUIRE(sleeper.started());
  ProcessResult r = sleeper.Wait(milliseconds(300));
  CHECK(r.timed_out);
  CHECK(r.exit_code == -1);
}

TEST_CASE("a program that cannot be started reports why") {
  GroupProcess missing({"polybackup-no-such-program"}, {});
  CHECK_FALSE(missing.started());
  CHECK(missing.Wait(milliseconds(100)).err.find("polybackup-no-such-program") !=
        std::string::npos);
}
