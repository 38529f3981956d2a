// When a schedule really runs: the next start times of an AWS Backup
// schedule expression (cron or rate) or a CSBS rule, in UTC. Used by the
// next_runs provider function so a plan can show, and a check {} block
// assert, when backups will happen. Pure functions, thread-safe.
#ifndef POLYBACKUP_FUNCTIONS_NEXT_RUNS_H_
#define POLYBACKUP_FUNCTIONS_NEXT_RUNS_H_

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace polybackup::functions {

using Seconds = std::chrono::sys_seconds;

// The first `count` start times strictly after `from`, ascending.
// `expression` is "cron(...)" or "rate(...)" (AWS, evaluated in UTC; a rate
// counts its intervals from `from`), or a CSBS rule, bare
// ("FREQ=WEEKLY;BYDAY=MO;BYHOUR=2;BYMINUTE=0") or in its calendar.
// InvalidArgument for an expression neither parser takes (their message) or
// one that never runs again within 200 years (cron years).
absl::StatusOr<std::vector<Seconds>> NextRuns(std::string_view expression, int count, Seconds from);

// RFC 3339 as Terraform's timestamp() writes it, "2026-12-02T00:27:30Z",
// with an optional fraction and a "Z" or "+HH:MM"/"-HH:MM" offset.
absl::StatusOr<Seconds> ParseRfc3339(std::string_view text);
// "2026-12-02T02:00:00Z".
std::string FormatRfc3339(Seconds t);

}  // namespace polybackup::functions

#endif  // POLYBACKUP_FUNCTIONS_NEXT_RUNS_H_
