// ClientCache<T>: cloud clients built once per key (region, project) and
// shared by every RPC afterwards.
//
// Building may be slow (the Huawei factory asks Keystone for a token), so it
// runs without the cache's lock held: other keys are served meanwhile, and
// callers of the same key wait for the one build in progress instead of
// starting their own. A waiting caller returns Cancelled when its
// cancellation fires (StopProvider, the operation's timeout). A failed build
// is not remembered: the next caller tries again. Thread-safe.
#ifndef POLYBACKUP_RESOURCES_COMMON_CLIENT_CACHE_H_
#define POLYBACKUP_RESOURCES_COMMON_CLIENT_CACHE_H_

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "absl/status/statusor.h"
#include "base/cancellation.h"

namespace polybackup::resources {

template <class T>
class ClientCache {
 public:
  using Build = std::function<absl::StatusOr<std::shared_ptr<const T>>()>;

  absl::StatusOr<std::shared_ptr<const T>> Get(const std::string& key, const Build& build,
                                               const Cancellation* cancel) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      while (true) {
        Slot& slot = slots_[key];
        if (slot.value) return slot.value;
        if (!slot.building) {
          slot.building = true;
          break;
        }
        // Another caller is building this key. The short timed wait lets a
        // cancelled caller leave without a wake-up from the builder.
        if (cancel != nullptr && cancel->cancelled()) {
          return absl::CancelledError("stopped while waiting for the cloud client to be set up");
        }
        cv_.wait_for(lock, std::chrono::milliseconds(50));
      }
    }
    absl::StatusOr<std::shared_ptr<const T>> built;
    try {
      built = build();
    } catch (...) {
      Finish(key, nullptr);  // never leave the key "building" for ever
      throw;
    }
    Finish(key, built.ok() ? *built : nullptr);
    return built;
  }

 private:
  void Finish(const std::string& key, std::shared_ptr<const T> value) {
    std::lock_guard<std::mutex> lock(mu_);
    Slot& slot = slots_[key];
    slot.building = false;
    slot.value = std::move(value);
    cv_.notify_all();
  }

  struct Slot {
    std::shared_ptr<const T> value;
    bool building = false;
  };
  std::mutex mu_;
  std::condition_variable cv_;
  std::map<std::string, Slot> slots_;
};

}  // namespace polybackup::resources

#endif  // POLYBACKUP_RESOURCES_COMMON_CLIENT_CACHE_H_
