// data "polybackup_csbs_policy" (also "polybackup_csbs_backup_policy_v1",
// the reference providers' name): exactly one CSBS backup policy, by `id`,
// `name` and/or `status` (docs/data-sources/csbs_policy.md). No match or
// several matches is an error naming the filters.
#ifndef POLYBACKUP_DATASOURCES_CSBS_CSBS_POLICY_DATA_SOURCE_H_
#define POLYBACKUP_DATASOURCES_CSBS_CSBS_POLICY_DATA_SOURCE_H_

#include <optional>
#include <string>

#include "datasources/csbs/csbs_policy_attributes.h"
#include "tfplugin/framework/data_source.h"

namespace polybackup::datasources::csbs {

class PolicyDataSource : public framework::DataSource<PolicyDataModel> {
 public:
  // `type_suffix`: "csbs_policy", or "csbs_backup_policy_v1" for the alias.
  explicit PolicyDataSource(std::string type_suffix = "csbs_policy")
      : type_suffix_(std::move(type_suffix)) {}
  std::string TypeSuffix() const override { return type_suffix_; }
  schema::ModelSchema<PolicyDataModel> DefineSchema() const override;
  std::optional<PolicyDataModel> Read(framework::Context& ctx,
                                      const PolicyDataModel& config) override;

 private:
  std::string type_suffix_;
};

}  // namespace polybackup::datasources::csbs

#endif  // POLYBACKUP_DATASOURCES_CSBS_CSBS_POLICY_DATA_SOURCE_H_
