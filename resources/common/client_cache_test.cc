#include "resources/common/client_cache.h"

#include <doctest/doctest.h>

#include <atomic>
#include <future>
#include <thread>
#include <vector>

using namespace polybackup;
using resources::ClientCache;

namespace {

using Ptr = std::shared_ptr<const int>;

}  // namespace

TEST_CASE("one build per key for concurrent callers; every caller gets the same client") {
  ClientCache<int> cache;
  std::atomic<int> builds{0};
  std::vector<std::future<Ptr>> callers;
  for (int i = 0; i < 8; ++i) {
    callers.push_back(std::async(std::launch::async, [&] {
      auto got = cache.Get(
          "cn-hangzhou",
          [&]() -> absl::StatusOr<Ptr> {
            ++builds;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            return std::make_shared<const int>(42);
          },
          nullptr);
      REQUIRE(got.ok());
      return *got;
    }));
  }
  std::vector<Ptr> got;
  for (auto& c : callers) got.push_back(c.get());
  CHECK(builds == 1);
  for (const auto& p : got) CHECK(p.get() == got[0].get());
}

TEST_CASE("a slow build of one key does not hold up another key") {
  ClientCache<int> cache;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  auto slow = std::async(std::launch::async, [&] {
    return cache.Get(
        "slow",
        [&]() -> absl::StatusOr<Ptr> {
          released.wait();
          return std::make_shared<const int>(1);
        },
        nullptr);
  });
  auto fast = cache.Get(
      "fast", [] { return absl::StatusOr<Ptr>(std::make_shared<const int>(2)); }, nullptr);
  REQUIRE(fast.ok());
  CHECK(**fast == 2);
  release.set_value();
  CHECK(**slow.get() == 1);
}

TEST_CASE("a failed build is not remembered, and a waiting caller leaves when cancelled") {
  ClientCache<int> cache;
  auto failed = cache.Get(
      "k", [] { return absl::StatusOr<Ptr>(absl::UnavailableError("keystone down")); }, nullptr);
  CHECK(absl::IsUnavailable(failed.status()));
  std::promise<void> started, release;
  auto builder = std::async(std::launch::async, [&] {
    return cache.Get(
        "k",
        [&]() -> absl::StatusOr<Ptr> {
          started.set_value();
          release.get_future().wait();
          return std::make_shared<const int>(3);
        },
        nullptr);
  });
  started.get_future().wait();
  Cancellation cancel;
  cancel.Cancel("Terraform asked the provider to stop");
  auto waiter = cache.Get(
      "k", [] { return absl::StatusOr<Ptr>(std::make_shared<const int>(4)); }, &cancel);
  CHECK(absl::IsCancelled(waiter.status()));
  release.set_value();
  REQUIRE(builder.get().ok());
  auto cached = cache.Get(
      "k", [] { return absl::StatusOr<Ptr>(absl::InternalError("not called")); }, nullptr);
  REQUIRE(cached.ok());
  CHECK(**cached == 3);
}
