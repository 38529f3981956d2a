// The ApsaraDB for Redis / Memcache (R-kvstore) backup policy as Terraform
// sees it: the model shared by the resource and the data source, the
// validators, and the mapping to and from the API's shape.
//
// API facts this encodes (R-kvstore 2015-01-01, ModifyBackupPolicy /
// DescribeBackupPolicy): the window is one hour on the hour in UTC,
// "HH:mmZ-HH:mmZ"; the period is a comma-separated list of English weekday
// names and may not be empty; BackupRetentionPeriod is answered as a string;
// EnableBackupLog as 0/1.
#ifndef POLYBACKUP_RESOURCES_KVSTORE_KVSTORE_POLICY_H_
#define POLYBACKUP_RESOURCES_KVSTORE_KVSTORE_POLICY_H_

#include <optional>
#include <string>

#include "clients/alicloud/kvstore_client.h"
#include "nlohmann/json.hpp"
#include "tfplugin/schema/field.h"
#include "tfplugin/schema/validators.h"

namespace polybackup::resources::kvstore {

struct BackupPolicyModel {
  schema::String id;
  schema::String instance_id;
  schema::Set<std::string> backup_period;
  schema::String backup_time;
  schema::Bool enable_backup_log;
  schema::Int64 backup_retention_period;
  schema::String preferred_next_backup_time;
  schema::String region;
  schema::Bool keep_on_destroy;  // resource only
};

// One of the 24 one-hour windows; the message names the allowed form.
// (Weekdays: resources/common/weekdays.h.)
schema::ValidatorPtr BackupTimeValidator();

// True when two windows denote the same hour: equal text, or the last
// window written with either end, "23:00Z-24:00Z" / "23:00Z-00:00Z".
bool SameWindow(std::string_view a, std::string_view b);

// Fills the attributes that come from the API (period, time, log backup,
// retention, next backup time) into `model`. Values equal in meaning to
// what `model` already holds are kept as written (no false diffs from case,
// order or the two spellings of the last window).
void ApplyPolicy(const clients::alicloud::KvstoreBackupPolicy& policy, BackupPolicyModel& model);

// The ModifyBackupPolicy request that makes the instance match `planned`:
// configured values where known, the instance's `current` values otherwise
// (the API requires a time and a non-empty period on every call).
clients::alicloud::ModifyKvstoreBackupPolicyRequest DesiredPolicy(
    const BackupPolicyModel& planned, const clients::alicloud::KvstoreBackupPolicy& current);

// True when `current` already is what `request` asks for.
bool PolicyMatches(const clients::alicloud::KvstoreBackupPolicy& current,
                   const clients::alicloud::ModifyKvstoreBackupPolicyRequest& request);

// The policy remembered in private state, so destroy can restore it.
nlohmann::json PolicyToJson(const clients::alicloud::KvstoreBackupPolicy& policy);
std::optional<clients::alicloud::ModifyKvstoreBackupPolicyRequest> RestoreRequest(
    const std::string& instance_id, const nlohmann::json& remembered);

}  // namespace polybackup::resources::kvstore

#endif  // POLYBACKUP_RESOURCES_KVSTORE_KVSTORE_POLICY_H_
