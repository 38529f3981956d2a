// One DBS backup plan as the data sources return it: the attributes of an
// element of alicloud_dbs_backup_plans' `plans` (the reference data
// source), in the reference's forms: source_endpoint_instance_type as
// `RDS` (the API answers `rds`), backup_period as `Monday,Thursday` (the API
// answers `MONDAY,THURSDAY`), payment_type from DescribeBackupPlanBilling
// (`PayAsYouGo` / `Subscription`), backup_gateway_id "" for none.
#ifndef POLYBACKUP_DATASOURCES_DBS_PLAN_SUMMARY_H_
#define POLYBACKUP_DATASOURCES_DBS_PLAN_SUMMARY_H_

#include <optional>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "clients/alicloud/dbs_types.h"
#include "tfplugin/schema/model.h"

namespace polybackup::datasources::dbs {

struct PlanSummaryModel {
  schema::String id;
  schema::String backup_plan_id;
  schema::String backup_plan_name;
  schema::String backup_method;
  schema::String backup_objects;
  schema::String backup_period;
  schema::String backup_start_time;
  schema::String backup_storage_type;
  schema::String backup_gateway_id;
  schema::Int64 backup_retention_period;
  schema::String cross_aliyun_id;
  schema::String cross_role_name;
  schema::String database_type;
  schema::Int64 duplication_archive_period;
  schema::Int64 duplication_infrequent_access_period;
  schema::Bool enable_backup_log;
  schema::String instance_class;
  schema::String oss_bucket_name;
  schema::String payment_type;
  schema::String resource_group_id;
  schema::String source_endpoint_database_name;
  schema::String source_endpoint_instance_id;
  schema::String source_endpoint_instance_type;
  schema::String source_endpoint_region;
  schema::String source_endpoint_sid;
  schema::String source_endpoint_user_name;
  schema::String status;
  schema::String region;  // data "polybackup_dbs_backup_plan" only
};

// The attributes above, every one computed; with `by_id`, backup_plan_id is
// the required argument and `region` an optional one (the single plan data
// source), otherwise there is no `region` (an element of `plans`).
schema::ModelSchema<PlanSummaryModel> PlanSummarySchema(bool by_id);

// `plan` in the reference data source's forms; payment_type from `billing`
// when given (else null: enable_details = false).
PlanSummaryModel Summarize(const clients::alicloud::DbsBackupPlan& plan,
                           const std::optional<clients::alicloud::DbsBilling>& billing);

// The client-side filters of alicloud_dbs_backup_plans: IDs, a name
// regular expression (searched, as Go's MatchString does) and a status.
struct PlanFilter {
  std::set<std::string> ids;  // empty: any
  std::optional<std::regex> name;
  std::string status;  // "": any
  bool Matches(const clients::alicloud::DbsBackupPlan& plan) const;
};

// A validator for name_regex: a regular expression std::regex accepts.
schema::ValidatorPtr RegexValidator();

}  // namespace polybackup::datasources::dbs

#endif  // POLYBACKUP_DATASOURCES_DBS_PLAN_SUMMARY_H_
