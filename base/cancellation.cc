#include "base/cancellation.h"

namespace polybackup {

void Cancellation::Cancel(std::string reason) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (cancelled_) return;
    cancelled_ = true;
    reason_ = std::move(reason);
  }
  cv_.notify_all();
}

bool Cancellation::cancelled() const {
  std::lock_guard<std::mutex> lock(mu_);
  return cancelled_;
}

std::string Cancellation::reason() const {
  std::lock_guard<std::mutex> lock(mu_);
  return reason_;
}

bool Cancellation::WaitFor(std::chrono::steady_clock::duration d) const {
  std::unique_lock<std::mutex> lock(mu_);
  return cv_.wait_for(lock, d, [this] { return cancelled_; });
}

}  // namespace polybackup
