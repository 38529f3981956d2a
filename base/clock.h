// Clock: the one seam for time, so retry and wait loops are tested with a
// fake clock instead of sleeping.
#ifndef POLYBACKUP_BASE_CLOCK_H_
#define POLYBACKUP_BASE_CLOCK_H_

#include <chrono>
#include <mutex>
#include <vector>

#include "base/cancellation.h"

namespace polybackup {

class Clock {
 public:
  virtual ~Clock() = default;
  // Wall time (request signing, token expiry).
  virtual std::chrono::system_clock::time_point Now() const = 0;
  // Monotonic time (deadlines, backoff).
  virtual std::chrono::steady_clock::time_point Monotonic() const = 0;
  // Sleeps `d`, returning early with true when `cancel` (may be null) fires.
  virtual bool Sleep(std::chrono::steady_clock::duration d, const Cancellation* cancel) = 0;
};

// The real clock. Sleep waits on the cancellation's condition variable.
Clock& SystemClock();

// A clock for tests: time stands still until Sleep()/Advance() moves it.
// Sleep records every requested duration. Thread-safe.
class FakeClock : public Clock {
 public:
  explicit FakeClock(std::chrono::system_clock::time_point start =
                         std::chrono::system_clock::time_point(std::chrono::seconds(1700000000)));
  std::chrono::system_clock::time_point Now() const override;
  std::chrono::steady_clock::time_point Monotonic() const override;
  bool Sleep(std::chrono::steady_clock::duration d, const Cancellation* cancel) override;
  void Advance(std::chrono::steady_clock::duration d);
  std::vector<std::chrono::steady_clock::duration> sleeps() const;

 private:
  mutable std::mutex mu_;
  std::chrono::system_clock::time_point wall_;
  std::chrono::steady_clock::duration elapsed_{};
  std::vector<std::chrono::steady_clock::duration> sleeps_;
};

}  // namespace polybackup

#endif  // POLYBACKUP_BASE_CLOCK_H_
