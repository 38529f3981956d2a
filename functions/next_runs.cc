#include "functions/next_runs.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <functional>

#include "clients/aws/schedule_expression.h"
#include "clients/huaweicloud/trigger_pattern.h"

namespace polybackup::functions {
namespace {

namespace aws = clients::aws;
namespace hw = clients::huaweicloud;
using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::sys_days;
using std::chrono::weekday;
using std::chrono::year_month_day;

constexpr int kSearchDays = 366 * 200;

// The days on which a schedule runs, and the times on each.
struct DayRule {
  std::function<bool(const year_month_day&)> runs_on;
  std::vector<int> times;  // minutes after midnight, ascending
};

unsigned LastDay(const year_month_day& d) {
  return static_cast<unsigned>(year_month_day(std::chrono::year_month_day_last(
                                                  d.year(), std::chrono::month_day_last(d.month())))
                                   .day());
}

bool IsWeekday(const sys_days& d) {
  const unsigned wd = weekday(d).c_encoding();  // 0 = Sunday
  return wd >= 1 && wd <= 5;
}

// The weekday (Mon-Fri) of the month nearest to day `n` (cron "nW"): never
// crossing into another month.
unsigned NearestWeekday(const year_month_day& d, unsigned n) {
  const unsigned last = LastDay(d);
  if (n > last) n = last;
  const sys_days target = sys_days(d.year() / d.month() / std::chrono::day(n));
  if (IsWeekday(target)) return n;
  const unsigned wd = weekday(target).c_encoding();
  if (wd == 6) return n > 1 ? n - 1 : n + 2;  // Saturday: Friday, or Monday after the 1st
  return n < last ? n + 1 : n - 2;            // Sunday: Monday, or Friday before the last
}

bool DomMatches(const aws::CronField& f, const year_month_day& d) {
  using S = aws::CronField::Special;
  const unsigned day = static_cast<unsigned>(d.day());
  switch (f.special) {
    case S::kLastDayOfMonth:
      return day == LastDay(d);
    case S::kLastWeekdayOfMonth: {
      unsigned last = LastDay(d);
      while (!IsWeekday(sys_days(d.year() / d.month() / std::chrono::day(last)))) --last;
      return day == last;
    }
    case S::kNearestWeekday:
      return day == NearestWeekday(d, static_cast<unsigned>(f.special_day));
    default:
      return f.wildcard || f.unspecified || f.values.count(static_cast<int>(day)) > 0;
  }
}

bool DowMatches(const aws::CronField& f, const year_month_day& d) {
  using S = aws::CronField::Special;
  const int aws_day = static_cast<int>(weekday(sys_days(d)).c_encoding()) + 1;  // 1 = SUN
  const unsigned day = static_cast<unsigned>(d.day());
  switch (f.special) {
    case S::kLastDayOfWeek:
      return aws_day == f.special_day && day + 7 > LastDay(d);
    case S::kNthDayOfWeek:
      return aws_day == f.special_day && (day - 1) / 7 + 1 == static_cast<unsigned>(f.special_nth);
    default:
      return f.wildcard || f.unspecified || f.values.count(aws_day) > 0;
  }
}

DayRule FromCron(const aws::CronExpression& c) {
  DayRule rule;
  for (int h : c.hours.values) {
    for (int m : c.minutes.values) rule.times.push_back(h * 60 + m);
  }
  std::sort(rule.times.begin(), rule.times.end());
  rule.runs_on = [c](const year_month_day& d) {
    const int y = static_cast<int>(d.year());
    const int m = static_cast<int>(static_cast<unsigned>(d.month()));
    if (!c.year.values.count(y) || !c.month.values.count(m)) return false;
    // One of the two day fields is "?": the other one decides.
    if (c.day_of_month.unspecified) return DowMatches(c.day_of_week, d);
    if (c.day_of_week.unspecified) return DomMatches(c.day_of_month, d);
    return DomMatches(c.day_of_month, d) && DowMatches(c.day_of_week, d);
  };
  return rule;
}

DayRule FromRrule(const hw::RruleSchedule& r) {
  DayRule rule;
  rule.times = r.TimesOfDay();
  std::vector<bool> on(7, false);  // Monday first
  for (hw::RruleDay d : r.RunDays()) on[static_cast<int>(d)] = true;
  rule.runs_on = [on](const year_month_day& d) {
    return on[weekday(sys_days(d)).iso_encoding() - 1];
  };
  return rule;
}

absl::StatusOr<std::vector<Seconds>> Walk(const DayRule& rule, int count, Seconds from) {
  std::vector<Seconds> out;
  const sys_days first = std::chrono::floor<days>(from);
  for (int i = 0; i < kSearchDays && static_cast<int>(out.size()) < count; ++i) {
    const sys_days day = first + days(i);
    if (!rule.runs_on(year_month_day(day))) continue;
    for (int t : rule.times) {
      const Seconds at = day + minutes(t);
      if (at > from && static_cast<int>(out.size()) < count) out.push_back(at);
    }
  }
  if (out.empty()) {
    return absl::InvalidArgumentError("the schedule does not run again within 200 years");
  }
  return out;
}

}  // namespace

absl::StatusOr<std::vector<Seconds>> NextRuns(std::string_view expression, int count,
                                              Seconds from) {
  std::string_view e = expression;
  while (!e.empty() && std::isspace(static_cast<unsigned char>(e.front()))) e.remove_prefix(1);
  while (!e.empty() && std::isspace(static_cast<unsigned char>(e.back()))) e.remove_suffix(1);
  if (e.substr(0, 5) == "cron(" || e.substr(0, 5) == "rate(") {
    absl::StatusOr<aws::ScheduleExpression> parsed = aws::ParseScheduleExpression(e);
    if (!parsed.ok()) return parsed.status();
    if (parsed->rate) {
      std::vector<Seconds> out;
      for (int i = 1; i <= count; ++i) out.push_back(from + parsed->rate->Interval() * i);
      return out;
    }
    return Walk(FromCron(*parsed->cron), count, from);
  }
  absl::StatusOr<hw::RruleSchedule> rule = e.find("BEGIN:VCALENDAR") != std::string_view::npos
                                               ? hw::ParseTriggerPattern(e)
                                               : hw::ParseRrule(e);
  if (!rule.ok()) {
    return absl::InvalidArgumentError(
        "neither an AWS schedule expression (cron(...) or rate(...)) nor a CSBS rule: " +
        std::string(rule.status().message()));
  }
  return Walk(FromRrule(*rule), count, from);
}

absl::StatusOr<Seconds> ParseRfc3339(std::string_view t) {
  int y, mo, d, h, mi, s, n = 0;
  if (std::sscanf(std::string(t).c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s,
                  &n) != 6 ||
      n != 19) {
    return absl::InvalidArgumentError("\"" + std::string(t) +
                                      "\" is not an RFC 3339 time like 2026-12-02T00:00:00Z");
  }
  std::string_view rest = t.substr(19);
  if (!rest.empty() && rest[0] == '.') {
    size_t i = 1;
    while (i < rest.size() && std::isdigit(static_cast<unsigned char>(rest[i]))) ++i;
    rest.remove_prefix(i);
  }
  int offset = 0;  // minutes east of UTC
  if (rest == "Z" || rest == "z") {
  } else if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':') {
    int oh, om;
    if (std::sscanf(std::string(rest.substr(1)).c_str(), "%2d:%2d", &oh, &om) != 2) {
      return absl::InvalidArgumentError("\"" + std::string(t) + "\" has an unreadable offset");
    }
    offset = (rest[0] == '-' ? -1 : 1) * (oh * 60 + om);
  } else {
    return absl::InvalidArgumentError("\"" + std::string(t) + "\" needs a time zone: Z or +HH:MM");
  }
  const year_month_day ymd{std::chrono::year(y), std::chrono::month(mo), std::chrono::day(d)};
  if (!ymd.ok() || h > 23 || mi > 59 || s > 60) {
    return absl::InvalidArgumentError("\"" + std::string(t) + "\" is not a valid date and time");
  }
  return Seconds(sys_days(ymd)) + hours(h) + minutes(mi) + std::chrono::seconds(s) -
         minutes(offset);
}

std::string FormatRfc3339(Seconds t) {
  const sys_days day = std::chrono::floor<days>(t);
  const year_month_day ymd(day);
  const auto secs = (t - day).count();
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02lld:%02lld:%02lldZ",
                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), static_cast<long long>(secs / 3600),
                static_cast<long long>(secs / 60 % 60), static_cast<long long>(secs % 60));
  return buf;
}

}  // namespace polybackup::functions
