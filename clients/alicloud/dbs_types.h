// Plain request/response structs of DbsClient (Database Backup, "Dbs"
// 2019-03-06). Field names follow the API's parameter names in snake_case.
// Empty strings and nullopt mean "not sent" in requests and "absent" in
// answers.
#ifndef POLYBACKUP_CLIENTS_ALICLOUD_DBS_TYPES_H_
#define POLYBACKUP_CLIENTS_ALICLOUD_DBS_TYPES_H_

#include <optional>
#include <string>
#include <vector>

namespace polybackup::clients::alicloud {

struct CreateDbsBackupPlanRequest {
  std::string region;          // "" = the client's region
  std::string instance_class;  // micro, small, medium, large, xlarge
  std::string database_type;   // MySQL, MSSQL, Oracle, PostgreSQL, MongoDB, Redis, ...
  std::string backup_method;   // logical, physical, duplication
  std::string pay_type;        // "prepay" (API default) or "postpay"
  std::string period;          // prepay: "Year" or "Month"
  std::optional<int> used_time;
  std::string database_region;  // postpay duplication plans
  std::string storage_region;
  std::string instance_type;  // RDS, PolarDB, DDS, Kvstore, Other
  std::string storage_type;
  std::string resource_group_id;
  // Idempotency: "" = the client makes one (once, before the first attempt).
  std::string client_token;
};

struct CreateDbsBackupPlanResult {
  std::string backup_plan_id;
  std::string order_id;
  std::string client_token;  // the token used, for a caller that retries later
};

struct DbsSourceEndpoint {
  std::string instance_type;  // RDS, ECS, Express, Agent, DDS, Other
  std::string region;
  std::string instance_id;
  std::string ip;
  std::optional<int> port;
  std::string database_name;
  std::string user_name;
  std::string password;    // write-only: never returned by the API, never logged
  std::string oracle_sid;  // sent as SourceEndpointOracleSID
};

struct ConfigureDbsBackupPlanRequest {
  std::string backup_plan_id;
  std::string backup_plan_name;  // required by the API
  DbsSourceEndpoint source;
  std::string backup_objects;     // JSON text, e.g. [{"DBName":"db1"}]
  std::string backup_period;      // "Monday,Wednesday"
  std::string backup_start_time;  // "HH:mm" UTC
  std::optional<bool> enable_backup_log;
  std::optional<int> backup_log_interval_seconds;
  std::optional<int> backup_retention_period;  // days, 0..1825
  std::optional<int> duplication_infrequent_access_period;
  std::optional<int> duplication_archive_period;
  std::string backup_storage_type;
  std::string backup_strategy_type;  // simple, manual
  std::string oss_bucket_name;
  std::optional<long long> backup_gateway_id;
  std::string cross_aliyun_id;
  std::string cross_role_name;
  std::optional<long long> backup_speed_limit;
  std::optional<long long> backup_rate_limit;
  std::optional<bool> auto_start_backup;
};

struct ModifyDbsBackupStrategyRequest {
  std::string backup_plan_id;
  std::string backup_period;      // required; at least two weekdays per the API reference
  std::string backup_start_time;  // required, "HH:mm"
  std::string backup_strategy_type;
  std::optional<int> backup_log_interval_seconds;
};

struct ModifyDbsBackupSourceEndpointRequest {
  std::string backup_plan_id;
  DbsSourceEndpoint source;
  std::string backup_objects;
  std::optional<long long> backup_gateway_id;  // Agent sources
};

struct ModifyDbsStorageStrategyRequest {
  std::string backup_plan_id;
  // All three are required by the API; for duplication plans
  // infrequent < archive < retention.
  int backup_retention_period = 0;
  int duplication_infrequent_access_period = 0;
  int duplication_archive_period = 0;
};

struct DbsBackupPlan {
  std::string backup_plan_id;
  std::string backup_plan_name;
  std::string backup_plan_status;  // wait, init, check_pass, running, pause, stop, locked
  std::string database_type;
  std::string instance_class;
  std::string backup_method;
  std::string source_endpoint_instance_type;  // lower case in answers ("rds")
  std::string source_endpoint_region;
  std::string source_endpoint_instance_id;
  std::string source_endpoint_ip_port;  // "10.0.0.1:3306"
  std::string source_endpoint_database_name;
  std::string source_endpoint_user_name;
  std::string source_endpoint_oracle_sid;
  std::string backup_objects;
  std::string backup_period;
  std::string backup_start_time;
  std::optional<long long> backup_retention_period;
  std::optional<long long> duplication_infrequent_access_period;
  std::optional<long long> duplication_archive_period;
  std::optional<bool> enable_backup_log;
  std::string backup_storage_type;
  std::string backup_strategy_type;
  std::string oss_bucket_name;
  std::string oss_bucket_region;
  std::string resource_group_id;
  std::optional<long long> backup_gateway_id;  // 0 from the API is reported as nullopt
  std::string cross_aliyun_id;
  std::string cross_role_name;
  std::optional<long long> create_time_ms;  // BackupPlanCreateTime, epoch milliseconds
  std::string err_message;                  // why a precheck failed
};

// DescribeBackupPlanBilling's Item: how the plan is billed.
struct DbsBilling {
  std::string buy_charge_type;  // "PREPAY" (subscription) or "POSTPAY" (pay-as-you-go)
  std::string buy_spec;         // the instance class bought
  std::optional<long long> buy_create_ms;
  std::optional<long long> buy_expired_ms;  // prepay only
  std::optional<bool> is_expired;           // prepay only
};

struct DescribeDbsBackupPlanListRequest {
  std::string backup_plan_id;  // comma-separated ids allowed
  std::string backup_plan_name;
  std::string backup_plan_status;
  std::string region;  // "" = the client's region
  std::string resource_group_id;
  int page_num = 0;  // 0-based (PageNum)
  int page_size = 30;
};

struct DbsBackupPlanPage {
  std::vector<DbsBackupPlan> items;
  long long page_num = 0;
  long long page_size = 0;
  long long total_elements = -1;
  long long total_pages = -1;
};

}  // namespace polybackup::clients::alicloud

#endif  // POLYBACKUP_CLIENTS_ALICLOUD_DBS_TYPES_H_
