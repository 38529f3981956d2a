// DeadlineWatcher: cancels a Cancellation when its deadline passes, so a
// resource's `timeouts` reach blocking work (retry sleeps, HTTP transfers)
// through the one cancellation path StopProvider also uses.
//
// One background thread, started lazily on the first Watch(), joined by the
// destructor. Thread-safe.
#ifndef POLYBACKUP_TFPLUGIN_FRAMEWORK_DEADLINE_WATCHER_H_
#define POLYBACKUP_TFPLUGIN_FRAMEWORK_DEADLINE_WATCHER_H_

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "base/cancellation.h"

namespace polybackup::framework {

class DeadlineWatcher {
 public:
  DeadlineWatcher() = default;
  ~DeadlineWatcher();
  DeadlineWatcher(const DeadlineWatcher&) = delete;
  DeadlineWatcher& operator=(const DeadlineWatcher&) = delete;

  // Cancels `c` with `reason` once `timeout` (real time) has elapsed, unless
  // `c` has been released (its last owner dropped it) before. Only a weak
  // reference is kept.
  void Watch(const CancellationPtr& c, std::chrono::nanoseconds timeout, std::string reason);

 private:
  void Run();

  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
  std::multimap<std::chrono::steady_clock::time_point,
                std::pair<std::weak_ptr<Cancellation>, std::string>>
      pending_;
};

}  // namespace polybackup::framework

#endif  // POLYBACKUP_TFPLUGIN_FRAMEWORK_DEADLINE_WATCHER_H_
