// One backup schedule in the four dialects of the clouds polybackup manages,
// and back: the model behind the provider functions (schedule_functions.h).
//
// The schedule every dialect can express exactly is "these weekdays (or
// every day), at this one UTC time": AWS Backup cron(M H ? * MON,WED *),
// a CSBS rule FREQ=WEEKLY;BYDAY=MO,WE;BYHOUR=H;BYMINUTE=M, an R-kvstore
// period plus a one-hour window starting on the hour, a DBS period plus an
// HH:mm start time. Anything more (a day of the month, two times a day, a
// time off the hour for the kvstore window) cannot be carried over to all
// four, and the reverse translations say which dialect it does not fit.
// Pure functions, thread-safe.
#ifndef POLYBACKUP_FUNCTIONS_SCHEDULE_H_
#define POLYBACKUP_FUNCTIONS_SCHEDULE_H_

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "clients/aws/schedule_expression.h"
#include "clients/huaweicloud/trigger_pattern.h"

namespace polybackup::functions {

struct Schedule {
  std::set<int> days;  // 0 = Monday ... 6 = Sunday; all seven = daily
  int hour = 0;        // UTC
  int minute = 0;

  bool daily() const { return days.size() == 7; }
  friend bool operator==(const Schedule&, const Schedule&) = default;
};

// Weekdays in any spelling the clouds use, any letter case: "Monday",
// "MON", "MO", or the single word "daily" (or "everyday"). Each day once;
// InvalidArgument naming a value that is none of these.
absl::StatusOr<std::set<int>> ParseDays(const std::vector<std::string>& days);
// "HH:MM", 00:00 to 23:59 (UTC).
absl::Status ParseTime(std::string_view text, Schedule* schedule);

// The dialects. "Monday".."Sunday" are the Alibaba Cloud spellings.
std::string AwsCron(const Schedule& s);                     // cron(0 2 ? * MON,FRI *)
std::string CsbsRrule(const Schedule& s);                   // FREQ=WEEKLY;BYDAY=MO,FR;...
std::string CsbsTriggerPattern(const Schedule& s);          // the rule in its calendar
std::vector<std::string> KvstorePeriod(const Schedule& s);  // {"Monday", "Friday"}
std::string DbsPeriod(const Schedule& s);                   // "Monday,Friday"
std::string DbsStartTime(const Schedule& s);                // "02:00"
std::string TimeOfDay(const Schedule& s);                   // "02:00"
std::vector<std::string> DayNames(const Schedule& s);       // {"Monday", "Friday"}
// The R-kvstore window, "02:00Z-03:00Z" (the last is "23:00Z-24:00Z").
// InvalidArgument when the time is off the hour: a window starts on it.
absl::StatusOr<std::string> KvstoreTime(const Schedule& s);

// Checks that every dialect can express `s` (today: the kvstore window);
// InvalidArgument naming the dialect and why when not.
absl::Status CheckAllDialects(const Schedule& s);

// The reverse translations. InvalidArgument naming what cannot be carried
// to the other dialects (a day of the month, a month, a year, several times
// a day, a rate).
absl::StatusOr<Schedule> FromAwsSchedule(const clients::aws::ScheduleExpression& e);
absl::StatusOr<Schedule> FromCsbsRule(const clients::huaweicloud::RruleSchedule& r);

}  // namespace polybackup::functions

#endif  // POLYBACKUP_FUNCTIONS_SCHEDULE_H_
