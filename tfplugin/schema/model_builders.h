// Internals of ModelSchema (model.h): the type-erased binding of one model
// member, and the chained builders returned by ModelSchema::Attribute() and
// ModelSchema::Block(). Include model.h, not this file.
#ifndef POLYBACKUP_TFPLUGIN_SCHEMA_MODEL_BUILDERS_H_
#define POLYBACKUP_TFPLUGIN_SCHEMA_MODEL_BUILDERS_H_

#include <functional>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "tfplugin/schema/codec.h"
#include "tfplugin/schema/schema.h"
#include "tfplugin/schema/validators.h"

namespace polybackup::schema {

namespace internal {

// One bound (or unbound) attribute or block of a model, type-erased over M.
struct Binding {
  bool is_block = false;
  schema::Attribute attribute;  // when !is_block
  NestedBlock block;            // when is_block
  // Both empty for unbound entries (carried over by the framework).
  std::function<cty::Value(const void* model)> encode;
  std::function<bool(const cty::Value&, const cty::Path&, diag::Diagnostics&, void* model)> decode;
  const std::string& name() const { return is_block ? block.type_name : attribute.name; }
};

// Shared, non-template halves of ModelSchema.
Block BuildBlock(const std::vector<std::shared_ptr<Binding>>& entries, const Block& base);
cty::Value EncodeModel(const std::vector<std::shared_ptr<Binding>>& entries, const cty::Type& type,
                       const void* model, const cty::Value* carry);
bool DecodeModel(const std::vector<std::shared_ptr<Binding>>& entries, const cty::Value& value,
                 const cty::Path& path, diag::Diagnostics& diags, void* model);

// A Field<std::vector<S>> bound to a nested attribute of sub-models S (S has
// no Codec: it is a model struct, not a value type).
template <class T>
struct IsModelVector : std::false_type {};
template <class S>
    struct IsModelVector<std::vector<S>> : std::bool_constant < !requires {
  Codec<S>::Type();
} > {};

}  // namespace internal

// Chained setters for one attribute; see schema::Attribute for meanings.
template <class T>
class AttributeBuilder {
 public:
  explicit AttributeBuilder(std::shared_ptr<internal::Binding> b) : b_(std::move(b)) {}
  AttributeBuilder& Required() { return Set(&schema::Attribute::required); }
  AttributeBuilder& Optional() { return Set(&schema::Attribute::optional); }
  AttributeBuilder& Computed() { return Set(&schema::Attribute::computed); }
  AttributeBuilder& Sensitive() { return Set(&schema::Attribute::sensitive); }
  AttributeBuilder& WriteOnly() { return Set(&schema::Attribute::write_only); }
  AttributeBuilder& RequiresReplace() { return Set(&schema::Attribute::requires_replace); }
  AttributeBuilder& UseStateForUnknown() { return Set(&schema::Attribute::use_state_for_unknown); }
  AttributeBuilder& Deprecated(std::string message) {
    b_->attribute.deprecated = true;
    b_->attribute.deprecation_message = std::move(message);
    return *this;
  }
  // Plain text shown by `terraform providers schema` and in the docs.
  AttributeBuilder& Description(std::string text) { return Describe(std::move(text), false); }
  // The same in Markdown (`code`, links): what the registry docs render.
  AttributeBuilder& MarkdownDescription(std::string text) {
    return Describe(std::move(text), true);
  }
  AttributeBuilder& Validate(ValidatorPtr v) {
    b_->attribute.validators.push_back(std::move(v));
    return *this;
  }
  // SET instead of LIST nesting, for nested attributes of sub-models (the
  // same spelling as BlockBuilder::AsSet). Sets of values are Set<T> fields.
  AttributeBuilder& AsSet() requires internal::IsModelVector<T>::value {
    auto nested = std::make_shared<NestedAttributes>(*b_->attribute.nested);
    nested->nesting = Nesting::kSet;
    b_->attribute.nested = std::move(nested);
    b_->attribute.type = b_->attribute.ImpliedType();
    return *this;
  }
  // Planned when the configuration is null; only for Optional().Computed().
  AttributeBuilder& Default(T value) {
    b_->attribute.default_value = Codec<T>::Encode(value);
    return *this;
  }

 private:
  AttributeBuilder& Describe(std::string text, bool markdown) {
    b_->attribute.description = std::move(text);
    b_->attribute.description_markdown = markdown;
    return *this;
  }
  AttributeBuilder& Set(bool schema::Attribute::*flag) {
    b_->attribute.*flag = true;
    return *this;
  }
  std::shared_ptr<internal::Binding> b_;
};

class BlockBuilder {
 public:
  explicit BlockBuilder(std::shared_ptr<internal::Binding> b) : b_(std::move(b)) {}
  // Only for std::vector members: SET instead of LIST nesting.
  BlockBuilder& AsSet() {
    b_->block.nesting = Nesting::kSet;
    return *this;
  }
  BlockBuilder& MinItems(int64_t n) {
    b_->block.min_items = n;
    return *this;
  }
  BlockBuilder& MaxItems(int64_t n) {
    b_->block.max_items = n;
    return *this;
  }

 private:
  std::shared_ptr<internal::Binding> b_;
};

}  // namespace polybackup::schema

#endif  // POLYBACKUP_TFPLUGIN_SCHEMA_MODEL_BUILDERS_H_
