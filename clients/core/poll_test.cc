#include "clients/core/poll.h"

#include <doctest/doctest.h>

namespace polybackup::clients {
namespace {

using std::chrono::seconds;

TEST_CASE("polls at the interval until done") {
  FakeClock clock;
  int calls = 0;
  absl::Status s = PollUntil(clock, {.interval = seconds(60)},
                             [&](std::string*) { return absl::StatusOr<bool>(++calls == 3); });
  CHECK(s.ok());
  CHECK(calls == 3);
  CHECK(clock.sleeps() ==
        std::vector<std::chrono::steady_clock::duration>{seconds(60), seconds(60)});
}

TEST_CASE("a call's options give the poll its deadline and cancellation") {
  Cancellation cancel;
  CallOptions call{.cancel = &cancel,
                   .deadline = std::chrono::steady_clock::time_point(seconds(9))};
  PollOptions o = PollOptionsFor(seconds(3), call, "plan p-1 to go");
  CHECK(o.interval == seconds(3));
  CHECK(o.deadline == call.deadline);
  CHECK(o.cancel == &cancel);
  CHECK(o.what == "plan p-1 to go");
}

TEST_CASE("a check error ends the wait unchanged") {
  FakeClock clock;
  absl::Status s = PollUntil(
      clock, {}, [](std::string*) -> absl::StatusOr<bool> { return absl::NotFoundError("gone"); });
  CHECK(s.code() == absl::StatusCode::kNotFound);
}

TEST_CASE("the deadline gives a message with the last state seen") {
  FakeClock clock;
  PollOptions o{.interval = seconds(60), .what = "instance r-1 to be Normal"};
  o.deadline = clock.Monotonic() + seconds(150);
  int calls = 0;
  absl::Status s = PollUntil(clock, o, [&](std::string* progress) {
    ++calls;
    *progress = "Changing";
    return absl::StatusOr<bool>(false);
  });
  CHECK(s.code() == absl::StatusCode::kDeadlineExceeded);
  CHECK(s.message() == "timed out waiting for instance r-1 to be Normal (last seen: Changing)");
  CHECK(calls == 3);  // t=0, 60, 120; t=180 would pass the deadline
}

TEST_CASE("cancellation stops the wait") {
  FakeClock clock;
  Cancellation cancel;
  int calls = 0;
  absl::Status s = PollUntil(clock, {.cancel = &cancel}, [&](std::string*) {
    if (++calls == 2) cancel.Cancel("stop requested");
    return absl::StatusOr<bool>(false);
  });
  CHECK(s.code() == absl::StatusCode::kCancelled);
  CHECK(s.message() == "stop requested");
  CHECK(calls == 2);
}

}  // namespace
}  // namespace polybackup::clients
