// What the AWS Backup resources and data sources share: the client for a
// region, and how a `moved` block from the AWS provider is checked and read.
#ifndef POLYBACKUP_RESOURCES_AWS_BACKUP_COMMON_H_
#define POLYBACKUP_RESOURCES_AWS_BACKUP_COMMON_H_

#include <memory>
#include <string>

#include "clients/aws/backup_client.h"
#include "nlohmann/json.hpp"
#include "resources/common/provider_data.h"
#include "tfplugin/framework/resource_base.h"
#include "tfplugin/schema/field.h"

namespace polybackup::resources::aws {

// The AWS Backup client of `region`, which is resolved in place (the
// provider's region when null or empty); nullptr after an error diagnostic
// (no aws block, no credentials, stopped).
std::shared_ptr<const clients::aws::BackupClient> BackupClientFor(framework::Context& ctx,
                                                                  schema::String& region);

// How long between the attempts of a wait (backup_waits.h): AWS answers in
// seconds, so a few seconds keeps applies quick without hammering it.
inline constexpr std::chrono::seconds kWaitInterval{3};

// Whether MoveResourceState may take `source`: a state of `type` written by
// hashicorp/aws at schema version 0..`max_version`. Otherwise adds an error
// saying what can be moved here, and returns false. Terraform moves state
// before it configures the provider: a moved state's region stays null
// (unless the AWS provider v6 wrote one) until the refresh that follows
// fills it from the provider's aws block.
bool AcceptAwsProviderState(framework::Context& ctx, const framework::MoveSource& source,
                            const std::string& type, int64_t max_version);

// Reading a moved state's attributes (JSON as the AWS provider wrote them):
// a missing or null attribute, or one of another type, is null.
schema::String StringAt(const nlohmann::json& state, const char* key);
schema::Int64 Int64At(const nlohmann::json& state, const char* key);
schema::Bool BoolAt(const nlohmann::json& state, const char* key);
// Maps and sets of strings; `empty_is_null`: the AWS provider stores none as
// an empty collection, where a configuration without the attribute has null.
schema::Map<std::string> MapAt(const nlohmann::json& state, const char* key, bool empty_is_null);
schema::Set<std::string> SetAt(const nlohmann::json& state, const char* key, bool empty_is_null);
// The elements of a list or set attribute (nested blocks), [] when absent.
const nlohmann::json& ListAt(const nlohmann::json& state, const char* key);

}  // namespace polybackup::resources::aws

#endif  // POLYBACKUP_RESOURCES_AWS_BACKUP_COMMON_H_
