#include "datasources/kvstore/kvstore_backup_policy_data_source.h"

#include "resources/common/client_access.h"

namespace polybackup::datasources::kvstore {

schema::ModelSchema<BackupPolicyModel> BackupPolicyDataSource::DefineSchema() const {
  using M = BackupPolicyModel;
  schema::ModelSchema<M> s;
  s.Description("Reads the backup policy of an ApsaraDB for Redis / Memcache instance.");
  s.Attribute("id", &M::id).Computed().Description("The instance ID.");
  s.Attribute("instance_id", &M::instance_id)
      .Required()
      .Validate(schema::StringLengthBetween(1, 64))
      .Description("The ID of the Redis or Memcache instance.");
  s.Attribute("region", &M::region)
      .Optional()
      .Computed()
      .MarkdownDescription("The instance's region. Defaults to the provider's `alicloud` region.");
  s.Attribute("backup_period", &M::backup_period).Computed().Description("Backup weekdays.");
  s.Attribute("backup_time", &M::backup_time).Computed().Description("The UTC backup window.");
  s.Attribute("enable_backup_log", &M::enable_backup_log)
      .Computed()
      .Description("Whether log (AOF) backups are enabled.");
  s.Attribute("backup_retention_period", &M::backup_retention_period)
      .Computed()
      .Description("Days backups are kept.");
  s.Attribute("preferred_next_backup_time", &M::preferred_next_backup_time)
      .Computed()
      .Description("When the next backup is expected to start (UTC).");
  return s;
}

std::optional<BackupPolicyModel> BackupPolicyDataSource::Read(framework::Context& ctx,
                                                              const BackupPolicyModel& config) {
  const auto client = resources::ClientFor(ctx, resources::Cloud::kAlicloud, config.region,
                                           &resources::ProviderData::Kvstore);
  if (!client) return std::nullopt;
  const std::string instance_id = config.instance_id.value();
  auto policy = client->DescribeBackupPolicy(instance_id, client.options);
  if (!ctx.AddStatus(policy.status(), "reading R-kvstore Backup Policy (" + instance_id + ")")) {
    return std::nullopt;
  }
  BackupPolicyModel out;
  out.id = instance_id;
  out.instance_id = instance_id;
  out.region = client.region;
  resources::kvstore::ApplyPolicy(*policy, out);
  return out;
}

}  // namespace polybackup::datasources::kvstore
