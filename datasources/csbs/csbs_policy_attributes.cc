#include "datasources/csbs/csbs_policy_attributes.h"

#include <vector>

namespace polybackup::datasources::csbs {
namespace {

using schema::ModelSchema;

ModelSchema<ScheduledOperationModel> OperationSchema() {
  using O = ScheduledOperationModel;
  ModelSchema<O> s;
  resources::csbs::AddOperationIdentity(s);
  s.Attribute("name", &O::name).Computed().Description("The scheduling period's name.");
  s.Attribute("description", &O::description).Computed().Description("Its description.");
  s.Attribute("enabled", &O::enabled).Computed().Description("Whether backups run on schedule.");
  s.Attribute("operation_type", &O::operation_type)
      .Computed()
      .MarkdownDescription("The operation (`backup`).");
  s.Attribute("trigger_pattern", &O::trigger_pattern)
      .Computed()
      .Description("When backups run: the iCalendar rule in its calendar wrapper.");
  s.Attribute("max_backups", &O::max_backups)
      .Computed()
      .Description("Backups kept per server (-1: no limit by count).");
  s.Attribute("retention_duration_days", &O::retention_duration_days)
      .Computed()
      .Description("Days a backup is kept (-1: no limit by age).");
  s.Attribute("permanent", &O::permanent)
      .Computed()
      .Description("Whether backups are kept forever.");
  return s;
}

ModelSchema<PolicyResourceModel> ResourceSchema() {
  using R = PolicyResourceModel;
  ModelSchema<R> s;
  s.Attribute("id", &R::id).Computed().Description("The server's ID.");
  s.Attribute("type", &R::type).Computed().MarkdownDescription("`OS::Nova::Server`.");
  s.Attribute("name", &R::name).Computed().Description("The server's name in the policy.");
  return s;
}

ModelSchema<TagModel> TagSchema() {
  ModelSchema<TagModel> s;
  s.Attribute("key", &TagModel::key).Computed().Description("The tag's key.");
  s.Attribute("value", &TagModel::value).Computed().Description("The tag's value.");
  return s;
}

template <class B>
void Filter(B& builder, bool lookup) {
  if (lookup) {
    builder.Optional().Computed();
  } else {
    builder.Computed();
  }
}

}  // namespace

ModelSchema<PolicyDataModel> PolicyDataSchema(bool lookup) {
  using M = PolicyDataModel;
  ModelSchema<M> s;
  auto id = s.Attribute("id", &M::id);
  Filter(id, lookup);
  id.Description(lookup ? "The policy's ID; when given, the policy with that ID."
                        : "The policy's ID.");
  auto name = s.Attribute("name", &M::name);
  Filter(name, lookup);
  name.Description(lookup ? "The policy's name (exact); when given, only policies of that name."
                          : "The policy's name.");
  auto status = s.Attribute("status", &M::status);
  Filter(status, lookup);
  status.MarkdownDescription(lookup ? "The policy's status, e.g. `suspended`; when given, only "
                                      "policies in that status."
                                    : "The policy's status, e.g. `suspended`.");
  auto region = s.Attribute("region", &M::region);
  Filter(region, lookup);
  region.MarkdownDescription(lookup ? "The region to look in. Defaults to the provider's "
                                      "`huaweicloud` region."
                                    : "The region the policy was read in.");
  s.Attribute("description", &M::description).Computed().Description("The description.");
  s.Attribute("provider_id", &M::provider_id).Computed().Description("The backup provider's ID.");
  s.Attribute("created_at", &M::created_at)
      .Computed()
      .Description("When the policy was created (RFC 3339, UTC).");
  s.Attribute("common", &M::common).Computed().Description("General backup parameters.");
  s.NestedAttribute("scheduled_operation", &M::scheduled_operation, OperationSchema())
      .AsSet()
      .Computed()
      .Description(
          "The schedule and retention. The long-term retention (day/week/month/year_backups, "
          "timezone) is not listed: the service never returns it.");
  s.NestedAttribute("resource", &M::resource, ResourceSchema())
      .AsSet()
      .Computed()
      .Description("The servers the policy backs up.");
  s.NestedAttribute("tags", &M::tags, TagSchema())
      .AsSet()
      .Computed()
      .Description("The policy's tags.");
  return s;
}

PolicyDataModel ToDataModel(const clients::huaweicloud::CsbsPolicy& policy,
                            const std::string& region) {
  resources::csbs::PolicyModel m;
  resources::csbs::ApplyPolicy(policy, m);
  PolicyDataModel out;
  out.id = m.id;
  out.name = m.name;
  out.status = m.status;
  out.region = region;
  out.description = m.description.is_known() ? m.description : schema::String("");
  out.provider_id = m.provider_id;
  out.created_at = m.created_at;
  out.common = m.common.value_or({});
  out.scheduled_operation = m.scheduled_operation;
  out.resource = m.resource;
  out.tags = m.tags;
  return out;
}

std::string DescribeFilters(const schema::String& id, const schema::String& name,
                            const schema::String& status) {
  std::vector<std::string> parts;
  if (id.is_known()) parts.push_back("id = \"" + id.value() + "\"");
  if (name.is_known()) parts.push_back("name = \"" + name.value() + "\"");
  if (status.is_known()) parts.push_back("status = \"" + status.value() + "\"");
  if (parts.empty()) return "no filter";
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i];
  return out;
}

}  // namespace polybackup::datasources::csbs
