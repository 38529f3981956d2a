#include "resources/aws/backup_plan_resource.h"

#include "clients/aws/backup_codec.h"
#include "clients/aws/backup_waits.h"
#include "resources/aws/backup_common.h"
#include "resources/aws/backup_plan_move.h"
#include "resources/aws/backup_plan_schema.h"
#include "resources/aws/backup_plan_validation.h"

namespace polybackup::resources::aws {
namespace {

using framework::ApplyResult;
using framework::Context;
using framework::Failed;
using framework::Gone;
using framework::Partial;
using framework::ReadResult;
namespace cl = clients::aws;

// "creating Backup Plan (p-1)": the AWS provider's wording, so messages
// users search for read the same.
std::string Summary(const std::string& verb, const BackupPlanModel& m) {
  const std::string who = m.id.is_known() ? m.id.value() : m.name.value_or("?");
  return verb + " Backup Plan (" + who + ")";
}

// The document as sent: two models with the same one need no update.
nlohmann::json DocumentJson(const BackupPlanModel& m) {
  return cl::BackupPlanDocumentToJson(ToDocument(m));
}

// The plan `m.id` as AWS holds it now, with its tags; `m` gives the forms to
// keep (backup_plan_model.h). Gone when AWS no longer has it.
ReadResult<BackupPlanModel> Fetch(Context& ctx, const cl::BackupClient& client,
                                  const BackupPlanModel& m, const std::string& verb) {
  const auto options = ProviderData::CallOptionsFor(ctx);
  const std::string id = m.id.value();
  auto plan = client.GetBackupPlan(id, "", options);
  if (absl::IsNotFound(plan.status())) return Gone("backup plan " + id + " no longer exists");
  if (!ctx.AddStatus(plan.status(), Summary(verb, m))) return Failed();
  // A deleted plan may still be answered for a while, with its deletion date.
  if (plan->deletion_date) return Gone("backup plan " + id + " was deleted");
  auto tags = client.ListTags(plan->backup_plan_arn, options);
  if (absl::IsNotFound(tags.status())) return Gone("backup plan " + id + " no longer exists");
  if (!ctx.AddStatus(tags.status(), Summary(verb + " the tags of", m))) return Failed();
  BackupPlanModel out = FromApi(*plan, m);
  ReadTags(*tags, DefaultTags(ctx).value_or(cl::Tags{}), m.tags, out.tags, out.tags_all);
  return out;
}

// After a create or update: the plan as AWS now holds it.
ApplyResult<BackupPlanModel> ReadBack(Context& ctx, const cl::BackupClient& client,
                                      const BackupPlanModel& state, const std::string& verb) {
  ReadResult<BackupPlanModel> after = Fetch(ctx, client, state, "reading");
  if (after.outcome() == framework::Outcome::kGone) {
    ctx.AddError(Summary(verb, state) + ": the plan disappeared before it could be read back");
  }
  if (!after.done()) return Failed();
  return *after.state();
}

}  // namespace

schema::ModelSchema<BackupPlanModel> BackupPlanResource::DefineSchema() const {
  return BackupPlanSchema();
}

void BackupPlanResource::Validate(Context& ctx, const BackupPlanModel& config) {
  ValidatePlan(config, ctx.diagnostics());
}

void BackupPlanResource::ModifyPlan(Context& ctx, framework::PlanChange<BackupPlanModel>& change) {
  PlanCloudRegion(ctx, change, Cloud::kAws, &BackupPlanModel::region);
  PlanTags(ctx, change.config.tags, change.planned.tags, change.planned.tags_all);
  // Only a changed document makes a new version (a tag change does not).
  if (change.prior && change.planned.version.is_unknown() &&
      DocumentJson(*change.prior) == DocumentJson(change.planned)) {
    change.planned.version = change.prior->version;
  }
}

ApplyResult<BackupPlanModel> BackupPlanResource::Create(Context& ctx,
                                                        const BackupPlanModel& planned) {
  schema::String region = planned.region;
  auto client = BackupClientFor(ctx, region);
  if (!client) return Failed();
  // One token for every attempt of this create (the client's retries reuse
  // it): AWS answers a repeat with the plan the first attempt made.
  cl::CreateBackupPlanRequest request{.plan = ToDocument(planned),
                                      .tags = planned.tags_all.value_or({}),
                                      .creator_request_id = client->NewCreatorRequestId()};
  ctx.Log(log::Level::kInfo, "creating backup plan",
          {{"name", request.plan.backup_plan_name},
           {"creator_request_id", request.creator_request_id}});
  auto made = client->CreateBackupPlan(request, ProviderData::CallOptionsFor(ctx));
  if (!ctx.AddStatus(made.status(), Summary("creating", planned))) return Failed();
  BackupPlanModel state = planned;
  state.id = made->backup_plan_id;
  state.arn = made->backup_plan_arn;
  state.version = made->version_id;
  state.region = region;
  Checkpoint(ctx, state);  // from here on the plan is in state, whatever fails
  return ReadBack(ctx, *client, state, "creating");
}

framework::ReadResult<BackupPlanModel> BackupPlanResource::Read(Context& ctx,
                                                                const BackupPlanModel& state) {
  BackupPlanModel m = state;
  auto client = BackupClientFor(ctx, m.region);
  if (!client) return Failed();
  return Fetch(ctx, *client, m, "reading");
}

ApplyResult<BackupPlanModel> BackupPlanResource::Update(Context& ctx, const BackupPlanModel& prior,
                                                        const BackupPlanModel& planned) {
  schema::String region = prior.region;
  auto client = BackupClientFor(ctx, region);
  if (!client) return Failed();
  const auto options = ProviderData::CallOptionsFor(ctx);
  BackupPlanModel state = planned;
  state.id = prior.id;
  state.arn = prior.arn;
  state.version = prior.version;
  state.region = region;
  if (DocumentJson(prior) != DocumentJson(planned)) {
    auto updated = client->UpdateBackupPlan(prior.id.value(), ToDocument(planned), options);
    if (!ctx.AddStatus(updated.status(), Summary("updating", prior))) return Failed();
    state.version = updated->version_id;
  }
  absl::Status tagged = SyncTags(*client, prior.arn.value(), prior.tags_all.value_or({}),
                                 planned.tags_all.value_or({}), options);
  if (!ctx.AddStatus(tagged, Summary("updating the tags of", prior))) {
    // The rules may have changed already: record what AWS holds now.
    ReadResult<BackupPlanModel> now = Fetch(ctx, *client, state, "reading");
    if (now.done()) return Partial(*now.state());
    return Failed();
  }
  return ReadBack(ctx, *client, state, "updating");
}

void BackupPlanResource::Delete(Context& ctx, const BackupPlanModel& state) {
  schema::String region = state.region;
  auto client = BackupClientFor(ctx, region);
  if (!client) return;
  // Selections are usually being destroyed in the same run, in parallel.
  absl::Status deleted = cl::DeletePlanWhenUnreferenced(*client, state.id.value(), kWaitInterval,
                                                        ProviderData::CallOptionsFor(ctx));
  if (absl::IsNotFound(deleted)) return;
  ctx.AddStatus(deleted, Summary("deleting", state));
}

ReadResult<BackupPlanModel> BackupPlanResource::Import(Context& ctx, const std::string& id) {
  if (id.empty() || id.find_first_of(" |/:") != std::string::npos) {
    ctx.AddError("Invalid import ID",
                 "Import a backup plan by its ID (the `id` attribute, e.g. "
                 "\"6f62b6ac-4b82-4f64-8d1b-bb4f3c0f0c1e\"); got \"" +
                     id + "\".");
    return Failed();
  }
  BackupPlanModel m;
  m.id = id;
  auto client = BackupClientFor(ctx, m.region);
  if (!client) return Failed();
  return Fetch(ctx, *client, m, "importing");
}

std::optional<BackupPlanModel> BackupPlanResource::Move(Context& ctx,
                                                        const framework::MoveSource& source) {
  if (!AcceptAwsProviderState(ctx, source, "aws_backup_plan", kAwsPlanSchemaVersion)) {
    return std::nullopt;
  }
  BackupPlanModel m = PlanFromAwsProviderState(source.state, source.schema_version);
  if (!m.id.is_known() || m.id.value().empty()) {
    ctx.AddError("Invalid aws_backup_plan state", "The state to move has no plan ID (`id`).");
    return std::nullopt;
  }
  return m;
}

}  // namespace polybackup::resources::aws
