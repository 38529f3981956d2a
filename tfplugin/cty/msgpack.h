// The msgpack encoding of cty values: what Terraform puts in
// DynamicValue.msgpack (docs/plugin-protocol/object-wire-format.md, go-cty
// cty/msgpack). Decoding and encoding are driven by the schema type; the
// bytes carry type information only at `dynamic` positions.
//
// Thread safety: both functions are pure and may be called concurrently.
#ifndef POLYBACKUP_TFPLUGIN_CTY_MSGPACK_H_
#define POLYBACKUP_TFPLUGIN_CTY_MSGPACK_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "tfplugin/cty/type.h"
#include "tfplugin/cty/value.h"

namespace polybackup::cty {

// Decodes `bytes` as one value of `type`.
// Accepts everything cty and Terraform produce: strings as str (any width) or
// bin; numbers as any int/uint width, float32/64 (exactly expanded) or decimal
// text; nil as null; ANY extension as unknown (refinements read from type 12
// only, payload <= 1 KiB); objects with exactly their attributes in any order;
// dynamic positions as [type JSON (str or bin), value], bare nil (null) or a
// bare extension (wholly unknown). Sets collapse duplicates.
// Errors: InvalidArgument whose message starts with the path of the offending
// value, e.g. ".rules[2].lifecycle: a number is required". Malformed,
// truncated, trailing or hostile input (huge declared lengths, nesting deeper
// than 128 levels) is always an error, never a crash or an overread.
absl::StatusOr<Value> DecodeMsgpack(std::string_view bytes, const Type& type);

// Encodes `value` as `type` the way cty does, so Terraform sees the same
// bytes it would have produced itself: null as nil; unknown as fixext1
// D4 00 00, or ext 12 with the refinement map when it has refinements;
// numbers as compact ints when integral and within int64/uint64, else float64
// when exactly representable (and +-Inf), else decimal text; object keys in
// name order; dynamic positions as [bin type JSON, value] (bare nil / bare
// extension for a null / unknown of no concrete type).
// Errors: InvalidArgument naming the path when `value` does not fit `type`
// (wrong kind, missing or extra object attributes, wrong tuple length).
absl::StatusOr<std::string> EncodeMsgpack(const Value& value, const Type& type);

}  // namespace polybackup::cty

#endif  // POLYBACKUP_TFPLUGIN_CTY_MSGPACK_H_
