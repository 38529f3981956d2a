// cty paths: where a value sits inside another value.
//
// A Path is a sequence of steps, each an attribute name (object), a string key
// (map element) or an integer index (list/tuple element, or a set element's
// position in canonical order). It is the shape of tfplugin6.AttributePath
// (attribute_name / element_key_string / element_key_int), so diagnostics can
// carry a Path and convert it to the proto one-to-one.
//
// Paths are plain value types: copyable, comparable, not thread-hostile
// (const use from several threads is safe).
#ifndef POLYBACKUP_TFPLUGIN_CTY_PATH_H_
#define POLYBACKUP_TFPLUGIN_CTY_PATH_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace polybackup::cty {

class Value;
class Type;

struct PathStep {
  enum class Kind { kAttribute, kKey, kIndex };
  Kind kind = Kind::kAttribute;
  std::string name;   // kAttribute: attribute name; kKey: map key
  int64_t index = 0;  // kIndex

  static PathStep Attribute(std::string n) { return {Kind::kAttribute, std::move(n), 0}; }
  static PathStep Key(std::string k) { return {Kind::kKey, std::move(k), 0}; }
  static PathStep Index(int64_t i) { return {Kind::kIndex, {}, i}; }

  friend bool operator==(const PathStep&, const PathStep&) = default;
};

class Path {
 public:
  Path() = default;
  explicit Path(std::vector<PathStep> steps) : steps_(std::move(steps)) {}

  // Builders return a new, longer path; the receiver is unchanged.
  Path Attribute(std::string name) const { return With(PathStep::Attribute(std::move(name))); }
  Path Key(std::string key) const { return With(PathStep::Key(std::move(key))); }
  Path Index(int64_t index) const { return With(PathStep::Index(index)); }
  Path With(PathStep step) const {
    Path p = *this;
    p.steps_.push_back(std::move(step));
    return p;
  }
  // The path without its last step (empty stays empty).
  Path Parent() const {
    Path p = *this;
    if (!p.steps_.empty()) p.steps_.pop_back();
    return p;
  }

  const std::vector<PathStep>& steps() const { return steps_; }
  bool empty() const { return steps_.empty(); }
  size_t size() const { return steps_.size(); }
  // True when `prefix` is a leading part of (or equal to) this path.
  bool HasPrefix(const Path& prefix) const;

  // Rendering for error messages, in Terraform's own style:
  // `.rules[2].lifecycle`, `.tags["env"]`; the empty path renders as "".
  std::string ToString() const;

  friend bool operator==(const Path&, const Path&) = default;

 private:
  std::vector<PathStep> steps_;
};

// Follows `path` from `root`. Returns nullptr when a step does not apply:
// missing attribute or key, index out of range, a null or unknown value on
// the way, or a step of the wrong kind for the value. Set elements are
// addressed by index in their canonical (stored) order. The pointer is into
// `root` and lives as long as `root` does.
const Value* GetPath(const Value& root, const Path& path);

// `path` cut just after the first step that lands on a set, walking `root`
// (the schema type the path is relative to); unchanged if it crosses no set.
// Terraform cannot address set elements by index (tfplugin6.AttributePath has
// no set-element step; go-cty IndexStep on a set fails), so a path sent to
// Terraform — diagnostics, requires_replace — must stop at the set itself.
// Steps that do not fit `root` leave the path unchanged from there on.
Path TrimAtSet(const Path& path, const Type& root);

}  // namespace polybackup::cty

#endif  // POLYBACKUP_TFPLUGIN_CTY_PATH_H_
