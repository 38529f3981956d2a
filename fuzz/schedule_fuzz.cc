// The schedule validators users' configurations meet first (the AWS cron
// and rate parser, the CSBS trigger pattern parser, the kvstore window, the
// weekdays), and the schedule functions' readers: each must accept or
// refuse any string without crashing, and a refusal must name the
// attribute. What the AWS and CSBS parsers accept must also translate and
// evaluate without crashing. Byte 0 picks the validator.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "base/utf8.h"
#include "clients/aws/schedule_expression.h"
#include "clients/huaweicloud/trigger_pattern.h"
#include "functions/next_runs.h"
#include "functions/schedule.h"
#include "resources/aws/backup_plan_validation.h"
#include "resources/common/weekdays.h"
#include "resources/csbs/csbs_policy.h"
#include "resources/kvstore/kvstore_policy.h"

namespace {

using namespace polybackup;

void Die(const std::string& why) {
  std::fprintf(stderr, "schedule_fuzz: %s\n", why.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto* validators = new std::vector<schema::ValidatorPtr>{
      resources::kvstore::BackupTimeValidator(),
      resources::WeekdayValidator(),
      resources::aws::ScheduleValidator(),
      resources::csbs::TriggerPatternValidator(),
  };
  if (size < 1) return 0;
  const auto& v = (*validators)[data[0] % validators->size()];
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  diag::Diagnostics d;
  v->Validate(cty::Value::String(text), cty::Path().Attribute("schedule"), d);
  for (const auto& item : d) {
    if (!item.attribute || item.attribute->ToString().find("schedule") == std::string::npos) {
      Die("a refusal that does not name the attribute");
    }
  }
  // The weekday reader the resources normalise API answers with.
  (void)resources::CanonicalWeekday(text);
  // The functions' readers, and what they build from an accepted schedule.
  functions::Schedule schedule;
  (void)functions::ParseTime(text, &schedule);
  (void)functions::ParseDays({text});
  static const auto from = functions::Seconds(std::chrono::seconds(1796000000));
  if (auto aws = clients::aws::ParseScheduleExpression(text); aws.ok()) {
    if (auto s = functions::FromAwsSchedule(*aws); s.ok()) (void)functions::AwsCron(*s);
    (void)functions::NextRuns(text, 3, from);
  }
  if (auto rule = clients::huaweicloud::ParseRrule(text); rule.ok()) {
    (void)clients::huaweicloud::CheckCsbsLimits(*rule);
    if (auto s = functions::FromCsbsRule(*rule); s.ok()) (void)functions::CsbsRrule(*s);
    (void)functions::NextRuns(text, 3, from);
  }
  return 0;
}
