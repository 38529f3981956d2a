#include "functions/schedule.h"

#include <doctest/doctest.h>

using namespace polybackup;
using namespace polybackup::functions;

namespace {

Schedule Make(std::vector<std::string> days, const std::string& time) {
  Schedule s;
  auto d = ParseDays(days);
  REQUIRE_MESSAGE(d.ok(), d.status().ToString());
  s.days = *d;
  REQUIRE(ParseTime(time, &s).ok());
  return s;
}

Schedule FromCron(const std::string& e) {
  auto parsed = clients::aws::ParseScheduleExpression(e);
  REQUIRE_MESSAGE(parsed.ok(), parsed.status().ToString());
  auto s = FromAwsSchedule(*parsed);
  REQUIRE_MESSAGE(s.ok(), s.status().ToString());
  return *s;
}

Schedule FromRule(const std::string& r) {
  auto parsed = r.find("BEGIN:") != std::string::npos ? clients::huaweicloud::ParseTriggerPattern(r)
                                                      : clients::huaweicloud::ParseRrule(r);
  REQUIRE_MESSAGE(parsed.ok(), parsed.status().ToString());
  auto s = FromCsbsRule(*parsed);
  REQUIRE_MESSAGE(s.ok(), s.status().ToString());
  return *s;
}

}  // namespace

TEST_CASE("days in any cloud's spelling, or daily") {
  CHECK(*ParseDays({"Monday", "wed", "FR"}) == std::set<int>{0, 2, 4});
  CHECK(ParseDays({"daily"})->size() == 7);
  CHECK(ParseDays({"MO", "Monday"}).status().message().find("twice") != std::string_view::npos);
  CHECK(ParseDays({"Funday"}).status().message().find("Monday, MON or MO") !=
        std::string_view::npos);
  CHECK_FALSE(ParseDays({}).ok());
  Schedule s;
  CHECK_FALSE(ParseTime("2:00", &s).ok());
  CHECK_FALSE(ParseTime("24:00", &s).ok());
  CHECK(ParseTime("23:59", &s).ok());
}

TEST_CASE("the four dialects of Monday, Wednesday and Friday at 02:00 UTC") {
  Schedule s = Make({"Monday", "Wednesday", "Friday"}, "02:00");
  CHECK(AwsCron(s) == "cron(0 2 ? * MON,WED,FRI *)");
  CHECK(CsbsRrule(s) == "FREQ=WEEKLY;BYDAY=MO,WE,FR;BYHOUR=2;BYMINUTE=0");
  CHECK(CsbsTriggerPattern(s) ==
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR;BYHOUR=2;BYMINUTE=0"
        "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
  CHECK(KvstorePeriod(s) == std::vector<std::string>{"Monday", "Wednesday", "Friday"});
  CHECK(*KvstoreTime(s) == "02:00Z-03:00Z");
  CHECK(DbsPeriod(s) == "Monday,Wednesday,Friday");
  CHECK(DbsStartTime(s) == "02:00");
}

TEST_CASE("daily, the last window of the day, and a time off the hour") {
  Schedule daily = Make({"daily"}, "23:00");
  CHECK(AwsCron(daily) == "cron(0 23 * * ? *)");
  CHECK(CsbsRrule(daily) == "FREQ=DAILY;BYHOUR=23;BYMINUTE=0");
  CHECK(*KvstoreTime(daily) == "23:00Z-24:00Z");
  Schedule off = Make({"SU"}, "04:30");
  CHECK(AwsCron(off) == "cron(30 4 ? * SUN *)");
  CHECK(KvstoreTime(off).status().message().find("on the hour") != std::string_view::npos);
}

TEST_CASE("round trips: schedule -> dialect -> parse -> the same schedule") {
  const std::vector<std::pair<std::vector<std::string>, std::string>> table = {
      {{"Monday"}, "00:00"},          {{"Sunday"}, "23:00"},
      {{"daily"}, "12:00"},           {{"MO", "TU", "WE", "TH", "FR"}, "05:00"},
      {{"Saturday", "SUN"}, "03:45"}, {{"thu"}, "18:07"},
  };
  for (const auto& row : table) {
    Schedule s = Make(row.first, row.second);
    CAPTURE(AwsCron(s));
    CHECK(FromCron(AwsCron(s)) == s);
    CHECK(FromRule(CsbsRrule(s)) == s);
    CHECK(FromRule(CsbsTriggerPattern(s)) == s);
  }
}

TEST_CASE("the clouds' documented examples") {
  // AWS Backup's default rule and the EventBridge guide's examples.
  CHECK(FromCron("cron(0 5 ? * * *)") == Make({"daily"}, "05:00"));
  CHECK(FromCron("cron(0 12 * * ? *)") == Make({"daily"}, "12:00"));
  CHECK(FromCron("cron(0 18 ? * MON-FRI *)") == Make({"MO", "TU", "WE", "TH", "FR"}, "18:00"));
  // The CSBS seed's example (Thursdays at 12:27).
  CHECK(FromRule("FREQ=WEEKLY;BYDAY=TH;BYHOUR=12;BYMINUTE=27") == Make({"TH"}, "12:27"));
}

TEST_CASE("what the other clouds cannot express is named") {
  auto error = [](const std::string& e) {
    auto parsed = clients::aws::ParseScheduleExpression(e);
    REQUIRE(parsed.ok());
    auto s = FromAwsSchedule(*parsed);
    REQUIRE_FALSE(s.ok());
    return std::string(s.status().message());
  };
  CHECK(error("cron(0 10 15 * ? *)").find("day-of-month") != std::string::npos);
  CHECK(error("cron(0 10 ? 1 MON *)").find("month") != std::string::npos);
  CHECK(error("cron(0 10 ? * MON 2027)").find("year") != std::string::npos);
  CHECK(error("cron(0 2,14 ? * MON *)").find("more than one time a day") != std::string::npos);
  CHECK(error("cron(0 10 ? * 6#3 *)").find("L or #") != std::string::npos);
  CHECK(error("rate(12 hours)").find("interval") != std::string::npos);
  auto rule = clients::huaweicloud::ParseRrule("FREQ=DAILY;BYHOUR=2,14;BYMINUTE=0");
  REQUIRE(rule.ok());
  CHECK(FromCsbsRule(*rule).status().message().find("2 times a day") != std::string_view::npos);
}
