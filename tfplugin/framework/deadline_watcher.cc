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
  // Every wait has stop_ in its predicate: the destructor's notify may come
  // while this thread is not waiting (e.g. while it runs a Cancel()).
  while (!stop_) {
    const auto now = std::chrono::steady_clock::now();
    if (!pending_.empty() && pending_.begin()->first <= now) {
      auto [weak, reason] = pending_.begin()->second;
      pending_.erase(pending_.begin());
      if (auto c = weak.lock()) {
        lock.unlock();
        c->Cancel(reason);
        lock.lock();
      }
      continue;
    }
    // Drop entries whose call already finished.
    for (auto it = pending_.begin(); it != pending_.end();) {
      it = it->second.first.expired() ? pending_.erase(it) : std::next(it);
    }
    if (pending_.empty()) {
      cv_.wait(lock, [this] { return stop_ || !pending_.empty(); });
    } else {
      const auto next = pending_.begin()->first;
      cv_.wait_until(lock, next, [this, next] { return stop_ || pending_.begin()->first < next; });
    }
  }
}

}  // namespace polybackup::framework
