// RandomSource: the one seam for randomness in the clients (backoff jitter,
// idempotency tokens, signature nonces), so tests are deterministic.
#ifndef POLYBACKUP_CLIENTS_CORE_RANDOM_H_
#define POLYBACKUP_CLIENTS_CORE_RANDOM_H_

#include <cstdint>
#include <mutex>
#include <vector>

namespace polybackup::clients {

class RandomSource {
 public:
  virtual ~RandomSource() = default;
  // Returns 64 uniformly distributed bits. Implementations must be thread-safe.
  virtual uint64_t Next64() = 0;

  // Returns a value uniformly distributed in [0, bound] (bound inclusive).
  // Scales Next64() into the range (0 -> 0, all ones -> bound).
  uint64_t UniformInclusive(uint64_t bound);
};

// A process-wide source seeded from std::random_device (a CSPRNG on Linux,
// getrandom(2)). Never destroyed. Thread-safe.
RandomSource& SystemRandom();

// A scripted source for tests: returns `values` in order, then repeats the
// last one (or 0 when empty). Thread-safe.
class FakeRandom : public RandomSource {
 public:
  explicit FakeRandom(std::vector<uint64_t> values = {}) : values_(std::move(values)) {}
  uint64_t Next64() override;

 private:
  std::mutex mu_;
  std::vector<uint64_t> values_;
  size_t next_ = 0;
};

}  // namespace polybackup::clients

#endif  // POLYBACKUP_CLIENTS_CORE_RANDOM_H_
