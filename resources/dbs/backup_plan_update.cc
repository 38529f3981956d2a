#include "resources/dbs/backup_plan_update.h"

namespace polybackup::resources::dbs {
namespace {

namespace ali = clients::alicloud;

// The plan's value where it has one, else the prior state's.
template <class T>
schema::Field<T> Pick(const schema::Field<T>& planned, const schema::Field<T>& prior) {
  return planned.is_known() ? planned : prior;
}

template <class T>
bool Changed(const schema::Field<T>& planned, const schema::Field<T>& prior) {
  return planned.is_known() && !(planned == prior);
}

// As Changed, for strings with another notion of "the same".
bool Changed(const schema::String& planned, const schema::String& prior,
             bool (*same)(std::string_view, std::string_view)) {
  if (!planned.is_known()) return false;
  return !prior.is_known() || !same(planned.value(), prior.value());
}

bool SameDays(std::string_view a, std::string_view b) { return PeriodDays(a) == PeriodDays(b); }
bool SameText(std::string_view a, std::string_view b) {
  return EndpointTypeFromApi(a) == EndpointTypeFromApi(b);
}

using M = BackupPlanModel;

// The source's string attributes; with the port, the gateway and the
// password's version they make up ModifyBackupSourceEndpoint.
constexpr schema::String M::*kSourceStrings[] = {
    &M::source_endpoint_region,     &M::source_endpoint_instance_id,
    &M::source_endpoint_ip,         &M::source_endpoint_database_name,
    &M::source_endpoint_user_name,  &M::source_endpoint_sid,
    &M::source_endpoint_oracle_sid, &M::backup_gateway_id};

bool SourceChanged(const M& prior, const M& p) {
  for (schema::String M::*f : kSourceStrings) {
    if (Changed(p.*f, prior.*f)) return true;
  }
  return Changed(p.source_endpoint_instance_type, prior.source_endpoint_instance_type, SameText) ||
         Changed(p.source_endpoint_port, prior.source_endpoint_port) ||
         Changed(p.source_endpoint_password_wo_version, prior.source_endpoint_password_wo_version);
}

// The whole source as it should be: DBS takes it in one call.
ali::ModifyDbsBackupSourceEndpointRequest SourceRequest(const M& prior, const M& p) {
  M merged = prior;
  for (schema::String M::*f : kSourceStrings) merged.*f = Pick(p.*f, prior.*f);
  merged.source_endpoint_instance_type =
      Pick(p.source_endpoint_instance_type, prior.source_endpoint_instance_type);
  merged.source_endpoint_port = Pick(p.source_endpoint_port, prior.source_endpoint_port);
  merged.source_endpoint_password = p.source_endpoint_password;  // write-only: the plan's
  ali::ModifyDbsBackupSourceEndpointRequest r;
  r.backup_plan_id = prior.id.value();
  r.source = SourceOf(merged);
  const std::string gateway = merged.backup_gateway_id.value_or("");
  if (!gateway.empty()) r.backup_gateway_id = std::stoll(gateway);
  return r;
}

}  // namespace

PlanChanges ChangesFor(const BackupPlanModel& prior, const BackupPlanModel& p) {
  PlanChanges c;
  const std::string id = prior.id.value();
  if (Changed(p.backup_plan_name, prior.backup_plan_name)) c.name = p.backup_plan_name.value();
  const bool objects = Changed(p.backup_objects, prior.backup_objects, SameBackupObjects);
  if (SourceChanged(prior, p)) {
    c.source = SourceRequest(prior, p);
    if (objects) c.source->backup_objects = p.backup_objects.value();
  } else if (objects) {
    c.objects = p.backup_objects.value();
  }
  if (!ScheduleChanges(prior, p).empty()) {
    ali::ModifyDbsBackupStrategyRequest s;
    s.backup_plan_id = id;
    s.backup_period = CanonicalPeriod(Pick(p.backup_period, prior.backup_period).value_or(""));
    s.backup_start_time = Pick(p.backup_start_time, prior.backup_start_time).value_or("");
    s.backup_strategy_type = p.backup_strategy_type.value_or("");
    if (p.backup_log_interval_seconds.is_known()) {
      s.backup_log_interval_seconds = static_cast<int>(p.backup_log_interval_seconds.value());
    }
    c.strategy = s;
  }
  if (Changed(p.backup_retention_period, prior.backup_retention_period) ||
      Changed(p.duplication_infrequent_access_period, prior.duplication_infrequent_access_period) ||
      Changed(p.duplication_archive_period, prior.duplication_archive_period)) {
    // All three are mandatory; unset ones keep what the plan has (the API's
    // defaults, 730 / 180 / 365 days, if it never reported them).
    c.storage = ali::ModifyDbsStorageStrategyRequest{
        .backup_plan_id = id,
        .backup_retention_period = static_cast<int>(
            Pick(p.backup_retention_period, prior.backup_retention_period).value_or(730)),
        .duplication_infrequent_access_period = static_cast<int>(
            Pick(p.duplication_infrequent_access_period, prior.duplication_infrequent_access_period)
                .value_or(180)),
        .duplication_archive_period = static_cast<int>(
            Pick(p.duplication_archive_period, prior.duplication_archive_period).value_or(365))};
  }
  if (Changed(p.enable_backup_log, prior.enable_backup_log)) {
    c.backup_log = p.enable_backup_log.value();
  }
  return c;
}

std::vector<std::string> ScheduleChanges(const BackupPlanModel& prior, const BackupPlanModel& p) {
  std::vector<std::string> out;
  if (Changed(p.backup_period, prior.backup_period, SameDays)) out.push_back("backup_period");
  if (Changed(p.backup_start_time, prior.backup_start_time, SameStartTime)) {
    out.push_back("backup_start_time");
  }
  if (Changed(p.backup_strategy_type, prior.backup_strategy_type)) {
    out.push_back("backup_strategy_type");
  }
  if (Changed(p.backup_log_interval_seconds, prior.backup_log_interval_seconds)) {
    out.push_back("backup_log_interval_seconds");
  }
  return out;
}

bool PeriodTooShortToModify(const BackupPlanModel& prior, const BackupPlanModel& p) {
  const schema::String period = Pick(p.backup_period, prior.backup_period);
  return period.is_known() && PeriodDays(period.value()).size() < 2;
}

}  // namespace polybackup::resources::dbs
