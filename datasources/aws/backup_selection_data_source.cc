#include "datasources/aws/backup_selection_data_source.h"

#include "resources/aws/backup_common.h"

namespace polybackup::datasources::aws {

namespace res = resources::aws;

schema::ModelSchema<BackupSelectionDataModel> BackupSelectionDataSource::DefineSchema() const {
  using M = BackupSelectionDataModel;
  schema::ModelSchema<M> s;
  s.MarkdownDescription(
      "Reads an AWS Backup selection, as the AWS provider's `aws_backup_selection` data source.");
  s.Attribute("id", &M::id).Computed().Description("The selection ID.");
  s.Attribute("plan_id", &M::plan_id)
      .Required()
      .Validate(schema::StringLengthBetween(1, 128))
      .Description("The ID of the plan the selection belongs to.");
  s.Attribute("selection_id", &M::selection_id)
      .Required()
      .Validate(schema::StringLengthBetween(1, 128))
      .Description("The ID of the selection to read.");
  s.Attribute("region", &M::region)
      .Optional()
      .Computed()
      .MarkdownDescription("The plan's region. Defaults to the provider's `aws` region.");
  s.Attribute("name", &M::name).Computed().Description("The selection's display name.");
  s.Attribute("iam_role_arn", &M::iam_role_arn)
      .Computed()
      .Description("The IAM role AWS Backup assumes.");
  s.Attribute("resources", &M::resources).Computed().Description("ARNs of the resources selected.");
  return s;
}

std::optional<BackupSelectionDataModel> BackupSelectionDataSource::Read(
    framework::Context& ctx, const BackupSelectionDataModel& config) {
  schema::String region = config.region;
  auto client = res::BackupClientFor(ctx, region);
  if (!client) return std::nullopt;
  const std::string id = config.selection_id.value();
  auto got = client->GetBackupSelection(config.plan_id.value(), id,
                                        resources::ProviderData::CallOptionsFor(ctx));
  if (!ctx.AddStatus(got.status(), "reading Backup Selection (" + id + ")")) return std::nullopt;
  BackupSelectionDataModel out = config;
  out.id = id;
  out.region = region;
  out.name = got->selection.selection_name;
  out.iam_role_arn = got->selection.iam_role_arn;
  out.resources =
      std::set<std::string>(got->selection.resources.begin(), got->selection.resources.end());
  return out;
}

}  // namespace polybackup::datasources::aws
