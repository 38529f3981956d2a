#include "tfplugin/schema/timeouts.h"

#include <memory>

#include "tfplugin/schema/validators.h"

namespace polybackup::schema {
namespace {

const char* kNames[] = {"create", "read", "update", "delete"};

std::string Human(std::chrono::nanoseconds d) {
  const auto s = std::chrono::duration_cast<std::chrono::seconds>(d).count();
  if (s % 3600 == 0) return std::to_string(s / 3600) + "h";
  if (s % 60 == 0) return std::to_string(s / 60) + "m";
  return std::to_string(s) + "s";
}

}  // namespace

std::chrono::nanoseconds TimeoutDefaults::For(Operation op) const {
  switch (op) {
    case Operation::kCreate:
      return create;
    case Operation::kRead:
      return read;
    case Operation::kUpdate:
      return update;
    case Operation::kDelete:
      return del;
  }
  return create;
}

NestedBlock TimeoutsBlock(const TimeoutDefaults& defaults) {
  auto block = std::make_shared<Block>();
  block->description = "How long each operation may take, as durations like \"40m\" or \"1h30m\".";
  for (int i = 0; i < 4; ++i) {
    Attribute a;
    a.name = kNames[i];
    a.type = cty::Type::String();
    a.optional = true;
    a.description = std::string("Timeout for ") + kNames[i] + ". Default " +
                    Human(defaults.For(static_cast<Operation>(i))) + ".";
    a.validators.push_back(Duration(std::chrono::seconds(1), std::chrono::hours(24 * 7)));
    block->attributes.push_back(std::move(a));
  }
  NestedBlock nb;
  nb.type_name = kTimeoutsBlockName;
  nb.block = std::move(block);
  nb.nesting = Nesting::kSingle;
  return nb;
}

std::chrono::nanoseconds TimeoutFor(const cty::Value& resource_value, Operation op,
                                    const TimeoutDefaults& defaults) {
  const auto fallback = defaults.For(op);
  // Only the block itself must be known: a planned create or update always
  // holds unknown computed attributes (the id, ...) beside it.
  if (!resource_value.is_known() || resource_value.is_null() ||
      resource_value.type().kind() != cty::Type::Kind::kObject ||
      !resource_value.type().has_attribute(kTimeoutsBlockName)) {
    return fallback;
  }
  const cty::Value& block = resource_value.GetAttr(kTimeoutsBlockName);
  if (!block.is_known() || block.is_null() || block.type().kind() != cty::Type::Kind::kObject) {
    return fallback;
  }
  const std::string name = kNames[static_cast<int>(op)];
  if (!block.type().has_attribute(name)) return fallback;
  const cty::Value& v = block.GetAttr(name);
  if (!v.is_known() || v.is_null() || v.type().kind() != cty::Type::Kind::kString) {
    return fallback;
  }
  auto parsed = ParseDuration(v.AsString());
  return parsed.ok() && parsed->count() > 0 ? *parsed : fallback;
}

}  // namespace polybackup::schema
