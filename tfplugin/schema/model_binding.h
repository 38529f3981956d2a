// Internals of ModelSchema (model.h): how one model member is encoded to and
// decoded from its wire value. Each Bind* fills a Binding's encode/decode
// for one kind of member. `Sub` is the ModelSchema of a nested model (kept
// generic here so this header needs no ModelSchema definition). Include
// model.h, not this file.
#ifndef POLYBACKUP_TFPLUGIN_SCHEMA_MODEL_BINDING_H_
#define POLYBACKUP_TFPLUGIN_SCHEMA_MODEL_BINDING_H_

#include <optional>
#include <utility>
#include <vector>

#include "tfplugin/schema/codec.h"
#include "tfplugin/schema/model_builders.h"

namespace polybackup::schema::internal {

// Field<T> attribute.
template <class M, class T>
void BindField(Binding& b, Field<T> M::*member) {
  b.encode = [member](const void* m) { return EncodeField(static_cast<const M*>(m)->*member); };
  b.decode = [member](const cty::Value& v, const cty::Path& p, diag::Diagnostics& d, void* m) {
    return DecodeField(v, p, d, &(static_cast<M*>(m)->*member));
  };
}

// The elements of a known list or set, each decoded with `sub`. An element
// that fails keeps its errors and is left out.
template <class S, class Sub>
bool DecodeElements(const cty::Value& v, const Sub& sub, const cty::Path& p, diag::Diagnostics& d,
                    bool null_elements_allowed, std::vector<S>* out) {
  bool ok = true;
  int64_t i = 0;
  for (const cty::Value& e : v.Elements()) {
    const cty::Path at = p.Index(i++);
    S item{};
    if (e.is_null() && !null_elements_allowed) {
      NullElementError(at, d);
      ok = false;
    } else if (sub.Decode(e, at, d, &item)) {
      out->push_back(std::move(item));
    } else {
      ok = false;
    }
  }
  return ok;
}

template <class S, class Sub>
cty::Value EncodeElements(const std::vector<S>& items, const Sub& sub, bool set) {
  std::vector<cty::Value> elems;
  elems.reserve(items.size());
  for (const S& e : items) elems.push_back(sub.Encode(e));
  return set ? cty::Value::Set(sub.Type(), std::move(elems))
             : cty::Value::List(sub.Type(), std::move(elems));
}

// std::vector<S> LIST or SET block. The nesting is read at encode time so
// the builder's AsSet() applies.
template <class M, class S, class Sub>
void BindBlockList(Binding* b, std::vector<S> M::*member, Sub sub) {
  b->encode = [member, sub, b](const void* m) {
    return EncodeElements(static_cast<const M*>(m)->*member, sub,
                          b->block.nesting == Nesting::kSet);
  };
  b->decode = [member, sub](const cty::Value& v, const cty::Path& p, diag::Diagnostics& d,
                            void* m) {
    auto& out = static_cast<M*>(m)->*member;
    out.clear();
    if (v.is_null() || !v.is_known()) return true;
    return DecodeElements(v, sub, p, d, /*null_elements_allowed=*/true, &out);
  };
}

// std::optional<S> SINGLE block.
template <class M, class S, class Sub>
void BindBlockSingle(Binding& b, std::optional<S> M::*member, Sub sub) {
  b.encode = [member, sub](const void* m) {
    const auto& v = static_cast<const M*>(m)->*member;
    return v ? sub.Encode(*v) : cty::Value::Null(sub.Type());
  };
  b.decode = [member, sub](const cty::Value& v, const cty::Path& p, diag::Diagnostics& d, void* m) {
    auto& out = static_cast<M*>(m)->*member;
    out.reset();
    if (v.is_null() || !v.is_known()) return true;
    S item{};
    if (!sub.Decode(v, p, d, &item)) return false;
    out = std::move(item);
    return true;
  };
}

// Field<std::vector<S>> nested attribute, LIST or SET (b->attribute.type,
// updated by AsSet(), says which). Unknown when any element is unknown.
template <class M, class S, class Sub>
void BindNestedList(Binding* b, Field<std::vector<S>> M::*member, Sub sub) {
  b->encode = [member, sub, b](const void* m) {
    const auto& f = static_cast<const M*>(m)->*member;
    if (f.is_null()) return cty::Value::Null(b->attribute.type);
    if (f.is_unknown()) return cty::Value::Unknown(b->attribute.type);
    return EncodeElements(f.value(), sub, b->attribute.type.kind() == cty::Type::Kind::kSet);
  };
  b->decode = [member, sub](const cty::Value& v, const cty::Path& p, diag::Diagnostics& d,
                            void* m) {
    auto& out = static_cast<M*>(m)->*member;
    if (v.is_null()) {
      out = Field<std::vector<S>>::Null();
      return true;
    }
    bool known = v.is_known();
    if (known) {
      for (const cty::Value& e : v.Elements()) known = known && e.is_known();
    }
    if (!known) {
      out = Field<std::vector<S>>::Unknown();
      return true;
    }
    std::vector<S> items;
    if (!DecodeElements(v, sub, p, d, /*null_elements_allowed=*/false, &items)) return false;
    out = std::move(items);
    return true;
  };
}

// Field<S> SINGLE nested attribute.
template <class M, class S, class Sub>
void BindNestedSingle(Binding& b, Field<S> M::*member, Sub sub) {
  b.encode = [member, sub](const void* m) {
    const auto& f = static_cast<const M*>(m)->*member;
    if (f.is_null()) return cty::Value::Null(sub.Type());
    if (f.is_unknown()) return cty::Value::Unknown(sub.Type());
    return sub.Encode(f.value());
  };
  b.decode = [member, sub](const cty::Value& v, const cty::Path& p, diag::Diagnostics& d, void* m) {
    auto& out = static_cast<M*>(m)->*member;
    if (v.is_null()) {
      out = Field<S>::Null();
      return true;
    }
    if (!v.is_known()) {
      out = Field<S>::Unknown();
      return true;
    }
    S item{};
    if (!sub.Decode(v, p, d, &item)) return false;
    out = std::move(item);
    return true;
  };
}

}  // namespace polybackup::schema::internal

#endif  // POLYBACKUP_TFPLUGIN_SCHEMA_MODEL_BINDING_H_
