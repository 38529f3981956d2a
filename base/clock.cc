#include "base/clock.h"

#include <thread>

namespace polybackup {
namespace {

class RealClock : public Clock {
 public:
  std::chrono::system_clock::time_point Now() const override {
    return std::chrono::system_clock::now();
  }
  std::chrono::steady_clock::time_point Monotonic() const override {
    return std::chrono::steady_clock::now();
  }
  bool Sleep(std::chrono::steady_clock::duration d, const Cancellation* cancel) override {
    if (cancel != nullptr) return cancel->WaitFor(d);
    std::this_thread::sleep_for(d);
    return false;
  }
};

}  // namespace

Clock& SystemClock() {
  static RealClock* clock = new RealClock();
  return *clock;
}

FakeClock::FakeClock(std::chrono::system_clock::time_point start) : wall_(start) {}

std::chrono::system_clock::time_point FakeClock::Now() const {
  std::lock_guard<std::mutex> lock(mu_);
  return wall_ + std::chrono::duration_cast<std::chrono::system_clock::duration>(elapsed_);
}

std::chrono::steady_clock::time_point FakeClock::Monotonic() const {
  std::lock_guard<std::mutex> lock(mu_);
  return std::chrono::steady_clock::time_point(elapsed_);
}

bool FakeClock::Sleep(std::chrono::steady_clock::duration d, const Cancellation* cancel) {
  if (cancel != nullptr && cancel->cancelled()) return true;
  std::lock_guard<std::mutex> lock(mu_);
  sleeps_.push_back(d);
  elapsed_ += d;
  return false;
}

void FakeClock::Advance(std::chrono::steady_clock::duration d) {
  std::lock_guard<std::mutex> lock(mu_);
  elapsed_ += d;
}

std::vector<std::chrono::steady_clock::duration> FakeClock::sleeps() const {
  std::lock_guard<std::mutex> lock(mu_);
  return sleeps_;
}

}  // namespace polybackup
