#include "tfplugin/server/stop_signal.h"

#include <doctest/doctest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <thread>

namespace polybackup::tfplugin {
namespace {

TEST_CASE("the first stop reason wins") {
  StopLatch latch;
  CHECK_FALSE(latch.reason().has_value());
  std::thread t([&] { latch.Trigger(StopReason::kShutdownRpc); });
  CHECK(latch.Wait() == StopReason::kShutdownRpc);
  t.join();
  latch.Trigger(StopReason::kTerminate);
  CHECK(latch.Wait() == StopReason::kShutdownRpc);
}

// Signals go to this test process itself; BlockServerSignals() runs before the
// watcher thread exists, exactly as in ServeMain.
TEST_CASE("SIGINT is counted and ignored, SIGTERM stops") {
  REQUIRE(BlockServerSignals());
  StopLatch latch;
  SignalWatcher watcher(&latch, /*interrupt_stops=*/false);
  REQUIRE(kill(getpid(), SIGINT) == 0);
  while (watcher.ignored_interrupts() == 0) std::this_thread::yield();
  CHECK_FALSE(latch.reason().has_value());
  REQUIRE(kill(getpid(), SIGTERM) == 0);
  CHECK(latch.Wait() == StopReason::kTerminate);
}

TEST_CASE("in debug mode SIGINT stops") {
  REQUIRE(BlockServerSignals());
  StopLatch latch;
  SignalWatcher watcher(&latch, /*interrupt_stops=*/true);
  REQUIRE(kill(getpid(), SIGINT) == 0);
  CHECK(latch.Wait() == StopReason::kInterrupt);
  CHECK(watcher.ignored_interrupts() == 0);
}

TEST_CASE("the watcher thread stops when destroyed without any signal") {
  REQUIRE(BlockServerSignals());
  StopLatch latch;
  { SignalWatcher watcher(&latch, false); }
  CHECK_FALSE(latch.reason().has_value());
}

}  // namespace
}  // namespace polybackup::tfplugin
