#include "provider/provider.h"

#include "datasources/kvstore/kvstore_backup_policy_data_source.h"
#include "provider/provider_config.h"
#include "resources/kvstore/kvstore_backup_policy_resource.h"
#include "tfplugin/framework/testing/test_resources.h"

namespace polybackup::provider {

framework::ProviderDefinition BuildProvider(bool with_test_resources) {
  framework::ProviderBuilder b("polybackup", kProviderVersion);
  b.Configure(ProviderSchema(), &Configure);
  // Alibaba Cloud
  b.AddResource(std::make_shared<resources::kvstore::BackupPolicyResource>());
  b.AddDataSource(std::make_shared<datasources::kvstore::BackupPolicyDataSource>());
  if (with_test_resources) framework::testing::RegisterTestResources(b);
  return std::move(b).Build();
}

}  // namespace polybackup::provider
