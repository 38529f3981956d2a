#include "functions/next_runs.h"

#include <doctest/doctest.h>

using namespace polybackup::functions;

namespace {

std::vector<std::string> Runs(const std::string& e, int n, const std::string& from) {
  auto f = ParseRfc3339(from);
  REQUIRE(f.ok());
  auto runs = NextRuns(e, n, *f);
  REQUIRE_MESSAGE(runs.ok(), runs.status().ToString());
  std::vector<std::string> out;
  for (auto t : *runs) out.push_back(FormatRfc3339(t));
  return out;
}

}  // namespace

TEST_CASE("RFC 3339 in and out") {
  auto t = ParseRfc3339("2026-12-02T00:27:30Z");
  REQUIRE(t.ok());
  CHECK(FormatRfc3339(*t) == "2026-12-02T00:27:30Z");
  CHECK(FormatRfc3339(*ParseRfc3339("2026-12-02T01:00:00.250+01:00")) == "2026-12-02T00:00:00Z");
  CHECK(FormatRfc3339(*ParseRfc3339("2026-12-31T23:30:00-01:00")) == "2027-01-01T00:30:00Z");
  CHECK_FALSE(ParseRfc3339("2026-12-02").ok());
  CHECK_FALSE(ParseRfc3339("2026-02-30T00:00:00Z").ok());
  CHECK_FALSE(ParseRfc3339("2026-12-02T00:00:00").ok());
}

TEST_CASE("AWS cron: weekdays, strictly after from, across a month and a year") {
  // 2026-12-02 is a Wednesday.
  CHECK(Runs("cron(0 2 ? * MON,WED,FRI *)", 3, "2026-12-02T00:00:00Z") ==
        std::vector<std::string>{"2026-12-02T02:00:00Z", "2026-12-04T02:00:00Z",
                                 "2026-12-07T02:00:00Z"});
  CHECK(Runs("cron(0 2 ? * MON,WED,FRI *)", 1, "2026-12-02T02:00:00Z") ==
        std::vector<std::string>{"2026-12-04T02:00:00Z"});
  CHECK(Runs("cron(30 23 * * ? *)", 2, "2026-12-31T23:31:00Z") ==
        std::vector<std::string>{"2027-01-01T23:30:00Z", "2027-01-02T23:30:00Z"});
  CHECK(Runs("cron(0 0/6 * * ? *)", 4, "2026-12-02T05:00:00Z") ==
        std::vector<std::string>{"2026-12-02T06:00:00Z", "2026-12-02T12:00:00Z",
                                 "2026-12-02T18:00:00Z", "2026-12-03T00:00:00Z"});
}

TEST_CASE("AWS cron special days: L, LW, W, nL, n#k") {
  CHECK(Runs("cron(0 5 L * ? *)", 2, "2027-01-01T00:00:00Z") ==
        std::vector<std::string>{"2027-01-31T05:00:00Z", "2027-02-28T05:00:00Z"});
  // The last weekday of February 2027 (the 28th is a Sunday): Friday the 26th.
  CHECK(Runs("cron(0 5 LW * ? *)", 1, "2027-02-01T00:00:00Z") ==
        std::vector<std::string>{"2027-02-26T05:00:00Z"});
  // The weekday nearest 2026-02-15 (a Sunday): Monday the 16th.
  CHECK(Runs("cron(0 5 15W 2 ? 2026)", 1, "2026-01-01T00:00:00Z") ==
        std::vector<std::string>{"2026-02-16T05:00:00Z"});
  // The last Friday (6L) of January 2027: the 29th.
  CHECK(Runs("cron(0 5 ? 1 6L 2027)", 1, "2027-01-01T00:00:00Z") ==
        std::vector<std::string>{"2027-01-29T05:00:00Z"});
  // The first Monday (2#1) of December 2026: the 7th.
  CHECK(Runs("cron(0 5 ? 12 2#1 2026)", 1, "2026-12-01T00:00:00Z") ==
        std::vector<std::string>{"2026-12-07T05:00:00Z"});
}

TEST_CASE("rate counts from `from`; CSBS rules bare and wrapped; errors") {
  CHECK(Runs("rate(12 hours)", 2, "2026-12-02T00:00:00Z") ==
        std::vector<std::string>{"2026-12-02T12:00:00Z", "2026-12-03T00:00:00Z"});
  CHECK(Runs("FREQ=WEEKLY;BYDAY=TH;BYHOUR=12;BYMINUTE=27", 2, "2026-12-02T00:00:00Z") ==
        std::vector<std::string>{"2026-12-03T12:27:00Z", "2026-12-10T12:27:00Z"});
  CHECK(Runs("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=DAILY;BYHOUR=2,14;BYMINUTE=0\r\n"
             "END:VEVENT\r\nEND:VCALENDAR\r\n",
             3, "2026-12-02T03:00:00Z") == std::vector<std::string>{"2026-12-02T14:00:00Z",
                                                                    "2026-12-03T02:00:00Z",
                                                                    "2026-12-03T14:00:00Z"});
  auto from = *ParseRfc3339("2030-01-01T00:00:00Z");
  CHECK_FALSE(NextRuns("cron(0 5 ? * MON 2027)", 1, from).ok());  // never again
  CHECK_FALSE(NextRuns("every monday", 1, from).ok());
}
