// JSON for CSBS v1 policies: the `policy` wrapper bodies of create/update and
// the parser of the answers, which mix strings and numbers ("max_backups":"20",
// "permanent":"false" on OTC; native types on Huawei). Answers are read with
// the shared tolerant readers of clients/core/json_fields.h (Member,
// StringField, IntField, BoolField with the default JsonTypes::kLoose), which
// this header includes for the codec's callers. None of these throw.
#ifndef POLYBACKUP_CLIENTS_HUAWEICLOUD_CSBS_CODEC_H_
#define POLYBACKUP_CLIENTS_HUAWEICLOUD_CSBS_CODEC_H_

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "clients/core/json_fields.h"
#include "clients/huaweicloud/csbs_types.h"

namespace polybackup::clients::huaweicloud {

// {"policy": {...}} for POST /policies.
nlohmann::json CreatePolicyBody(const CreateCsbsPolicyRequest& request);
// {"policy": {...}} for PUT /policies/{id}: only the members that are set.
nlohmann::json UpdatePolicyBody(const UpdateCsbsPolicyRequest& request);
// One policy object (the value of "policy" or an element of "policies").
CsbsPolicy ParsePolicy(const nlohmann::json& j);

// The `marker` of the rel="next" link of a list answer ("policies_links"),
// or "" when there is none.
std::string NextMarkerFromLinks(const nlohmann::json& answer);

// created_at / start_time: "2017-04-18T01:21:52.701973" or
// "2017-03-07 09:27:41" (no zone: UTC; a trailing "Z" is accepted).
// nullopt when malformed.
std::optional<std::chrono::system_clock::time_point> ParseCsbsTime(std::string_view text);

}  // namespace polybackup::clients::huaweicloud

#endif  // POLYBACKUP_CLIENTS_HUAWEICLOUD_CSBS_CODEC_H_
