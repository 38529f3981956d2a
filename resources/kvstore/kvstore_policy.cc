#include "resources/kvstore/kvstore_policy.h"

#include <cstdio>

#include "resources/common/weekdays.h"

namespace polybackup::resources::kvstore {

namespace ali = clients::alicloud;

schema::ValidatorPtr BackupTimeValidator() {
  // The 24 windows spelled out, so a two-hour window or a window off the hour
  // is refused with the same clear message as a malformed one.
  std::string alternatives;
  for (int h = 0; h < 24; ++h) {
    char window[32];
    snprintf(window, sizeof(window), "%02d:00Z-%02d:00Z", h, h + 1);
    alternatives += (h ? "|" : "") + std::string(window);
  }
  alternatives += "|23:00Z-00:00Z";
  return schema::StringMatches(
      "(" + alternatives + ")",
      "a one-hour UTC window on the hour, written HH:00Z-HH:00Z, e.g. \"02:00Z-03:00Z\" "
      "(the last one is \"23:00Z-24:00Z\")");
}

bool SameWindow(std::string_view a, std::string_view b) {
  return ali::DocumentedBackupWindow(a) == ali::DocumentedBackupWindow(b);
}

void ApplyPolicy(const ali::KvstoreBackupPolicy& policy, BackupPolicyModel& model) {
  if (!(model.backup_time.is_known() &&
        SameWindow(model.backup_time.value(), policy.preferred_backup_time))) {
    model.backup_time = policy.preferred_backup_time;
  }
  model.backup_period = CanonicalDays(policy.preferred_backup_period);
  if (policy.enable_backup_log)
    model.enable_backup_log = *policy.enable_backup_log;
  else if (!model.enable_backup_log.is_known())
    model.enable_backup_log = false;
  if (policy.backup_retention_period) {
    model.backup_retention_period = static_cast<int64_t>(*policy.backup_retention_period);
  } else if (!model.backup_retention_period.is_known()) {
    model.backup_retention_period = schema::Int64::Null();
  }
  model.preferred_next_backup_time = policy.preferred_next_backup_time;
}

ali::ModifyKvstoreBackupPolicyRequest DesiredPolicy(const BackupPolicyModel& planned,
                                                    const ali::KvstoreBackupPolicy& current) {
  ali::ModifyKvstoreBackupPolicyRequest request;
  request.instance_id = planned.instance_id.value_or("");
  request.preferred_backup_time =
      planned.backup_time.is_known() ? planned.backup_time.value() : current.preferred_backup_time;
  if (planned.backup_period.is_known() && !planned.backup_period.value().empty()) {
    request.preferred_backup_period = InWeekOrder(planned.backup_period.value());
  } else {
    request.preferred_backup_period = current.preferred_backup_period;
  }
  if (planned.enable_backup_log.is_known()) {
    request.enable_backup_log = planned.enable_backup_log.value();
  }
  return request;
}

bool PolicyMatches(const ali::KvstoreBackupPolicy& current,
                   const ali::ModifyKvstoreBackupPolicyRequest& request) {
  if (!SameWindow(current.preferred_backup_time, request.preferred_backup_time)) return false;
  if (CanonicalDays(current.preferred_backup_period) !=
      CanonicalDays(request.preferred_backup_period)) {
    return false;
  }
  if (request.enable_backup_log &&
      current.enable_backup_log.value_or(false) != *request.enable_backup_log) {
    return false;
  }
  return true;
}

nlohmann::json PolicyToJson(const ali::KvstoreBackupPolicy& policy) {
  nlohmann::json j = {{"backup_time", policy.preferred_backup_time},
                      {"backup_period", policy.preferred_backup_period}};
  if (policy.enable_backup_log) j["enable_backup_log"] = *policy.enable_backup_log;
  return j;
}

std::optional<ali::ModifyKvstoreBackupPolicyRequest> RestoreRequest(
    const std::string& instance_id, const nlohmann::json& remembered) {
  if (!remembered.is_object() || !remembered.contains("backup_time") ||
      !remembered["backup_time"].is_string() || !remembered.contains("backup_period") ||
      !remembered["backup_period"].is_array() || remembered["backup_period"].empty()) {
    return std::nullopt;
  }
  ali::ModifyKvstoreBackupPolicyRequest request;
  request.instance_id = instance_id;
  request.preferred_backup_time = remembered["backup_time"].get<std::string>();
  for (const auto& d : remembered["backup_period"]) {
    if (d.is_string()) request.preferred_backup_period.push_back(d.get<std::string>());
  }
  if (remembered.contains("enable_backup_log") && remembered["enable_backup_log"].is_boolean()) {
    request.enable_backup_log = remembered["enable_backup_log"].get<bool>();
  }
  return request;
}

}  // namespace polybackup::resources::kvstore
