#include "datasources/csbs/csbs_policy_data_source.h"

#include "resources/common/client_access.h"

namespace polybackup::datasources::csbs {

namespace hw = clients::huaweicloud;

schema::ModelSchema<PolicyDataModel> PolicyDataSource::DefineSchema() const {
  schema::ModelSchema<PolicyDataModel> s = PolicyDataSchema(/*lookup=*/true);
  s.MarkdownDescription(
      "Reads one CSBS backup policy of Huawei Cloud or Open Telekom Cloud, found by `id`, "
      "`name` and/or `status`; it is an error when none or several match.");
  return s;
}

std::optional<PolicyDataModel> PolicyDataSource::Read(framework::Context& ctx,
                                                      const PolicyDataModel& config) {
  const auto client = resources::ClientFor(ctx, resources::Cloud::kHuawei, config.region,
                                           &resources::ProviderData::Csbs);
  if (!client) return std::nullopt;
  const std::string& region = client.region;
  const auto& options = client.options;
  const std::string filters = DescribeFilters(config.id, config.name, config.status);
  std::vector<hw::CsbsPolicy> found;
  if (config.id.is_known()) {
    // By ID: the policy itself, never a list (OTC #1575: a lookup by id
    // that listed returned several).
    auto policy = client->ShowPolicy(config.id.value(), options);
    if (!absl::IsNotFound(policy.status())) {
      if (!ctx.AddStatus(policy.status(), "reading CSBS Backup Policy (" + config.id.value() + ")"))
        return std::nullopt;
      found.push_back(*std::move(policy));
    }
  } else {
    hw::ListCsbsPoliciesRequest request;
    request.name = config.name.value_or("");
    auto listed = client->ListAllPolicies(request, options);
    if (!ctx.AddStatus(listed.status(), "listing CSBS Backup Policies")) return std::nullopt;
    found = *std::move(listed);
  }
  std::erase_if(found, [&](const hw::CsbsPolicy& p) {
    return (config.name.is_known() && p.name != config.name.value()) ||
           (config.status.is_known() && p.status != config.status.value());
  });
  if (found.empty()) {
    ctx.AddError("No CSBS backup policy found",
                 "No policy in region " + region + " matches (" + filters + ").");
    return std::nullopt;
  }
  if (found.size() > 1) {
    std::string ids;
    for (const auto& p : found) ids += (ids.empty() ? "" : ", ") + p.id;
    ctx.AddError("More than one CSBS backup policy found",
                 std::to_string(found.size()) + " policies in region " + region + " match (" +
                     filters + "): " + ids + ". Narrow the search, e.g. with id.");
    return std::nullopt;
  }
  return ToDataModel(found.front(), region);
}

}  // namespace polybackup::datasources::csbs
