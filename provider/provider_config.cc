#include "provider/provider_config.h"

namespace polybackup::provider {
namespace {

namespace cred = clients::credentials;
using schema::ModelSchema;

std::string Str(const schema::String& s) { return s.value_or(""); }

ModelSchema<AwsEndpoints> AwsEndpointsSchema() {
  ModelSchema<AwsEndpoints> s;
  s.Description("Endpoint overrides, e.g. a private endpoint or a local emulator.");
  s.Attribute("backup", &AwsEndpoints::backup).Optional().Description("AWS Backup endpoint URL.");
  return s;
}

ModelSchema<AwsDefaultTags> AwsDefaultTagsSchema() {
  ModelSchema<AwsDefaultTags> s;
  s.MarkdownDescription(
      "Tags for every AWS object polybackup manages that takes tags, as the AWS provider's "
      "`default_tags`: merged into each object's `tags_all`, where its own `tags` win.");
  s.Attribute("tags", &AwsDefaultTags::tags)
      .Optional()
      .Description("Tags added to every taggable AWS object.");
  return s;
}

ModelSchema<AlicloudEndpoints> AlicloudEndpointsSchema() {
  ModelSchema<AlicloudEndpoints> s;
  s.Description("Endpoint overrides, e.g. a private endpoint or a local emulator.");
  s.Attribute("r_kvstore", &AlicloudEndpoints::r_kvstore)
      .Optional()
      .Description("ApsaraDB for Redis / Memcache (R-kvstore) endpoint URL.");
  s.Attribute("dbs", &AlicloudEndpoints::dbs)
      .Optional()
      .Description("Database Backup endpoint URL.");
  return s;
}

ModelSchema<HuaweiEndpoints> HuaweiEndpointsSchema() {
  ModelSchema<HuaweiEndpoints> s;
  s.Description("Endpoint overrides, e.g. a private endpoint or a local emulator.");
  s.Attribute("csbs", &HuaweiEndpoints::csbs).Optional().Description("CSBS endpoint URL.");
  s.Attribute("iam", &HuaweiEndpoints::iam).Optional().Description("IAM (Keystone) endpoint URL.");
  return s;
}

// The arguments every cloud block shares (names differ where the reference
// providers differ: custom_ca_bundle, ca_bundle, cacert_file).
template <class B>
void TransportArguments(ModelSchema<B>& s, const char* ca_name, schema::String B::*ca) {
  s.Attribute("insecure", &B::insecure)
      .Optional()
      .Description("Skip TLS certificate verification. Only for test endpoints.");
  s.Attribute(ca_name, ca).Optional().Description("Path of a PEM file of trusted CA certificates.");
  s.Attribute("max_retries", &B::max_retries)
      .Optional()
      .Validate(schema::IntBetween(0, 100))
      .Description(
          "Retries after a failed call (default 4). Throttled calls are retried apart from "
          "these, up to 24 times within the operation's timeout; 0 turns every retry off.");
}

ModelSchema<AwsBlock> AwsSchema() {
  ModelSchema<AwsBlock> s;
  s.Description(
      "AWS (AWS Backup). What is left out comes from the AWS_* environment variables "
      "and the shared config and credentials files.");
  s.Attribute("region", &AwsBlock::region).Optional().Description("AWS region, e.g. eu-west-1.");
  s.Attribute("access_key", &AwsBlock::access_key)
      .Optional()
      .Sensitive()
      .Description("Access key ID.");
  s.Attribute("secret_key", &AwsBlock::secret_key)
      .Optional()
      .Sensitive()
      .Description("Secret access key.");
  s.Attribute("token", &AwsBlock::token).Optional().Sensitive().Description("Session token.");
  s.Attribute("profile", &AwsBlock::profile).Optional().Description("Shared config profile name.");
  s.Attribute("shared_credentials_files", &AwsBlock::shared_credentials_files)
      .Optional()
      .Description("Shared credentials files (default ~/.aws/credentials).");
  s.Attribute("shared_config_files", &AwsBlock::shared_config_files)
      .Optional()
      .Description("Shared config files (default ~/.aws/config).");
  TransportArguments(s, "custom_ca_bundle", &AwsBlock::custom_ca_bundle);
  s.Block("endpoints", &AwsBlock::endpoints, AwsEndpointsSchema());
  s.Block("default_tags", &AwsBlock::default_tags, AwsDefaultTagsSchema());
  return s;
}

ModelSchema<AlicloudBlock> AlicloudSchema() {
  ModelSchema<AlicloudBlock> s;
  s.Description(
      "Alibaba Cloud (R-kvstore, DBS). What is left out comes from the "
      "ALIBABA_CLOUD_* (or older ALICLOUD_*) environment variables.");
  s.Attribute("region", &AlicloudBlock::region).Optional().Description("Region, e.g. cn-hangzhou.");
  s.Attribute("access_key", &AlicloudBlock::access_key)
      .Optional()
      .Sensitive()
      .Description("AccessKey ID.");
  s.Attribute("secret_key", &AlicloudBlock::secret_key)
      .Optional()
      .Sensitive()
      .Description("AccessKey secret.");
  s.Attribute("security_token", &AlicloudBlock::security_token)
      .Optional()
      .Sensitive()
      .Description("STS security token.");
  TransportArguments(s, "ca_bundle", &AlicloudBlock::ca_bundle);
  s.Block("endpoints", &AlicloudBlock::endpoints, AlicloudEndpointsSchema());
  return s;
}

ModelSchema<HuaweiBlock> HuaweiSchema() {
  ModelSchema<HuaweiBlock> s;
  s.MarkdownDescription(
      "Huawei Cloud / Open Telekom Cloud (CSBS). Authentication is AK/SK signing, a Keystone "
      "token given as `token`, or a Keystone token requested with `user_name` and `password`; "
      "the block's choice wins over the environment. What is left out comes from the `HW_*` "
      "and `OS_*` environment variables.");
  s.Attribute("cloud", &HuaweiBlock::cloud)
      .Optional()
      .MarkdownDescription(
          "Domain of the public endpoints, e.g. `myhuaweicloud.com` or `otc.t-systems.com`. "
          "Default (or `HW_CLOUD`): from the region — `otc.t-systems.com` for `eu-de` and "
          "`eu-nl`, `sc.otc.t-systems.com` for `eu-ch2`, `myhuaweicloud.eu` for `eu-west-101`, "
          "`myhuaweicloud.com` otherwise.");
  s.Attribute("region", &HuaweiBlock::region)
      .Optional()
      .MarkdownDescription("Region, e.g. `eu-de` or `cn-north-4`.");
  s.Attribute("project_id", &HuaweiBlock::project_id)
      .Optional()
      .Description("Project ID. Omitted: the project's ID is looked up (from the token's scope).");
  s.Attribute("project_name", &HuaweiBlock::project_name)
      .Optional()
      .Description("Project name; default: the region's default project, named after the region.");
  s.Attribute("tenant_id", &HuaweiBlock::tenant_id)
      .Optional()
      .MarkdownDescription("The OTC provider's name for `project_id`.");
  s.Attribute("tenant_name", &HuaweiBlock::tenant_name)
      .Optional()
      .MarkdownDescription("The OTC provider's name for `project_name`.");
  s.Attribute("auth_url", &HuaweiBlock::auth_url)
      .Optional()
      .MarkdownDescription(
          "Keystone (IAM) URL, ending in `/v3`. Default: `https://iam.<region>.<cloud>/v3`.");
  s.Attribute("access_key", &HuaweiBlock::access_key)
      .Optional()
      .Sensitive()
      .Description("AK for AK/SK signing.");
  s.Attribute("secret_key", &HuaweiBlock::secret_key)
      .Optional()
      .Sensitive()
      .Description("SK for AK/SK signing.");
  s.Attribute("security_token", &HuaweiBlock::security_token)
      .Optional()
      .Sensitive()
      .Description("Security token of temporary AK/SK.");
  s.Attribute("token", &HuaweiBlock::token)
      .Optional()
      .Sensitive()
      .Description(
          "A Keystone token obtained elsewhere; sent as it is and never renewed, so it must "
          "outlast the run.");
  s.Attribute("user_name", &HuaweiBlock::user_name)
      .Optional()
      .Description("User for a Keystone token.");
  s.Attribute("password", &HuaweiBlock::password)
      .Optional()
      .Sensitive()
      .Description("Password for a Keystone token.");
  s.Attribute("domain_name", &HuaweiBlock::domain_name)
      .Optional()
      .Description("Domain (account) name, for a Keystone token.");
  TransportArguments(s, "cacert_file", &HuaweiBlock::cacert_file);
  s.Block("endpoints", &HuaweiBlock::endpoints, HuaweiEndpointsSchema());
  return s;
}

cred::TransportConfig Transport(
    const schema::Bool& insecure, const schema::String& ca, const schema::Int64& max_retries,
    std::vector<std::pair<std::string, const schema::String*>> endpoints) {
  cred::TransportConfig t;
  t.insecure = insecure.value_or(false);
  t.ca_bundle = Str(ca);
  if (max_retries.is_known()) t.max_retries = static_cast<int>(max_retries.value());
  for (const auto& [name, value] : endpoints) {
    if (value != nullptr && value->is_known() && !value->value().empty()) {
      t.endpoints[name] = value->value();
    }
  }
  return t;
}

}  // namespace

schema::ModelSchema<ProviderModel> ProviderSchema() {
  ModelSchema<ProviderModel> s;
  s.Description(
      "polybackup manages backup policies on AWS, Alibaba Cloud and Huawei Cloud / "
      "Open Telekom Cloud. Each cloud has its own optional block.");
  s.Block("aws", &ProviderModel::aws, AwsSchema());
  s.Block("alicloud", &ProviderModel::alicloud, AlicloudSchema());
  s.Block("huaweicloud", &ProviderModel::huaweicloud, HuaweiSchema());
  return s;
}

std::shared_ptr<resources::ProviderData> Configure(framework::Context& ctx,
                                                   const ProviderModel& model) {
  auto data = std::make_shared<resources::ProviderData>();
  if (const auto& b = model.aws) {
    cred::AwsConfig c;
    c.region = Str(b->region);
    c.access_key = Str(b->access_key);
    c.secret_key = Str(b->secret_key);
    c.token = Str(b->token);
    c.profile = Str(b->profile);
    c.shared_credentials_files = b->shared_credentials_files.value_or({});
    c.shared_config_files = b->shared_config_files.value_or({});
    c.transport = Transport(b->insecure, b->custom_ca_bundle, b->max_retries,
                            {{"backup", b->endpoints ? &b->endpoints->backup : nullptr}});
    if (b->default_tags) c.default_tags = b->default_tags->tags.value_or({});
    data->aws = std::move(c);
  }
  if (const auto& b = model.alicloud) {
    cred::AlicloudConfig c;
    c.region = Str(b->region);
    c.access_key = Str(b->access_key);
    c.secret_key = Str(b->secret_key);
    c.security_token = Str(b->security_token);
    c.transport = Transport(b->insecure, b->ca_bundle, b->max_retries,
                            {{"r_kvstore", b->endpoints ? &b->endpoints->r_kvstore : nullptr},
                             {"dbs", b->endpoints ? &b->endpoints->dbs : nullptr}});
    data->alicloud = std::move(c);
  }
  if (const auto& b = model.huaweicloud) {
    cred::HuaweiConfig c;
    c.cloud = Str(b->cloud);
    c.region = Str(b->region);
    c.project_id = b->project_id.is_known() ? Str(b->project_id) : Str(b->tenant_id);
    c.project_name = b->project_name.is_known() ? Str(b->project_name) : Str(b->tenant_name);
    c.auth_url = Str(b->auth_url);
    c.access_key = Str(b->access_key);
    c.secret_key = Str(b->secret_key);
    c.security_token = Str(b->security_token);
    c.token = Str(b->token);
    c.user_name = Str(b->user_name);
    c.password = Str(b->password);
    c.domain_name = Str(b->domain_name);
    // Endpoints left out default to the region's and `cloud`'s in the
    // client factory, after the environment has had its say (OS_AUTH_URL).
    c.transport = Transport(b->insecure, b->cacert_file, b->max_retries,
                            {{"csbs", b->endpoints ? &b->endpoints->csbs : nullptr},
                             {"iam", b->endpoints ? &b->endpoints->iam : nullptr}});
    data->huawei = std::move(c);
  }
  // Secrets typed into the block are as secret as those from the environment.
  for (const std::string* s :
       {data->aws ? &data->aws->secret_key : nullptr, data->aws ? &data->aws->token : nullptr,
        data->alicloud ? &data->alicloud->secret_key : nullptr,
        data->alicloud ? &data->alicloud->security_token : nullptr,
        data->huawei ? &data->huawei->secret_key : nullptr,
        data->huawei ? &data->huawei->password : nullptr,
        data->huawei ? &data->huawei->security_token : nullptr,
        data->huawei ? &data->huawei->token : nullptr}) {
    if (s != nullptr && !s->empty()) log::RegisterSecret(*s);
  }
  return data;
}

}  // namespace polybackup::provider
