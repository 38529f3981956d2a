#include "resources/kvstore/kvstore_backup_policy_resource.h"

#include "clients/core/cloud_error.h"
#include "resources/common/provider_data.h"
#include "resources/kvstore/instance_waiter.h"

namespace polybackup::resources::kvstore {
namespace {

namespace ali = clients::alicloud;

constexpr char kOriginalPolicy[] = "original_policy";

// The summary every diagnostic of an operation starts with, as the AWS
// provider writes them: "updating R-kvstore Backup Policy (r-123)".
std::string Summary(const std::string& verb, const BackupPolicyModel& m) {
  return verb + " R-kvstore Backup Policy (" + m.instance_id.value_or("?") + ")";
}

void AddError(framework::Context& ctx, const absl::Status& status, const std::string& summary) {
  ctx.AddError(summary, clients::UserMessage(status));
}

std::string RegionOf(const BackupPolicyModel& m) { return m.region.value_or(""); }

}  // namespace

schema::ModelSchema<BackupPolicyModel> BackupPolicyResource::DefineSchema() const {
  using M = BackupPolicyModel;
  schema::ModelSchema<M> s;
  s.Description(
      "Manages the automatic backup policy of an ApsaraDB for Redis / Memcache instance. Destroy "
      "restores the policy the instance had before Terraform managed it, unless `keep_on_destroy` "
      "is set.",
      true);
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
      .Description("Weekdays on which backups run (Monday … Sunday). Omitted: kept as it is.");
  s.Attribute("backup_time", &M::backup_time)
      .Optional()
      .Computed()
      .Validate(BackupTimeValidator())
      .Description("The one-hour UTC window backups start in, e.g. `02:00Z-03:00Z`.", true);
  s.Attribute("enable_backup_log", &M::enable_backup_log)
      .Optional()
      .Computed()
      .Description("Whether log (AOF) backups are enabled. Omitted: kept as it is.");
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
      .RequiresReplace()
      .Description("The instance's region. Defaults to the provider's `alicloud` region.", true);
  s.Attribute("keep_on_destroy", &M::keep_on_destroy)
      .Optional()
      .Description("Leave the policy as it is on destroy instead of restoring the earlier one.");
  return s;
}

void BackupPolicyResource::ModifyPlan(framework::Context& ctx,
                                      framework::PlanChange<BackupPolicyModel>& change) {
  // Fail at plan time, not half-way through an apply, when Alibaba Cloud is
  // not configured. With a provider configuration that is not known yet
  // there is nothing to check until apply.
  auto* data = ctx.ProviderDataIfConfigured<ProviderData>();
  if (data == nullptr) return;
  if (!data->RequireAlicloud(ctx)) return;
  // The region is known at plan time: the provider's, unless set.
  if (!change.prior && change.config.region.is_null()) {
    std::string region = data->AlicloudRegion();
    if (!region.empty()) change.planned.region = region;
  }
}

std::optional<BackupPolicyModel> BackupPolicyResource::Create(framework::Context& ctx,
                                                              const BackupPolicyModel& planned) {
  return Apply(ctx, planned, Summary("creating", planned), /*remember_original=*/true);
}

std::optional<BackupPolicyModel> BackupPolicyResource::Update(framework::Context& ctx,
                                                              const BackupPolicyModel& prior,
                                                              const BackupPolicyModel& planned) {
  return Apply(ctx, planned, Summary("updating", planned), /*remember_original=*/false);
}

std::optional<BackupPolicyModel> BackupPolicyResource::Apply(framework::Context& ctx,
                                                             const BackupPolicyModel& planned,
                                                             const std::string& summary,
                                                             bool remember_original) {
  auto* data = ctx.ProviderData<ProviderData>();
  if (data == nullptr) return std::nullopt;
  auto client = data->Kvstore(ctx, RegionOf(planned));
  if (!client) return std::nullopt;
  const std::string instance_id = planned.instance_id.value();

  auto current = client->DescribeBackupPolicy(instance_id, ProviderData::CallOptionsFor(ctx));
  if (!current.ok()) {
    AddError(ctx, current.status(), summary);
    return std::nullopt;
  }
  if (remember_original || !ctx.private_state().contains(kOriginalPolicy)) {
    ctx.private_state()[kOriginalPolicy] = PolicyToJson(*current);
  }

  // From here on the policy belongs to Terraform: whatever fails later, the
  // state returned with the error records it, so nothing is lost.
  BackupPolicyModel result = planned;
  result.id = instance_id;
  if (result.region.is_unknown() || result.region.is_null()) result.region = data->AlicloudRegion();
  ali::ModifyKvstoreBackupPolicyRequest request = DesiredPolicy(planned, *current);
  if (!PolicyMatches(*current, request)) {
    absl::Status changed = ModifyAndWait(*client, request, ctx);
    if (!changed.ok()) {
      AddError(ctx, changed, summary);
      ApplyPolicy(*current, result);  // what is known to be there; refresh corrects it
      return remember_original ? std::optional(result) : std::nullopt;
    }
  }
  std::optional<BackupPolicyModel> after = Read(ctx, result);
  if (!after && !ctx.HasError()) {
    ctx.AddError(summary, "The instance " + instance_id + " disappeared while its policy was set.");
  }
  if (!after && remember_original) {
    ApplyPolicy(*current, result);
    return result;
  }
  return after;
}

std::optional<BackupPolicyModel> BackupPolicyResource::Read(framework::Context& ctx,
                                                            const BackupPolicyModel& state) {
  auto* data = ctx.ProviderData<ProviderData>();
  if (data == nullptr) return std::nullopt;
  auto client = data->Kvstore(ctx, RegionOf(state));
  if (!client) return std::nullopt;
  auto policy =
      client->DescribeBackupPolicy(state.instance_id.value(), ProviderData::CallOptionsFor(ctx));
  if (absl::IsNotFound(policy.status())) {
    ctx.Log(log::Level::kWarn, "instance gone; removing its backup policy from state",
            {{"instance_id", state.instance_id.value()}});
    return std::nullopt;
  }
  if (!policy.ok()) {
    AddError(ctx, policy.status(), Summary("reading", state));
    return std::nullopt;
  }
  BackupPolicyModel out = state;
  out.id = state.instance_id.value();
  if (!out.region.is_known()) out.region = data->AlicloudRegion();
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
  auto* data = ctx.ProviderData<ProviderData>();
  if (data == nullptr) return;
  auto client = data->Kvstore(ctx, RegionOf(state));
  if (!client) return;
  absl::Status restored = ModifyAndWait(*client, *request, ctx);
  if (absl::IsNotFound(restored)) return;  // the instance is gone: nothing to restore
  if (!restored.ok()) AddError(ctx, restored, Summary("restoring the earlier", state));
}

std::optional<BackupPolicyModel> BackupPolicyResource::Import(framework::Context& ctx,
                                                              const std::string& id) {
  if (id.empty() || id.find_first_of(" /,") != std::string::npos) {
    ctx.AddError(
        "Invalid import ID",
        "Import a backup policy by its instance ID, e.g. r-bp1234567890abcde; got \"" + id + "\".");
    return std::nullopt;
  }
  auto* data = ctx.ProviderData<ProviderData>();
  if (data == nullptr) return std::nullopt;
  BackupPolicyModel m;
  m.id = id;
  m.instance_id = id;
  m.region = data->AlicloudRegion();
  auto client = data->Kvstore(ctx, "");
  if (!client) return std::nullopt;
  auto policy = client->DescribeBackupPolicy(id, ProviderData::CallOptionsFor(ctx));
  if (!policy.ok()) {
    AddError(ctx, policy.status(), Summary("importing", m));
    return std::nullopt;
  }
  // The policy found at import is the one destroy restores.
  ctx.private_state()[kOriginalPolicy] = PolicyToJson(*policy);
  ApplyPolicy(*policy, m);
  return m;
}

}  // namespace polybackup::resources::kvstore
