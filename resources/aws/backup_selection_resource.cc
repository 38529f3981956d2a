#include "resources/aws/backup_selection_resource.h"

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
using schema::ModelSchema;
namespace cl = clients::aws;
using M = BackupSelectionModel;

// How long a new IAM role may take to reach AWS Backup (the reference
// provider's propagation timeout).
constexpr std::chrono::minutes kRolePropagation{2};

std::string Summary(const std::string& verb, const M& m) {
  const std::string who = m.id.is_known() ? m.id.value() : m.name.value_or("?");
  return verb + " Backup Selection (" + who + ")";
}

// AWS answers calls on a selection of a plan that is gone with
// InvalidParameterValueException "Cannot find Backup plan" (the reference
// provider reads it as "gone" too).
bool PlanGone(const absl::Status& s) {
  std::optional<clients::CloudError> e = clients::GetCloudError(s);
  return e && e->code == "InvalidParameterValueException" &&
         absl::StrContains(e->message, "Cannot find Backup plan");
}

ModelSchema<ConditionParameterModel> ParameterSchema(const std::string& test) {
  ModelSchema<ConditionParameterModel> s;
  s.Description("Selects resources whose tag " + test + ".");
  s.Attribute("key", &ConditionParameterModel::key)
      .Required()
      .Description("The tag key, as aws:ResourceTag/<key>, e.g. aws:ResourceTag/Team.");
  s.Attribute("value", &ConditionParameterModel::value).Required().Description("The value.");
  return s;
}

ModelSchema<ConditionModel> ConditionSchema() {
  using C = ConditionModel;
  ModelSchema<C> s;
  s.MarkdownDescription(
      "Tag conditions a resource must all meet (AWS merges several `condition` blocks into one).");
  s.Block("string_equals", &C::string_equals, ParameterSchema("equals the value")).AsSet();
  s.Block("string_like", &C::string_like, ParameterSchema("matches the value (* wildcards)"))
      .AsSet();
  s.Block("string_not_equals", &C::string_not_equals, ParameterSchema("does not equal the value"))
      .AsSet();
  s.Block("string_not_like", &C::string_not_like,
          ParameterSchema("does not match the value (* wildcards)"))
      .AsSet();
  return s;
}

ModelSchema<SelectionTagModel> SelectionTagSchema() {
  using T = SelectionTagModel;
  ModelSchema<T> s;
  s.Description("Selects resources with a tag (any one selection_tag is enough).");
  s.Attribute("type", &T::type)
      .Required()
      .Validate(schema::StringOneOf({"STRINGEQUALS"}))
      .Description("How the tag is compared: STRINGEQUALS.");
  s.Attribute("key", &T::key).Required().Description("The tag key.");
  s.Attribute("value", &T::value).Required().Description("The tag value.");
  return s;
}

ReadResult<M> Fetch(Context& ctx, const cl::BackupClient& client, const M& m,
                    const std::string& verb) {
  auto got =
      client.GetBackupSelection(m.plan_id.value(), m.id.value(), ProviderData::CallOptionsFor(ctx));
  if (absl::IsNotFound(got.status())) return Gone("backup selection " + m.id.value() + " is gone");
  if (PlanGone(got.status()))
    return Gone("the plan of backup selection " + m.id.value() + " is gone");
  if (!ctx.AddStatus(got.status(), Summary(verb, m))) return Failed();
  return SelectionFromApi(got->selection, m);
}

}  // namespace

ModelSchema<M> BackupSelectionResource::DefineSchema() const {
  ModelSchema<M> s;
  s.MarkdownDescription(
      "Manages the resources an AWS Backup plan backs up. A drop-in for the AWS provider's "
      "`aws_backup_selection`. AWS cannot change a selection: any change replaces it.");
  s.Timeouts({.create = std::chrono::minutes(10),
              .read = std::chrono::minutes(5),
              .update = std::chrono::minutes(5),
              .del = std::chrono::minutes(5)});
  s.Attribute("id", &M::id).Computed().UseStateForUnknown().Description("The selection ID.");
  s.Attribute("name", &M::name)
      .Required()
      .Validate(
          schema::StringMatches("[0-9A-Za-z_.-]{1,50}", "1 to 50 letters, digits, '-', '_' or '.'"))
      .Description("The selection's display name, unique in its plan.");
  s.Attribute("plan_id", &M::plan_id)
      .Required()
      .Validate(schema::StringLengthBetween(1, 128))
      .Description("The ID of the backup plan the selection belongs to.");
  s.Attribute("iam_role_arn", &M::iam_role_arn)
      .Required()
      .Validate(
          schema::StringMatches("arn:aws[a-z-]*:iam::[0-9]{12}:role/.+",
                                "an IAM role ARN, e.g. arn:aws:iam::123456789012:role/service-role/"
                                "AWSBackupDefaultServiceRole"))
      .Description("The IAM role AWS Backup assumes to back the resources up.");
  const auto arn_or_star =
      schema::EachElement(schema::StringMatches("\\*|arn:.+", "an ARN (* wildcards allowed) or *"));
  s.Attribute("resources", &M::resources)
      .Optional()
      .Validate(arn_or_star)
      .Description("ARNs of the resources to back up; * wildcards allowed.");
  s.Attribute("not_resources", &M::not_resources)
      .Optional()
      .Validate(arn_or_star)
      .Description("ARNs of resources left out; * wildcards allowed.");
  s.Block("selection_tag", &M::selection_tag, SelectionTagSchema()).AsSet();
  s.Block("condition", &M::condition, ConditionSchema()).AsSet();
  s.Attribute("region", &M::region)
      .Optional()
      .Computed()
      .UseStateForUnknown()
      .RequiresReplace()
      .MarkdownDescription("The region of the plan. Defaults to the provider's `aws` region.");
  return s;
}

void BackupSelectionResource::ModifyPlan(Context& ctx, framework::PlanChange<M>& change) {
  PlanCloudRegion(ctx, change, Cloud::kAws, &M::region);
  // AWS has no update: what selects differently replaces the selection.
  if (change.prior) {
    for (cty::Path& p : SelectionDifferences(*change.prior, change.planned)) {
      change.requires_replace.push_back(std::move(p));
    }
  }
}

ApplyResult<M> BackupSelectionResource::Create(Context& ctx, const M& planned) {
  schema::String region = planned.region;
  auto client = BackupClientFor(ctx, region);
  if (!client) return Failed();
  const auto options = ProviderData::CallOptionsFor(ctx);
  const std::string plan_id = planned.plan_id.value();
  auto made = cl::CreateSelectionWhenRoleReady(*client, plan_id, ToSelection(planned), "",
                                               kWaitInterval, kRolePropagation, options);
  if (!ctx.AddStatus(made.status(), Summary("creating", planned))) return Failed();
  M state = planned;
  state.id = made->selection_id;
  state.region = region;
  Checkpoint(ctx, state);
  auto read = cl::WaitForSelection(*client, plan_id, made->selection_id, kWaitInterval, options);
  if (!ctx.AddStatus(read.status(), Summary("waiting for", state))) return Failed();
  return SelectionFromApi(read->selection, state);
}

ReadResult<M> BackupSelectionResource::Read(Context& ctx, const M& state) {
  M m = state;
  auto client = BackupClientFor(ctx, m.region);
  if (!client) return Failed();
  return Fetch(ctx, *client, m, "reading");
}

ApplyResult<M> BackupSelectionResource::Update(Context& ctx, const M& prior, const M& planned) {
  if (!SelectionDifferences(prior, planned).empty()) {
    ctx.AddError(Summary("updating", prior),
                 "AWS cannot change a backup selection, and this plan changes what it selects "
                 "without replacing it. This is a bug in the provider.");
    return Failed();
  }
  M state = planned;
  state.id = prior.id;
  state.region = prior.region;
  return state;
}

void BackupSelectionResource::Delete(Context& ctx, const M& state) {
  schema::String region = state.region;
  auto client = BackupClientFor(ctx, region);
  if (!client) return;
  absl::Status s = client->DeleteBackupSelection(state.plan_id.value(), state.id.value(),
                                                 ProviderData::CallOptionsFor(ctx));
  if (s.ok() || absl::IsNotFound(s) || PlanGone(s)) return;
  ctx.AddStatus(s, Summary("deleting", state));
}

ReadResult<M> BackupSelectionResource::Import(Context& ctx, const std::string& id) {
  const size_t bar = id.find('|');
  if (bar == std::string::npos || bar == 0 || bar + 1 == id.size() ||
      id.find('|', bar + 1) != std::string::npos) {
    ctx.AddError("Invalid import ID",
                 "Import a backup selection as <plan-id>|<selection-id> (the AWS provider's "
                 "format), e.g. \"6f62b6ac-…|a3c1f0e2-…\"; got \"" +
                     id + "\".");
    return Failed();
  }
  M m;
  m.plan_id = id.substr(0, bar);
  m.id = id.substr(bar + 1);
  auto client = BackupClientFor(ctx, m.region);
  if (!client) return Failed();
  return Fetch(ctx, *client, m, "importing");
}

std::optional<M> BackupSelectionResource::Move(Context& ctx, const framework::MoveSource& source) {
  if (!AcceptAwsProviderState(ctx, source, "aws_backup_selection", 0)) return std::nullopt;
  const nlohmann::json& s = source.state;
  M m;
  m.id = StringAt(s, "id");
  m.name = StringAt(s, "name");
  m.plan_id = StringAt(s, "plan_id");
  m.iam_role_arn = StringAt(s, "iam_role_arn");
  // The AWS provider stores "none" as empty sets and an all-empty condition
  // block (it reads AWS's Conditions back always); configurations without
  // them plan null and no blocks.
  m.resources = SetAt(s, "resources", /*empty_is_null=*/true);
  m.not_resources = SetAt(s, "not_resources", /*empty_is_null=*/true);
  for (const nlohmann::json& t : ListAt(s, "selection_tag")) {
    m.selection_tag.push_back(
        {.type = StringAt(t, "type"), .key = StringAt(t, "key"), .value = StringAt(t, "value")});
  }
  for (const nlohmann::json& c : ListAt(s, "condition")) {
    ConditionModel cond;
    bool any = false;
    auto params = [&](const char* name) {
      std::vector<ConditionParameterModel> out;
      for (const nlohmann::json& p : ListAt(c, name)) {
        out.push_back({.key = StringAt(p, "key"), .value = StringAt(p, "value")});
      }
      any = any || !out.empty();
      return out;
    };
    cond.string_equals = params("string_equals");
    cond.string_like = params("string_like");
    cond.string_not_equals = params("string_not_equals");
    cond.string_not_like = params("string_not_like");
    if (any) m.condition.push_back(std::move(cond));
  }
  m.region = StringAt(s, "region");
  if (!m.id.is_known() || !m.plan_id.is_known()) {
    ctx.AddError("Invalid aws_backup_selection state",
                 "The state to move has no selection `id` or `plan_id`.");
    return std::nullopt;
  }
  return m;
}

}  // namespace polybackup::resources::aws
