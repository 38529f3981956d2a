#include "clients/aws/schedule_expression.h"

#include <array>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace polybackup::clients::aws {
namespace {

constexpr std::array<std::string_view, 12> kMonths = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                                      "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
constexpr std::array<std::string_view, 7> kDays = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

enum class Which { kMinutes, kHours, kDayOfMonth, kMonth, kDayOfWeek, kYear };

struct FieldSpec {
  Which which;
  const char* name;  // "day-of-week"
  int min, max;
  const char* allowed;  // for messages: "SUN-SAT or 1-7"
};

constexpr std::array<FieldSpec, 6> kFields = {{
    {Which::kMinutes, "minutes", 0, 59, "0-59"},
    {Which::kHours, "hours", 0, 23, "0-23"},
    {Which::kDayOfMonth, "day-of-month", 1, 31, "1-31"},
    {Which::kMonth, "month", 1, 12, "JAN-DEC or 1-12"},
    {Which::kDayOfWeek, "day-of-week", 1, 7, "SUN-SAT or 1-7"},
    {Which::kYear, "year", 1970, 2199, "1970-2199"},
}};

absl::Status Bad(const FieldSpec& f, absl::string_view text, absl::string_view problem) {
  return absl::InvalidArgumentError(
      absl::StrCat("the ", f.name, " field \"", text, "\": ", problem));
}

// A number or, for months and days, a name; within the field's range.
absl::StatusOr<int> ParseValue(const FieldSpec& f, absl::string_view field, absl::string_view v) {
  const std::string upper = absl::AsciiStrToUpper(v);
  auto by_name = [&](auto& names) -> std::optional<int> {
    for (size_t i = 0; i < names.size(); ++i) {
      if (upper == names[i]) return static_cast<int>(i) + 1;
    }
    return std::nullopt;
  };
  if (f.which == Which::kMonth) {
    if (auto n = by_name(kMonths)) return *n;
  }
  if (f.which == Which::kDayOfWeek) {
    if (auto n = by_name(kDays)) return *n;
  }
  int n = 0;
  const bool digits = !v.empty() && v.size() <= 4 &&
                      v.find_first_not_of("0123456789") == absl::string_view::npos &&
                      absl::SimpleAtoi(v, &n);
  if (!digits || n < f.min || n > f.max) {
    const char* what = f.which == Which::kDayOfWeek ? "a day of the week"
                       : f.which == Which::kMonth   ? "a month"
                                                    : "a value";
    return Bad(f, field, absl::StrCat("\"", v, "\" is not ", what, " (", f.allowed, ")"));
  }
  return n;
}

// One comma-separated element: "*", "*/n", "a", "a-b", "a/n", "a-b/n".
absl::Status ParseElement(const FieldSpec& f, absl::string_view field, absl::string_view element,
                          std::set<int>& out) {
  absl::string_view range = element;
  int step = 1;
  bool stepped = false;
  if (size_t slash = element.find('/'); slash != absl::string_view::npos) {
    range = element.substr(0, slash);
    absl::string_view s = element.substr(slash + 1);
    if (s.empty() || s.find_first_not_of("0123456789") != absl::string_view::npos ||
        !absl::SimpleAtoi(s, &step) || step < 1 || step > f.max) {
      return Bad(f, field,
                 absl::StrCat("the increment in \"", element,
                              "\" must be a whole number from 1 to ", f.max));
    }
    stepped = true;
  }
  int first = f.min, last = f.max;
  if (range == "*") {
    // the whole range
  } else if (size_t dash = range.find('-'); dash != absl::string_view::npos) {
    absl::StatusOr<int> a = ParseValue(f, field, range.substr(0, dash));
    if (!a.ok()) return a.status();
    absl::StatusOr<int> b = ParseValue(f, field, range.substr(dash + 1));
    if (!b.ok()) return b.status();
    if (*a > *b) {
      return Bad(f, field,
                 absl::StrCat("the range \"", range, "\" ends before it starts; list the values ",
                              "instead (e.g. \"FRI,SAT,SUN\")"));
    }
    first = *a;
    last = *b;
  } else {
    absl::StatusOr<int> a = ParseValue(f, field, range);
    if (!a.ok()) return a.status();
    first = *a;
    last = stepped ? f.max : *a;  // "5/15": from 5, every 15, to the end
  }
  for (int v = first; v <= last; v += step) out.insert(v);
  return absl::OkStatus();
}

// The special forms of the day fields, or nullopt when `text` is none.
absl::StatusOr<std::optional<CronField>> ParseSpecial(const FieldSpec& f, absl::string_view text) {
  CronField c;
  c.text = std::string(text);
  const std::string upper = absl::AsciiStrToUpper(text);
  if (f.which == Which::kDayOfMonth) {
    if (upper == "L") {
      c.special = CronField::Special::kLastDayOfMonth;
      return c;
    }
    if (upper == "LW") {
      c.special = CronField::Special::kLastWeekdayOfMonth;
      return c;
    }
    if (upper.size() > 1 && upper.back() == 'W') {
      absl::StatusOr<int> day =
          ParseValue(f, text, absl::string_view(upper).substr(0, upper.size() - 1));
      if (!day.ok()) return day.status();
      c.special = CronField::Special::kNearestWeekday;
      c.special_day = *day;
      return c;
    }
  }
  if (f.which == Which::kDayOfWeek) {
    if (upper == "L") {  // the last day of the week: Saturday
      c.values = {7};
      return c;
    }
    if (upper.size() > 1 && upper.back() == 'L') {
      absl::StatusOr<int> day =
          ParseValue(f, text, absl::string_view(upper).substr(0, upper.size() - 1));
      if (!day.ok()) return day.status();
      c.special = CronField::Special::kLastDayOfWeek;
      c.special_day = *day;
      return c;
    }
    if (size_t hash = upper.find('#'); hash != std::string::npos) {
      absl::StatusOr<int> day = ParseValue(f, text, absl::string_view(upper).substr(0, hash));
      if (!day.ok()) return day.status();
      int nth = 0;
      absl::string_view n = absl::string_view(upper).substr(hash + 1);
      if (n.size() != 1 || !absl::SimpleAtoi(n, &nth) || nth < 1 || nth > 5) {
        return Bad(f, text, "the week after \"#\" must be 1 to 5 (\"6#3\": the third Friday)");
      }
      c.special = CronField::Special::kNthDayOfWeek;
      c.special_day = *day;
      c.special_nth = nth;
      return c;
    }
  }
  return std::optional<CronField>();
}

absl::StatusOr<CronField> ParseField(const FieldSpec& f, absl::string_view text) {
  const bool day_field = f.which == Which::kDayOfMonth || f.which == Which::kDayOfWeek;
  if (text == "?") {
    if (!day_field) return Bad(f, text, "\"?\" is only allowed in day-of-month and day-of-week");
    CronField c;
    c.text = "?";
    c.unspecified = true;
    return c;
  }
  if (text.find_first_of("LW#") != absl::string_view::npos ||
      text.find_first_of("lw#") != absl::string_view::npos) {
    // Letters also occur in names (JUL, WED): only take the special path
    // when the field's names do not explain them.
    absl::StatusOr<std::optional<CronField>> special = ParseSpecial(f, text);
    if (!special.ok()) return special.status();
    if (special->has_value()) return **special;
  }
  CronField c;
  c.text = std::string(text);
  c.wildcard = text == "*";
  for (absl::string_view element : absl::StrSplit(text, ',')) {
    if (element.empty()) return Bad(f, text, "a list has an empty element");
    if (element == "?" || (day_field && (element == "L" || element == "LW"))) {
      return Bad(f, text, absl::StrCat("\"", element, "\" must stand alone in its field"));
    }
    if (absl::Status s = ParseElement(f, text, element, c.values); !s.ok()) return s;
  }
  return c;
}

bool DaySet(const CronField& f) { return !f.unspecified; }

}  // namespace

std::string CronExpression::ToString() const {
  return absl::StrCat("cron(", minutes.text, " ", hours.text, " ", day_of_month.text, " ",
                      month.text, " ", day_of_week.text, " ", year.text, ")");
}

std::chrono::minutes RateExpression::Interval() const {
  switch (unit) {
    case RateUnit::kMinutes:
      return std::chrono::minutes(value);
    case RateUnit::kHours:
      return std::chrono::hours(value);
    case RateUnit::kDays:
      return std::chrono::hours(24 * value);
  }
  return std::chrono::minutes(0);
}

std::string RateExpression::ToString() const {
  const char* unit_name = unit == RateUnit::kMinutes ? "minute"
                          : unit == RateUnit::kHours ? "hour"
                                                     : "day";
  return absl::StrCat("rate(", value, " ", unit_name, value == 1 ? "" : "s", ")");
}

absl::StatusOr<CronExpression> ParseCronFields(std::string_view text) {
  const absl::string_view fields(text.data(), text.size());
  std::vector<absl::string_view> parts =
      absl::StrSplit(fields, absl::ByAnyChar(" \t"), absl::SkipEmpty());
  if (parts.size() != 6) {
    return absl::InvalidArgumentError(absl::StrCat(
        "a cron expression has 6 fields (minutes hours day-of-month month day-of-week year), "
        "this one has ",
        parts.size(), "; e.g. cron(0 5 ? * * *) runs daily at 05:00"));
  }
  std::array<CronField, 6> parsed;
  for (size_t i = 0; i < parts.size(); ++i) {
    absl::StatusOr<CronField> f = ParseField(kFields[i], parts[i]);
    if (!f.ok()) return f.status();
    parsed[i] = std::move(*f);
  }
  CronExpression cron{parsed[0], parsed[1], parsed[2], parsed[3], parsed[4], parsed[5]};
  if (DaySet(cron.day_of_month) == DaySet(cron.day_of_week)) {
    const bool both = DaySet(cron.day_of_month);
    return absl::InvalidArgumentError(
        absl::StrCat("the day-of-month (\"", cron.day_of_month.text, "\") and day-of-week (\"",
                     cron.day_of_week.text, "\") fields ",
                     both ? "are both set: one of them must be \"?\""
                          : "are both \"?\": one of them must name days (or be \"*\")",
                     ", e.g. cron(0 5 ? * MON-FRI *) or cron(0 5 1 * ? *)"));
  }
  return cron;
}

absl::StatusOr<RateExpression> ParseRateBody(std::string_view text) {
  const absl::string_view body(text.data(), text.size());
  std::vector<absl::string_view> parts =
      absl::StrSplit(body, absl::ByAnyChar(" \t"), absl::SkipEmpty());
  if (parts.size() != 2) {
    return absl::InvalidArgumentError(
        "a rate expression is a value and a unit, e.g. rate(12 hours) or rate(1 day)");
  }
  RateExpression rate;
  if (parts[0].find_first_not_of("0123456789") != absl::string_view::npos ||
      !absl::SimpleAtoi(parts[0], &rate.value) || rate.value < 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("the rate value \"", parts[0], "\" must be a positive whole number"));
  }
  const std::string unit = absl::AsciiStrToLower(parts[1]);
  std::string singular = unit;
  if (!singular.empty() && singular.back() == 's') singular.pop_back();
  if (singular == "minute") {
    rate.unit = RateUnit::kMinutes;
  } else if (singular == "hour") {
    rate.unit = RateUnit::kHours;
  } else if (singular == "day") {
    rate.unit = RateUnit::kDays;
  } else {
    return absl::InvalidArgumentError(
        absl::StrCat("the rate unit \"", parts[1], "\" must be minute(s), hour(s) or day(s)"));
  }
  const bool plural = unit != singular;
  if (plural != (rate.value != 1)) {
    return absl::InvalidArgumentError(
        absl::StrCat("the rate unit must be ", rate.value == 1 ? "singular" : "plural",
                     " for a value of ", rate.value, ": ", rate.ToString()));
  }
  return rate;
}

absl::StatusOr<ScheduleExpression> ParseScheduleExpression(std::string_view text) {
  auto inside = [&](std::string_view prefix) -> std::optional<std::string_view> {
    if (text.size() < prefix.size() + 1 || text.substr(0, prefix.size()) != prefix ||
        text.back() != ')') {
      return std::nullopt;
    }
    return text.substr(prefix.size(), text.size() - prefix.size() - 1);
  };
  ScheduleExpression out;
  if (std::optional<std::string_view> body = inside("cron(")) {
    absl::StatusOr<CronExpression> cron = ParseCronFields(*body);
    if (!cron.ok()) return cron.status();
    out.cron = std::move(*cron);
    return out;
  }
  if (std::optional<std::string_view> body = inside("rate(")) {
    absl::StatusOr<RateExpression> rate = ParseRateBody(*body);
    if (!rate.ok()) return rate.status();
    out.rate = *rate;
    return out;
  }
  return absl::InvalidArgumentError(
      "expected cron(minutes hours day-of-month month day-of-week year) or rate(value unit), "
      "e.g. cron(0 5 ? * * *) or rate(12 hours)");
}

absl::Status CheckHourlyAtMost(const ScheduleExpression& schedule) {
  if (schedule.cron && schedule.cron->minutes.values.size() > 1) {
    return absl::InvalidArgumentError(absl::StrCat(
        "the minutes field \"", schedule.cron->minutes.text,
        "\" starts more than one backup an hour; AWS Backup runs a rule at most hourly, so name "
        "one minute (e.g. \"0\")"));
  }
  if (schedule.rate && schedule.rate->Interval() < std::chrono::hours(1)) {
    return absl::InvalidArgumentError(
        absl::StrCat(schedule.rate->ToString(),
                     " is more often than hourly; AWS Backup runs a rule at most once an hour"));
  }
  return absl::OkStatus();
}

}  // namespace polybackup::clients::aws
