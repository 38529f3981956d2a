// Defensive readers for Alibaba JSON answers. The APIs are loose about types:
// R-kvstore answers BackupRetentionPeriod as a string ("7") while the request
// takes a number, DBS answers some booleans as "true"/"false" strings, and a
// missing field must read as "absent", never crash. None of these throw.
#ifndef POLYBACKUP_CLIENTS_ALICLOUD_JSON_FIELDS_H_
#define POLYBACKUP_CLIENTS_ALICLOUD_JSON_FIELDS_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace polybackup::clients::alicloud {

// The member `key` of object `j`, or null json when `j` is not an object or
// lacks it.
const nlohmann::json& Member(const nlohmann::json& j, std::string_view key);

// A string field; numbers and booleans are rendered as text; "" when absent.
std::string StringField(const nlohmann::json& j, std::string_view key);

// An integer field given as a number or a decimal string; nullopt when
// absent, empty, or not an integer.
std::optional<long long> IntField(const nlohmann::json& j, std::string_view key);

// A boolean given as true/false, "true"/"false" (any case), or 0/1 (number
// or string); nullopt otherwise.
std::optional<bool> BoolField(const nlohmann::json& j, std::string_view key);

// `j[outer][inner]` when it is an array, else an empty array. Alibaba wraps
// lists this way: {"Instances":{"KVStoreInstance":[...]}}; an empty list may
// arrive as {} or "" instead of [].
const nlohmann::json& WrappedList(const nlohmann::json& j, std::string_view outer,
                                  std::string_view inner);

}  // namespace polybackup::clients::alicloud

#endif  // POLYBACKUP_CLIENTS_ALICLOUD_JSON_FIELDS_H_
