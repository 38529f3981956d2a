// Cancellation: how StopProvider and operation timeouts reach in-flight work.
//
// A Cancellation is shared (std::shared_ptr) between whoever may cancel (the
// provider on StopProvider, a deadline) and the work that must notice (retry
// sleeps, libcurl's progress callback, wait loops). Cancel() is sticky and
// wakes every waiter. Thread-safe.
#ifndef POLYBACKUP_BASE_CANCELLATION_H_
#define POLYBACKUP_BASE_CANCELLATION_H_

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>

namespace polybackup {

class Cancellation {
 public:
  Cancellation() = default;
  Cancellation(const Cancellation&) = delete;
  Cancellation& operator=(const Cancellation&) = delete;

  // Marks this cancelled with a reason ("Terraform asked the provider to stop")
  // and wakes every WaitFor(). Later calls keep the first reason.
  void Cancel(std::string reason);
  bool cancelled() const;
  std::string reason() const;

  // Sleeps up to `d`; returns true if cancelled before or during the wait.
  bool WaitFor(std::chrono::steady_clock::duration d) const;

 private:
  mutable std::mutex mu_;
  mutable std::condition_variable cv_;
  bool cancelled_ = false;
  std::string reason_;
};

using CancellationPtr = std::shared_ptr<Cancellation>;

}  // namespace polybackup

#endif  // POLYBACKUP_BASE_CANCELLATION_H_
