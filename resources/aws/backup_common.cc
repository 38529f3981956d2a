#include "resources/aws/backup_common.h"

#include "resources/common/client_access.h"

namespace polybackup::resources::aws {

using nlohmann::json;

std::shared_ptr<const clients::aws::BackupClient> BackupClientFor(framework::Context& ctx,
                                                                  schema::String& region) {
  auto backup = ClientFor(ctx, Cloud::kAws, region, &ProviderData::AwsBackup);
  if (backup) region = backup.region;
  return backup.client;
}

bool AcceptAwsProviderState(framework::Context& ctx, const framework::MoveSource& source,
                            const std::string& type, int64_t max_version) {
  // "registry.terraform.io/hashicorp/aws"; a mirror or another host may
  // serve the same provider under its own hostname.
  const std::string& address = source.provider_address;
  const bool from_aws =
      address.size() >= 14 && address.compare(address.size() - 14, 14, "/hashicorp/aws") == 0;
  if (!from_aws || source.type_name != type) {
    ctx.AddError("Cannot move " + source.type_name + " to " + ctx.type_name(),
                 ctx.type_name() + " takes the state of " + type +
                     " from the hashicorp/aws provider (a `moved` block from " + type +
                     "); this state is a " + source.type_name + " of " + address + ".");
    return false;
  }
  if (source.schema_version < 0 || source.schema_version > max_version) {
    ctx.AddError("Unsupported " + type + " state version",
                 "This " + type + " state has schema version " +
                     std::to_string(source.schema_version) + "; " + ctx.type_name() +
                     " knows versions 0 to " + std::to_string(max_version) +
                     " (hashicorp/aws up to 6.x). Import the object instead.");
    return false;
  }
  if (!source.state.is_object()) {
    ctx.AddError("Invalid " + type + " state", "The state to move is not a JSON object.");
    return false;
  }
  return true;
}

schema::String StringAt(const json& state, const char* key) {
  auto it = state.find(key);
  if (it == state.end() || !it->is_string()) return schema::String::Null();
  return it->get<std::string>();
}

schema::Int64 Int64At(const json& state, const char* key) {
  auto it = state.find(key);
  if (it == state.end() || !it->is_number()) return schema::Int64::Null();
  return it->is_number_float() ? static_cast<int64_t>(it->get<double>()) : it->get<int64_t>();
}

schema::Bool BoolAt(const json& state, const char* key) {
  auto it = state.find(key);
  if (it == state.end() || !it->is_boolean()) return schema::Bool::Null();
  return it->get<bool>();
}

schema::Map<std::string> MapAt(const json& state, const char* key, bool empty_is_null) {
  auto it = state.find(key);
  if (it == state.end() || !it->is_object()) return schema::Map<std::string>::Null();
  std::map<std::string, std::string> out;
  for (const auto& [k, v] : it->items()) {
    if (v.is_string()) out[k] = v.get<std::string>();
  }
  if (out.empty() && empty_is_null) return schema::Map<std::string>::Null();
  return out;
}

schema::Set<std::string> SetAt(const json& state, const char* key, bool empty_is_null) {
  auto it = state.find(key);
  if (it == state.end() || !it->is_array()) return schema::Set<std::string>::Null();
  std::set<std::string> out;
  for (const json& v : *it) {
    if (v.is_string()) out.insert(v.get<std::string>());
  }
  if (out.empty() && empty_is_null) return schema::Set<std::string>::Null();
  return out;
}

const json& ListAt(const json& state, const char* key) {
  static const json kEmpty = json::array();
  auto it = state.find(key);
  return it != state.end() && it->is_array() ? *it : kEmpty;
}

}  // namespace polybackup::resources::aws
