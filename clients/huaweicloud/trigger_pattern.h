// The CSBS trigger pattern: the subset of iCalendar (RFC 2445/5545) RRULE
// that CSBS schedules accept, parsed into a value and checked against the
// service's rules ("Creating a Backup Policy", trigger_properties.pattern,
// /work/shared/seeds/csbs-create-backup-policy.rst):
//   - FREQ is WEEKLY or DAILY, and only FREQ, BYDAY, BYHOUR and BYMINUTE;
//   - BYDAY MO TU WE TH FR SA SU, BYHOUR 0-23, BYMINUTE 0-59;
//   - at most 24 backups a day, at least one hour apart;
//   - at most 10240 characters.
// The API takes the rule wrapped in a calendar (what the reference
// providers' configurations write, "\r\n" line ends):
//   BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=WEEKLY;BYDAY=TH;BYHOUR=12;BYMINUTE=27\r\n
//   END:VEVENT\r\nEND:VCALENDAR\r\n
// Shared by the policy resource's validator and the schedule functions.
// Errors are InvalidArgument whose message says what is wrong and what is
// allowed ("BYHOUR value 25 is out of range: hours are 0 to 23").
// Pure functions, thread-safe.
#ifndef POLYBACKUP_CLIENTS_HUAWEICLOUD_TRIGGER_PATTERN_H_
#define POLYBACKUP_CLIENTS_HUAWEICLOUD_TRIGGER_PATTERN_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace polybackup::clients::huaweicloud {

inline constexpr size_t kMaxTriggerPatternLength = 10240;
inline constexpr int kMaxBackupsPerDay = 24;
inline constexpr int kMinMinutesBetweenBackups = 60;

enum class RruleFrequency { kDaily, kWeekly };

// Monday first, as iCalendar's default week start (WKST=MO).
enum class RruleDay { kMo, kTu, kWe, kTh, kFr, kSa, kSu };

// A parsed rule. Lists hold each value once, in ascending order (days in
// week order), whatever order the text used.
struct RruleSchedule {
  RruleFrequency frequency = RruleFrequency::kWeekly;
  std::vector<RruleDay> days;  // BYDAY; may be empty only for DAILY (= every day)
  std::vector<int> hours;      // BYHOUR, 0-23, at least one
  std::vector<int> minutes;    // BYMINUTE, 0-59, at least one

  // The days the rule runs on: `days`, or all seven for DAILY without BYDAY.
  std::vector<RruleDay> RunDays() const;
  // Minutes after midnight (UTC) of each run in a day, ascending: every
  // hour combined with every minute.
  std::vector<int> TimesOfDay() const;

  friend bool operator==(const RruleSchedule&, const RruleSchedule&) = default;
};

// "MO" ... "SU".
std::string_view RruleDayName(RruleDay day);

// A bare rule, "FREQ=WEEKLY;BYDAY=MO,FR;BYHOUR=2;BYMINUTE=0" (an "RRULE:"
// prefix is accepted). Checks the syntax and the value ranges only.
absl::StatusOr<RruleSchedule> ParseRrule(std::string_view rule);

// The service's limits on a well-formed rule: at most kMaxBackupsPerDay runs
// a day, consecutive runs (also across midnight) at least
// kMinMinutesBetweenBackups apart.
absl::Status CheckCsbsLimits(const RruleSchedule& schedule);

// A whole trigger pattern as the API takes it: the calendar wrapper
// (BEGIN:VCALENDAR, BEGIN:VEVENT, one RRULE line, END:VEVENT, END:VCALENDAR;
// "\r\n" or "\n" line ends, the last one optional), the rule, the length
// limit and CheckCsbsLimits.
absl::StatusOr<RruleSchedule> ParseTriggerPattern(std::string_view pattern);

// "FREQ=WEEKLY;BYDAY=MO,FR;BYHOUR=2;BYMINUTE=0" (BYDAY left out when
// `days` is empty); ParseRrule(FormatRrule(s)) == s.
std::string FormatRrule(const RruleSchedule& schedule);
// The rule in the calendar wrapper with "\r\n" line ends, as the reference
// providers' examples write it.
std::string FormatTriggerPattern(const RruleSchedule& schedule);

}  // namespace polybackup::clients::huaweicloud

#endif  // POLYBACKUP_CLIENTS_HUAWEICLOUD_TRIGGER_PATTERN_H_
