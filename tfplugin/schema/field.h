// Field<T>: a tri-state model member — known (holding a T), null or unknown —
// the typed face of one attribute value, so resource code never touches
// cty::Value unless it wants to.
//
//   struct PlanModel {
//     schema::String id;                      // string
//     schema::String name;
//     schema::Int64 retention_days;           // number, whole
//     schema::Decimal cost;                   // number, exact decimal
//     schema::Bool enabled;
//     schema::List<std::string> regions;      // list(string)
//     schema::Set<std::string> vault_arns;    // set(string)
//     schema::Map<std::string> tags;          // map(string)
//     std::vector<RuleModel> rule;            // nested LIST/SET block
//     std::optional<WindowModel> window;      // nested SINGLE block
//   };
//
// A default-constructed Field is null. Assigning a T (or anything a T can be
// built from) makes it known. Unknown only appears in plans and configs
// (never in state); a collection containing unknown elements decodes as a
// wholly unknown Field. Fields are plain values (copyable, not thread-safe).
#ifndef POLYBACKUP_TFPLUGIN_SCHEMA_FIELD_H_
#define POLYBACKUP_TFPLUGIN_SCHEMA_FIELD_H_

#include <cstdint>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "tfplugin/cty/number.h"

namespace polybackup::schema {

// Thrown by Field::value() on a null or unknown Field: a bug in the calling
// code, which the RPC's last-resort catch reports as "Internal provider
// error" (never a silently made-up default, never a crash).
class FieldNotKnown : public std::logic_error {
 public:
  FieldNotKnown()
      : std::logic_error(
            "the provider used a null or unknown attribute value as if it were known") {}
};

template <class T>
class Field {
 public:
  using ValueType = T;

  Field() = default;  // null
  // Implicit from anything a T can be built from, except that a bool is
  // only made from a bool (`Bool b = "x";` must not compile).
  template <class U>
  requires(!std::is_same_v<std::remove_cvref_t<U>, Field> && std::is_constructible_v<T, U&&> &&
           (!std::is_same_v<T, bool> || std::is_same_v<std::remove_cvref_t<U>, bool>)) Field(U&& v)
      : state_(State::kKnown), value_(std::forward<U>(v)) {}  // NOLINT: implicit

  static Field Null() { return Field(); }
  static Field Unknown() {
    Field f;
    f.state_ = State::kUnknown;
    return f;
  }

  bool is_null() const { return state_ == State::kNull; }
  bool is_unknown() const { return state_ == State::kUnknown; }
  bool is_known() const { return state_ == State::kKnown; }  // known and not null

  // Precondition: is_known(); otherwise throws FieldNotKnown, in every
  // build type. Use value_or() where null or unknown is expected.
  const T& value() const {
    if (!is_known()) throw FieldNotKnown();
    return value_;
  }
  T& mutable_value() {
    if (!is_known()) throw FieldNotKnown();
    return value_;
  }
  // The value when known, else `fallback` (null and unknown alike).
  T value_or(T fallback) const { return is_known() ? value_ : std::move(fallback); }
  const T* operator->() const { return &value(); }
  const T& operator*() const { return value(); }

  friend bool operator==(const Field& a, const Field& b) {
    return a.state_ == b.state_ && (a.state_ != State::kKnown || a.value_ == b.value_);
  }

 private:
  enum class State { kNull, kUnknown, kKnown };
  State state_ = State::kNull;
  T value_{};
};

using String = Field<std::string>;
using Int64 = Field<int64_t>;
using Decimal = Field<cty::Number>;
using Bool = Field<bool>;
template <class T>
using List = Field<std::vector<T>>;
template <class T>
using Set = Field<std::set<T>>;
template <class T>
using Map = Field<std::map<std::string, T>>;

}  // namespace polybackup::schema

#endif  // POLYBACKUP_TFPLUGIN_SCHEMA_FIELD_H_
