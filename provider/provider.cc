#include "provider/provider.h"

#include "clients/core/cloud_error.h"
#include "datasources/aws/backup_plan_data_source.h"
#include "datasources/aws/backup_plans_data_source.h"
#include "datasources/aws/backup_selection_data_source.h"
#include "datasources/aws/backup_vault_data_source.h"
#include "datasources/csbs/csbs_policies_data_source.h"
#include "datasources/csbs/csbs_policy_data_source.h"
#include "datasources/dbs/backup_plan_data_source.h"
#include "datasources/dbs/backup_plans_data_source.h"
#include "datasources/kvstore/kvstore_backup_policy_data_source.h"
#include "functions/schedule_functions.h"
#include "provider/provider_config.h"
#include "resources/aws/backup_plan_resource.h"
#include "resources/aws/backup_selection_resource.h"
#include "resources/aws/backup_vault_resource.h"
#include "resources/csbs/csbs_policy_resource.h"
#include "resources/dbs/backup_plan_resource.h"
#include "resources/kvstore/kvstore_backup_policy_resource.h"

namespace polybackup::provider {

framework::ProviderBuilder NewProviderBuilder() {
  framework::ProviderBuilder b("polybackup", kProviderVersion);
  b.Configure(ProviderSchema(), &Configure);
  // What ctx.AddStatus says of a cloud error: the clients' plain-language cause.
  b.DescribeStatusWith(&clients::UserMessage);
  // Alibaba Cloud
  b.AddResource(std::make_shared<resources::kvstore::BackupPolicyResource>());
  b.AddDataSource(std::make_shared<datasources::kvstore::BackupPolicyDataSource>());
  b.AddResource(std::make_shared<resources::dbs::BackupPlanResource>());
  b.AddDataSource(std::make_shared<datasources::dbs::BackupPlanDataSource>());
  b.AddDataSource(std::make_shared<datasources::dbs::BackupPlansDataSource>());
  // Huawei Cloud / Open Telekom Cloud; the _v1 names are those of the
  // reference providers' resources, so their configurations move over by
  // changing the type's prefix only.
  b.AddResource(std::make_shared<resources::csbs::PolicyResource>(resources::csbs::kPolicyType));
  b.AddResource(std::make_shared<resources::csbs::PolicyResource>(resources::csbs::kPolicyV1Type));
  b.AddDataSource(std::make_shared<datasources::csbs::PolicyDataSource>("csbs_policy"));
  b.AddDataSource(std::make_shared<datasources::csbs::PolicyDataSource>("csbs_backup_policy_v1"));
  b.AddDataSource(std::make_shared<datasources::csbs::PoliciesDataSource>());
  // AWS
  b.AddResource(std::make_shared<resources::aws::BackupPlanResource>());
  b.AddResource(std::make_shared<resources::aws::BackupVaultResource>());
  b.AddResource(std::make_shared<resources::aws::BackupSelectionResource>());
  b.AddDataSource(std::make_shared<datasources::aws::BackupPlanDataSource>());
  b.AddDataSource(std::make_shared<datasources::aws::BackupPlansDataSource>());
  b.AddDataSource(std::make_shared<datasources::aws::BackupSelectionDataSource>());
  b.AddDataSource(std::make_shared<datasources::aws::BackupVaultDataSource>());
  // One schedule for every cloud (provider::polybackup::schedule(...)).
  functions::AddScheduleFunctions(b);
  return b;
}

}  // namespace polybackup::provider
