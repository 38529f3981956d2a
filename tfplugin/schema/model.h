// ModelSchema<M>: one declaration that is both the schema Terraform sees and
// the two-way binding between wire values and the author's model struct M.
//
//   struct RuleModel { schema::String name; schema::Int64 days; };
//   struct ThingModel {
//     schema::String id, name;
//     std::vector<RuleModel> rule;
//   };
//   ModelSchema<RuleModel> RuleSchema() {
//     ModelSchema<RuleModel> s;
//     s.Attribute("name", &RuleModel::name).Required();
//     s.Attribute("days", &RuleModel::days).Optional().Validate(IntBetween(1, 35));
//     return s;
//   }
//   ModelSchema<ThingModel> ThingSchema() {
//     ModelSchema<ThingModel> s;
//     s.Description("A thing.").Timeouts({.create = std::chrono::minutes(40)});
//     s.Attribute("id", &ThingModel::id).Computed().UseStateForUnknown();
//     s.Attribute("name", &ThingModel::name).Required().RequiresReplace();
//     s.Block("rule", &ThingModel::rule, RuleSchema()).MaxItems(5);
//     return s;
//   }
//
// Members: Field<T> for attributes (field.h, codec.h), std::vector<S> for
// LIST (default) or SET blocks, std::optional<S> for SINGLE blocks. An
// unknown block collection (dynamic blocks over unknown values, config only)
// decodes as empty. A ModelSchema is built once and then only read: const
// use is thread-safe. It must outlive nothing: it copies what it needs.
#ifndef POLYBACKUP_TFPLUGIN_SCHEMA_MODEL_H_
#define POLYBACKUP_TFPLUGIN_SCHEMA_MODEL_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tfplugin/schema/codec.h"
#include "tfplugin/schema/field.h"
#include "tfplugin/schema/model_builders.h"
#include "tfplugin/schema/schema.h"
#include "tfplugin/schema/timeouts.h"
#include "tfplugin/schema/validators.h"

namespace polybackup::schema {

template <class M>
class ModelSchema {
 public:
  ModelSchema& Version(int64_t v) {
    version_ = v;
    return *this;
  }
  ModelSchema& Description(std::string text, bool markdown = false) {
    base_.description = std::move(text);
    base_.description_markdown = markdown;
    return *this;
  }
  ModelSchema& Deprecated(std::string message) {
    base_.deprecated = true;
    base_.deprecation_message = std::move(message);
    return *this;
  }
  // Adds the standard timeouts block (timeouts.h), not bound to M.
  ModelSchema& Timeouts(TimeoutDefaults defaults) {
    timeouts_ = defaults;
    auto b = std::make_shared<internal::Binding>();
    b->is_block = true;
    b->block = TimeoutsBlock(defaults);
    entries_.push_back(std::move(b));
    return *this;
  }

  template <class T>
  AttributeBuilder<T> Attribute(std::string name, Field<T> M::*member) {
    auto b = std::make_shared<internal::Binding>();
    b->attribute.name = std::move(name);
    b->attribute.type = Codec<T>::Type();
    b->encode = [member](const void* m) { return EncodeField(static_cast<const M*>(m)->*member); };
    b->decode = [member](const cty::Value& v, const cty::Path& p, diag::Diagnostics& d, void* m) {
      return DecodeField(v, p, d, &(static_cast<M*>(m)->*member));
    };
    entries_.push_back(b);
    return AttributeBuilder<T>(std::move(b));
  }

  // A LIST (or, with .AsSet(), SET) block of sub-models.
  template <class S>
  BlockBuilder Block(std::string name, std::vector<S> M::*member, ModelSchema<S> sub) {
    sub.Freeze();
    auto b = NewBlock(std::move(name), sub, Nesting::kList);
    b->encode = [member, sub, b = b.get()](const void* m) {
      std::vector<cty::Value> elems;
      elems.reserve((static_cast<const M*>(m)->*member).size());
      for (const S& e : static_cast<const M*>(m)->*member) elems.push_back(sub.Encode(e));
      return b->block.nesting == Nesting::kSet ? cty::Value::Set(sub.Type(), std::move(elems))
                                               : cty::Value::List(sub.Type(), std::move(elems));
    };
    b->decode = [member, sub](const cty::Value& v, const cty::Path& p, diag::Diagnostics& d,
                              void* m) {
      auto& out = static_cast<M*>(m)->*member;
      out.clear();
      if (v.is_null() || !v.is_known()) return true;
      bool ok = true;
      int64_t i = 0;
      for (const cty::Value& e : v.Elements()) {
        S item{};
        if (sub.Decode(e, p.Index(i++), d, &item))
          out.push_back(std::move(item));
        else
          ok = false;
      }
      return ok;
    };
    return BlockBuilder(std::move(b));
  }

  // A SINGLE block (at most one), null when absent.
  template <class S>
  BlockBuilder Block(std::string name, std::optional<S> M::*member, ModelSchema<S> sub) {
    sub.Freeze();
    auto b = NewBlock(std::move(name), sub, Nesting::kSingle);
    b->encode = [member, sub](const void* m) {
      const auto& v = static_cast<const M*>(m)->*member;
      return v ? sub.Encode(*v) : cty::Value::Null(sub.Type());
    };
    b->decode = [member, sub](const cty::Value& v, const cty::Path& p, diag::Diagnostics& d,
                              void* m) {
      auto& out = static_cast<M*>(m)->*member;
      out.reset();
      if (v.is_null() || !v.is_known()) return true;
      S item{};
      if (!sub.Decode(v, p, d, &item)) return false;
      out = std::move(item);
      return true;
    };
    return BlockBuilder(std::move(b));
  }

  // A nested attribute (tfplugin6 `nested_type`, Terraform >= 1.0) of
  // sub-models: `Field<std::vector<S>>` with nesting kList (default) or kSet,
  // `Field<S>` for kSingle. Unlike blocks these can be null or unknown as a
  // whole, and can be computed. `sub` must declare attributes only.
  template <class S>
  AttributeBuilder<std::vector<S>> NestedAttribute(std::string name,
                                                   Field<std::vector<S>> M::*member,
                                                   ModelSchema<S> sub,
                                                   Nesting nesting = Nesting::kList) {
    sub.Freeze();
    auto b = NewNested(std::move(name), sub, nesting);
    const cty::Type type = b->attribute.ImpliedType();
    b->encode = [member, sub, type](const void* m) {
      const auto& f = static_cast<const M*>(m)->*member;
      if (f.is_null()) return cty::Value::Null(type);
      if (f.is_unknown()) return cty::Value::Unknown(type);
      std::vector<cty::Value> elems;
      for (const S& e : f.value()) elems.push_back(sub.Encode(e));
      return type.kind() == cty::Type::Kind::kSet ? cty::Value::Set(sub.Type(), std::move(elems))
                                                  : cty::Value::List(sub.Type(), std::move(elems));
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
      int64_t i = 0;
      for (const cty::Value& e : v.Elements()) {
        S item{};
        if (e.is_null()) {
          internal::NullElementError(p.Index(i), d);
          return false;
        }
        if (!sub.Decode(e, p.Index(i++), d, &item)) return false;
        items.push_back(std::move(item));
      }
      out = std::move(items);
      return true;
    };
    return AttributeBuilder<std::vector<S>>(std::move(b));
  }

  template <class S>
  AttributeBuilder<S> NestedAttribute(std::string name, Field<S> M::*member, ModelSchema<S> sub) {
    sub.Freeze();
    auto b = NewNested(std::move(name), sub, Nesting::kSingle);
    b->encode = [member, sub](const void* m) {
      const auto& f = static_cast<const M*>(m)->*member;
      if (f.is_null()) return cty::Value::Null(sub.Type());
      if (f.is_unknown()) return cty::Value::Unknown(sub.Type());
      return sub.Encode(f.value());
    };
    b->decode = [member, sub](const cty::Value& v, const cty::Path& p, diag::Diagnostics& d,
                              void* m) {
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
    return AttributeBuilder<S>(std::move(b));
  }

  // An attribute the model does not hold; the framework carries its value
  // over from the request (like the timeouts block).
  ModelSchema& Unbound(schema::Attribute attribute) {
    auto b = std::make_shared<internal::Binding>();
    b->attribute = std::move(attribute);
    entries_.push_back(std::move(b));
    return *this;
  }

  schema::Schema ToSchema() const { return {version_, ToBlock()}; }
  schema::Block ToBlock() const { return internal::BuildBlock(entries_, base_); }
  cty::Type Type() const { return frozen_type_ ? *frozen_type_ : ToBlock().ImpliedType(); }
  // Caches Type() for the hot encode path; call when the declaration is
  // complete (the framework does). Declaring more afterwards is a bug.
  ModelSchema& Freeze() {
    frozen_type_ = std::make_shared<const cty::Type>(ToBlock().ImpliedType());
    return *this;
  }
  const std::optional<TimeoutDefaults>& timeouts() const { return timeouts_; }

  // The value of `model` (an object of Type()). Unbound entries are taken
  // from `carry` (an object of the same schema, e.g. the plan) when given,
  // else null (LIST/SET blocks: empty).
  cty::Value Encode(const M& model, const cty::Value* carry = nullptr) const {
    return internal::EncodeModel(entries_, Type(), &model, carry);
  }
  // Fills `*out` from an object value; null/unknown object → all null.
  // Returns false after adding attribute errors at `path` + name.
  bool Decode(const cty::Value& value, const cty::Path& path, diag::Diagnostics& diags,
              M* out) const {
    return internal::DecodeModel(entries_, value, path, diags, out);
  }

 private:
  template <class S>
  std::shared_ptr<internal::Binding> NewBlock(std::string name, const ModelSchema<S>& sub,
                                              Nesting nesting) {
    auto b = std::make_shared<internal::Binding>();
    b->is_block = true;
    b->block.type_name = std::move(name);
    b->block.block = std::make_shared<const schema::Block>(sub.ToBlock());
    b->block.nesting = nesting;
    entries_.push_back(b);
    return b;
  }

  template <class S>
  std::shared_ptr<internal::Binding> NewNested(std::string name, const ModelSchema<S>& sub,
                                               Nesting nesting) {
    auto nested = std::make_shared<NestedAttributes>();
    nested->nesting = nesting;
    nested->attributes = sub.ToBlock().attributes;
    auto b = std::make_shared<internal::Binding>();
    b->attribute.name = std::move(name);
    b->attribute.nested = std::move(nested);
    b->attribute.type = b->attribute.ImpliedType();
    entries_.push_back(b);
    return b;
  }

  int64_t version_ = 0;
  schema::Block base_;
  std::optional<TimeoutDefaults> timeouts_;
  std::vector<std::shared_ptr<internal::Binding>> entries_;
  std::shared_ptr<const cty::Type> frozen_type_;
};

}  // namespace polybackup::schema

#endif  // POLYBACKUP_TFPLUGIN_SCHEMA_MODEL_H_
