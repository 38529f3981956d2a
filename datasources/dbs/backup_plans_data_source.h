// data "polybackup_dbs_backup_plans": the DBS backup plans of a region that
// pass the filters (ids, name_regex, backup_plan_name, status), every page
// of DescribeBackupPlanList read (docs/data-sources/dbs_backup_plans.md).
// The arguments and results are those of alicloud_dbs_backup_plans.
#ifndef POLYBACKUP_DATASOURCES_DBS_BACKUP_PLANS_DATA_SOURCE_H_
#define POLYBACKUP_DATASOURCES_DBS_BACKUP_PLANS_DATA_SOURCE_H_

#include <optional>
#include <string>

#include "datasources/dbs/plan_summary.h"
#include "tfplugin/framework/data_source.h"

namespace polybackup::datasources::dbs {

struct BackupPlansModel {
  schema::String id;
  schema::List<std::string> ids;
  schema::String name_regex;
  schema::String backup_plan_name;
  schema::String status;
  schema::Bool enable_details;
  schema::Int64 page_size;
  schema::String output_file;
  schema::String region;
  schema::List<std::string> names;
  schema::List<PlanSummaryModel> plans;
};

class BackupPlansDataSource : public framework::DataSource<BackupPlansModel> {
 public:
  std::string TypeSuffix() const override { return "dbs_backup_plans"; }
  schema::ModelSchema<BackupPlansModel> DefineSchema() const override;
  std::optional<BackupPlansModel> Read(framework::Context& ctx,
                                       const BackupPlansModel& config) override;
};

}  // namespace polybackup::datasources::dbs

#endif  // POLYBACKUP_DATASOURCES_DBS_BACKUP_PLANS_DATA_SOURCE_H_
