// Whole-value rewrites and walks, with the Path of every visited value.
//
// Used by the framework for things like "mark every computed attribute that
// is null in the config as unknown" (plan) or "replace unknowns by null"
// (apply), and for collecting the paths of sensitive or invalid attributes.
#ifndef POLYBACKUP_TFPLUGIN_CTY_TRANSFORM_H_
#define POLYBACKUP_TFPLUGIN_CTY_TRANSFORM_H_

#include <functional>

#include "absl/status/statusor.h"
#include "tfplugin/cty/path.h"
#include "tfplugin/cty/value.h"

namespace polybackup::cty {

using TransformFn = std::function<Value(const Path& path, const Value& value)>;
using TransformOrFn = std::function<absl::StatusOr<Value>(const Path& path, const Value& value)>;
// Return false to skip the children of `value`.
using WalkFn = std::function<bool(const Path& path, const Value& value)>;

// Post-order rewrite: the children of a known collection/object/tuple are
// transformed first (paths: object attributes by name, map elements by key,
// list/tuple elements by index, set elements by index in canonical order),
// the container is rebuilt from the results, and then `fn` sees the rebuilt
// container. The root is visited last with the empty path.
// `fn` must return a value whose type still fits where it sits (same type, or
// a null/unknown of it); anything else is a provider bug (UsageError). Sets
// are re-canonicalised, so elements that become equal collapse.
Value Transform(const Value& value, const TransformFn& fn);

// As Transform, but `fn` may fail: the first error stops the rewrite and is
// returned unchanged.
absl::StatusOr<Value> TransformOr(const Value& value, const TransformOrFn& fn);

// Pre-order, read-only visit of `value` and everything inside it.
void Walk(const Value& value, const WalkFn& fn);

}  // namespace polybackup::cty

#endif  // POLYBACKUP_TFPLUGIN_CTY_TRANSFORM_H_
