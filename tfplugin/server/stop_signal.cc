#include "tfplugin/server/stop_signal.h"

#include <csignal>
#include <string>

#include "base/logging.h"

namespace polybackup::tfplugin {
namespace {

// Wakes the watcher thread so it can exit; never sent from outside.
constexpr int kWakeSignal = SIGUSR2;

sigset_t WatchedSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, kWakeSignal);
  return set;
}

}  // namespace

const char* StopReasonName(StopReason reason) {
  switch (reason) {
    case StopReason::kShutdownRpc:
      return "shutdown requested by the plugin client";
    case StopReason::kTerminate:
      return "SIGTERM";
    case StopReason::kInterrupt:
      return "SIGINT";
  }
  return "unknown";
}

void StopLatch::Trigger(StopReason reason) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (reason_.has_value()) return;
    reason_ = reason;
  }
  cv_.notify_all();
}

StopReason StopLatch::Wait() {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [this] { return reason_.has_value(); });
  return *reason_;
}

std::optional<StopReason> StopLatch::reason() const {
  std::lock_guard<std::mutex> lock(mu_);
  return reason_;
}

bool BlockServerSignals() {
  std::signal(SIGPIPE, SIG_IGN);
  // Shells start background jobs with SIGINT ignored. POSIX leaves it
  // unspecified whether a blocked signal whose action is SIG_IGN stays
  // pending for sigwait() (Linux keeps it, others may discard it), so reset
  // the dispositions: `provider -debug &` must still stop on kill -INT.
  // They stay blocked, so no handler ever runs.
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  sigset_t set = WatchedSignals();
  return pthread_sigmask(SIG_BLOCK, &set, nullptr) == 0;
}

SignalWatcher::SignalWatcher(StopLatch* latch, bool interrupt_stops)
    : latch_(latch), interrupt_stops_(interrupt_stops), thread_([this] { Run(); }) {}

SignalWatcher::~SignalWatcher() {
  stopping_.store(true);
  pthread_kill(thread_.native_handle(), kWakeSignal);
  thread_.join();
}

void SignalWatcher::Run() {
  const sigset_t set = WatchedSignals();
  while (!stopping_.load()) {
    int sig = 0;
    if (sigwait(&set, &sig) != 0) continue;
    if (sig == SIGTERM) {
      log::Info("plugin received SIGTERM, stopping");
      latch_->Trigger(StopReason::kTerminate);
    } else if (sig == SIGINT) {
      if (interrupt_stops_) {
        log::Info("plugin received interrupt signal, stopping (debug mode)");
        latch_->Trigger(StopReason::kInterrupt);
      } else {
        int count = ++ignored_;
        log::Info("plugin received interrupt signal, ignoring", {{"count", std::to_string(count)}});
      }
    }
  }
}

}  // namespace polybackup::tfplugin
