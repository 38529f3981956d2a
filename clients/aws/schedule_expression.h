// AWS schedule expressions as AWS Backup takes them in a rule's
// ScheduleExpression: `cron(Minutes Hours Day-of-month Month Day-of-week
// Year)` and `rate(Value Unit)`, parsed into their fields so callers can
// check, translate or evaluate a schedule without string matching.
//
// The grammar is the one AWS documents for its schedule expressions
// (Amazon EventBridge User Guide, "Schedule expressions for rules"; the AWS
// Backup Developer Guide refers to it for custom backup frequencies):
//   field         values            wildcards
//   Minutes       0-59              , - * /
//   Hours         0-23              , - * /
//   Day-of-month  1-31              , - * ? / L W
//   Month         1-12 or JAN-DEC   , - * /
//   Day-of-week   1-7 or SUN-SAT    , - * ? L #     (1 = SUN, 7 = SAT)
//   Year          1970-2199         , - * /
// One of day-of-month and day-of-week must be "?" (both may not be set, nor
// both left open). Names are case-insensitive. `rate` takes a positive whole
// value and minute(s), hour(s) or day(s): singular for 1, plural otherwise.
//
// Errors are InvalidArgument, their message naming the field and what is
// wrong ("the day-of-week field "MON-FUN": "FUN" is not a day of the week
// (SUN-SAT or 1-7)"), without the expression's owner: callers prefix that.
// Pure functions, thread-safe.
#ifndef POLYBACKUP_CLIENTS_AWS_SCHEDULE_EXPRESSION_H_
#define POLYBACKUP_CLIENTS_AWS_SCHEDULE_EXPRESSION_H_

#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace polybackup::clients::aws {

// One field of a cron expression: what it matches, and how it was written.
struct CronField {
  // The special forms of the two day fields; each stands alone in its field.
  enum class Special {
    kNone,
    kLastDayOfMonth,      // day-of-month "L"
    kLastWeekdayOfMonth,  // day-of-month "LW"
    kNearestWeekday,      // day-of-month "15W": the weekday nearest the 15th
    kLastDayOfWeek,       // day-of-week "5L": the last Thursday of the month
    kNthDayOfWeek,        // day-of-week "6#3": the third Friday of the month
  };

  std::string text;          // as written, e.g. "MON-FRI", "0/15", "?"
  bool wildcard = false;     // "*" (alone, without a step)
  bool unspecified = false;  // "?"
  // Every value matched, in the field's numbering (the whole range for "*");
  // empty for "?" and for the special forms.
  std::set<int> values;
  Special special = Special::kNone;
  int special_day = 0;  // the 15 of "15W", the 5 of "5L", the 6 of "6#3"
  int special_nth = 0;  // the 3 of "6#3"

  friend bool operator==(const CronField&, const CronField&) = default;
};

struct CronExpression {
  CronField minutes, hours, day_of_month, month, day_of_week, year;

  // "cron(<the six fields as written>)".
  std::string ToString() const;
};

enum class RateUnit { kMinutes, kHours, kDays };

struct RateExpression {
  int64_t value = 0;
  RateUnit unit = RateUnit::kHours;

  std::chrono::minutes Interval() const;
  // "rate(1 hour)", "rate(12 hours)".
  std::string ToString() const;
};

// Exactly one of the two is set.
struct ScheduleExpression {
  std::optional<CronExpression> cron;
  std::optional<RateExpression> rate;
};

// Parses "cron(...)" or "rate(...)", nothing around them ("at(...)"
// one-time schedules are not backup schedules).
absl::StatusOr<ScheduleExpression> ParseScheduleExpression(std::string_view text);
// The six blank-separated fields inside "cron(...)".
absl::StatusOr<CronExpression> ParseCronFields(std::string_view fields);
// "<value> <unit>", the inside of "rate(...)".
absl::StatusOr<RateExpression> ParseRateBody(std::string_view body);

// AWS Backup starts at most one backup an hour from a rule ("the minimum
// backup frequency is one hour", AWS Backup Developer Guide, "Backup
// frequency"): a cron expression must name a single minute, a rate be at
// least 60 minutes. InvalidArgument saying which when not.
absl::Status CheckHourlyAtMost(const ScheduleExpression& schedule);

}  // namespace polybackup::clients::aws

#endif  // POLYBACKUP_CLIENTS_AWS_SCHEDULE_EXPRESSION_H_
