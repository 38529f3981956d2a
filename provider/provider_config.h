// The provider block: one optional nested block per cloud, so one
// configuration can manage all three. Argument names follow the reference
// providers (aws, alicloud, huaweicloud / opentelekomcloud).
#ifndef POLYBACKUP_PROVIDER_PROVIDER_CONFIG_H_
#define POLYBACKUP_PROVIDER_PROVIDER_CONFIG_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "resources/common/provider_data.h"
#include "tfplugin/framework/context.h"
#include "tfplugin/schema/model.h"

namespace polybackup::provider {

struct AwsEndpoints {
  schema::String backup;
};
struct AwsDefaultTags {
  schema::Map<std::string> tags;
};
struct AlicloudEndpoints {
  schema::String r_kvstore, dbs;
};
struct HuaweiEndpoints {
  schema::String csbs, iam;
};

struct AwsBlock {
  schema::String region, access_key, secret_key, token, profile, custom_ca_bundle;
  schema::List<std::string> shared_credentials_files, shared_config_files;
  schema::Bool insecure;
  schema::Int64 max_retries;
  std::optional<AwsEndpoints> endpoints;
  std::optional<AwsDefaultTags> default_tags;
};

struct AlicloudBlock {
  schema::String region, access_key, secret_key, security_token, ca_bundle;
  schema::Bool insecure;
  schema::Int64 max_retries;
  std::optional<AlicloudEndpoints> endpoints;
};

struct HuaweiBlock {
  schema::String cloud, region, project_id, project_name, tenant_id, tenant_name, auth_url,
      access_key, secret_key, security_token, token, user_name, password, domain_name, cacert_file;
  schema::Bool insecure;
  schema::Int64 max_retries;
  std::optional<HuaweiEndpoints> endpoints;
};

struct ProviderModel {
  std::optional<AwsBlock> aws;
  std::optional<AlicloudBlock> alicloud;
  std::optional<HuaweiBlock> huaweicloud;
};

schema::ModelSchema<ProviderModel> ProviderSchema();

// Turns the block into the provider data resources use. Credentials are not
// resolved here (see ProviderData): only what the block itself says.
std::shared_ptr<resources::ProviderData> Configure(framework::Context& ctx,
                                                   const ProviderModel& model);

}  // namespace polybackup::provider

#endif  // POLYBACKUP_PROVIDER_PROVIDER_CONFIG_H_
