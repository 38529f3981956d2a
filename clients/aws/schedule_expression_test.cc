#include "clients/aws/schedule_expression.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace polybackup::clients::aws {
namespace {

std::set<int> Range(int first, int last, int step = 1) {
  std::set<int> out;
  for (int v = first; v <= last; v += step) out.insert(v);
  return out;
}

CronExpression Cron(const std::string& text) {
  absl::StatusOr<ScheduleExpression> parsed = ParseScheduleExpression(text);
  INFO(text);
  REQUIRE_MESSAGE(parsed.ok(), parsed.status().ToString());
  REQUIRE(parsed->cron.has_value());
  CHECK_FALSE(parsed->rate.has_value());
  CHECK(parsed->cron->ToString() == text);
  return *parsed->cron;
}

std::string Error(const std::string& text) {
  absl::StatusOr<ScheduleExpression> parsed = ParseScheduleExpression(text);
  INFO(text);
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.status().code() == absl::StatusCode::kInvalidArgument);
  return std::string(parsed.status().message());
}

}  // namespace

// The examples of the EventBridge User Guide ("Schedule expressions for
// rules"), whose cron grammar AWS Backup uses, and of the AWS Backup console's
// frequencies (hourly, every 12 hours, daily, weekly, monthly).
TEST_CASE("documented cron examples parse into their fields") {
  struct Example {
    std::string text;
    std::set<int> minutes, hours, days_of_month, months, days_of_week;
  };
  const std::vector<Example> examples = {
      // 10:00 UTC every day
      {"cron(0 10 * * ? *)", {0}, {10}, Range(1, 31), Range(1, 12), {}},
      // 12:15 UTC every day
      {"cron(15 12 * * ? *)", {15}, {12}, Range(1, 31), Range(1, 12), {}},
      // 18:00 Monday to Friday
      {"cron(0 18 ? * MON-FRI *)", {0}, {18}, {}, Range(1, 12), Range(2, 6)},
      // 08:00 on the first day of the month
      {"cron(0 8 1 * ? *)", {0}, {8}, {1}, Range(1, 12), {}},
      // every 15 minutes
      {"cron(0/15 * * * ? *)", {0, 15, 30, 45}, Range(0, 23), Range(1, 31), Range(1, 12), {}},
      // every 10 minutes, Monday to Friday
      {"cron(0/10 * ? * MON-FRI *)", Range(0, 50, 10), Range(0, 23), {}, Range(1, 12), Range(2, 6)},
      // every 5 minutes from 08:00 to 17:55, Monday to Friday
      {"cron(0/5 8-17 ? * MON-FRI *)",
       Range(0, 55, 5),
       Range(8, 17),
       {},
       Range(1, 12),
       Range(2, 6)},
      // AWS Backup console: hourly, every 12 hours, daily, weekly, monthly
      {"cron(0 * ? * * *)", {0}, Range(0, 23), {}, Range(1, 12), Range(1, 7)},
      {"cron(0 5/12 ? * * *)", {0}, {5, 17}, {}, Range(1, 12), Range(1, 7)},
      {"cron(0 5 ? * * *)", {0}, {5}, {}, Range(1, 12), Range(1, 7)},
      {"cron(0 5 ? * 1 *)", {0}, {5}, {}, Range(1, 12), {1}},
      {"cron(0 5 1 * ? *)", {0}, {5}, {1}, Range(1, 12), {}},
      // the reference provider's acceptance tests
      {"cron(0 12 * * ? *)", {0}, {12}, Range(1, 31), Range(1, 12), {}},
      {"cron(0 6 * * ? *)", {0}, {6}, Range(1, 31), Range(1, 12), {}},
      // lists, names in any case, months by name
      {"cron(30 1,13 ? JAN,jul * *)", {30}, {1, 13}, {}, {1, 7}, Range(1, 7)},
      {"cron(0 2 ? * mon,Wed,FRI *)", {0}, {2}, {}, Range(1, 12), {2, 4, 6}},
      {"cron(0 0 1-7 */3 ? *)", {0}, {0}, Range(1, 7), {1, 4, 7, 10}, {}},
  };
  for (const Example& e : examples) {
    CronExpression c = Cron(e.text);
    CHECK(c.minutes.values == e.minutes);
    CHECK(c.hours.values == e.hours);
    CHECK(c.day_of_month.values == e.days_of_month);
    CHECK(c.month.values == e.months);
    CHECK(c.day_of_week.values == e.days_of_week);
    CHECK(c.year.values == Range(1970, 2199));
    CHECK(c.year.wildcard);
    CHECK(c.day_of_month.unspecified != c.day_of_week.unspecified);
  }
}

TEST_CASE("the special day forms keep what they mean") {
  // 09:00 on the first Monday of every month (EventBridge guide).
  CronExpression first_monday = Cron("cron(0 9 ? * 2#1 *)");
  CHECK(first_monday.day_of_week.special == CronField::Special::kNthDayOfWeek);
  CHECK(first_monday.day_of_week.special_day == 2);
  CHECK(first_monday.day_of_week.special_nth == 1);
  CHECK(first_monday.day_of_week.values.empty());
  // The last Friday (the reference provider's opt-in-to-archive test).
  CronExpression last_friday = Cron("cron(0 10 ? * 6L *)");
  CHECK(last_friday.day_of_week.special == CronField::Special::kLastDayOfWeek);
  CHECK(last_friday.day_of_week.special_day == 6);
  CHECK(Cron("cron(0 10 ? * FRIL *)").day_of_week.special_day == 6);
  CHECK(Cron("cron(0 3 L * ? *)").day_of_month.special == CronField::Special::kLastDayOfMonth);
  CHECK(Cron("cron(0 3 LW * ? *)").day_of_month.special == CronField::Special::kLastWeekdayOfMonth);
  CronExpression nearest = Cron("cron(0 3 15W * ? *)");
  CHECK(nearest.day_of_month.special == CronField::Special::kNearestWeekday);
  CHECK(nearest.day_of_month.special_day == 15);
  CHECK(Cron("cron(0 3 ? * L *)").day_of_week.values == std::set<int>{7});
  CronExpression years = Cron("cron(0 3 1 1 ? 2030-2032)");
  CHECK(years.year.values == Range(2030, 2032));
  CHECK_FALSE(years.year.wildcard);
}

TEST_CASE("blanks between fields may repeat") {
  absl::StatusOr<ScheduleExpression> p = ParseScheduleExpression("cron(0  5 ?  * * *)");
  REQUIRE(p.ok());
  CHECK(p->cron->hours.values == std::set<int>{5});
}

TEST_CASE("documented rate examples") {
  struct Example {
    std::string text;
    int64_t value;
    RateUnit unit;
    std::chrono::minutes interval;
  };
  for (const Example& e : std::vector<Example>{
           {"rate(5 minutes)", 5, RateUnit::kMinutes, std::chrono::minutes(5)},
           {"rate(1 hour)", 1, RateUnit::kHours, std::chrono::hours(1)},
           {"rate(12 hours)", 12, RateUnit::kHours, std::chrono::hours(12)},
           {"rate(7 days)", 7, RateUnit::kDays, std::chrono::hours(7 * 24)},
           {"rate(1 day)", 1, RateUnit::kDays, std::chrono::hours(24)},
       }) {
    absl::StatusOr<ScheduleExpression> p = ParseScheduleExpression(e.text);
    INFO(e.text);
    REQUIRE_MESSAGE(p.ok(), p.status().ToString());
    REQUIRE(p->rate.has_value());
    CHECK_FALSE(p->cron.has_value());
    CHECK(p->rate->value == e.value);
    CHECK(p->rate->unit == e.unit);
    CHECK(p->rate->Interval() == e.interval);
    CHECK(p->rate->ToString() == e.text);
  }
}

TEST_CASE("bad expressions are refused, the message naming the field and the problem") {
  struct Bad {
    std::string text;
    std::vector<std::string> says;
  };
  for (const Bad& b : std::vector<Bad>{
           {"cron(0 12 * * *)", {"6 fields", "has 5"}},
           {"cron(0 12 * * ? * *)", {"6 fields", "has 7"}},
           {"cron(0 12 * * * *)", {"day-of-month", "day-of-week", "both set", "\"?\""}},
           {"cron(0 12 ? * ? *)", {"both \"?\""}},
           {"cron(60 12 * * ? *)", {"minutes field \"60\"", "0-59"}},
           {"cron(0 24 * * ? *)", {"hours field \"24\"", "0-23"}},
           {"cron(0 12 32 * ? *)", {"day-of-month field \"32\"", "1-31"}},
           {"cron(0 12 0 * ? *)", {"day-of-month", "1-31"}},
           {"cron(0 12 ? FOO * *)", {"month field \"FOO\"", "not a month", "JAN-DEC"}},
           {"cron(0 12 ? * MON-FUN *)",
            {"day-of-week field \"MON-FUN\"", "\"FUN\"", "not a day of the week",
             "SUN-SAT or 1-7"}},
           {"cron(0 12 ? * 8 *)", {"day-of-week", "\"8\""}},
           {"cron(0 12 ? * FRI-MON *)", {"ends before it starts"}},
           {"cron(0 12 ? * 2#6 *)", {"after \"#\"", "1 to 5"}},
           {"cron(0 12 ? 1 * 1969)", {"year field \"1969\"", "1970-2199"}},
           {"cron(0/0 12 * * ? *)", {"increment", "0/0"}},
           {"cron(0 12 1,,2 * ? *)", {"empty element"}},
           {"cron(? 12 * * ? *)", {"minutes", "only allowed in day-of-month and day-of-week"}},
           {"cron(0 -1 * * ? *)", {"hours"}},
           {"cron()", {"6 fields", "has 0"}},
           {"rate(0 hours)", {"positive whole number"}},
           {"rate(-1 hours)", {"positive whole number"}},
           {"rate(1 hours)", {"singular", "rate(1 hour)"}},
           {"rate(2 hour)", {"plural", "rate(2 hours)"}},
           {"rate(2 weeks)", {"unit \"weeks\"", "minute(s), hour(s) or day(s)"}},
           {"rate(12)", {"value and a unit"}},
           {"at(2030-01-01T00:00:00)", {"expected cron(", "rate("}},
           {"0 5 ? * * *", {"expected cron("}},
           {" cron(0 5 ? * * *)", {"expected cron("}},
           {"CRON(0 5 ? * * *)", {"expected cron("}},
           {"cron(0 5 ? * * *", {"expected cron("}},
           {"", {"expected cron("}},
       }) {
    const std::string message = Error(b.text);
    for (const std::string& s : b.says) {
      INFO(b.text << " -> " << message);
      CHECK(message.find(s) != std::string::npos);
    }
  }
}

TEST_CASE("AWS Backup runs a rule at most hourly") {
  auto check = [](const std::string& text) {
    absl::StatusOr<ScheduleExpression> p = ParseScheduleExpression(text);
    REQUIRE(p.ok());
    return CheckHourlyAtMost(*p);
  };
  CHECK(check("cron(0 * ? * * *)").ok());
  CHECK(check("cron(0 5/12 ? * * *)").ok());
  CHECK(check("rate(1 hour)").ok());
  CHECK(check("rate(90 minutes)").ok());
  absl::Status every15 = check("cron(0/15 * * * ? *)");
  CHECK(every15.code() == absl::StatusCode::kInvalidArgument);
  CHECK(std::string(every15.message()).find("\"0/15\"") != std::string::npos);
  CHECK_FALSE(check("cron(0,30 1 * * ? *)").ok());
  CHECK_FALSE(check("rate(30 minutes)").ok());
}

}  // namespace polybackup::clients::aws
