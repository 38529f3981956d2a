// How a plugin server learns it should stop: the go-plugin Shutdown RPC, or a
// signal. Signals are blocked in every thread and collected by one thread
// with sigwait(), so no async-signal-unsafe code ever runs in a handler and
// gRPC's own threads never see them.
#ifndef POLYBACKUP_TFPLUGIN_SERVER_STOP_SIGNAL_H_
#define POLYBACKUP_TFPLUGIN_SERVER_STOP_SIGNAL_H_

#include <pthread.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

namespace polybackup::tfplugin {

enum class StopReason { kShutdownRpc, kTerminate, kInterrupt };

const char* StopReasonName(StopReason reason);

// A one-shot latch. The first Trigger() wins; later ones are ignored.
// Thread-safe.
class StopLatch {
 public:
  void Trigger(StopReason reason);
  // Blocks until triggered; returns the first reason.
  StopReason Wait();
  std::optional<StopReason> reason() const;

 private:
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::optional<StopReason> reason_;
};

// Blocks SIGINT, SIGTERM and the watcher's internal wake-up signal (SIGUSR2)
// in the calling thread, resets SIGINT/SIGTERM to their default disposition
// (an inherited SIG_IGN would make sigwait miss them), and ignores SIGPIPE. Must run in main()
// before any thread exists (gRPC starts threads lazily), so every later thread inherits the mask.
// Returns false if pthread_sigmask fails.
bool BlockServerSignals();

// A thread that sigwait()s for SIGTERM and SIGINT.
// SIGTERM triggers the latch with kTerminate. SIGINT is ignored and logged
// ("plugin received interrupt signal, ignoring", as go-plugin does: Ctrl-C
// reaches the whole process group and Terraform still needs the plugin to
// finish writing state), unless `interrupt_stops` (debug mode), where it
// triggers kInterrupt. The destructor stops and joins the thread.
class SignalWatcher {
 public:
  SignalWatcher(StopLatch* latch, bool interrupt_stops);
  ~SignalWatcher();
  SignalWatcher(const SignalWatcher&) = delete;
  SignalWatcher& operator=(const SignalWatcher&) = delete;

  // Number of SIGINTs ignored so far.
  int ignored_interrupts() const { return ignored_.load(); }

 private:
  void Run();
  StopLatch* latch_;
  bool interrupt_stops_;
  std::atomic<bool> stopping_{false};
  std::atomic<int> ignored_{0};
  std::thread thread_;
};

}  // namespace polybackup::tfplugin

#endif  // POLYBACKUP_TFPLUGIN_SERVER_STOP_SIGNAL_H_
