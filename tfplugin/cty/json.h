// The JSON encoding of cty values (go-cty cty/json): what Terraform stores in
// the state file's `attributes`, and what arrives as RawState.json in
// UpgradeResourceState or DynamicValue.json.
//
// Numbers are read and written as decimal text, never through double, so
// "0.1" and 30-digit integers survive exactly. Dynamic positions are
// {"value": <value>, "type": <type JSON>}. JSON cannot carry unknowns.
//
// Thread safety: all functions are pure and may be called concurrently.
#ifndef POLYBACKUP_TFPLUGIN_CTY_JSON_H_
#define POLYBACKUP_TFPLUGIN_CTY_JSON_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "tfplugin/cty/type.h"
#include "tfplugin/cty/value.h"

namespace polybackup::cty {

// Decodes `json` as one value of `type`, as go-cty's json.Unmarshal does:
// null is null of any type; an object attribute missing from the JSON is
// null (cty does the same); a JSON attribute the object type lacks is an
// error; a string is accepted where a number or bool is expected ("12",
// "true") and a number or bool where a string is expected; sets collapse
// duplicates; tuples need exactly their length.
// Errors: InvalidArgument whose message starts with the offending path, e.g.
// `.rules[2].lifecycle: a number is required`; malformed JSON, trailing
// data and nesting deeper than 128 levels are errors, never crashes.
absl::StatusOr<Value> DecodeJson(std::string_view json, const Type& type);

// As DecodeJson, but attributes the object types do not have are ignored at
// every level. For state written by an older schema version (attributes
// since removed), in UpgradeResourceState.
absl::StatusOr<Value> DecodeJsonLenient(std::string_view json, const Type& type);

// Encodes `value` as `type`: compact JSON, object keys in name order,
// numbers as their canonical decimal text.
// Errors: InvalidArgument naming the path for an unknown value anywhere
// ("value is not known"), an infinite number, or a value that does not fit
// `type` (wrong kind, missing/extra attributes, wrong tuple length).
absl::StatusOr<std::string> EncodeJson(const Value& value, const Type& type);

}  // namespace polybackup::cty

#endif  // POLYBACKUP_TFPLUGIN_CTY_JSON_H_
