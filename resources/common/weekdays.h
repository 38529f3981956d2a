// Weekdays as the Alibaba Cloud APIs write them ("Monday" … "Sunday"): the
// kvstore policy's period and the DBS plan's backup_period both use them, and
// both answer them in other letter cases and orders (DBS: "MONDAY").
#ifndef POLYBACKUP_RESOURCES_COMMON_WEEKDAYS_H_
#define POLYBACKUP_RESOURCES_COMMON_WEEKDAYS_H_

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "tfplugin/schema/validators.h"

namespace polybackup::resources {

// "Monday" … "Sunday", in week order.
const std::vector<std::string>& Weekdays();

// One of Weekdays(), case-sensitive as configurations write them; the
// message lists the seven names.
schema::ValidatorPtr WeekdayValidator();

// The canonical name of a weekday in any letter case ("monday", "MONDAY" →
// "Monday"); nullopt for anything else.
std::optional<std::string> CanonicalWeekday(std::string_view day);

// The days as a set of canonical names. An unexpected token is kept
// verbatim, so drift stays visible rather than hidden.
std::set<std::string> CanonicalDays(const std::vector<std::string>& days);

// The days of `days` that are weekdays, in week order (what a person reads
// in the console; the APIs accept any order).
std::vector<std::string> InWeekOrder(const std::set<std::string>& days);

}  // namespace polybackup::resources

#endif  // POLYBACKUP_RESOURCES_COMMON_WEEKDAYS_H_
