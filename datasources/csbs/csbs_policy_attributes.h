// What the CSBS data sources say of one policy: the resource's attributes,
// all computed, with the scheduled operation, the servers and the tags as
// sets of objects (as the OTC data source has them). Shared by
// polybackup_csbs_policy (one policy) and polybackup_csbs_policies (a list).
#ifndef POLYBACKUP_DATASOURCES_CSBS_CSBS_POLICY_ATTRIBUTES_H_
#define POLYBACKUP_DATASOURCES_CSBS_CSBS_POLICY_ATTRIBUTES_H_

#include <string>

#include "clients/huaweicloud/csbs_types.h"
#include "resources/csbs/csbs_policy.h"
#include "tfplugin/schema/model.h"

namespace polybackup::datasources::csbs {

using resources::csbs::PolicyResourceModel;
using resources::csbs::ScheduledOperationModel;
using resources::csbs::TagModel;

struct PolicyDataModel {
  schema::String id, name, status, region, description, provider_id, created_at;
  schema::Map<std::string> common;
  schema::List<ScheduledOperationModel> scheduled_operation;
  schema::List<PolicyResourceModel> resource;
  schema::List<TagModel> tags;
};

// The attributes of PolicyDataModel. With `lookup`, id, name, status and
// region are optional filters (the single data source); without, all are
// computed (an element of the list data source).
schema::ModelSchema<PolicyDataModel> PolicyDataSchema(bool lookup);

// A policy as the data sources show it (region: the one it was read in).
PolicyDataModel ToDataModel(const clients::huaweicloud::CsbsPolicy& policy,
                            const std::string& region);

// "name = \"a\", status = \"suspended\"" for error messages; "no filter".
std::string DescribeFilters(const schema::String& id, const schema::String& name,
                            const schema::String& status);

}  // namespace polybackup::datasources::csbs

#endif  // POLYBACKUP_DATASOURCES_CSBS_CSBS_POLICY_ATTRIBUTES_H_
