#include "resources/kvstore/kvstore_backup_policy_resource.h"

#include "resources/common/client_access.h"
#include "resources/common/weekdays.h"

namespace polybackup::resources::kvstore {
namespace {

using framework::ApplyResult;
using framework::Failed;
using framework::Gone;
using framework::ReadResult;

namespace ali = clients::alicloud;

constexpr char kOriginalPolicy[] = "original_policy";

// How often the instance status is polled after a change: the reference
// provider polls every 60 s, which makes every apply slow.
constexpr std::chrono::seconds kPoll{2};

// The R-kvstore client of `region` (unset: the provider's), or empty with
// the error on the context.
ClientAccess<ali::KvstoreClient> KvstoreFor(framework::Context& ctx, const schema::String& region) {
  return ClientFor(ctx, Cloud::kAlicloud, region, &ProviderData::Kvstore);
}

// What an operation's diagnostics start with, as the AWS provider writes
// them: "updating R-kvstore Backup Policy (r-123)".
std::string Summary(const std::string& verb, const BackupPolicyModel& m) {
  return verb + " R-kvstore Backup Policy (" + m.instance_id.value_or("?") + ")";
}

}  // namespace

schema::ModelSchema<BackupPolicyModel> BackupPolicyResource::DefineSchema() const {
  using M = BackupPolicyModel;
  schema::ModelSchema<M> s;
  s.MarkdownDescription(
      "Manages the automatic backup policy of an ApsaraDB for Redis / Memcache instance. Destroy "
      "restores the policy the instance had before Terraform managed it, unless `keep_on_destroy` "
      "is set.");
  s.Timeouts({.create = std::chrono::minutes(40),
              .read = std::chrono::minutes(5),
              .update = std::chrono::minutes(40),
              .del = std::chrono::minutes(40)});
  s.Attribute("id", &M::id).Computed().UseStateForUnknown().Description("The instance ID.");
  s.Attribute("instance_id", &M::instance_id)
      .Required()
      .RequiresReplace()
      .Validate(schema::StringLengthBetween(1, 64))
      .Description("The ID of the Redis or Memcache instance.");
  s.Attribute("backup_period", &M::backup_period)
      .Optional()
      .Computed()
      .Validate(schema::SizeBetween(1, 7))
      .Validate(schema::EachElement(WeekdayValidator()))
      .MarkdownDescription(
          "Weekdays on which backups run, at least one of `Monday` … `Sunday`. Omitted: the "
          "instance's current days are kept.");
  s.Attribute("backup_time", &M::backup_time)
      .Optional()
      .Computed()
      .Validate(BackupTimeValidator())
      .MarkdownDescription(
          "The one-hour UTC window backups start in, written `HH:00Z-HH:00Z`, e.g. "
          "`02:00Z-03:00Z`; the last one is `23:00Z-24:00Z` (or `23:00Z-00:00Z`). Omitted: the "
          "instance's current window is kept.");
  s.Attribute("enable_backup_log", &M::enable_backup_log)
      .Optional()
      .Computed()
      .Description(
          "Whether log (AOF) backups are enabled, for point-in-time recovery. Omitted: kept as it "
          "is.");
  s.Attribute("backup_retention_period", &M::backup_retention_period)
      .Computed()
      .UseStateForUnknown()
      .Description("Days backups are kept, as the service reports it.");
  s.Attribute("preferred_next_backup_time", &M::preferred_next_backup_time)
      .Computed()
      .Description("When the next backup is expected to start (UTC).");
  s.Attribute("region", &M::region)
      .Optional()
      .Computed()
      .UseStateForUnknown()  // an update never moves the policy: no "(known after apply)"
      .RequiresReplace()
      .MarkdownDescription("The instance's region. Defaults to the provider's `alicloud` region.");
  s.Attribute("keep_on_destroy", &M::keep_on_destroy)
      .Optional()
      .Description("Leave the policy as it is on destroy instead of restoring the earlier one.");
  return s;
}

void BackupPolicyResource::ModifyPlan(framework::Context& ctx,
                                      framework::PlanChange<BackupPolicyModel>& change) {
  PlanCloudRegion(ctx, change, Cloud::kAlicloud, &BackupPolicyModel::region);
}

ApplyResult<BackupPolicyModel> BackupPolicyResource::Create(framework::Context& ctx,
                                                            const BackupPolicyModel& planned) {
  return Apply(ctx, planned, "creating", /*creating=*/true);
}

ApplyResult<BackupPolicyModel> BackupPolicyResource::Update(framework::Context& ctx,
                                                            const BackupPolicyModel& prior,
                                                            const BackupPolicyModel& planned) {
  return Apply(ctx, planned, "updating", /*creating=*/false);
}

ApplyResult<BackupPolicyModel> BackupPolicyResource::Apply(framework::Context& ctx,
                                                           const BackupPolicyModel& planned,
                                                           const std::string& verb, bool creating) {
  const std::string what = Summary(verb, planned);
  const auto client = KvstoreFor(ctx, planned.region);
  if (!client) return Failed();
  const std::string instance_id = planned.instance_id.value();
  const auto& options = client.options;

  auto current = client->DescribeBackupPolicy(instance_id, options);
  if (!ctx.AddStatus(current.status(), what)) return Failed();
  if (creating || !ctx.private_state().contains(kOriginalPolicy)) {
    ctx.private_state()[kOriginalPolicy] = PolicyToJson(*current);
  }
  BackupPolicyModel result = planned;
  result.id = instance_id;
  result.region = client.region;
  if (creating) {
    // From here on the policy belongs to Terraform: whatever fails later,
    // state records it as it is now (the next refresh corrects it).
    BackupPolicyModel adopted = result;
    ApplyPolicy(*current, adopted);
    Checkpoint(ctx, adopted);
  }
  ali::ModifyKvstoreBackupPolicyRequest request = DesiredPolicy(planned, *current);
  if (!PolicyMatches(*current, request)) {
    if (!ctx.AddStatus(client->ModifyBackupPolicyAndWait(request, kPoll, options), what)) {
      return Failed();
    }
  }
  ReadResult<BackupPolicyModel> after = Read(ctx, result);
  if (after.outcome() == framework::Outcome::kGone) {
    ctx.AddError(what + ": the instance disappeared while its policy was set");
  }
  if (!after.done()) return Failed();
  return *after.state();
}

ReadResult<BackupPolicyModel> BackupPolicyResource::Read(framework::Context& ctx,
                                                         const BackupPolicyModel& state) {
  const auto client = KvstoreFor(ctx, state.region);
  if (!client) return Failed();
  const std::string instance_id = state.instance_id.value();
  auto policy = client->DescribeBackupPolicy(instance_id, client.options);
  if (absl::IsNotFound(policy.status())) {
    return Gone("the instance " + instance_id + " no longer exists");
  }
  if (!ctx.AddStatus(policy.status(), Summary("reading", state))) return Failed();
  BackupPolicyModel out = state;
  out.id = instance_id;
  out.region = client.region;
  if (out.keep_on_destroy.is_unknown()) out.keep_on_destroy = schema::Bool::Null();
  ApplyPolicy(*policy, out);
  return out;
}

void BackupPolicyResource::Delete(framework::Context& ctx, const BackupPolicyModel& state) {
  const std::string instance_id = state.instance_id.value();
  if (state.keep_on_destroy.value_or(false)) {
    ctx.Log(log::Level::kInfo, "keep_on_destroy: leaving the backup policy as it is",
            {{"instance_id", instance_id}});
    return;
  }
  auto request =
      RestoreRequest(instance_id, ctx.private_state().value(kOriginalPolicy, nlohmann::json()));
  if (!request) {
    ctx.AddWarning("Backup policy left as it is",
                   "No earlier policy of instance " + instance_id +
                       " was recorded, so destroy leaves its current policy unchanged.");
    return;
  }
  const auto client = KvstoreFor(ctx, state.region);
  if (!client) return;
  absl::Status restored = client->ModifyBackupPolicyAndWait(*request, kPoll, client.options);
  if (absl::IsNotFound(restored)) return;  // the instance is gone: nothing to restore
  ctx.AddStatus(restored, Summary("restoring the earlier", state));
}

ReadResult<BackupPolicyModel> BackupPolicyResource::Import(framework::Context& ctx,
                                                           const std::string& id) {
  if (id.empty() || id.find_first_of(" /,") != std::string::npos) {
    ctx.AddError(
        "Invalid import ID",
        "Import a backup policy by its instance ID, e.g. r-bp1234567890abcde; got \"" + id + "\".");
    return Failed();
  }
  const auto client = KvstoreFor(ctx, schema::String());
  if (!client) return Failed();
  BackupPolicyModel m;
  m.id = id;
  m.instance_id = id;
  m.region = client.region;
  auto policy = client->DescribeBackupPolicy(id, client.options);
  if (absl::IsNotFound(policy.status())) {
    return Gone("no instance " + id + " in region " + m.region.value());
  }
  if (!ctx.AddStatus(policy.status(), Summary("importing", m))) return Failed();
  // The policy found at import is the one destroy restores.
  ctx.private_state()[kOriginalPolicy] = PolicyToJson(*policy);
  ApplyPolicy(*policy, m);
  return m;
}

}  // namespace polybackup::resources::kvstore
