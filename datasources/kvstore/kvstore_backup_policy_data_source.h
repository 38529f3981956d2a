// data "polybackup_kvstore_backup_policy": the current backup policy of an
// ApsaraDB for Redis / Memcache instance (docs/data-sources/…). Reading an
// instance that does not exist is an error, not an empty result.
#ifndef POLYBACKUP_DATASOURCES_KVSTORE_KVSTORE_BACKUP_POLICY_DATA_SOURCE_H_
#define POLYBACKUP_DATASOURCES_KVSTORE_KVSTORE_BACKUP_POLICY_DATA_SOURCE_H_

#include <optional>
#include <string>

#include "resources/kvstore/kvstore_policy.h"
#include "tfplugin/framework/data_source.h"

namespace polybackup::datasources::kvstore {

using resources::kvstore::BackupPolicyModel;

class BackupPolicyDataSource : public framework::DataSource<BackupPolicyModel> {
 public:
  std::string TypeSuffix() const override { return "kvstore_backup_policy"; }
  schema::ModelSchema<BackupPolicyModel> DefineSchema() const override;
  std::optional<BackupPolicyModel> Read(framework::Context& ctx,
                                        const BackupPolicyModel& config) override;
};

}  // namespace polybackup::datasources::kvstore

#endif  // POLYBACKUP_DATASOURCES_KVSTORE_KVSTORE_BACKUP_POLICY_DATA_SOURCE_H_
