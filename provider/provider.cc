#include "provider/provider.h"

#include "datasources/kvstore/kvstore_backup_policy_data_source.h"
#include "provider/provider_config.h"
#include "resources/kvstore/kvstore_backup_policy_resource.h"

namespace polybackup::provider {

framework::ProviderBuilder NewProviderBuilder() {
  framework::ProviderBuilder b("polybackup", kProviderVersion);
  b.Configure(ProviderSchema(), &Configure);
  // Alibaba Cloud
  b.AddResource(std::make_shared<resources::kvstore::BackupPolicyResource>());
  b.AddDataSource(std::make_shared<datasources::kvstore::BackupPolicyDataSource>());
  return b;
}

}  // namespace polybackup::provider
