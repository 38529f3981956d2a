#include "clients/core/random.h"

#include <random>

namespace polybackup::clients {
namespace {

class SystemRandomSource : public RandomSource {
 public:
  SystemRandomSource() {
    std::random_device device;
    std::seed_seq seed{device(), device(), device(), device(), device(), device()};
    engine_.seed(seed);
  }
  uint64_t Next64() override {
    std::lock_guard<std::mutex> lock(mu_);
    return engine_();
  }

 private:
  std::mutex mu_;
  std::mt19937_64 engine_;
};

}  // namespace

uint64_t RandomSource::UniformInclusive(uint64_t bound) {
  uint64_t bits = Next64();
  if (bound == UINT64_MAX) return bits;
  // Scales instead of taking a modulo, so the extremes of the source map to
  // the extremes of the range (0 -> 0, all ones -> bound).
  return static_cast<uint64_t>((static_cast<unsigned __int128>(bits) * (bound + 1)) >> 64);
}

RandomSource& SystemRandom() {
  static SystemRandomSource* source = new SystemRandomSource();
  return *source;
}

uint64_t FakeRandom::Next64() {
  std::lock_guard<std::mutex> lock(mu_);
  if (values_.empty()) return 0;
  if (next_ >= values_.size()) return values_.back();
  return values_[next_++];
}

}  // namespace polybackup::clients
