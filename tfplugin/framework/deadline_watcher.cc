#include "tfplugin/framework/deadline_watcher.h"

namespace polybackup::framework {

DeadlineWatcher::~DeadlineWatcher() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void DeadlineWatcher::Watch(const CancellationPtr& c, std::chrono::nanoseconds timeout,
                            std::string reason) {
  if (!c) return;
  const auto at = std::chrono::steady_clock::now() +
                  std::chrono::duration_cast<std::chrono::steady_clock::duration>(timeout);
  {
    std::lock_guard<std::mutex> lock(mu_);
    pending_.emplace(at, std::make_pair(std::weak_ptr<Cancellation>(c), std::move(reason)));
    if (!thread_.joinable()) thread_ = std::thread([this] { Run(); });
  }
  cv_.notify_all();
}

void DeadlineWatcher::Run() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stop_) {
    const auto now = std::chrono::steady_clock::now();
    // Fire what is due; drop entries whose call already finished.
    while (!pending_.empty() && pending_.begin()->first <= now) {
      auto [weak, reason] = pending_.begin()->second;
      pending_.erase(pending_.begin());
      if (auto c = weak.lock()) {
        lock.unlock();
        c->Cancel(reason);
        lock.lock();
      }
    }
    for (auto it = pending_.begin(); it != pending_.end();) {
      it = it->second.first.expired() ? pending_.erase(it) : std::next(it);
    }
    if (pending_.empty()) {
      cv_.wait(lock);
    } else {
      cv_.wait_until(lock, pending_.begin()->first);
    }
  }
}

}  // namespace polybackup::framework
