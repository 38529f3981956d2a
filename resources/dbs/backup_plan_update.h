// Which DBS calls change a backup plan in place, from its prior state and
// the plan: pure, so every rule is unit-tested without a cloud.
//
//   backup_plan_name                              ModifyBackupPlanName
//   source_endpoint_* (incl. a new
//   source_endpoint_password_wo_version),
//   backup_gateway_id                             ModifyBackupSourceEndpoint
//   backup_objects                                ModifyBackupObjects (or with
//                                                 the source, in one call)
//   backup_period, backup_start_time,
//   backup_strategy_type,
//   backup_log_interval_seconds                   ModifyBackupStrategy
//   backup_retention_period,
//   duplication_*_period                          ModifyStorageStrategy
//   enable_backup_log                             Enable/DisableBackupLog
// A new source or new objects make DBS precheck the plan again; it then
// waits in check_pass for StartBackupPlan (DBS API reference:
// ModifyBackupSourceEndpoint answers NeedPrecheck).
#ifndef POLYBACKUP_RESOURCES_DBS_BACKUP_PLAN_UPDATE_H_
#define POLYBACKUP_RESOURCES_DBS_BACKUP_PLAN_UPDATE_H_

#include <optional>
#include <string>
#include <vector>

#include "resources/dbs/backup_plan_model.h"

namespace polybackup::resources::dbs {

struct PlanChanges {
  std::optional<std::string> name;
  std::optional<clients::alicloud::ModifyDbsBackupSourceEndpointRequest> source;
  std::optional<std::string> objects;  // only when the source does not change
  std::optional<clients::alicloud::ModifyDbsBackupStrategyRequest> strategy;
  std::optional<clients::alicloud::ModifyDbsStorageStrategyRequest> storage;
  std::optional<bool> backup_log;
  // DBS prechecks the plan again: it must be started afterwards.
  bool needs_restart() const { return source.has_value() || objects.has_value(); }
};

// The calls that turn `prior` into `planned` (same plan ID). A value that
// is unknown or null in the plan is not changed.
PlanChanges ChangesFor(const BackupPlanModel& prior, const BackupPlanModel& planned);

// The schedule attributes (ModifyBackupStrategy's) the plan changes.
std::vector<std::string> ScheduleChanges(const BackupPlanModel& prior,
                                         const BackupPlanModel& planned);

// ModifyBackupStrategy takes at least two weekdays (DBS API reference:
// "BackupPeriod must name at least two days"), so a schedule of one day can
// only be set when the plan is created. True when the plan's period
// (planned, else prior) has fewer than two days.
bool PeriodTooShortToModify(const BackupPlanModel& prior, const BackupPlanModel& planned);

}  // namespace polybackup::resources::dbs

#endif  // POLYBACKUP_RESOURCES_DBS_BACKUP_PLAN_UPDATE_H_
