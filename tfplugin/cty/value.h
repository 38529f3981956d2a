// cty values: what Terraform sends and receives in DynamicValue.
//
// Every Value has a Type and is one of: null, unknown, or known. Known
// collections and structurals may contain null and unknown elements. Values are
// immutable and cheap to copy (shared representation).
//
// Numbers are arbitrary-precision decimals kept as canonical decimal text
// (Number), never squeezed through double: Terraform compares numbers at
// 512-bit precision and rejects a provider that answers 0.1 as float64.
//
// A value whose schema type is dynamic carries its concrete type: type()
// is the concrete type (e.g. string), and it is only Type::Dynamic() for a
// wholly unknown dynamic value or a null of no concrete type.
//
// Unknown values may carry refinements (Terraform >= 1.6). They are kept so
// they can be echoed back, and ignored by equality.
#ifndef POLYBACKUP_TFPLUGIN_CTY_VALUE_H_
#define POLYBACKUP_TFPLUGIN_CTY_VALUE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "tfplugin/cty/number.h"
#include "tfplugin/cty/type.h"

namespace polybackup::cty {

// What a refined unknown promises about its eventual value (msgpack ext 12).
struct Refinements {
  std::optional<bool> nullable;                         // key 1: false = definitely not null
  std::optional<std::string> string_prefix;             // key 2
  std::optional<std::pair<Number, bool>> number_lower;  // key 3: bound, inclusive
  std::optional<std::pair<Number, bool>> number_upper;  // key 4
  std::optional<int64_t> length_lower;                  // key 5
  std::optional<int64_t> length_upper;                  // key 6
  bool empty() const;
  friend bool operator==(const Refinements&, const Refinements&) = default;
};

class Value {
 public:
  // Default-constructed: null of dynamic type.
  Value();

  static Value Null(Type type);
  static Value Unknown(Type type, Refinements refinements = {});
  static Value String(std::string s);
  static Value Number(cty::Number n);
  static Value NumberInt(int64_t n);
  static Value Bool(bool b);
  // Element types must all equal `element`, else UsageError is thrown (a provider bug).
  static Value List(Type element, std::vector<Value> elements);
  // Duplicates (by Equals) are collapsed; order is canonicalised (deterministic).
  // Elements that contain unknowns are never collapsed: go-cty treats unknowns
  // as not equivalent for set membership, so two planned blocks that differ
  // only in still-unknown attributes stay two elements.
  static Value Set(Type element, std::vector<Value> elements);
  static Value Map(Type element, std::map<std::string, Value> elements);
  // Every attribute of `type` must be present in `attributes` and no others.
  static Value Object(Type type, std::map<std::string, Value> attributes);
  // Convenience: the object type is derived from the attribute values' types.
  static Value ObjectFrom(std::map<std::string, Value> attributes);
  static Value Tuple(std::vector<Value> elements);

  const Type& type() const;
  bool is_null() const;
  bool is_known() const;  // false for unknown; a known collection may contain unknowns
  // True when this value and everything inside it is known.
  bool is_wholly_known() const;
  const Refinements& refinements() const;  // empty unless an unknown

  // Accessors; precondition: known, not null, matching kind (else UsageError).
  const std::string& AsString() const;
  const cty::Number& AsNumber() const;
  bool AsBool() const;
  // list, set, tuple
  const std::vector<Value>& Elements() const;
  // map, object
  const std::map<std::string, Value>& Attributes() const;
  // object attribute or map element; a null Value of the right type if the
  // object has no such attribute is a provider bug (UsageError).
  const Value& GetAttr(const std::string& name) const;
  size_t Length() const;  // collections and tuples

  // Structural equality: same type, same nullness/knownness, equal contents;
  // numbers compare by value ("1.0" == "1"), sets ignore order, refinements
  // are ignored. Two unknowns of the same type are equal.
  // Note: a value decoded against a type containing `dynamic` keeps that
  // type (its dynamic parts hold concrete-typed values), while ObjectFrom /
  // Tuple derive concrete types; such values are not Equal even with the same
  // content, so compare values built against the same schema type.
  bool Equals(const Value& other) const;
  friend bool operator==(const Value& a, const Value& b) { return a.Equals(b); }
  friend bool operator!=(const Value& a, const Value& b) { return !a.Equals(b); }

  // A short rendering for diagnostics and test failures, e.g.
  // {"a": "x", "b": [1, 2], "c": (unknown), "d": null}.
  std::string DebugString() const;

 private:
  struct Rep;
  explicit Value(std::shared_ptr<const Rep> rep);
  std::shared_ptr<const Rep> rep_;
};

// The attribute `name` of a known object (or element `name` of a known map),
// as a pointer into `object`; nullptr when `object` is null, unknown, not an
// object/map, or has no such attribute/key. For deeper walks see GetPath in
// path.h.
const Value* LookupAttr(const Value& object, const std::string& name);

// A total order over values, consistent with Equals (0 exactly when Equals):
// by type, then null < unknown < known, then by content. It is what gives
// sets their canonical, deterministic element order.
int Compare(const Value& a, const Value& b);

}  // namespace polybackup::cty

#endif  // POLYBACKUP_TFPLUGIN_CTY_VALUE_H_
