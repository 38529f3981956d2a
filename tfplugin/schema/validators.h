// Reusable validators (validator.h). Each returns a shared, immutable
// instance; attach it with ModelSchema's `.Validate(...)`. Messages name the
// attribute path and state what is allowed, e.g.
//   Invalid value for "frequency": expected one of "DAILY", "WEEKLY", got "daily".
#ifndef POLYBACKUP_TFPLUGIN_SCHEMA_VALIDATORS_H_
#define POLYBACKUP_TFPLUGIN_SCHEMA_VALIDATORS_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "tfplugin/schema/validator.h"

namespace polybackup::schema {

using ValidatorPtr = std::shared_ptr<const Validator>;

// String equal to one of `allowed` (case-sensitive).
ValidatorPtr StringOneOf(std::vector<std::string> allowed);
// String fully matching the ECMAScript regex `pattern`; `description` says
// the allowed form in words ("a cron expression like cron(0 5 ? * * *)").
// An invalid pattern is a programming error (abort at construction).
ValidatorPtr StringMatches(std::string pattern, std::string description);
// String length in [min, max] characters (bytes of UTF-8 here).
ValidatorPtr StringLengthBetween(int64_t min, int64_t max);
// Number that is a whole number in [min, max].
ValidatorPtr IntBetween(int64_t min, int64_t max);
// String holding a Go-style duration ("40m", "1h30m", "90s") within
// [min, max]; see ParseDuration.
ValidatorPtr Duration(std::chrono::seconds min = std::chrono::seconds(0),
                      std::chrono::seconds max = std::chrono::hours(24 * 366));
// Applies `element` to every known, non-null element of a list, set or map
// (paths get an index for lists and sets, a key for maps).
ValidatorPtr EachElement(ValidatorPtr element);
// Collection with a number of elements in [min, max].
ValidatorPtr SizeBetween(int64_t min, int64_t max);

// Parses a Go time.ParseDuration string made of integer or decimal amounts
// with units ns, us, ms, s, m, h ("1h30m", "1.5h", "500ms"); no sign, no
// spaces. Errors: InvalidArgument with the reason.
absl::StatusOr<std::chrono::nanoseconds> ParseDuration(const std::string& text);

}  // namespace polybackup::schema

#endif  // POLYBACKUP_TFPLUGIN_SCHEMA_VALIDATORS_H_
