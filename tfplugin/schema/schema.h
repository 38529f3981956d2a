// Schemas: the shape of a provider, resource or data source configuration,
// as Terraform sees it in GetProviderSchema (tfplugin6.Schema).
//
// These are plain, untyped descriptions. Resource authors normally build them
// through ModelSchema<M> (model.h), which also binds each attribute to a
// member of the author's model struct; the framework works on these.
#ifndef POLYBACKUP_TFPLUGIN_SCHEMA_SCHEMA_H_
#define POLYBACKUP_TFPLUGIN_SCHEMA_SCHEMA_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tfplugin/cty/type.h"
#include "tfplugin/cty/value.h"
#include "tfplugin/diag/diagnostics.h"
#include "tfplugin/schema/validator.h"

namespace polybackup::schema {

enum class Nesting { kSingle, kList, kSet, kMap, kGroup };  // kGroup: blocks only

struct Attribute;

// The object type of a nested attribute (tfplugin6.Schema.Object).
struct NestedAttributes {
  Nesting nesting = Nesting::kSingle;  // SINGLE, LIST, SET or MAP
  std::vector<Attribute> attributes;
};

struct Attribute {
  std::string name;
  cty::Type type;  // ignored when `nested` is set
  std::shared_ptr<const NestedAttributes> nested;
  bool required = false;
  bool optional = false;
  bool computed = false;
  bool sensitive = false;
  bool write_only = false;  // Terraform >= 1.11; always planned and stored null
  bool deprecated = false;
  std::string deprecation_message;
  std::string description;
  bool description_markdown = false;
  // Run on known, non-null configuration values (validator.h).
  std::vector<std::shared_ptr<const Validator>> validators;
  // Planning behaviour (framework/planning.h), not sent to Terraform:
  // a change of this attribute replaces the object.
  bool requires_replace = false;
  // When the plan would mark this computed attribute unknown, keep the prior
  // value instead (ids and other values that never change after create).
  bool use_state_for_unknown = false;
  // Optional+computed only: the value planned when the configuration is null.
  std::optional<cty::Value> default_value;

  // The attribute's cty type, derived from `nested` when set.
  cty::Type ImpliedType() const;
};

struct Block;

struct NestedBlock {
  std::string type_name;
  std::shared_ptr<const Block> block;
  Nesting nesting = Nesting::kList;
  int64_t min_items = 0;
  int64_t max_items = 0;  // 0 = unlimited
};

struct Block {
  std::vector<Attribute> attributes;
  std::vector<NestedBlock> block_types;
  std::string description;
  bool description_markdown = false;
  bool deprecated = false;
  std::string deprecation_message;

  const Attribute* FindAttribute(const std::string& name) const;  // nullptr if absent
  const NestedBlock* FindBlock(const std::string& name) const;    // nullptr if absent
  // The object type every value of this block has on the wire: attributes
  // plus one key per nested block (SINGLE/GROUP object, LIST list, SET set,
  // MAP map of the block object), protocol doc §3.3.
  cty::Type ImpliedType() const;
};

struct Schema {
  int64_t version = 0;
  Block block;
  cty::Type ImpliedType() const { return block.ImpliedType(); }
};

// Mirrors Terraform core's InternalValidate (protocol doc §4.1): names match
// ^[a-z0-9_]+$, each attribute is exactly one of required / optional /
// computed-only / optional+computed, type xor nested type, no name both an
// attribute and a block, sane min/max items per nesting mode, no dynamic or
// write-only attributes inside sets, deprecation message only when
// deprecated, defaults only on optional+computed attributes, and a
// non-negative version. Returns every problem found (empty = valid), each
// with the attribute path; `what` names the schema in the summaries
// ("resource polybackup_thing").
diag::Diagnostics ValidateSchema(const Schema& schema, const std::string& what);

// True for names Terraform accepts: non-empty, [a-z0-9_] only.
bool IsValidName(const std::string& name);

}  // namespace polybackup::schema

#endif  // POLYBACKUP_TFPLUGIN_SCHEMA_SCHEMA_H_
