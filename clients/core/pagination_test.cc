#include "clients/core/pagination.h"

#include <doctest/doctest.h>

namespace polybackup::clients {
namespace {

TEST_CASE("PaginateAll follows tokens to the end") {
  std::vector<std::string> cursors;
  auto fetch = [&](const std::string& cursor) -> absl::StatusOr<Page<int>> {
    cursors.push_back(cursor);
    if (cursor.empty()) return Page<int>{{1, 2}, "t1"};
    if (cursor == "t1") return Page<int>{{3}, "t2"};
    return Page<int>{{}, std::nullopt};
  };
  absl::StatusOr<std::vector<int>> all = PaginateAll<int>(fetch);
  REQUIRE(all.ok());
  CHECK(*all == std::vector<int>{1, 2, 3});
  CHECK(cursors == std::vector<std::string>{"", "t1", "t2"});
}

TEST_CASE("PaginateAll stops on an error and on a repeating cursor") {
  auto failing = [](const std::string& cursor) -> absl::StatusOr<Page<int>> {
    if (cursor.empty()) return Page<int>{{1}, "a"};
    return absl::UnavailableError("boom");
  };
  CHECK(PaginateAll<int>(failing).status().code() == absl::StatusCode::kUnavailable);
  auto looping = [](const std::string&) -> absl::StatusOr<Page<int>> {
    return Page<int>{{1}, "same"};
  };
  CHECK(PaginateAll<int>(looping).status().code() == absl::StatusCode::kInternal);
}

TEST_CASE("Alibaba page numbers and CSBS markers") {
  CHECK(NextAlibabaPage(1, 10, 10, 25) == std::optional<std::string>("2"));
  CHECK(NextAlibabaPage(3, 10, 5, 25) == std::nullopt);
  CHECK(NextAlibabaPage(2, 10, 10, 20) == std::nullopt);  // total reached
  CHECK(NextAlibabaPage(0, 10, 10, -1, 0) == std::optional<std::string>("1"));
  CHECK(NextAlibabaPage(1, 10, 0, -1) == std::nullopt);
  CHECK(NextMarker(2, 2, "id-2") == std::optional<std::string>("id-2"));
  CHECK(NextMarker(1, 2, "id-1") == std::nullopt);
}

}  // namespace
}  // namespace polybackup::clients
