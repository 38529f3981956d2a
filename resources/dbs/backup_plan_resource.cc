#include "resources/dbs/backup_plan_resource.h"

#include "resources/common/provider_data.h"
#include "resources/dbs/backup_plan_update.h"

namespace polybackup::resources::dbs {
namespace {

using framework::ApplyResult;
using framework::Failed;
using framework::Gone;
using framework::ReadResult;

namespace ali = clients::alicloud;

// What an operation's diagnostics start with, as the AWS provider writes
// them: "updating DBS Backup Plan (dbs1a2b3c)".
std::string Summary(const std::string& verb, const std::string& id) {
  return verb + " DBS Backup Plan" + (id.empty() ? "" : " (" + id + ")");
}

// The plan and its billing, as the API reports them, over `m`. NotFound
// when DBS no longer knows the plan.
absl::Status Describe(const DbsAccess& dbs, const std::string& id, BackupPlanModel& m) {
  absl::StatusOr<ali::DbsBackupPlan> plan = dbs->DescribeBackupPlan(id, dbs.options);
  if (!plan.ok()) return plan.status();
  absl::StatusOr<ali::DbsBilling> billing = dbs->DescribeBackupPlanBilling(id, dbs.options);
  if (!billing.ok()) return billing.status();
  ApplyPlan(*plan, m);
  ApplyBilling(*billing, m);
  return absl::OkStatus();
}

}  // namespace

void BackupPlanResource::Validate(framework::Context& ctx, const BackupPlanModel& config) {
  ValidatePlanConfig(config, ctx.diagnostics());
}

void BackupPlanResource::ModifyPlan(framework::Context& ctx,
                                    framework::PlanChange<BackupPlanModel>& change) {
  PlanCloudRegion(ctx, change, Cloud::kAlicloud, &BackupPlanModel::region);
  BackupPlanModel& planned = change.planned;
  const BackupPlanModel& config = change.config;
  // Both SID attributes are the one SourceEndpointOracleSID: the one not
  // written follows the one written, so the plan matches what Read sees.
  if (config.source_endpoint_sid.is_null() && !config.source_endpoint_oracle_sid.is_null()) {
    planned.source_endpoint_sid = config.source_endpoint_oracle_sid;
  }
  if (config.source_endpoint_oracle_sid.is_null() && !config.source_endpoint_sid.is_null()) {
    planned.source_endpoint_oracle_sid = config.source_endpoint_sid;
  }
  if (!change.prior) {
    CheckCreatable(config, ctx.diagnostics());
    return;
  }
  // DBS takes the whole source in one call, password included.
  if (ChangesFor(*change.prior, planned).source && NeedsLogin(config) &&
      config.source_endpoint_password.is_null()) {
    ctx.diagnostics().AddAttributeError(
        cty::Path().Attribute("source_endpoint_password"), "Missing required argument",
        "\"source_endpoint_password\" is required to change the plan's source: DBS "
        "(ModifyBackupSourceEndpoint) takes the whole source, password included.");
  }
  // A one-day schedule cannot be changed in place (PeriodTooShortToModify).
  const std::vector<std::string> schedule = ScheduleChanges(*change.prior, planned);
  if (!schedule.empty() && PeriodTooShortToModify(*change.prior, planned)) {
    for (const std::string& name : schedule) {
      change.requires_replace.push_back(cty::Path().Attribute(name));
    }
  }
}

ApplyResult<BackupPlanModel> BackupPlanResource::Create(framework::Context& ctx,
                                                        const BackupPlanModel& planned) {
  const DbsAccess dbs = DbsFor(ctx, planned.region);
  if (!dbs) return Failed();
  auto created = dbs->CreateBackupPlan(CreateRequest(planned, dbs.region), dbs.options);
  if (!ctx.AddStatus(created.status(), Summary("creating", ""))) return Failed();
  const std::string id = created->backup_plan_id;
  BackupPlanModel state = planned;
  state.id = id;
  state.region = dbs.region;
  // From here on the plan is in state whatever fails: Terraform taints it
  // and the next apply replaces it, so no plan is left behind.
  Checkpoint(ctx, state);
  const std::string what = Summary("creating", id);
  if (!ctx.AddStatus(dbs->ConfigureBackupPlanWhenReady(ConfigureRequest(planned, id),
                                                       polling_.configure, dbs.options),
                     what + ": configuring")) {
    return Failed();
  }
  const std::string wanted = planned.status.value_or("running");
  if (!ctx.AddStatus(SettleStatus(dbs, id, wanted, /*restart=*/true), what)) {
    return Failed();
  }
  return ReadBack(ctx, state, what);
}

absl::Status BackupPlanResource::SettleStatus(const DbsAccess& dbs, const std::string& id,
                                              const std::string& wanted, bool restart) const {
  if (wanted != "running" && wanted != "pause") return absl::OkStatus();
  const clients::CallOptions& options = dbs.options;
  std::string current;  // after configure or a new source: waiting for a start
  if (!restart) {
    auto plan = dbs->DescribeBackupPlan(id, options);
    if (!plan.ok()) return plan.status();
    current = plan->backup_plan_status;
  }
  if (current == wanted) return absl::OkStatus();
  // Only a started plan can be paused, as the reference provider does it:
  // start, then stop.
  if (current != "running") {
    absl::Status started = dbs->StartBackupPlanAndWait(id, polling_.status, options);
    if (!started.ok()) return started;
  }
  if (wanted == "running") return absl::OkStatus();
  return dbs->StopBackupPlanAndWait(id, polling_.status, options);
}

ReadResult<BackupPlanModel> BackupPlanResource::Read(framework::Context& ctx,
                                                     const BackupPlanModel& state) {
  const DbsAccess dbs = DbsFor(ctx, state.region);
  if (!dbs) return Failed();
  const std::string id = state.id.value();
  BackupPlanModel out = state;
  out.region = dbs.region;
  absl::Status found = Describe(dbs, id, out);
  if (absl::IsNotFound(found)) return Gone("DBS no longer lists backup plan " + id);
  if (!ctx.AddStatus(found, Summary("reading", id))) return Failed();
  return out;
}

ApplyResult<BackupPlanModel> BackupPlanResource::Update(framework::Context& ctx,
                                                        const BackupPlanModel& prior,
                                                        const BackupPlanModel& planned) {
  const DbsAccess dbs = DbsFor(ctx, prior.region);
  if (!dbs) return Failed();
  const std::string id = prior.id.value();
  const std::string what = Summary("updating", id);
  const clients::CallOptions& options = dbs.options;
  const PlanChanges c = ChangesFor(prior, planned);
  absl::Status s;
  if (c.name) s = dbs->ModifyBackupPlanName(id, *c.name, options);
  if (s.ok() && c.source) s = dbs->ModifyBackupSourceEndpoint(*c.source, options);
  if (s.ok() && c.objects) s = dbs->ModifyBackupObjects(id, *c.objects, options);
  if (s.ok() && c.strategy) s = dbs->ModifyBackupStrategy(*c.strategy, options);
  if (s.ok() && c.storage) s = dbs->ModifyStorageStrategy(*c.storage, options);
  if (s.ok() && c.backup_log) s = dbs->SetBackupLog(id, *c.backup_log, options);
  // After a new source or new objects DBS waits for a start (NeedPrecheck).
  const std::string wanted = planned.status.value_or(prior.status.value_or("running"));
  if (s.ok()) s = SettleStatus(dbs, id, wanted, /*restart=*/c.needs_restart());
  if (!ctx.AddStatus(s, what)) {
    // Some calls may have gone through: record what the plan is now.
    ReadResult<BackupPlanModel> now = Read(ctx, prior);
    if (now.done()) return framework::Partial(*now.state());
    return Failed();
  }
  return ReadBack(ctx, planned, what);
}

ApplyResult<BackupPlanModel> BackupPlanResource::ReadBack(framework::Context& ctx,
                                                          const BackupPlanModel& m,
                                                          const std::string& what) {
  ReadResult<BackupPlanModel> after = Read(ctx, m);
  if (after.outcome() == framework::Outcome::kGone) {
    ctx.AddError(what + ": the plan disappeared while it was being set up",
                 "DBS no longer lists it; it may have been released by someone else.");
  }
  if (!after.done()) return Failed();
  return *after.state();
}

void BackupPlanResource::Delete(framework::Context& ctx, const BackupPlanModel& state) {
  const DbsAccess dbs = DbsFor(ctx, state.region);
  if (!dbs) return;
  const std::string id = state.id.value();
  ctx.AddStatus(dbs->ReleaseBackupPlanAndWait(id, polling_.status, dbs.options),
                Summary("deleting", id));
}

ReadResult<BackupPlanModel> BackupPlanResource::Import(framework::Context& ctx,
                                                       const std::string& id) {
  if (id.empty() || id.find_first_of(" /,:") != std::string::npos) {
    ctx.AddError(
        "Invalid import ID",
        "Import a DBS backup plan by its plan ID, e.g. dbstooi01ex1234; got \"" + id + "\".");
    return Failed();
  }
  const DbsAccess dbs = DbsFor(ctx, schema::String::Null());
  if (!dbs) return Failed();
  BackupPlanModel m;
  m.id = id;
  m.region = dbs.region;
  absl::Status found = Describe(dbs, id, m);
  if (absl::IsNotFound(found)) {
    return Gone("no DBS backup plan " + id + " in region " + m.region.value());
  }
  if (!ctx.AddStatus(found, Summary("importing", id))) return Failed();
  return m;
}

}  // namespace polybackup::resources::dbs
