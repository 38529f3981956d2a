#include "functions/schedule.h"

#include <cctype>
#include <cstdio>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace polybackup::functions {
namespace {

namespace aws = clients::aws;
namespace hw = clients::huaweicloud;

constexpr const char* kLong[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                 "Friday", "Saturday", "Sunday"};
constexpr const char* kAws[] = {"MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"};
constexpr const char* kCsbs[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string TwoDigits(int n) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", n);
  return buf;
}

// AWS numbers the days of the week 1 = SUN ... 7 = SAT.
int FromAwsDay(int aws_day) { return (aws_day + 5) % 7; }

absl::Status Unexpressible(const std::string& what) { return absl::InvalidArgumentError(what); }

}  // namespace

absl::StatusOr<std::set<int>> ParseDays(const std::vector<std::string>& days) {
  if (days.empty()) return absl::InvalidArgumentError("at least one day is needed");
  std::set<int> out;
  for (const std::string& day : days) {
    const std::string u = Upper(day);
    if (u == "DAILY" || u == "EVERYDAY") {
      for (int d = 0; d < 7; ++d) out.insert(d);
      continue;
    }
    bool found = false;
    for (int d = 0; d < 7 && !found; ++d) {
      if (u == Upper(kLong[d]) || u == kAws[d] || u == kCsbs[d]) {
        found = out.insert(d).second;
        if (!found) return absl::InvalidArgumentError("\"" + day + "\" is given twice");
      }
    }
    if (!found) {
      return absl::InvalidArgumentError(
          "\"" + day +
          "\" is not a day of the week: write Monday, MON or MO (any letter case) ... Sunday, "
          "SUN or SU, or \"daily\"");
    }
  }
  return out;
}

absl::Status ParseTime(std::string_view t, Schedule* s) {
  auto digit = [&](size_t i) {
    return i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]));
  };
  if (t.size() != 5 || t[2] != ':' || !digit(0) || !digit(1) || !digit(3) || !digit(4)) {
    return absl::InvalidArgumentError("\"" + std::string(t) +
                                      "\" is not a UTC time written HH:MM, e.g. \"02:00\"");
  }
  const int h = (t[0] - '0') * 10 + (t[1] - '0');
  const int m = (t[3] - '0') * 10 + (t[4] - '0');
  if (h > 23 || m > 59) {
    return absl::InvalidArgumentError("\"" + std::string(t) + "\" is not a time: 00:00 to 23:59");
  }
  s->hour = h;
  s->minute = m;
  return absl::OkStatus();
}

std::vector<std::string> DayNames(const Schedule& s) {
  std::vector<std::string> out;
  for (int d : s.days) out.push_back(kLong[d]);
  return out;
}

std::string TimeOfDay(const Schedule& s) { return TwoDigits(s.hour) + ":" + TwoDigits(s.minute); }

std::string AwsCron(const Schedule& s) {
  const std::string at = absl::StrCat("cron(", s.minute, " ", s.hour, " ");
  if (s.daily()) return at + "* * ? *)";
  std::vector<std::string> names;
  for (int d : s.days) names.push_back(kAws[d]);
  return at + "? * " + absl::StrJoin(names, ",") + " *)";
}

namespace {
hw::RruleSchedule ToRrule(const Schedule& s) {
  hw::RruleSchedule r;
  r.frequency = s.daily() ? hw::RruleFrequency::kDaily : hw::RruleFrequency::kWeekly;
  if (!s.daily()) {
    for (int d : s.days) r.days.push_back(static_cast<hw::RruleDay>(d));
  }
  r.hours = {s.hour};
  r.minutes = {s.minute};
  return r;
}
}  // namespace

std::string CsbsRrule(const Schedule& s) { return hw::FormatRrule(ToRrule(s)); }
std::string CsbsTriggerPattern(const Schedule& s) { return hw::FormatTriggerPattern(ToRrule(s)); }
std::vector<std::string> KvstorePeriod(const Schedule& s) { return DayNames(s); }
std::string DbsPeriod(const Schedule& s) { return absl::StrJoin(DayNames(s), ","); }
std::string DbsStartTime(const Schedule& s) { return TimeOfDay(s); }

absl::StatusOr<std::string> KvstoreTime(const Schedule& s) {
  if (s.minute != 0) {
    return Unexpressible(
        "R-kvstore backup windows are whole hours starting on the hour "
        "(HH:00Z-HH+1:00Z), so " +
        TimeOfDay(s) + " cannot be one: choose a time on the hour");
  }
  return TwoDigits(s.hour) + ":00Z-" + TwoDigits(s.hour + 1) + ":00Z";
}

absl::Status CheckAllDialects(const Schedule& s) { return KvstoreTime(s).status(); }

absl::StatusOr<Schedule> FromAwsSchedule(const aws::ScheduleExpression& e) {
  if (e.rate) {
    return Unexpressible(e.rate->ToString() +
                         " runs at an interval, not on weekdays at a time of day: the CSBS, "
                         "R-kvstore and DBS schedules cannot express it");
  }
  const aws::CronExpression& c = *e.cron;
  auto single = [](const aws::CronField& f) {
    return f.special == aws::CronField::Special::kNone && !f.wildcard && f.values.size() == 1;
  };
  if (!single(c.minutes) || !single(c.hours)) {
    return Unexpressible("\"" + c.minutes.text + " " + c.hours.text +
                         "\" is more than one time a day: R-kvstore and DBS back up once a "
                         "day, at one time");
  }
  if (!c.month.wildcard) {
    return Unexpressible("the month field \"" + c.month.text +
                         "\" limits the schedule to some months: the other clouds' schedules "
                         "repeat every week");
  }
  if (!c.year.wildcard) {
    return Unexpressible("the year field \"" + c.year.text +
                         "\" limits the schedule to some years: the other clouds' schedules "
                         "repeat every week");
  }
  Schedule s;
  s.minute = *c.minutes.values.begin();
  s.hour = *c.hours.values.begin();
  const bool any_dom = c.day_of_month.wildcard || c.day_of_month.unspecified;
  if (!any_dom) {
    return Unexpressible("the day-of-month field \"" + c.day_of_month.text +
                         "\" picks days of the month: the other clouds' schedules pick "
                         "weekdays");
  }
  if (c.day_of_week.unspecified || c.day_of_week.wildcard) {
    for (int d = 0; d < 7; ++d) s.days.insert(d);
  } else if (c.day_of_week.special != aws::CronField::Special::kNone) {
    return Unexpressible("the day-of-week field \"" + c.day_of_week.text +
                         "\" picks a weekday of the month (L or #): the other clouds' "
                         "schedules repeat every week");
  } else {
    for (int d : c.day_of_week.values) s.days.insert(FromAwsDay(d));
  }
  return s;
}

absl::StatusOr<Schedule> FromCsbsRule(const hw::RruleSchedule& r) {
  if (r.hours.size() != 1 || r.minutes.size() != 1) {
    return Unexpressible("the rule runs " + std::to_string(r.TimesOfDay().size()) +
                         " times a day: R-kvstore and DBS back up once a day, at one time");
  }
  Schedule s;
  s.hour = r.hours[0];
  s.minute = r.minutes[0];
  for (hw::RruleDay d : r.RunDays()) s.days.insert(static_cast<int>(d));
  return s;
}

}  // namespace polybackup::functions
