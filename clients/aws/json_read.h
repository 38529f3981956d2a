// Defensive readers for AWS restJson1 answers. The model types members
// strictly, but an answer from a proxy, an older service version or an
// emulator may omit or retype a member; reading must never throw, and an
// absent member reads as "absent" (nullopt / empty), never as a crash.
#ifndef POLYBACKUP_CLIENTS_AWS_JSON_READ_H_
#define POLYBACKUP_CLIENTS_AWS_JSON_READ_H_

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace polybackup::clients::aws {

// The member `key` of object `j`, or a null json when `j` is not an object or
// lacks it. The reference stays valid as long as `j` does.
const nlohmann::json& Member(const nlohmann::json& j, std::string_view key);

// A string member; "" when absent or not a string.
std::string ReadString(const nlohmann::json& j, std::string_view key);
// An integer member (a whole JSON number); nullopt otherwise.
std::optional<long long> ReadInt(const nlohmann::json& j, std::string_view key);
// A number member (timestamps: epoch seconds with a fraction); nullopt otherwise.
std::optional<double> ReadDouble(const nlohmann::json& j, std::string_view key);
// A boolean member; nullopt otherwise.
std::optional<bool> ReadBool(const nlohmann::json& j, std::string_view key);
// The string elements of an array member (non-strings skipped); empty otherwise.
std::vector<std::string> ReadStringList(const nlohmann::json& j, std::string_view key);
// The string values of an object member (non-strings skipped); empty otherwise.
std::map<std::string, std::string> ReadStringMap(const nlohmann::json& j, std::string_view key);
// The array member, or an empty array.
const nlohmann::json& ReadArray(const nlohmann::json& j, std::string_view key);

}  // namespace polybackup::clients::aws

#endif  // POLYBACKUP_CLIENTS_AWS_JSON_READ_H_
