#include "resources/aws/backup_vault_resource.h"

#include "absl/strings/match.h"
#include "clients/aws/backup_waits.h"
#include "clients/core/cloud_error.h"
#include "resources/aws/backup_common.h"

namespace polybackup::resources::aws {
namespace {

using framework::ApplyResult;
using framework::Context;
using framework::Failed;
using framework::Gone;
using framework::ReadResult;
namespace cl = clients::aws;
using M = BackupVaultModel;

std::string Summary(const std::string& verb, const M& m) {
  return verb + " Backup Vault (" + m.name.value_or("?") + ")";
}

// The vault as AWS holds it now, with its tags; Gone when AWS no longer has it.
ReadResult<M> Fetch(Context& ctx, const cl::BackupClient& client, const M& m,
                    const std::string& verb) {
  const auto options = ProviderData::CallOptionsFor(ctx);
  const std::string name = m.name.value();
  // NotFound also stands for AccessDeniedException: AWS's answer for a vault
  // that does not exist (backup_client.h).
  auto vault = client.DescribeBackupVault(name, options);
  if (absl::IsNotFound(vault.status())) return Gone("backup vault " + name + " no longer exists");
  if (!ctx.AddStatus(vault.status(), Summary(verb, m))) return Failed();
  // A logically air-gapped vault of that name is another kind of object.
  if (!vault->vault_type.empty() && vault->vault_type != "BACKUP_VAULT") {
    return Gone("the vault " + name + " is a " + vault->vault_type + ", not a backup vault");
  }
  auto tags = client.ListTags(vault->backup_vault_arn, options);
  if (absl::IsNotFound(tags.status())) return Gone("backup vault " + name + " no longer exists");
  if (!ctx.AddStatus(tags.status(), Summary(verb + " the tags of", m))) return Failed();
  M out = VaultFromApi(*vault, m);
  ReadTags(*tags, DefaultTags(ctx).value_or(cl::Tags{}), m.tags, out.tags, out.tags_all);
  return out;
}

ApplyResult<M> ReadBack(Context& ctx, const cl::BackupClient& client, const M& state,
                        const std::string& verb) {
  ReadResult<M> after = Fetch(ctx, client, state, "reading");
  if (after.outcome() == framework::Outcome::kGone) {
    ctx.AddError(Summary(verb, state) + ": the vault disappeared before it could be read back");
  }
  if (!after.done()) return Failed();
  return *after.state();
}

bool HoldsRecoveryPoints(const absl::Status& s) {
  std::optional<clients::CloudError> e = clients::GetCloudError(s);
  return e && e->code == "InvalidRequestException" &&
         absl::StrContains(e->message, "recovery points");
}

}  // namespace

BackupVaultModel VaultFromApi(const cl::BackupVault& vault, const BackupVaultModel& prior) {
  M m = prior;
  m.id = vault.backup_vault_name;
  m.name = vault.backup_vault_name;
  m.arn = vault.backup_vault_arn;
  m.kms_key_arn = vault.encryption_key_arn;
  m.recovery_points = static_cast<int64_t>(vault.number_of_recovery_points.value_or(0));
  if (!m.force_destroy.is_known()) m.force_destroy = false;
  return m;
}

schema::ModelSchema<M> BackupVaultResource::DefineSchema() const {
  schema::ModelSchema<M> s;
  s.MarkdownDescription(
      "Manages an AWS Backup vault, the container recovery points are stored in. A drop-in for the "
      "AWS provider's `aws_backup_vault`.");
  s.Timeouts({.create = std::chrono::minutes(5),
              .read = std::chrono::minutes(5),
              .update = std::chrono::minutes(5),
              .del = std::chrono::minutes(10)});
  s.Attribute("id", &M::id).Computed().UseStateForUnknown().Description("The vault's name.");
  s.Attribute("name", &M::name)
      .Required()
      .RequiresReplace()
      .Validate(schema::StringMatches("[0-9A-Za-z_-]{2,50}", "2 to 50 letters, digits, '-' or '_'"))
      .Description("The vault's name, unique in the account and region.");
  s.Attribute("arn", &M::arn).Computed().UseStateForUnknown().Description("The vault's ARN.");
  s.Attribute("kms_key_arn", &M::kms_key_arn)
      .Optional()
      .Computed()
      .UseStateForUnknown()
      .RequiresReplace()
      .Validate(schema::StringMatches(
          "arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:(key|alias)/.+",
          "a KMS key ARN, e.g. arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef"))
      .Description(
          "The KMS key that encrypts the recovery points. Defaults to the AWS managed key for "
          "AWS Backup.");
  s.Attribute("force_destroy", &M::force_destroy)
      .Optional()
      .Computed()
      .Default(false)
      .Description(
          "Delete the vault's recovery points on destroy, so the vault can go. Without it, "
          "destroying a vault that holds recovery points fails.");
  s.Attribute("recovery_points", &M::recovery_points)
      .Computed()
      .Description("The number of recovery points in the vault.");
  s.Attribute("region", &M::region)
      .Optional()
      .Computed()
      .UseStateForUnknown()
      .RequiresReplace()
      .MarkdownDescription("The vault's region. Defaults to the provider's `aws` region.");
  s.Attribute("tags", &M::tags)
      .Optional()
      .Computed()
      .Validate(TagsValidator())
      .MarkdownDescription(
          "Tags of the vault. Merged over the provider's `default_tags` into `tags_all`.");
  s.Attribute("tags_all", &M::tags_all)
      .Computed()
      .MarkdownDescription("All tags of the vault: the provider's `default_tags` and `tags`.");
  return s;
}

void BackupVaultResource::ModifyPlan(Context& ctx, framework::PlanChange<M>& change) {
  PlanCloudRegion(ctx, change, Cloud::kAws, &M::region);
  PlanTags(ctx, change.config.tags, change.planned.tags, change.planned.tags_all);
}

ApplyResult<M> BackupVaultResource::Create(Context& ctx, const M& planned) {
  schema::String region = planned.region;
  auto client = BackupClientFor(ctx, region);
  if (!client) return Failed();
  cl::CreateBackupVaultRequest request{.backup_vault_name = planned.name.value(),
                                       .tags = planned.tags_all.value_or({}),
                                       .encryption_key_arn = planned.kms_key_arn.value_or(""),
                                       .creator_request_id = client->NewCreatorRequestId()};
  auto made = client->CreateBackupVault(request, ProviderData::CallOptionsFor(ctx));
  if (!ctx.AddStatus(made.status(), Summary("creating", planned))) return Failed();
  M state = planned;
  state.id = made->backup_vault_name;
  state.arn = made->backup_vault_arn;
  state.region = region;
  if (!state.kms_key_arn.is_known()) state.kms_key_arn = schema::String::Null();
  state.recovery_points = int64_t{0};
  Checkpoint(ctx, state);
  return ReadBack(ctx, *client, state, "creating");
}

ReadResult<M> BackupVaultResource::Read(Context& ctx, const M& state) {
  M m = state;
  auto client = BackupClientFor(ctx, m.region);
  if (!client) return Failed();
  return Fetch(ctx, *client, m, "reading");
}

ApplyResult<M> BackupVaultResource::Update(Context& ctx, const M& prior, const M& planned) {
  schema::String region = prior.region;
  auto client = BackupClientFor(ctx, region);
  if (!client) return Failed();
  // Only tags change in AWS; force_destroy lives in state.
  absl::Status tagged = SyncTags(*client, prior.arn.value(), prior.tags_all.value_or({}),
                                 planned.tags_all.value_or({}), ProviderData::CallOptionsFor(ctx));
  if (!ctx.AddStatus(tagged, Summary("updating the tags of", prior))) return Failed();
  M state = planned;
  state.region = region;
  return ReadBack(ctx, *client, state, "updating");
}

void BackupVaultResource::Delete(Context& ctx, const M& state) {
  schema::String region = state.region;
  auto client = BackupClientFor(ctx, region);
  if (!client) return;
  const auto options = ProviderData::CallOptionsFor(ctx);
  const std::string name = state.name.value();
  if (state.force_destroy.value_or(false)) {
    absl::Status emptied = cl::EmptyVault(*client, name, kWaitInterval, options);
    if (absl::IsNotFound(emptied)) return;
    if (!ctx.AddStatus(emptied, Summary("deleting the recovery points of", state))) return;
  }
  absl::Status deleted = client->DeleteBackupVault(name, options);
  if (absl::IsNotFound(deleted) || deleted.ok()) return;
  if (HoldsRecoveryPoints(deleted)) {
    ctx.AddError(
        Summary("deleting", state) + ": the vault still holds recovery points",
        "AWS deletes a vault only when it is empty. Set force_destroy = true and apply, so "
        "destroy deletes the recovery points first, or delete them yourself.");
    return;
  }
  ctx.AddStatus(deleted, Summary("deleting", state));
}

ReadResult<M> BackupVaultResource::Import(Context& ctx, const std::string& id) {
  if (id.empty() || id.find_first_of(" |/:") != std::string::npos) {
    ctx.AddError("Invalid import ID",
                 "Import a backup vault by its name, e.g. \"my-vault\"; got \"" + id + "\".");
    return Failed();
  }
  M m;
  m.id = id;
  m.name = id;
  m.force_destroy = false;
  auto client = BackupClientFor(ctx, m.region);
  if (!client) return Failed();
  return Fetch(ctx, *client, m, "importing");
}

std::optional<M> BackupVaultResource::Move(Context& ctx, const framework::MoveSource& source) {
  if (!AcceptAwsProviderState(ctx, source, "aws_backup_vault", 0)) return std::nullopt;
  const nlohmann::json& s = source.state;
  M m;
  m.name = StringAt(s, "name");
  m.id = m.name;
  m.arn = StringAt(s, "arn");
  m.kms_key_arn = StringAt(s, "kms_key_arn");
  m.force_destroy = BoolAt(s, "force_destroy").value_or(false);
  m.recovery_points = Int64At(s, "recovery_points").value_or(0);
  m.tags = MapAt(s, "tags", /*empty_is_null=*/false).value_or({});
  m.tags_all = MapAt(s, "tags_all", /*empty_is_null=*/false).value_or({});
  m.region = StringAt(s, "region");
  if (!m.name.is_known() || m.name.value().empty()) {
    ctx.AddError("Invalid aws_backup_vault state", "The state to move has no vault `name`.");
    return std::nullopt;
  }
  return m;
}

}  // namespace polybackup::resources::aws
