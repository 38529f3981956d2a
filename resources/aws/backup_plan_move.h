// `moved { from = aws_backup_plan.x  to = polybackup_aws_backup_plan.x }`:
// the AWS provider's state of a plan, as our model.
#ifndef POLYBACKUP_RESOURCES_AWS_BACKUP_PLAN_MOVE_H_
#define POLYBACKUP_RESOURCES_AWS_BACKUP_PLAN_MOVE_H_

#include <cstdint>

#include "nlohmann/json.hpp"
#include "resources/aws/backup_plan_model.h"

namespace polybackup::resources::aws {

// The newest aws_backup_plan schema version this reads. Version 0 (AWS
// provider before 5.x's schedule_expression_timezone) lacks the time zone,
// which AWS then always treated as UTC: it becomes "Etc/UTC", as the AWS
// provider's own upgrader (plan_migrate.go) does.
inline constexpr int64_t kAwsPlanSchemaVersion = 1;

// The model of an aws_backup_plan state (`attributes` of schema version
// `version`), region left null. The AWS provider stores "none" as zeros and
// empty collections (lifecycle days 0, recovery_point_tags {}) where a
// configuration that leaves them out plans null; they become null here so
// the plan after the move is empty.
BackupPlanModel PlanFromAwsProviderState(const nlohmann::json& state, int64_t version);

}  // namespace polybackup::resources::aws

#endif  // POLYBACKUP_RESOURCES_AWS_BACKUP_PLAN_MOVE_H_
