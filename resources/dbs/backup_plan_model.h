// The Database Backup (DBS) backup plan as Terraform sees it: the model of
// polybackup_dbs_backup_plan, its validators, and the pure mapping to and
// from DbsClient's structs (clients/alicloud/dbs_types.h).
//
// API facts this encodes (DBS 2019-03-06, DescribeBackupPlanList /
// DescribeBackupPlanBilling, and the Alibaba provider's read conversions):
// BackupPeriod comes back in upper case ("MONDAY,THURSDAY"),
// SourceEndpointInstanceType in lower case ("rds"), the source IP and port
// as one "ip:port", the billing method as POSTPAY / PREPAY, and
// BackupGatewayId 0 for "no gateway". Values that mean the same as the
// configuration (case, order of days, JSON spacing, "14:22Z") are kept as
// written so they never show as a change.
#ifndef POLYBACKUP_RESOURCES_DBS_BACKUP_PLAN_MODEL_H_
#define POLYBACKUP_RESOURCES_DBS_BACKUP_PLAN_MODEL_H_

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "clients/alicloud/dbs_types.h"
#include "tfplugin/diag/diagnostics.h"
#include "tfplugin/schema/field.h"
#include "tfplugin/schema/validators.h"

namespace polybackup::resources::dbs {

struct BackupPlanModel {
  schema::String id;
  schema::String backup_plan_name;
  schema::String backup_method;
  schema::String database_type;
  schema::String instance_class;
  // Where the database is, and how DBS logs in.
  schema::String source_endpoint_instance_type;
  schema::String source_endpoint_region;
  schema::String source_endpoint_instance_id;
  schema::String source_endpoint_ip;
  schema::Int64 source_endpoint_port;
  schema::String source_endpoint_database_name;
  schema::String source_endpoint_user_name;
  schema::String source_endpoint_password;  // write-only: never in state
  schema::Int64 source_endpoint_password_wo_version;
  schema::String source_endpoint_sid;  // both SIDs are SourceEndpointOracleSID
  schema::String source_endpoint_oracle_sid;
  schema::String backup_gateway_id;
  schema::String cross_aliyun_id;
  schema::String cross_role_name;
  // What is backed up, when, and for how long.
  schema::String backup_objects;
  schema::String backup_period;
  schema::String backup_start_time;
  schema::String backup_strategy_type;
  schema::Int64 backup_log_interval_seconds;
  schema::Bool enable_backup_log;
  schema::Int64 backup_retention_period;
  schema::Int64 duplication_infrequent_access_period;
  schema::Int64 duplication_archive_period;
  schema::String backup_storage_type;
  schema::String oss_bucket_name;
  schema::String backup_rate_limit;
  schema::String backup_speed_limit;
  // Purchase.
  schema::String payment_type;
  schema::String period;
  schema::Int64 used_time;
  schema::String database_region;
  schema::String storage_region;
  schema::String instance_type;
  schema::String resource_group_id;
  schema::String status;
  schema::String region;
};

// The reference provider's value lists.
inline const std::vector<std::string> kBackupMethods = {"duplication", "logical", "physical"};
inline const std::vector<std::string> kDatabaseTypes = {"DRDS",       "FIle",  "MSSQL",  "MariaDB",
                                                        "MongoDB",    "MySQL", "Oracle", "PPAS",
                                                        "PostgreSQL", "Redis"};
inline const std::vector<std::string> kInstanceClasses = {"large", "medium", "micro", "small",
                                                          "xlarge"};
inline const std::vector<std::string> kEndpointTypes = {"RDS",   "ECS", "Express",
                                                        "Agent", "DDS", "Other"};
inline const std::vector<std::string> kInstanceTypes = {"RDS", "PolarDB", "DDS", "Kvstore",
                                                        "Other"};
inline const std::vector<std::string> kPlanStatuses = {"check_pass", "init", "locked", "pause",
                                                       "running",    "stop", "wait"};

// "Monday,Thursday": weekdays as the API takes them, separated by commas.
schema::ValidatorPtr BackupPeriodValidator();
// "HH:mm" in UTC, optionally with a trailing Z ("14:22", "14:22Z").
schema::ValidatorPtr StartTimeValidator();
// A JSON array, e.g. [{"DBName":"orders"}].
schema::ValidatorPtr BackupObjectsValidator();
// A whole number written as a string ("1024"), as the reference provider
// types BackupGatewayId and the rate limits.
schema::ValidatorPtr DigitsValidator();

// Rules across attributes, at validate time: used_time's range by period
// (Year 1-9, Month 1-11), no pay-as-you-go DRDS plan, what each source
// location needs (RDS: region and instance ID, Other: IP and port, ...),
// and the two spellings of the Oracle SID agreeing. Unknown values are
// skipped (checked again at apply).
void ValidatePlanConfig(const BackupPlanModel& config, diag::Diagnostics& diags);

// What only buying a plan needs, checked when the plan creates one (an
// imported plan's configuration may leave these out, as DBS never reports
// them): the purchase terms of a subscription (period, used_time) or of
// pay-as-you-go (database_region, storage_region, instance_type), and the
// password when the database needs a login.
void CheckCreatable(const BackupPlanModel& config, diag::Diagnostics& diags);
// True when DBS logs in to the database: all but Redis, and MSSQL through an
// Agent (the API reference's rule for SourceEndpointUserName / Password).
bool NeedsLogin(const BackupPlanModel& m);

// Canonical forms, for comparing what the API answers with configuration.
std::set<std::string> PeriodDays(std::string_view period);  // {"Monday", ...}
std::string CanonicalPeriod(std::string_view period);       // "Monday,Thursday", week order
bool SameStartTime(std::string_view a, std::string_view b);
bool SameBackupObjects(std::string_view a, std::string_view b);
// "rds" → "RDS"; the API's spelling of the configuration's value list.
std::string EndpointTypeFromApi(std::string_view type);
// PayAsYouGo ↔ postpay / POSTPAY, Subscription ↔ prepay / PREPAY.
std::string PayTypeFor(std::string_view payment_type);
std::string PaymentTypeFromCharge(std::string_view buy_charge_type);

// Requests for the create steps; `region` is where the plan is bought.
clients::alicloud::CreateDbsBackupPlanRequest CreateRequest(const BackupPlanModel& planned,
                                                            const std::string& region);
clients::alicloud::ConfigureDbsBackupPlanRequest ConfigureRequest(const BackupPlanModel& planned,
                                                                  const std::string& id);
// The source endpoint of `m` (the password taken from `m` too).
clients::alicloud::DbsSourceEndpoint SourceOf(const BackupPlanModel& m);

// Fills what the API reports into `m`. Attributes the API never reports
// (password, purchase terms, rate limits, strategy type, log interval) are
// left as they are.
void ApplyPlan(const clients::alicloud::DbsBackupPlan& plan, BackupPlanModel& m);
void ApplyBilling(const clients::alicloud::DbsBilling& billing, BackupPlanModel& m);

}  // namespace polybackup::resources::dbs

#endif  // POLYBACKUP_RESOURCES_DBS_BACKUP_PLAN_MODEL_H_
