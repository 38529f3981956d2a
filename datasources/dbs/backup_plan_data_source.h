// data "polybackup_dbs_backup_plan": one DBS backup plan by its ID, with
// the attributes an element of polybackup_dbs_backup_plans' `plans` has
// (docs/data-sources/dbs_backup_plan.md). A plan DBS does not list is an
// error naming the ID and the region, not an empty result.
#ifndef POLYBACKUP_DATASOURCES_DBS_BACKUP_PLAN_DATA_SOURCE_H_
#define POLYBACKUP_DATASOURCES_DBS_BACKUP_PLAN_DATA_SOURCE_H_

#include <optional>
#include <string>

#include "datasources/dbs/plan_summary.h"
#include "tfplugin/framework/data_source.h"

namespace polybackup::datasources::dbs {

class BackupPlanDataSource : public framework::DataSource<PlanSummaryModel> {
 public:
  std::string TypeSuffix() const override { return "dbs_backup_plan"; }
  schema::ModelSchema<PlanSummaryModel> DefineSchema() const override;
  std::optional<PlanSummaryModel> Read(framework::Context& ctx,
                                       const PlanSummaryModel& config) override;
};

}  // namespace polybackup::datasources::dbs

#endif  // POLYBACKUP_DATASOURCES_DBS_BACKUP_PLAN_DATA_SOURCE_H_
