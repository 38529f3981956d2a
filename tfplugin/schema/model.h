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
#include "tfplugin/schema/model_binding.h"
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
  ModelSchema& Description(std::string text) {
    base_.description = std::move(text);
    base_.description_markdown = false;
    return *this;
  }
  ModelSchema& MarkdownDescription(std::string text) {
    base_.description = std::move(text);
    base_.description_markdown = true;
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
    internal::BindField(*b, member);
    entries_.push_back(b);
    return AttributeBuilder<T>(std::move(b));
  }

  // A LIST block of sub-models; `.AsSet()` makes it a SET block.
  template <class S>
  BlockBuilder Block(std::string name, std::vector<S> M::*member, ModelSchema<S> sub) {
    sub.Freeze();
    auto b = NewBlock(std::move(name), sub, Nesting::kList);
    internal::BindBlockList(b.get(), member, std::move(sub));
    return BlockBuilder(std::move(b));
  }

  // A SINGLE block (at most one), null when absent.
  template <class S>
  BlockBuilder Block(std::string name, std::optional<S> M::*member, ModelSchema<S> sub) {
    sub.Freeze();
    auto b = NewBlock(std::move(name), sub, Nesting::kSingle);
    internal::BindBlockSingle(*b, member, std::move(sub));
    return BlockBuilder(std::move(b));
  }

  // A nested attribute (tfplugin6 `nested_type`, Terraform >= 1.0) holding a
  // LIST of sub-models; `.AsSet()` makes it a SET, as for blocks. Unlike
  // blocks these can be null or unknown as a whole, and can be computed.
  // `sub` must declare attributes only.
  template <class S>
  AttributeBuilder<std::vector<S>> NestedAttribute(std::string name,
                                                   Field<std::vector<S>> M::*member,
                                                   ModelSchema<S> sub) {
    sub.Freeze();
    auto b = NewNested(std::move(name), sub, Nesting::kList);
    internal::BindNestedList(b.get(), member, std::move(sub));
    return AttributeBuilder<std::vector<S>>(std::move(b));
  }

  // A SINGLE nested attribute of one sub-model.
  template <class S>
  AttributeBuilder<S> NestedAttribute(std::string name, Field<S> M::*member, ModelSchema<S> sub) {
    sub.Freeze();
    auto b = NewNested(std::move(name), sub, Nesting::kSingle);
    internal::BindNestedSingle(*b, member, std::move(sub));
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
