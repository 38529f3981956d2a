// Defensive readers for the JSON answers of every cloud client, written once.
//
// The clouds are loose about types, each in its own way:
//  - Alibaba: R-kvstore answers BackupRetentionPeriod as "7" while the request
//    takes a number, DBS answers some booleans as "true"/"false", lists come
//    wrapped ({"Instances":{"KVStoreInstance":[...]}}) and an empty list may be
//    {} or "" instead of [].
//  - Huawei / OTC CSBS: "max_backups":"20" and "permanent":"false" on OTC,
//    native types on Huawei Cloud.
//  - AWS restJson1: the Smithy model types members strictly. A retyped member
//    (proxy, older service version, emulator) is a protocol error, and AWS
//    reads it as absent instead of guessing (JsonTypes::kStrict).
//
// Every reader: never throws, never aborts; a missing member, a member of
// another JSON type than accepted, or a `j` that is not an object all read as
// "absent" (nullopt, "", empty container). No reader reports why a member was
// rejected: callers that need a clear error check the optional and name the
// member themselves. All functions are pure and safe to call from any thread.
#ifndef POLYBACKUP_CLIENTS_CORE_JSON_FIELDS_H_
#define POLYBACKUP_CLIENTS_CORE_JSON_FIELDS_H_

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace polybackup::clients {

// Which JSON types a scalar reader accepts besides the documented one.
enum class JsonTypes {
  // Also the text forms: a number or boolean may arrive as a string and a
  // string member may arrive as a number or boolean. Alibaba and Huawei/OTC.
  kLoose,
  // Only the documented JSON type. AWS restJson1.
  kStrict,
};

// The member `key` of object `j`; a null json when `j` is not an object or
// lacks `key`. The reference stays valid as long as `j` does (a missing member
// refers to a process-wide immutable null).
const nlohmann::json& Member(const nlohmann::json& j, std::string_view key);

// A string member.
//  kLoose:  a string as is; an integer as decimal text ("5"), a float as JSON
//           renders it ("2.5"), a boolean as "true"/"false". (An unsigned
//           value above 2^63-1 renders wrapped to negative, as it always did;
//           no cloud sends one.)
//  kStrict: a string only.
// "" when absent, null, an object, an array, or (kStrict) not a string.
std::string StringField(const nlohmann::json& j, std::string_view key,
                        JsonTypes types = JsonTypes::kLoose);

// An integer member.
//  Both:    a JSON integer; a JSON float that is finite, whole and below 9e18
//           in magnitude (4.0 -> 4; 4.5, 1e19 -> nullopt).
//  kLoose:  also a decimal string, surrounding ASCII whitespace ignored
//           (" 7 " -> 7, "-1" -> -1; "", "x", "7d", "4.0" -> nullopt).
//  kStrict: no strings.
// nullopt otherwise. (The old Alibaba copy also took whole floats between 9e18
// and 2^63; no Alibaba field comes near that, and beyond 2^63 it was undefined.)
std::optional<long long> IntField(const nlohmann::json& j, std::string_view key,
                                  JsonTypes types = JsonTypes::kLoose);

// A boolean member.
//  Both:    JSON true/false.
//  kLoose:  also the integers 0/1 and the strings "true"/"false"/"1"/"0" in
//           any case, surrounding ASCII whitespace ignored. "yes", 2 -> nullopt.
//  kStrict: nothing else.
// nullopt otherwise.
std::optional<bool> BoolField(const nlohmann::json& j, std::string_view key,
                              JsonTypes types = JsonTypes::kLoose);

// A number member (AWS timestamps: epoch seconds with a fraction), integer or
// float; nullopt otherwise, strings included (no cloud sends text here).
std::optional<double> DoubleField(const nlohmann::json& j, std::string_view key);

// The array member, or a process-wide empty array when absent or not an array.
// The reference stays valid as long as `j` does.
const nlohmann::json& ArrayField(const nlohmann::json& j, std::string_view key);

// `j[outer][inner]` when it is an array, else an empty array: Alibaba's
// wrapped lists, where an empty list may arrive as {} or "" (see above).
const nlohmann::json& WrappedList(const nlohmann::json& j, std::string_view outer,
                                  std::string_view inner);

// The string elements of an array member, in order; other elements are
// skipped (no text forms). Empty when absent or not an array.
std::vector<std::string> StringListField(const nlohmann::json& j, std::string_view key);

// The string values of an object member; members with other values are
// skipped (no text forms). Empty when absent or not an object.
std::map<std::string, std::string> StringMapField(const nlohmann::json& j, std::string_view key);

// Writers for request bodies that send only what is set (restJson1 and CSBS
// both read an absent member as "leave as is / use the default", so an unset
// optional or an empty string must not be sent as null or ""). Both overwrite
// an existing member `key`; `j` must be an object or null (null becomes an
// object), as for nlohmann's operator[].

// j[key] = *value when `value` is set; nothing otherwise.
template <typename T>
void PutIfSet(nlohmann::json& j, const char* key, const std::optional<T>& value) {
  if (value) j[key] = *value;
}

// j[key] = value when `value` is not empty (a string, map or vector);
// nothing otherwise.
template <typename Container>
void PutIfNotEmpty(nlohmann::json& j, const char* key, const Container& value) {
  if (!value.empty()) j[key] = value;
}

}  // namespace polybackup::clients

#endif  // POLYBACKUP_CLIENTS_CORE_JSON_FIELDS_H_
