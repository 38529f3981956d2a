#include "clients/core/idempotency.h"

#include <doctest/doctest.h>

#include <regex>

namespace polybackup::clients {
namespace {

TEST_CASE("NewUuidV4 sets the version and variant bits") {
  FakeRandom all_ones({~0ULL, ~0ULL});
  CHECK(NewUuidV4(all_ones) == "ffffffff-ffff-4fff-bfff-ffffffffffff");
  FakeRandom zeros({0, 0});
  CHECK(NewUuidV4(zeros) == "00000000-0000-4000-8000-000000000000");
  FakeRandom bytes({0x0123456789abcdefULL, 0xfedcba9876543210ULL});
  CHECK(NewUuidV4(bytes) == "01234567-89ab-4def-bedc-ba9876543210");
}

TEST_CASE("system UUIDs are well formed and differ") {
  std::regex shape("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  std::string a = NewUuidV4(SystemRandom());
  std::string b = NewUuidV4(SystemRandom());
  CHECK(std::regex_match(a, shape));
  CHECK(std::regex_match(b, shape));
  CHECK(a != b);
}

TEST_CASE("tokens keep the prefix and respect the length limit") {
  FakeRandom r({1, 2});
  std::string t = NewIdempotencyToken(r, "tf-", 64);
  CHECK(t.size() == 39);
  CHECK(t.rfind("tf-", 0) == 0);
  FakeRandom r2({1, 2});
  CHECK(NewIdempotencyToken(r2, "tf-", 20).size() == 20);
}

TEST_CASE("UniformInclusive stays within the bound") {
  FakeRandom r({0, ~0ULL, 1ULL << 63});
  CHECK(r.UniformInclusive(5) == 0);
  CHECK(r.UniformInclusive(5) == 5);
  CHECK(r.UniformInclusive(5) == 3);
  CHECK(r.UniformInclusive(0) == 0);
}

}  // namespace
}  // namespace polybackup::clients
