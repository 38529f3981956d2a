// Codec<T>: the mapping between a C++ value type and its cty type/value,
// used by ModelSchema to bind Field<T> members (field.h).
//
// Supported T: std::string (string), int64_t (number, whole), cty::Number
// (number, exact decimal), bool, and std::vector<T> (list), std::set<T>
// (set), std::map<std::string, T> (map) of those.
//
//   static cty::Type Type();
//   static cty::Value Encode(const T&);
//   // Precondition: v is wholly known and not null. On failure adds an
//   // attribute error at `path` and returns false (`*out` unspecified).
//   static bool Decode(const cty::Value& v, const cty::Path& path,
//                      diag::Diagnostics& diags, T* out);
#ifndef POLYBACKUP_TFPLUGIN_SCHEMA_CODEC_H_
#define POLYBACKUP_TFPLUGIN_SCHEMA_CODEC_H_

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "tfplugin/cty/path.h"
#include "tfplugin/cty/value.h"
#include "tfplugin/diag/diagnostics.h"
#include "tfplugin/schema/field.h"

namespace polybackup::schema {

template <class T>
struct Codec;

template <>
struct Codec<std::string> {
  static cty::Type Type() { return cty::Type::String(); }
  static cty::Value Encode(const std::string& v) { return cty::Value::String(v); }
  static bool Decode(const cty::Value& v, const cty::Path& path, diag::Diagnostics& diags,
                     std::string* out);
};

template <>
struct Codec<int64_t> {
  static cty::Type Type() { return cty::Type::Number(); }
  static cty::Value Encode(int64_t v) { return cty::Value::NumberInt(v); }
  // Fails for fractions and numbers outside int64 ("must be a whole number").
  static bool Decode(const cty::Value& v, const cty::Path& path, diag::Diagnostics& diags,
                     int64_t* out);
};

template <>
struct Codec<cty::Number> {
  static cty::Type Type() { return cty::Type::Number(); }
  static cty::Value Encode(const cty::Number& v) { return cty::Value::Number(v); }
  static bool Decode(const cty::Value& v, const cty::Path& path, diag::Diagnostics& diags,
                     cty::Number* out);
};

template <>
struct Codec<bool> {
  static cty::Type Type() { return cty::Type::Bool(); }
  static cty::Value Encode(bool v) { return cty::Value::Bool(v); }
  static bool Decode(const cty::Value& v, const cty::Path& path, diag::Diagnostics& diags,
                     bool* out);
};

namespace internal {
// Adds "Invalid value: null element in <what> is not allowed" at `path`.
void NullElementError(const cty::Path& path, diag::Diagnostics& diags);
void WrongTypeError(const cty::Value& v, const cty::Type& want, const cty::Path& path,
                    diag::Diagnostics& diags);
}  // namespace internal

template <class T>
struct Codec<std::vector<T>> {
  static cty::Type Type() { return cty::Type::List(Codec<T>::Type()); }
  static cty::Value Encode(const std::vector<T>& v) {
    std::vector<cty::Value> elems;
    elems.reserve(v.size());
    for (const T& e : v) elems.push_back(Codec<T>::Encode(e));
    return cty::Value::List(Codec<T>::Type(), std::move(elems));
  }
  static bool Decode(const cty::Value& v, const cty::Path& path, diag::Diagnostics& diags,
                     std::vector<T>* out) {
    const cty::Type::Kind k = v.type().kind();
    if (k != cty::Type::Kind::kList && k != cty::Type::Kind::kSet && k != cty::Type::Kind::kTuple) {
      internal::WrongTypeError(v, Type(), path, diags);
      return false;
    }
    out->clear();
    bool ok = true;
    int64_t i = 0;
    for (const cty::Value& e : v.Elements()) {
      T item{};
      if (e.is_null()) {
        internal::NullElementError(path.Index(i), diags);
        ok = false;
      } else if (Codec<T>::Decode(e, path.Index(i), diags, &item)) {
        out->push_back(std::move(item));
      } else {
        ok = false;
      }
      ++i;
    }
    return ok;
  }
};

template <class T>
struct Codec<std::set<T>> {
  static cty::Type Type() { return cty::Type::Set(Codec<T>::Type()); }
  static cty::Value Encode(const std::set<T>& v) {
    std::vector<cty::Value> elems;
    for (const T& e : v) elems.push_back(Codec<T>::Encode(e));
    return cty::Value::Set(Codec<T>::Type(), std::move(elems));
  }
  static bool Decode(const cty::Value& v, const cty::Path& path, diag::Diagnostics& diags,
                     std::set<T>* out) {
    std::vector<T> items;
    if (!Codec<std::vector<T>>::Decode(v, path, diags, &items)) return false;
    out->clear();
    out->insert(items.begin(), items.end());
    return true;
  }
};

template <class T>
struct Codec<std::map<std::string, T>> {
  static cty::Type Type() { return cty::Type::Map(Codec<T>::Type()); }
  static cty::Value Encode(const std::map<std::string, T>& v) {
    std::map<std::string, cty::Value> elems;
    for (const auto& [k, e] : v) elems.emplace(k, Codec<T>::Encode(e));
    return cty::Value::Map(Codec<T>::Type(), std::move(elems));
  }
  static bool Decode(const cty::Value& v, const cty::Path& path, diag::Diagnostics& diags,
                     std::map<std::string, T>* out) {
    const cty::Type::Kind k = v.type().kind();
    if (k != cty::Type::Kind::kMap && k != cty::Type::Kind::kObject) {
      internal::WrongTypeError(v, Type(), path, diags);
      return false;
    }
    out->clear();
    bool ok = true;
    for (const auto& [key, e] : v.Attributes()) {
      T item{};
      if (e.is_null()) {
        internal::NullElementError(path.Key(key), diags);
        ok = false;
      } else if (Codec<T>::Decode(e, path.Key(key), diags, &item)) {
        out->emplace(key, std::move(item));
      } else {
        ok = false;
      }
    }
    return ok;
  }
};

// Field<T> <-> value of Codec<T>::Type(): null <-> null, unknown (or a
// known collection holding unknowns) <-> unknown, else Codec<T>.
template <class T>
cty::Value EncodeField(const Field<T>& f) {
  if (f.is_null()) return cty::Value::Null(Codec<T>::Type());
  if (f.is_unknown()) return cty::Value::Unknown(Codec<T>::Type());
  return Codec<T>::Encode(f.value());
}

template <class T>
bool DecodeField(const cty::Value& v, const cty::Path& path, diag::Diagnostics& diags,
                 Field<T>* out) {
  if (v.is_null()) {
    *out = Field<T>::Null();
    return true;
  }
  if (!v.is_wholly_known()) {
    *out = Field<T>::Unknown();
    return true;
  }
  T item{};
  if (!Codec<T>::Decode(v, path, diags, &item)) return false;
  *out = Field<T>(std::move(item));
  return true;
}

}  // namespace polybackup::schema

#endif  // POLYBACKUP_TFPLUGIN_SCHEMA_CODEC_H_
