#include "resources/common/weekdays.h"

#include <algorithm>
#include <cctype>

namespace polybackup::resources {

const std::vector<std::string>& Weekdays() {
  static const auto* days = new std::vector<std::string>{
      "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
  return *days;
}

schema::ValidatorPtr WeekdayValidator() { return schema::StringOneOf(Weekdays()); }

std::optional<std::string> CanonicalWeekday(std::string_view day) {
  for (const auto& name : Weekdays()) {
    if (name.size() == day.size() &&
        std::equal(name.begin(), name.end(), day.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) ==
                 std::tolower(static_cast<unsigned char>(b));
        })) {
      return name;
    }
  }
  return std::nullopt;
}

std::set<std::string> CanonicalDays(const std::vector<std::string>& days) {
  std::set<std::string> out;
  for (const auto& d : days) out.insert(CanonicalWeekday(d).value_or(d));
  return out;
}

std::vector<std::string> InWeekOrder(const std::set<std::string>& days) {
  std::vector<std::string> out;
  for (const auto& day : Weekdays()) {
    if (days.count(day)) out.push_back(day);
  }
  return out;
}

}  // namespace polybackup::resources
