#include "clients/huaweicloud/trigger_pattern.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace polybackup::clients::huaweicloud {
namespace {

constexpr std::array<absl::string_view, 7> kDayNames = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
// RRULE parts RFC 5545 defines that CSBS does not take: named in the error
// so a rule written for another calendar says what to drop.
constexpr std::array<absl::string_view, 10> kUnsupportedParts = {
    "INTERVAL",  "COUNT",    "UNTIL",   "BYSECOND", "BYMONTHDAY",
    "BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS", "WKST"};
constexpr char kWrapperForm[] =
    "BEGIN:VCALENDAR\\r\\nBEGIN:VEVENT\\r\\nRRULE:<rule>\\r\\nEND:VEVENT\\r\\nEND:VCALENDAR\\r\\n";

absl::Status Invalid(std::string message) { return absl::InvalidArgumentError(message); }

std::string Clock(int minutes_of_day) {
  char text[8];
  std::snprintf(text, sizeof(text), "%02d:%02d", (minutes_of_day / 60) % 24, minutes_of_day % 60);
  return text;
}

// The comma-separated values of one part; none may be empty.
absl::StatusOr<std::vector<absl::string_view>> Values(absl::string_view name,
                                                      absl::string_view value) {
  if (value.empty()) return Invalid(absl::StrCat(name, " has no value"));
  std::vector<absl::string_view> out = absl::StrSplit(value, ',');
  for (absl::string_view v : out) {
    if (v.empty()) return Invalid(absl::StrCat(name, " has an empty value (a stray comma)"));
  }
  return out;
}

absl::StatusOr<std::vector<int>> Numbers(absl::string_view name, absl::string_view value, int max,
                                         absl::string_view unit) {
  absl::StatusOr<std::vector<absl::string_view>> values = Values(name, value);
  if (!values.ok()) return values.status();
  std::vector<int> out;
  for (absl::string_view v : *values) {
    const std::string range = absl::StrCat(unit, " are 0 to ", max);
    if (v.size() > 2 || !std::all_of(v.begin(), v.end(), absl::ascii_isdigit)) {
      return Invalid(absl::StrCat(name, " value \"", v, "\" is not a number: ", range));
    }
    int n = 0;
    for (char c : v) n = n * 10 + (c - '0');
    if (n > max) return Invalid(absl::StrCat(name, " value ", n, " is out of range: ", range));
    if (std::find(out.begin(), out.end(), n) != out.end()) {
      return Invalid(absl::StrCat(name, " lists ", n, " more than once"));
    }
    out.push_back(n);
  }
  std::sort(out.begin(), out.end());
  return out;
}

absl::StatusOr<std::vector<RruleDay>> Days(absl::string_view value) {
  absl::StatusOr<std::vector<absl::string_view>> values = Values("BYDAY", value);
  if (!values.ok()) return values.status();
  std::vector<RruleDay> out;
  for (absl::string_view v : *values) {
    auto it = std::find(kDayNames.begin(), kDayNames.end(), v);
    if (it == kDayNames.end()) {
      return Invalid(absl::StrCat("BYDAY value \"", v,
                                  "\" is not a weekday: use MO, TU, WE, TH, FR, SA or SU"));
    }
    RruleDay day = static_cast<RruleDay>(it - kDayNames.begin());
    if (std::find(out.begin(), out.end(), day) != out.end()) {
      return Invalid(absl::StrCat("BYDAY lists ", v, " more than once"));
    }
    out.push_back(day);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The lines of a pattern: "\r\n" or "\n" ends, surrounding blanks and empty
// lines ignored (the service's calendar parser is as lenient).
std::vector<absl::string_view> Lines(absl::string_view pattern) {
  std::vector<absl::string_view> lines;
  for (absl::string_view line : absl::StrSplit(pattern, '\n')) {
    line = absl::StripAsciiWhitespace(line);
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

}  // namespace

std::string_view RruleDayName(RruleDay day) {
  absl::string_view name = kDayNames[static_cast<int>(day)];
  return std::string_view(name.data(), name.size());
}

std::vector<RruleDay> RruleSchedule::RunDays() const {
  if (!days.empty()) return days;
  return {RruleDay::kMo, RruleDay::kTu, RruleDay::kWe, RruleDay::kTh,
          RruleDay::kFr, RruleDay::kSa, RruleDay::kSu};
}

std::vector<int> RruleSchedule::TimesOfDay() const {
  std::vector<int> out;
  for (int h : hours) {
    for (int m : minutes) out.push_back(h * 60 + m);
  }
  std::sort(out.begin(), out.end());
  return out;
}

absl::StatusOr<RruleSchedule> ParseRrule(std::string_view text) {
  absl::string_view rule(text.data(), text.size());
  if (absl::StartsWith(rule, "RRULE:")) rule.remove_prefix(6);
  if (rule.empty())
    return Invalid("the rule is empty: expected e.g. FREQ=DAILY;BYHOUR=2;BYMINUTE=0");
  RruleSchedule out;
  std::optional<absl::string_view> freq, byday, byhour, byminute;
  for (absl::string_view part : absl::StrSplit(rule, ';')) {
    if (part.empty()) return Invalid("the rule has an empty part (a stray \";\")");
    size_t eq = part.find('=');
    if (eq == absl::string_view::npos) {
      return Invalid(absl::StrCat("rule part \"", part, "\" is not NAME=VALUE"));
    }
    absl::string_view name = part.substr(0, eq);
    absl::string_view value = part.substr(eq + 1);
    std::optional<absl::string_view>* slot = name == "FREQ"       ? &freq
                                             : name == "BYDAY"    ? &byday
                                             : name == "BYHOUR"   ? &byhour
                                             : name == "BYMINUTE" ? &byminute
                                                                  : nullptr;
    if (slot == nullptr) {
      const std::string upper = absl::AsciiStrToUpper(name);
      if (upper != name &&
          (upper == "FREQ" || upper == "BYDAY" || upper == "BYHOUR" || upper == "BYMINUTE")) {
        return Invalid(
            absl::StrCat("rule part names are upper case: write ", upper, ", not ", name));
      }
      if (std::find(kUnsupportedParts.begin(), kUnsupportedParts.end(), upper) !=
          kUnsupportedParts.end()) {
        return Invalid(
            absl::StrCat("CSBS takes only FREQ, BYDAY, BYHOUR and BYMINUTE, not ", name));
      }
      return Invalid(absl::StrCat("unknown rule part \"", name,
                                  "\": CSBS takes only FREQ, BYDAY, BYHOUR and BYMINUTE"));
    }
    if (slot->has_value()) return Invalid(absl::StrCat(name, " is given more than once"));
    *slot = value;
  }
  if (!freq) return Invalid("the rule has no FREQ (WEEKLY or DAILY)");
  if (*freq == "WEEKLY") {
    out.frequency = RruleFrequency::kWeekly;
  } else if (*freq == "DAILY") {
    out.frequency = RruleFrequency::kDaily;
  } else {
    return Invalid(absl::StrCat("FREQ must be WEEKLY or DAILY, got ", *freq));
  }
  if (byday) {
    absl::StatusOr<std::vector<RruleDay>> days = Days(*byday);
    if (!days.ok()) return days.status();
    out.days = *std::move(days);
  } else if (out.frequency == RruleFrequency::kWeekly) {
    return Invalid("FREQ=WEEKLY needs BYDAY, the days of the week (e.g. BYDAY=MO,TH)");
  }
  if (!byhour) return Invalid("the rule has no BYHOUR (the hours of the backups, 0 to 23)");
  if (!byminute) return Invalid("the rule has no BYMINUTE (the minute of the hour, 0 to 59)");
  absl::StatusOr<std::vector<int>> hours = Numbers("BYHOUR", *byhour, 23, "hours");
  if (!hours.ok()) return hours.status();
  absl::StatusOr<std::vector<int>> minutes = Numbers("BYMINUTE", *byminute, 59, "minutes");
  if (!minutes.ok()) return minutes.status();
  out.hours = *std::move(hours);
  out.minutes = *std::move(minutes);
  return out;
}

absl::Status CheckCsbsLimits(const RruleSchedule& s) {
  const std::vector<int> times = s.TimesOfDay();
  if (static_cast<int>(times.size()) > kMaxBackupsPerDay) {
    return Invalid(absl::StrCat("the rule schedules ", times.size(), " backups a day (",
                                s.hours.size(), " hours × ", s.minutes.size(),
                                " minutes); at most ", kMaxBackupsPerDay, " are allowed"));
  }
  for (size_t i = 0; times.size() > 1 && i < times.size(); ++i) {
    const bool wraps = i + 1 == times.size();
    const int next = wraps ? times[0] + 24 * 60 : times[i + 1];
    const int gap = next - times[i];
    if (gap < kMinMinutesBetweenBackups) {
      return Invalid(absl::StrCat("backups at ", Clock(times[i]), " and ", Clock(next),
                                  wraps ? " the next day" : "", " are only ", gap,
                                  " minutes apart; CSBS needs at least one hour between backups"));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<RruleSchedule> ParseTriggerPattern(std::string_view text) {
  absl::string_view pattern(text.data(), text.size());
  if (pattern.size() > kMaxTriggerPatternLength) {
    return Invalid(absl::StrCat("the pattern is ", pattern.size(), " characters long; at most ",
                                kMaxTriggerPatternLength, " are allowed"));
  }
  const std::vector<absl::string_view> lines = Lines(pattern);
  if (lines.size() == 1 &&
      (absl::StartsWith(lines[0], "FREQ=") || absl::StartsWith(lines[0], "RRULE:"))) {
    return Invalid(absl::StrCat("the rule must be wrapped in a calendar: ", kWrapperForm));
  }
  constexpr std::array<absl::string_view, 5> kExpected = {"BEGIN:VCALENDAR", "BEGIN:VEVENT",
                                                          "RRULE:", "END:VEVENT", "END:VCALENDAR"};
  for (size_t i = 0; i < kExpected.size(); ++i) {
    const bool ok = i < lines.size() &&
                    (i == 2 ? absl::StartsWith(lines[i], kExpected[i]) : lines[i] == kExpected[i]);
    if (!ok) {
      return Invalid(absl::StrCat("line ", i + 1, " should be ",
                                  i == 2 ? "RRULE:<rule>" : kExpected[i], ", got ",
                                  i < lines.size() ? absl::StrCat("\"", lines[i], "\"") : "nothing",
                                  "; the pattern's form is ", kWrapperForm));
    }
  }
  if (lines.size() > kExpected.size()) {
    return Invalid(absl::StrCat("the pattern has text after END:VCALENDAR (\"",
                                lines[kExpected.size()], "\"); the pattern's form is ",
                                kWrapperForm));
  }
  absl::StatusOr<RruleSchedule> schedule =
      ParseRrule(std::string_view(lines[2].data(), lines[2].size()));
  if (!schedule.ok()) return schedule.status();
  absl::Status limits = CheckCsbsLimits(*schedule);
  if (!limits.ok()) return limits;
  return schedule;
}

std::string FormatRrule(const RruleSchedule& s) {
  std::string out = s.frequency == RruleFrequency::kDaily ? "FREQ=DAILY" : "FREQ=WEEKLY";
  if (!s.days.empty()) {
    std::vector<std::string> names;
    for (RruleDay d : s.days) names.emplace_back(RruleDayName(d));
    absl::StrAppend(&out, ";BYDAY=", absl::StrJoin(names, ","));
  }
  absl::StrAppend(&out, ";BYHOUR=", absl::StrJoin(s.hours, ","));
  absl::StrAppend(&out, ";BYMINUTE=", absl::StrJoin(s.minutes, ","));
  return out;
}

std::string FormatTriggerPattern(const RruleSchedule& s) {
  return absl::StrCat("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:", FormatRrule(s),
                      "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
}

}  // namespace polybackup::clients::huaweicloud
