// The provider functions (Terraform >= 1.8, `provider::polybackup::NAME`):
// one schedule declared once drives every cloud's resources.
//
//   schedule(days, time)         the four dialects of "these weekdays at HH:MM UTC"
//   parse_aws_cron(expression)   an AWS cron(...) back to the same object
//   parse_csbs_rrule(rule)       a CSBS rule (bare or in its calendar) back to it
//   next_runs(expression, count, from)
//                                the next start times of an AWS cron/rate or a CSBS rule
//
// The translations and the evaluation are schedule.h and next_runs.h; the
// parsers are the clients' own (the resources validate with them too).
// docs/functions/ has a page for each.
#ifndef POLYBACKUP_FUNCTIONS_SCHEDULE_FUNCTIONS_H_
#define POLYBACKUP_FUNCTIONS_SCHEDULE_FUNCTIONS_H_

#include "tfplugin/framework/provider.h"

namespace polybackup::functions {

void AddScheduleFunctions(framework::ProviderBuilder& builder);

}  // namespace polybackup::functions

#endif  // POLYBACKUP_FUNCTIONS_SCHEDULE_FUNCTIONS_H_
