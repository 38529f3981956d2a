#include "datasources/aws/backup_vault_data_source.h"

#include "resources/aws/backup_common.h"

namespace polybackup::datasources::aws {

namespace res = resources::aws;

schema::ModelSchema<BackupVaultDataModel> BackupVaultDataSource::DefineSchema() const {
  using M = BackupVaultDataModel;
  schema::ModelSchema<M> s;
  s.MarkdownDescription(
      "Reads an AWS Backup vault by name, as the AWS provider's `aws_backup_vault` data source.");
  s.Attribute("id", &M::id).Computed().Description("The vault's name.");
  s.Attribute("name", &M::name)
      .Required()
      .Validate(schema::StringMatches("[0-9A-Za-z_-]{2,50}", "2 to 50 letters, digits, '-' or '_'"))
      .Description("The name of the vault to read.");
  s.Attribute("region", &M::region)
      .Optional()
      .Computed()
      .MarkdownDescription("The vault's region. Defaults to the provider's `aws` region.");
  s.Attribute("arn", &M::arn).Computed().Description("The vault's ARN.");
  s.Attribute("kms_key_arn", &M::kms_key_arn)
      .Computed()
      .Description("The KMS key that encrypts the recovery points.");
  s.Attribute("recovery_points", &M::recovery_points)
      .Computed()
      .Description("The number of recovery points in the vault.");
  s.Attribute("tags", &M::tags).Computed().Description("The vault's tags (all of them).");
  return s;
}

std::optional<BackupVaultDataModel> BackupVaultDataSource::Read(
    framework::Context& ctx, const BackupVaultDataModel& config) {
  schema::String region = config.region;
  auto client = res::BackupClientFor(ctx, region);
  if (!client) return std::nullopt;
  const auto options = resources::ProviderData::CallOptionsFor(ctx);
  const std::string name = config.name.value();
  const std::string what = "reading Backup Vault (" + name + ")";
  // A missing vault is answered NotFound (AWS says AccessDeniedException).
  auto vault = client->DescribeBackupVault(name, options);
  if (!ctx.AddStatus(vault.status(), what)) return std::nullopt;
  auto tags = client->ListTags(vault->backup_vault_arn, options);
  if (!ctx.AddStatus(tags.status(), what)) return std::nullopt;
  BackupVaultDataModel out = config;
  out.id = name;
  out.region = region;
  out.arn = vault->backup_vault_arn;
  out.kms_key_arn = vault->encryption_key_arn;
  out.recovery_points = static_cast<int64_t>(vault->number_of_recovery_points.value_or(0));
  out.tags = *tags;
  return out;
}

}  // namespace polybackup::datasources::aws
