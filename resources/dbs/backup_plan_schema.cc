// The schema of polybackup_dbs_backup_plan: the reference provider's
// argument names, what each one means, and which change replaces the plan
// (only what no DBS call can change).
#include "resources/dbs/backup_plan_resource.h"

namespace polybackup::resources::dbs {
namespace {

using M = BackupPlanModel;
using schema::IntBetween;
using schema::StringOneOf;

// An optional value DBS reports back: omitted, it shows what the plan has.
template <class Builder>
Builder& Reported(Builder&& b) {
  return b.Optional().Computed().UseStateForUnknown();
}

void SourceAttributes(schema::ModelSchema<M>& s) {
  s.Attribute("source_endpoint_instance_type", &M::source_endpoint_instance_type)
      .Required()
      .Validate(StringOneOf(kEndpointTypes))
      .MarkdownDescription(
          "Where the database runs: `RDS`, `ECS`, `Express`, `Agent`, `DDS` or `Other`.");
  Reported(s.Attribute("source_endpoint_region", &M::source_endpoint_region))
      .MarkdownDescription(
          "The database's region. Needed for `RDS`, `ECS`, `DDS`, `Express` and `Agent`.");
  Reported(s.Attribute("source_endpoint_instance_id", &M::source_endpoint_instance_id))
      .MarkdownDescription(
          "The database instance's ID. Needed for `RDS`, `ECS`, `DDS` and `Express`.");
  Reported(s.Attribute("source_endpoint_ip", &M::source_endpoint_ip))
      .MarkdownDescription("The database's address. Needed for `Express`, `Agent` and `Other`.");
  Reported(s.Attribute("source_endpoint_port", &M::source_endpoint_port))
      .Validate(IntBetween(1, 65535))
      .MarkdownDescription(
          "The database's port. Needed for `Express`, `Agent`, `Other` and `ECS`.");
  Reported(s.Attribute("source_endpoint_database_name", &M::source_endpoint_database_name))
      .MarkdownDescription("The database name. Needed for `PostgreSQL` and `MongoDB`.");
  Reported(s.Attribute("source_endpoint_user_name", &M::source_endpoint_user_name))
      .MarkdownDescription(
          "The user DBS logs in as. Needed except for `Redis`, and for `MSSQL` through an "
          "`Agent`.");
  s.Attribute("source_endpoint_password", &M::source_endpoint_password)
      .Optional()
      .Sensitive()
      .WriteOnly()
      .MarkdownDescription(
          "The password of `source_endpoint_user_name`. Write-only: sent to DBS, never stored "
          "in state or plan files (Terraform 1.11 or later). DBS never returns it, so a changed "
          "password is only sent when `source_endpoint_password_wo_version` changes too.");
  s.Attribute("source_endpoint_password_wo_version", &M::source_endpoint_password_wo_version)
      .Optional()
      .MarkdownDescription(
          "Any number; change it to send `source_endpoint_password` to DBS again "
          "(ModifyBackupSourceEndpoint), e.g. after rotating the password.");
  Reported(s.Attribute("source_endpoint_sid", &M::source_endpoint_sid))
      .MarkdownDescription("The Oracle SID. Needed for `Oracle`.");
  Reported(s.Attribute("source_endpoint_oracle_sid", &M::source_endpoint_oracle_sid))
      .MarkdownDescription(
          "The Oracle SID, as `source_endpoint_sid` (the reference provider has both names for "
          "the one API field).");
  Reported(s.Attribute("backup_gateway_id", &M::backup_gateway_id))
      .Validate(DigitsValidator())
      .MarkdownDescription("The backup gateway's ID. Needed for `Agent`.");
  Reported(s.Attribute("cross_aliyun_id", &M::cross_aliyun_id))
      .RequiresReplace()
      .Description(
          "The Alibaba Cloud account ID (UID) the database belongs to, when another "
          "account's database is backed up.");
  Reported(s.Attribute("cross_role_name", &M::cross_role_name))
      .RequiresReplace()
      .Description("The RAM role DBS assumes in that other account.");
}

void ScheduleAttributes(schema::ModelSchema<M>& s) {
  Reported(s.Attribute("backup_objects", &M::backup_objects))
      .Validate(BackupObjectsValidator())
      .MarkdownDescription(
          "What is backed up, as JSON text, e.g. `[{\"DBName\":\"orders\"}]`. Omitted: the "
          "whole instance.");
  Reported(s.Attribute("backup_period", &M::backup_period))
      .Validate(BackupPeriodValidator())
      .MarkdownDescription(
          "The weekdays of the full backups, separated by commas, e.g. `Monday,Thursday`. A "
          "plan with one day can only get another schedule by replacement (DBS changes a "
          "schedule of two days or more).");
  Reported(s.Attribute("backup_start_time", &M::backup_start_time))
      .Validate(StartTimeValidator())
      .MarkdownDescription("When full backups start, `HH:mm` in UTC, e.g. `14:22`.");
  s.Attribute("backup_strategy_type", &M::backup_strategy_type)
      .Optional()
      .Validate(StringOneOf({"simple", "manual"}))
      .MarkdownDescription(
          "`simple` (backups on the schedule) or `manual`. Not reported by DBS: drift of it is "
          "not seen.");
  s.Attribute("backup_log_interval_seconds", &M::backup_log_interval_seconds)
      .Optional()
      .Validate(IntBetween(1, 86400))
      .Description(
          "Seconds between incremental (log) backups; physical backups only. Not "
          "reported by DBS.");
  Reported(s.Attribute("enable_backup_log", &M::enable_backup_log))
      .Description("Whether incremental (log) backups run.");
  Reported(s.Attribute("backup_retention_period", &M::backup_retention_period))
      .Validate(IntBetween(0, 1825))
      .Description("Days backups are kept, 0 to 1825. DBS's default is 730.");
  Reported(
      s.Attribute("duplication_infrequent_access_period", &M::duplication_infrequent_access_period))
      .Validate(IntBetween(0, 1825))
      .Description("Days after which backups move to infrequent-access storage (default 180).");
  Reported(s.Attribute("duplication_archive_period", &M::duplication_archive_period))
      .Validate(IntBetween(0, 1825))
      .Description("Days after which backups move to archive storage (default 365).");
  Reported(s.Attribute("backup_storage_type", &M::backup_storage_type))
      .RequiresReplace()
      .Validate(StringOneOf({"system"}))
      .MarkdownDescription("`system`: DBS's built-in storage.");
  Reported(s.Attribute("oss_bucket_name", &M::oss_bucket_name))
      .RequiresReplace()
      .Description("The OSS bucket the backups go to. Omitted: DBS makes one.");
  s.Attribute("backup_rate_limit", &M::backup_rate_limit)
      .Optional()
      .Validate(DigitsValidator())
      .Description(
          "Backup network rate limit. Set when the plan is created; not reported by "
          "DBS, and no call changes it later (a change is only recorded).");
  s.Attribute("backup_speed_limit", &M::backup_speed_limit)
      .Optional()
      .Validate(DigitsValidator())
      .Description(
          "Backup disk I/O limit. Set when the plan is created; not reported by DBS, "
          "and no call changes it later (a change is only recorded).");
}

void PurchaseAttributes(schema::ModelSchema<M>& s) {
  const char* kCreateOnly =
      " Used only when the plan is bought: DBS does not report it, so import cannot recover it, "
      "and a later change is only recorded.";
  Reported(s.Attribute("payment_type", &M::payment_type))
      .RequiresReplace()
      .Validate(StringOneOf({"PayAsYouGo", "Subscription"}))
      .MarkdownDescription(
          "`PayAsYouGo` or `Subscription` (DBS's default). A subscription needs `period` and "
          "`used_time`; pay-as-you-go needs `database_region`, `storage_region` and "
          "`instance_type`.");
  s.Attribute("period", &M::period)
      .Optional()
      .Validate(StringOneOf({"Year", "Month"}))
      .MarkdownDescription(std::string("A subscription's unit: `Year` or `Month`.") + kCreateOnly);
  s.Attribute("used_time", &M::used_time)
      .Optional()
      .Validate(IntBetween(1, 11))
      .MarkdownDescription(std::string("A subscription's length: 1 to 9 years, or 1 to 11 "
                                       "months.") +
                           kCreateOnly);
  s.Attribute("database_region", &M::database_region)
      .Optional()
      .Description(std::string("The database's region, for pay-as-you-go billing.") + kCreateOnly);
  s.Attribute("storage_region", &M::storage_region)
      .Optional()
      .Description(std::string("Where backups are stored, for pay-as-you-go billing.") +
                   kCreateOnly);
  s.Attribute("instance_type", &M::instance_type)
      .Optional()
      .Validate(StringOneOf(kInstanceTypes))
      .MarkdownDescription(
          std::string("The database service billed: `RDS`, `PolarDB`, `DDS`, `Kvstore` or "
                      "`Other`.") +
          kCreateOnly);
  Reported(s.Attribute("resource_group_id", &M::resource_group_id))
      .RequiresReplace()
      .Description("The resource group of the plan. Omitted: the account's default group.");
}

}  // namespace

schema::ModelSchema<M> BackupPlanResource::DefineSchema() const {
  schema::ModelSchema<M> s;
  s.MarkdownDescription(
      "Manages an Alibaba Cloud Database Backup (DBS) backup plan: what is backed up from which "
      "database, when, and for how long. Changes are made in place where DBS can make them.");
  s.Timeouts({.create = std::chrono::minutes(10),
              .read = std::chrono::minutes(5),
              .update = std::chrono::minutes(10),
              .del = std::chrono::minutes(5)});
  s.Attribute("id", &M::id).Computed().UseStateForUnknown().Description("The backup plan ID.");
  s.Attribute("backup_plan_name", &M::backup_plan_name)
      .Required()
      .Validate(schema::StringLengthBetween(1, 255))
      .Description("The plan's name.");
  s.Attribute("backup_method", &M::backup_method)
      .Required()
      .RequiresReplace()
      .Validate(StringOneOf(kBackupMethods))
      .MarkdownDescription("`logical`, `physical` or `duplication`.");
  s.Attribute("database_type", &M::database_type)
      .Required()
      .RequiresReplace()
      .Validate(StringOneOf(kDatabaseTypes))
      .MarkdownDescription(
          "`DRDS`, `FIle`, `MSSQL`, `MariaDB`, `MongoDB`, `MySQL`, `Oracle`, `PPAS`, "
          "`PostgreSQL` or `Redis` (the reference provider's list, `FIle` spelled as there).");
  s.Attribute("instance_class", &M::instance_class)
      .Required()
      .RequiresReplace()
      .Validate(StringOneOf(kInstanceClasses))
      .MarkdownDescription(
          "The plan's size: `micro`, `small`, `medium`, `large` or `xlarge` (faster backups, "
          "larger free quota).");
  SourceAttributes(s);
  ScheduleAttributes(s);
  PurchaseAttributes(s);
  Reported(s.Attribute("status", &M::status))
      .Validate(StringOneOf({"running", "pause"}))
      .MarkdownDescription(
          "`running` (the default after create) or `pause`. DBS may also report `check_pass`, "
          "`init`, `wait`, `stop` or `locked`, which the next apply turns back into the "
          "configured status.");
  Reported(s.Attribute("region", &M::region))
      .RequiresReplace()
      .MarkdownDescription("The plan's region. Defaults to the provider's `alicloud` region.");
  return s;
}

}  // namespace polybackup::resources::dbs
