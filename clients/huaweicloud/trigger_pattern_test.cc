#include "clients/huaweicloud/trigger_pattern.h"

#include <doctest/doctest.h>

#include <string>

namespace polybackup::clients::huaweicloud {
namespace {

std::string Wrap(const std::string& rule) {
  return "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:" + rule + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
}

// The seed's example (csbs-create-backup-policy.rst, request and response),
// which is also the one example every reference provider documents and
// tests with (opentelekomcloud_csbs_backup_policy_v1 docs and acceptance
// tests, huaweicloud_csbs_backup_policy, flexibleengine's fork).
constexpr char kDocumented[] =
    "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=WEEKLY;BYDAY=TH;BYHOUR=12;BYMINUTE=27\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n";

TEST_CASE("the documented example parses into its parts") {
  auto s = ParseTriggerPattern(kDocumented);
  REQUIRE_MESSAGE(s.ok(), s.status().ToString());
  CHECK(s->frequency == RruleFrequency::kWeekly);
  CHECK(s->days == std::vector<RruleDay>{RruleDay::kTh});
  CHECK(s->hours == std::vector<int>{12});
  CHECK(s->minutes == std::vector<int>{27});
  CHECK(s->TimesOfDay() == std::vector<int>{12 * 60 + 27});
  CHECK(FormatTriggerPattern(*s) == kDocumented);
}

TEST_CASE("valid patterns") {
  struct Case {
    std::string pattern;
    RruleFrequency frequency;
    std::vector<RruleDay> run_days;
    std::vector<int> times;
  };
  using enum RruleDay;
  const std::vector<RruleDay> every_day = {kMo, kTu, kWe, kTh, kFr, kSa, kSu};
  const std::vector<Case> cases = {
      {kDocumented, RruleFrequency::kWeekly, {kTh}, {747}},
      // "\n" line ends, no final line end (what a heredoc gives).
      {"BEGIN:VCALENDAR\nBEGIN:VEVENT\nRRULE:FREQ=DAILY;BYHOUR=2;BYMINUTE=0\nEND:VEVENT\n"
       "END:VCALENDAR",
       RruleFrequency::kDaily,
       every_day,
       {120}},
      // The most the service allows: 24 backups a day, one an hour.
      {Wrap("FREQ=DAILY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23;"
            "BYMINUTE=5"),
       RruleFrequency::kDaily,
       every_day,
       {}},
      // Days in any order; hours with a leading zero; exactly one hour apart.
      {Wrap("FREQ=WEEKLY;BYDAY=FR,MO,WE;BYHOUR=03,2;BYMINUTE=30"),
       RruleFrequency::kWeekly,
       {kMo, kWe, kFr},
       {150, 210}},
      // Parts in another order; DAILY limited to weekends.
      {Wrap("BYMINUTE=0;BYHOUR=22;BYDAY=SU,SA;FREQ=DAILY"),
       RruleFrequency::kDaily,
       {kSa, kSu},
       {1320}},
      // Midnight and the last minute of the day: 23:59 → 00:59 is one hour.
      {Wrap("FREQ=DAILY;BYHOUR=0,23;BYMINUTE=59"), RruleFrequency::kDaily, every_day, {59, 1439}},
  };
  for (const Case& c : cases) {
    INFO(c.pattern);
    auto s = ParseTriggerPattern(c.pattern);
    REQUIRE_MESSAGE(s.ok(), s.status().ToString());
    CHECK(s->frequency == c.frequency);
    CHECK(s->RunDays() == c.run_days);
    if (!c.times.empty()) CHECK(s->TimesOfDay() == c.times);
    // Formatting and parsing again gives the same value.
    auto again = ParseTriggerPattern(FormatTriggerPattern(*s));
    REQUIRE(again.ok());
    CHECK(*again == *s);
    CHECK(ParseRrule(FormatRrule(*s)).value() == *s);
  }
}

TEST_CASE("each bad pattern is refused with a message naming what is wrong") {
  struct Case {
    std::string pattern;
    std::string message;  // a part of the error message
  };
  const std::vector<Case> cases = {
      {Wrap("FREQ=HOURLY;BYHOUR=1;BYMINUTE=0"), "FREQ must be WEEKLY or DAILY, got HOURLY"},
      {Wrap("FREQ=MONTHLY;BYHOUR=1;BYMINUTE=0"), "FREQ must be WEEKLY or DAILY, got MONTHLY"},
      {Wrap("FREQ=DAILY;BYHOUR=25;BYMINUTE=0"),
       "BYHOUR value 25 is out of range: hours are 0 to 23"},
      {Wrap("FREQ=DAILY;BYHOUR=1;BYMINUTE=60"), "BYMINUTE value 60 is out of range"},
      {Wrap("FREQ=DAILY;BYHOUR=-1;BYMINUTE=0"), "BYHOUR value \"-1\" is not a number"},
      {Wrap("FREQ=DAILY;BYHOUR=1,1;BYMINUTE=0"), "BYHOUR lists 1 more than once"},
      // Two backups 30 minutes apart.
      {Wrap("FREQ=DAILY;BYHOUR=2;BYMINUTE=0,30"),
       "backups at 02:00 and 02:30 are only 30 minutes apart"},
      // More than 24 a day (24 hours × 2 minutes).
      {Wrap("FREQ=DAILY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23;"
            "BYMINUTE=0,30"),
       "the rule schedules 48 backups a day (24 hours × 2 minutes); at most 24 are allowed"},
      {Wrap("FREQ=WEEKLY;BYHOUR=1;BYMINUTE=0"), "FREQ=WEEKLY needs BYDAY"},
      {Wrap("FREQ=WEEKLY;BYDAY=MON;BYHOUR=1;BYMINUTE=0"), "BYDAY value \"MON\" is not a weekday"},
      {Wrap("FREQ=WEEKLY;BYDAY=1MO;BYHOUR=1;BYMINUTE=0"), "BYDAY value \"1MO\" is not a weekday"},
      {Wrap("FREQ=WEEKLY;BYDAY=MO,MO;BYHOUR=1;BYMINUTE=0"), "BYDAY lists MO more than once"},
      {Wrap("FREQ=DAILY;BYMINUTE=0"), "the rule has no BYHOUR"},
      {Wrap("FREQ=DAILY;BYHOUR=4"), "the rule has no BYMINUTE"},
      {Wrap("BYHOUR=4;BYMINUTE=0"), "the rule has no FREQ"},
      {Wrap("FREQ=DAILY;INTERVAL=2;BYHOUR=4;BYMINUTE=0"),
       "CSBS takes only FREQ, BYDAY, BYHOUR and BYMINUTE, not INTERVAL"},
      {Wrap("FREQ=DAILY;BYHOUR=4;BYMINUTE=0;X-FOO=1"), "unknown rule part \"X-FOO\""},
      {Wrap("freq=DAILY;BYHOUR=4;BYMINUTE=0"), "write FREQ, not freq"},
      {Wrap("FREQ=DAILY;FREQ=WEEKLY;BYHOUR=4;BYMINUTE=0"), "FREQ is given more than once"},
      {Wrap("FREQ=DAILY;BYHOUR=4;BYMINUTE=0;"), "an empty part"},
      {Wrap("FREQ=DAILY;BYHOUR=;BYMINUTE=0"), "BYHOUR has no value"},
      {Wrap("FREQ=DAILY;BYHOUR=1,,2;BYMINUTE=0"), "a stray comma"},
      {Wrap("FREQ"), "is not NAME=VALUE"},
      {"FREQ=DAILY;BYHOUR=4;BYMINUTE=0", "the rule must be wrapped in a calendar"},
      {"RRULE:FREQ=DAILY;BYHOUR=4;BYMINUTE=0", "the rule must be wrapped in a calendar"},
      {"BEGIN:VCALENDAR\r\nRRULE:FREQ=DAILY;BYHOUR=4;BYMINUTE=0\r\nEND:VCALENDAR\r\n",
       "line 2 should be BEGIN:VEVENT, got \"RRULE:"},
      {"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=DAILY;BYHOUR=4;BYMINUTE=0\r\n",
       "line 4 should be END:VEVENT, got nothing"},
      {Wrap("FREQ=DAILY;BYHOUR=4;BYMINUTE=0") + "X\r\n", "text after END:VCALENDAR"},
      {"", "line 1 should be BEGIN:VCALENDAR, got nothing"},
      {std::string(10241, ' '), "the pattern is 10241 characters long; at most 10240"},
  };
  for (const Case& c : cases) {
    INFO(c.pattern);
    auto s = ParseTriggerPattern(c.pattern);
    REQUIRE_FALSE(s.ok());
    CHECK(s.status().code() == absl::StatusCode::kInvalidArgument);
    CHECK_MESSAGE(s.status().message().find(c.message) != std::string::npos, s.status().message());
  }
}

TEST_CASE("a bare rule parses for the schedule functions, with or without RRULE:") {
  auto s = ParseRrule("FREQ=WEEKLY;BYDAY=MO,WE,FR;BYHOUR=2;BYMINUTE=0");
  REQUIRE(s.ok());
  CHECK(s->days == std::vector<RruleDay>{RruleDay::kMo, RruleDay::kWe, RruleDay::kFr});
  CHECK(FormatRrule(*s) == "FREQ=WEEKLY;BYDAY=MO,WE,FR;BYHOUR=2;BYMINUTE=0");
  CHECK(ParseRrule("RRULE:FREQ=DAILY;BYHOUR=2;BYMINUTE=0").ok());
  CHECK(FormatRrule(ParseRrule("FREQ=DAILY;BYHOUR=2;BYMINUTE=0").value()) ==
        "FREQ=DAILY;BYHOUR=2;BYMINUTE=0");
  // ParseRrule checks syntax and ranges; the service's limits are separate.
  auto dense = ParseRrule("FREQ=DAILY;BYHOUR=2;BYMINUTE=0,30");
  REQUIRE(dense.ok());
  CHECK_FALSE(CheckCsbsLimits(*dense).ok());
  CHECK(ParseRrule("").status().message().find("the rule is empty") != std::string::npos);
  CHECK(RruleDayName(RruleDay::kSu) == "SU");
}

}  // namespace
}  // namespace polybackup::clients::huaweicloud
