// data "polybackup_aws_backup_plans": every backup plan of a region (all
// pages of ListBackupPlans), optionally those whose name matches a regular
// expression. Beyond the AWS provider, which has no list data source.
#ifndef POLYBACKUP_DATASOURCES_AWS_BACKUP_PLANS_DATA_SOURCE_H_
#define POLYBACKUP_DATASOURCES_AWS_BACKUP_PLANS_DATA_SOURCE_H_

#include <optional>
#include <string>
#include <vector>

#include "tfplugin/framework/data_source.h"

namespace polybackup::datasources::aws {

struct PlanSummaryData {
  schema::String id;
  schema::String arn;
  schema::String name;
  schema::String version;
  schema::String creation_date;  // RFC 3339, UTC
  schema::String deletion_date;  // null unless include_deleted found a deleted plan
};

struct BackupPlansDataModel {
  schema::String id;  // the region
  schema::String region;
  schema::String name_regex;
  schema::Bool include_deleted;
  schema::List<std::string> ids;
  schema::List<std::string> names;
  schema::Field<std::vector<PlanSummaryData>> plans;
};

class BackupPlansDataSource : public framework::DataSource<BackupPlansDataModel> {
 public:
  std::string TypeSuffix() const override { return "aws_backup_plans"; }
  schema::ModelSchema<BackupPlansDataModel> DefineSchema() const override;
  void Validate(framework::Context& ctx, const BackupPlansDataModel& config) override;
  std::optional<BackupPlansDataModel> Read(framework::Context& ctx,
                                           const BackupPlansDataModel& config) override;
};

// Epoch seconds as RFC 3339 in UTC ("2026-12-02T01:29:47Z"), what the
// plans' dates are given as.
std::string Rfc3339(double epoch_seconds);

}  // namespace polybackup::datasources::aws

#endif  // POLYBACKUP_DATASOURCES_AWS_BACKUP_PLANS_DATA_SOURCE_H_
