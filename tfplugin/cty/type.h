// cty types: the type system of Terraform values (zclconf/go-cty).
//
// A Type is an immutable value object, cheap to copy (shared representation).
// Object attribute order is by name (std::map), which is also cty's canonical
// order on the wire. Equality is structural.
#ifndef POLYBACKUP_TFPLUGIN_CTY_TYPE_H_
#define POLYBACKUP_TFPLUGIN_CTY_TYPE_H_

#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace polybackup::cty {

// Thrown when a Type or Value is used against its contract (an accessor of
// the wrong kind, an element of the wrong type): a bug in the provider. The
// RPC's last-resort catch reports it as "Internal provider error" instead of
// the process dying under Terraform.
class UsageError : public std::logic_error {
 public:
  explicit UsageError(const std::string& what) : std::logic_error("cty: " + what) {}
};

class Type {
 public:
  enum class Kind { kString, kNumber, kBool, kDynamic, kList, kSet, kMap, kObject, kTuple };

  // Default-constructed: dynamic.
  Type();

  static Type String();
  static Type Number();
  static Type Bool();
  static Type Dynamic();
  static Type List(Type element);
  static Type Set(Type element);
  static Type Map(Type element);
  // `optional` names attributes that are optional in a type *constraint*
  // (function parameters); it is ignored for values and equality.
  static Type Object(std::map<std::string, Type> attributes, std::set<std::string> optional = {});
  static Type Tuple(std::vector<Type> elements);

  Kind kind() const;
  bool is_primitive() const;   // string, number, bool
  bool is_collection() const;  // list, set, map
  bool is_dynamic() const { return kind() == Kind::kDynamic; }

  // list/set/map only.
  const Type& element() const;
  // object only.
  const std::map<std::string, Type>& attributes() const;
  const std::set<std::string>& optional_attributes() const;
  bool has_attribute(const std::string& name) const;
  const Type& attribute(const std::string& name) const;  // precondition: has_attribute
  // tuple only.
  const std::vector<Type>& tuple_elements() const;

  // The compact type JSON of the plugin protocol: "string", ["list","number"],
  // ["object",{"a":"bool"}], ["tuple",["string"]], "dynamic".
  std::string ToJson() const;
  static absl::StatusOr<Type> FromJson(std::string_view json);

  // Human-readable, for diagnostics: "list of string", "object".
  std::string FriendlyName() const;

  friend bool operator==(const Type& a, const Type& b);
  friend bool operator!=(const Type& a, const Type& b) { return !(a == b); }

 private:
  struct Rep;
  explicit Type(std::shared_ptr<const Rep> rep);
  std::shared_ptr<const Rep> rep_;
};

}  // namespace polybackup::cty

#endif  // POLYBACKUP_TFPLUGIN_CTY_TYPE_H_
