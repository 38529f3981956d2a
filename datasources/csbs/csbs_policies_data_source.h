// data "polybackup_csbs_policies": every CSBS backup policy of a region that
// matches the filters (name, status, a protected server), read page by page
// through the API's `marker` links (docs/data-sources/csbs_policies.md).
// No match is an empty list, not an error.
#ifndef POLYBACKUP_DATASOURCES_CSBS_CSBS_POLICIES_DATA_SOURCE_H_
#define POLYBACKUP_DATASOURCES_CSBS_CSBS_POLICIES_DATA_SOURCE_H_

#include <optional>
#include <string>

#include "datasources/csbs/csbs_policy_attributes.h"
#include "tfplugin/framework/data_source.h"

namespace polybackup::datasources::csbs {

struct PoliciesDataModel {
  schema::String region, name, status, resource_id;
  schema::List<std::string> ids;
  schema::List<PolicyDataModel> policies;
};

class PoliciesDataSource : public framework::DataSource<PoliciesDataModel> {
 public:
  std::string TypeSuffix() const override { return "csbs_policies"; }
  schema::ModelSchema<PoliciesDataModel> DefineSchema() const override;
  std::optional<PoliciesDataModel> Read(framework::Context& ctx,
                                        const PoliciesDataModel& config) override;
};

}  // namespace polybackup::datasources::csbs

#endif  // POLYBACKUP_DATASOURCES_CSBS_CSBS_POLICIES_DATA_SOURCE_H_
