#include "datasources/csbs/csbs_policies_data_source.h"

#include <algorithm>

#include "resources/common/client_access.h"

namespace polybackup::datasources::csbs {

namespace hw = clients::huaweicloud;

schema::ModelSchema<PoliciesDataModel> PoliciesDataSource::DefineSchema() const {
  using M = PoliciesDataModel;
  schema::ModelSchema<M> s;
  s.MarkdownDescription(
      "Lists the CSBS backup policies of a Huawei Cloud or Open Telekom Cloud region, all pages "
      "of them, optionally only those with a `name`, a `status` or protecting a server "
      "(`resource_id`).");
  s.Attribute("region", &M::region)
      .Optional()
      .Computed()
      .MarkdownDescription("The region to list. Defaults to the provider's `huaweicloud` region.");
  s.Attribute("name", &M::name)
      .Optional()
      .Description("Only policies of this name (exact; names are unique per project).");
  s.Attribute("status", &M::status)
      .Optional()
      .MarkdownDescription("Only policies in this status, e.g. `suspended`.");
  s.Attribute("resource_id", &M::resource_id)
      .Optional()
      .Description("Only policies that back up the server with this ID.");
  s.Attribute("ids", &M::ids)
      .Computed()
      .Description("The IDs of the policies found, in the order the service lists them.");
  s.NestedAttribute("policies", &M::policies, PolicyDataSchema(/*lookup=*/false))
      .Computed()
      .Description("The policies found, newest first, with every attribute of the policy.");
  return s;
}

std::optional<PoliciesDataModel> PoliciesDataSource::Read(framework::Context& ctx,
                                                          const PoliciesDataModel& config) {
  const auto client = resources::ClientFor(ctx, resources::Cloud::kHuawei, config.region,
                                           &resources::ProviderData::Csbs);
  if (!client) return std::nullopt;
  const std::string& region = client.region;
  hw::ListCsbsPoliciesRequest request;
  request.name = config.name.value_or("");
  auto listed = client->ListAllPolicies(request, client.options);
  if (!ctx.AddStatus(listed.status(), "listing CSBS Backup Policies")) return std::nullopt;
  PoliciesDataModel out = config;
  out.region = region;
  std::vector<std::string> ids;
  std::vector<PolicyDataModel> policies;
  for (const hw::CsbsPolicy& p : *listed) {
    if (config.status.is_known() && p.status != config.status.value()) continue;
    if (config.resource_id.is_known() &&
        std::none_of(p.resources.begin(), p.resources.end(), [&](const hw::CsbsResource& r) {
          return r.id == config.resource_id.value();
        })) {
      continue;
    }
    ids.push_back(p.id);
    policies.push_back(ToDataModel(p, region));
  }
  out.ids = std::move(ids);
  out.policies = std::move(policies);
  return out;
}

}  // namespace polybackup::datasources::csbs
