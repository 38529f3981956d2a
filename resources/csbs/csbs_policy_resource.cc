#include "resources/csbs/csbs_policy_resource.h"

#include <set>
#include <tuple>

#include "clients/huaweicloud/csbs_types.h"
#include "resources/common/client_access.h"

namespace polybackup::resources::csbs {
namespace {

using framework::ApplyResult;
using framework::Failed;
using framework::Gone;
using framework::ReadResult;
using schema::ModelSchema;

namespace hw = clients::huaweicloud;

// How often a policy is polled while it is "creating" or being deleted: the
// reference providers poll every 3 s after 5 s; creation takes seconds.
constexpr std::chrono::seconds kPoll{2};

ClientAccess<hw::CsbsClient> CsbsFor(framework::Context& ctx, const schema::String& region) {
  return ClientFor(ctx, Cloud::kHuawei, region, &ProviderData::Csbs);
}

// "creating CSBS Backup Policy (2f4…)", as the AWS provider words summaries.
std::string Summary(const std::string& verb, const std::string& what) {
  return verb + " CSBS Backup Policy (" + what + ")";
}

ModelSchema<ScheduledOperationModel> OperationSchema() {
  using O = ScheduledOperationModel;
  ModelSchema<O> s;
  s.Description("The schedule and the retention of the policy's backups (exactly one block).");
  AddOperationIdentity(s);
  s.Attribute("name", &O::name)
      .Optional()
      .Computed()
      .Validate(NameValidator())
      .Description("The scheduling period's name: 1 to 255 letters, digits, _ and -.");
  s.Attribute("description", &O::description)
      .Optional()
      .Validate(DescriptionValidator())
      .Description("The scheduling period's description: at most 255 characters, no < or >.");
  s.Attribute("enabled", &O::enabled)
      .Optional()
      .Computed()
      .Default(true)
      .Description(
          "Whether backups run on schedule; false keeps the policy for manual backups only.");
  s.Attribute("operation_type", &O::operation_type)
      .Required()
      .Validate(schema::StringOneOf({"backup"}))
      .MarkdownDescription("The operation: `backup` (the only one).");
  s.Attribute("trigger_pattern", &O::trigger_pattern)
      .Required()
      .Validate(TriggerPatternValidator())
      .MarkdownDescription(
          "When backups run (UTC): an iCalendar rule of `FREQ` (`WEEKLY` or `DAILY`), `BYDAY` "
          "(`MO` … `SU`), `BYHOUR` (0-23) and `BYMINUTE` (0-59) in a calendar, e.g. "
          "`\"BEGIN:VCALENDAR\\r\\nBEGIN:VEVENT\\r\\nRRULE:FREQ=WEEKLY;BYDAY=TH;BYHOUR=12;"
          "BYMINUTE=27\\r\\nEND:VEVENT\\r\\nEND:VCALENDAR\\r\\n\"`. Backups at least an hour "
          "apart, at most 24 a day.");
  s.Attribute("max_backups", &O::max_backups)
      .Optional()
      .Validate(RetentionValidator())
      .MarkdownDescription(
          "Backups kept per server: 0 to 99999, or -1 for no limit by count. Not together with "
          "`retention_duration_days`.");
  s.Attribute("retention_duration_days", &O::retention_duration_days)
      .Optional()
      .Validate(RetentionValidator())
      .MarkdownDescription(
          "Days a backup is kept: 0 to 99999, or -1 for no limit by age. Not together with "
          "`max_backups`.");
  s.Attribute("permanent", &O::permanent)
      .Optional()
      .Computed()
      .MarkdownDescription(
          "Keep backups forever, whatever `max_backups` and `retention_duration_days` say.");
  const char* kLongTerm =
      " The service never returns it: it is kept from the configuration, and import takes it "
      "only from the import ID (see Import). Needs `timezone`.";
  s.Attribute("day_backups", &O::day_backups)
      .Optional()
      .Validate(LongTermCountValidator())
      .MarkdownDescription(std::string("Daily backups kept for the long term (the latest of each "
                                       "day), besides `max_backups`.") +
                           kLongTerm);
  s.Attribute("week_backups", &O::week_backups)
      .Optional()
      .Validate(LongTermCountValidator())
      .MarkdownDescription(std::string("Weekly backups kept for the long term.") + kLongTerm);
  s.Attribute("month_backups", &O::month_backups)
      .Optional()
      .Validate(LongTermCountValidator())
      .MarkdownDescription(std::string("Monthly backups kept for the long term.") + kLongTerm);
  s.Attribute("year_backups", &O::year_backups)
      .Optional()
      .Validate(LongTermCountValidator())
      .MarkdownDescription(std::string("Yearly backups kept for the long term.") + kLongTerm);
  s.Attribute("timezone", &O::timezone)
      .Optional()
      .Validate(TimezoneValidator())
      .MarkdownDescription(
          "The zone days are counted in for the long-term counts, e.g. `UTC+08:00`; required "
          "with them and only with them. Never returned by the service: kept from the "
          "configuration.");
  return s;
}

ModelSchema<PolicyResourceModel> ResourceSchema() {
  using R = PolicyResourceModel;
  ModelSchema<R> s;
  s.Description("A server the policy backs up (one block per server).");
  s.Attribute("id", &R::id).Required().Description("The server's (ECS) ID.");
  s.Attribute("type", &R::type)
      .Required()
      .Validate(schema::StringOneOf({hw::kCsbsServerType}))
      .MarkdownDescription("The object's type: `OS::Nova::Server` (the only one).");
  s.Attribute("name", &R::name).Required().Description("A name for the server in the policy.");
  return s;
}

ModelSchema<TagModel> TagSchema() {
  ModelSchema<TagModel> s;
  s.Description("A tag of the policy (at most 10; set at creation only).");
  s.Attribute("key", &TagModel::key)
      .Required()
      .Validate(TagKeyValidator())
      .Description("The key: 1 to 36 letters, digits, _ and -; unique.");
  s.Attribute("value", &TagModel::value)
      .Required()
      .Validate(TagValueValidator())
      .Description("The value: at most 43 letters, digits, _ and -.");
  return s;
}

std::set<std::tuple<std::string, std::string>> TagSet(const std::vector<TagModel>& tags) {
  std::set<std::tuple<std::string, std::string>> out;
  for (const auto& t : tags) out.emplace(t.key.value_or(""), t.value.value_or(""));
  return out;
}

}  // namespace

ModelSchema<PolicyModel> PolicyResource::DefineSchema() const {
  using M = PolicyModel;
  ModelSchema<M> s;
  s.MarkdownDescription(
      "Manages a Cloud Server Backup Service (CSBS) backup policy of Huawei Cloud or Open "
      "Telekom Cloud: which servers are backed up, when, and how long backups are kept.");
  s.Timeouts({.create = std::chrono::minutes(10),
              .update = std::chrono::minutes(10),
              .del = std::chrono::minutes(10)});
  s.Attribute("id", &M::id).Computed().UseStateForUnknown().Description("The policy's ID.");
  s.Attribute("region", &M::region)
      .Optional()
      .Computed()
      .UseStateForUnknown()
      .RequiresReplace()
      .MarkdownDescription("The region. Defaults to the provider's `huaweicloud` region.");
  s.Attribute("name", &M::name)
      .Required()
      .Validate(NameValidator())
      .Description("The policy's name: 1 to 255 letters, digits, _ and -; unique per project.");
  s.Attribute("description", &M::description)
      .Optional()
      .Validate(DescriptionValidator())
      .Description("The policy's description: at most 255 characters, no < or >.");
  s.Attribute("provider_id", &M::provider_id)
      .Optional()
      .Computed()
      .Default(std::string(hw::kCsbsProviderId))
      .RequiresReplace()
      .Validate(schema::StringOneOf({hw::kCsbsProviderId}))
      .Description("The backup provider: the fixed ID of CSBS (server backups).");
  s.Attribute("common", &M::common)
      .Optional()
      .Description("General backup parameters (parameters.common), blank by default.");
  s.Attribute("status", &M::status)
      .Computed()
      .MarkdownDescription("The policy's status, e.g. `suspended`.");
  s.Attribute("created_at", &M::created_at)
      .Computed()
      .UseStateForUnknown()
      .Description("When the policy was created (RFC 3339, UTC).");
  s.Block("scheduled_operation", &M::scheduled_operation, OperationSchema())
      .AsSet()
      .MinItems(1)
      .MaxItems(1);
  s.Block("resource", &M::resource, ResourceSchema()).AsSet().MinItems(1);
  s.Block("tags", &M::tags, TagSchema()).AsSet().MaxItems(10);
  return s;
}

void PolicyResource::Validate(framework::Context& ctx, const PolicyModel& config) {
  CheckPolicy(config, ctx.diagnostics());
}

void PolicyResource::ModifyPlan(framework::Context& ctx,
                                framework::PlanChange<PolicyModel>& change) {
  PlanCloudRegion(ctx, change, Cloud::kHuawei, &PolicyModel::region);
  if (!change.prior) return;
  // Tags are taken at creation only (the reference providers replace too).
  if (TagSet(change.planned.tags) != TagSet(change.prior->tags)) {
    change.requires_replace.push_back(cty::Path().Attribute("tags"));
  }
  // An update keeps the scheduled operation and its trigger (same IDs), so
  // its computed values stay known; set elements have no prior of their own
  // in the framework's planning, hence this.
  if (change.planned.scheduled_operation.size() != 1 ||
      change.prior->scheduled_operation.size() != 1) {
    return;
  }
  ScheduledOperationModel& op = change.planned.scheduled_operation.front();
  const ScheduledOperationModel& before = change.prior->scheduled_operation.front();
  const ScheduledOperationModel* configured = change.config.scheduled_operation.size() == 1
                                                  ? &change.config.scheduled_operation.front()
                                                  : nullptr;
  op.id = before.id;
  op.trigger_id = before.trigger_id;
  op.trigger_name = before.trigger_name;
  op.trigger_type = before.trigger_type;
  if (configured != nullptr && configured->name.is_null()) op.name = before.name;
  if (configured != nullptr && configured->permanent.is_null()) op.permanent = before.permanent;
  // Terraform pairs a set element with its prior only when no optional and
  // computed attribute is configured (objchange.ProposedNewObject), so an
  // unchanged operation block still made the framework plan `status`
  // unknown. With the operation restored, an unchanged policy is no change.
  PolicyModel settled = change.planned;
  settled.status = change.prior->status;
  const auto& s = model_schema();
  if (s.Encode(settled).Equals(s.Encode(*change.prior))) change.planned = settled;
}

ApplyResult<PolicyModel> PolicyResource::Create(framework::Context& ctx,
                                                const PolicyModel& planned) {
  const auto csbs = CsbsFor(ctx, planned.region);
  if (!csbs) return Failed();
  auto created = csbs->CreatePolicy(CreateRequest(planned), csbs.options);
  if (!ctx.AddStatus(created.status(), Summary("creating", planned.name.value_or("?")))) {
    return Failed();
  }
  PolicyModel state = planned;
  state.region = csbs.region;
  ApplyPolicy(*created, state);
  // Recorded before the wait: a timeout or an error from here on leaves the
  // policy in state (tainted) instead of orphaning it, the OTC provider's leak.
  Checkpoint(ctx, state);
  auto ready = csbs->WaitForPolicyReady(created->id, kPoll, csbs.options);
  if (!ctx.AddStatus(ready.status(), Summary("waiting for the creation of", created->id))) {
    return Failed();
  }
  ApplyPolicy(*ready, state);
  return state;
}

ReadResult<PolicyModel> PolicyResource::Read(framework::Context& ctx, const PolicyModel& state) {
  const auto csbs = CsbsFor(ctx, state.region);
  if (!csbs) return Failed();
  const std::string id = state.id.value();
  auto policy = csbs->ShowPolicy(id, csbs.options);
  if (absl::IsNotFound(policy.status())) return Gone("the CSBS policy " + id + " no longer exists");
  if (!ctx.AddStatus(policy.status(), Summary("reading", id))) return Failed();
  PolicyModel out = state;
  out.region = csbs.region;
  ApplyPolicy(*policy, out);
  return out;
}

ApplyResult<PolicyModel> PolicyResource::Update(framework::Context& ctx, const PolicyModel& prior,
                                                const PolicyModel& planned) {
  const auto csbs = CsbsFor(ctx, prior.region);
  if (!csbs) return Failed();
  const std::string id = prior.id.value();
  hw::UpdateCsbsPolicyRequest request = UpdateRequest(prior, planned);
  auto policy = IsEmpty(request) ? csbs->ShowPolicy(id, csbs.options)
                                 : csbs->UpdatePolicyWhenReady(id, request, kPoll, csbs.options);
  if (!ctx.AddStatus(policy.status(), Summary("updating", id))) return Failed();
  PolicyModel out = planned;
  out.id = id;
  out.region = csbs.region;
  ApplyPolicy(*policy, out);
  return out;
}

void PolicyResource::Delete(framework::Context& ctx, const PolicyModel& state) {
  const auto csbs = CsbsFor(ctx, state.region);
  if (!csbs) return;
  const std::string id = state.id.value();
  ctx.AddStatus(csbs->DeletePolicyAndWait(id, kPoll, csbs.options), Summary("deleting", id));
}

ReadResult<PolicyModel> PolicyResource::Import(framework::Context& ctx, const std::string& id) {
  absl::StatusOr<ImportId> parsed = ParseImportId(id);
  if (!parsed.ok()) {
    ctx.AddError("Invalid import ID", std::string(parsed.status().message()));
    return Failed();
  }
  const auto csbs = CsbsFor(ctx, schema::String::Null());
  if (!csbs) return Failed();
  PolicyModel m;
  m.region = csbs.region;
  auto policy = csbs->ShowPolicy(parsed->policy_id, csbs.options);
  if (absl::IsNotFound(policy.status())) {
    return Gone("no CSBS policy " + parsed->policy_id + " in region " + csbs.region);
  }
  if (!ctx.AddStatus(policy.status(), Summary("importing", parsed->policy_id))) return Failed();
  ApplyPolicy(*policy, m);
  // What the service cannot answer, taken from the import ID when given.
  for (auto& op : m.scheduled_operation) CopyLongTerm(parsed->long_term, op);
  return m;
}

}  // namespace polybackup::resources::csbs
