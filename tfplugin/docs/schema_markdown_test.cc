#include "tfplugin/docs/schema_markdown.h"

#include <memory>
#include <string>

#include "doctest/doctest.h"
#include "tfplugin/schema/timeouts.h"

namespace polybackup::docs {
namespace {

using cty::Type;
using schema::Attribute;
using schema::Block;
using schema::NestedBlock;
using schema::Nesting;

enum Flag { kRequired, kOptional, kComputed, kOptionalComputed };

Attribute Attr(std::string name, Type type, Flag flag, std::string description = "") {
  Attribute a;
  a.name = std::move(name);
  a.type = std::move(type);
  a.required = flag == kRequired;
  a.optional = flag == kOptional || flag == kOptionalComputed;
  a.computed = flag == kComputed || flag == kOptionalComputed;
  a.description = std::move(description);
  return a;
}

NestedBlock Nested(std::string name, Nesting nesting, Block block) {
  NestedBlock nb;
  nb.type_name = std::move(name);
  nb.nesting = nesting;
  nb.block = std::make_shared<Block>(std::move(block));
  return nb;
}

std::string Render(const Block& b) {
  auto md = SchemaMarkdown(b);
  REQUIRE_MESSAGE(md.ok(), md.status().message());
  return *md;
}

TEST_CASE("groups, sorting, types, flags and notes of a flat schema") {
  Block b;
  b.attributes.push_back(Attr("name", Type::String(), kRequired, "The name."));
  b.attributes.back().requires_replace = true;
  b.attributes.push_back(Attr("tier", Type::String(), kOptionalComputed, "Tier."));
  b.attributes.back().default_value = cty::Value::String("standard");
  b.attributes.push_back(Attr("id", Type::String(), kComputed));
  b.attributes.push_back(Attr("tags", Type::Map(Type::String()), kOptional, "Tags."));
  b.attributes.push_back(
      Attr("days", Type::Set(Type::String()), kOptionalComputed, "Days.\n\nMore."));
  b.attributes.push_back(Attr("secret", Type::String(), kOptional, "A secret."));
  b.attributes.back().sensitive = true;
  b.attributes.back().write_only = true;
  b.attributes.push_back(Attr("old", Type::Bool(), kOptional, "Old."));
  b.attributes.back().deprecated = true;
  b.attributes.back().deprecation_message = "Use `new`.";
  b.attributes.push_back(Attr("count", Type::Number(), kComputed, "How many."));
  CHECK(Render(b) ==
        "## Schema\n\n"
        "### Required\n\n"
        "- `name` (String) The name. Changing it replaces the resource.\n\n"
        "### Optional\n\n"
        "> **NOTE**: [Write-only arguments](https://developer.hashicorp.com/terraform/language/"
        "resources/ephemeral#write-only-arguments) need Terraform 1.11 or later; their values "
        "are never stored in the plan or state.\n\n"
        "- `days` (Set of String) Days.  \nMore.\n"
        "- `old` (Boolean, Deprecated) Old. Deprecated: Use `new`.\n"
        "- `secret` (String, Sensitive, [Write-only](https://developer.hashicorp.com/terraform/"
        "language/resources/ephemeral#write-only-arguments)) A secret.\n"
        "- `tags` (Map of String) Tags.\n"
        "- `tier` (String) Tier. Defaults to `\"standard\"`.\n\n"
        "### Read-Only\n\n"
        "- `count` (Number) How many.\n"
        "- `id` (String) The identifier of this object.\n\n");
}

TEST_CASE("nested blocks and attributes get anchored sections, depth first") {
  Block endpoints;
  endpoints.attributes.push_back(Attr("url", Type::String(), kOptional, "URL."));
  Block rule;
  rule.description = "A rule.";
  rule.attributes.push_back(Attr("days", Type::Number(), kRequired, "Days."));
  rule.attributes.push_back(Attr("status", Type::String(), kComputed, "Status."));
  rule.block_types.push_back(Nested("endpoints", Nesting::kSingle, endpoints));
  Block b;
  b.block_types.push_back(Nested("rule", Nesting::kList, rule));
  b.block_types.back().min_items = 1;
  b.block_types.back().max_items = 10;
  b.block_types.push_back(schema::TimeoutsBlock({}));
  auto lifecycle = std::make_shared<schema::NestedAttributes>();
  lifecycle->nesting = Nesting::kSet;
  lifecycle->attributes.push_back(Attr("after", Type::Number(), kOptional, "After."));
  Attribute lifecycles = Attr("lifecycles", Type::Dynamic(), kComputed, "Lifecycles.");
  lifecycles.nested = lifecycle;
  b.attributes.push_back(lifecycles);
  b.attributes.push_back(
      Attr("window", Type::Object({{"start", Type::String()}}), kComputed, "Window."));
  CHECK(Render(b) ==
        "## Schema\n\n"
        "### Required\n\n"
        "- `rule` (Block List, Min: 1, Max: 10) A rule. (see [below for nested schema]"
        "(#nestedblock--rule))\n\n"
        "### Optional\n\n"
        "- `timeouts` (Block, Optional) How long each operation may take, as durations like "
        "\"40m\" or \"1h30m\". (see [below for nested schema](#nestedblock--timeouts))\n\n"
        "### Read-Only\n\n"
        "- `lifecycles` (Attributes Set) Lifecycles. (see [below for nested schema]"
        "(#nestedatt--lifecycles))\n"
        "- `window` (Object) Window. (see [below for nested schema](#nestedatt--window))\n\n"
        "<a id=\"nestedblock--rule\"></a>\n"
        "### Nested Schema for `rule`\n\n"
        "Required:\n\n- `days` (Number) Days.\n\n"
        "Optional:\n\n- `endpoints` (Block, Optional) (see [below for nested schema]"
        "(#nestedblock--rule--endpoints))\n\n"
        "Read-Only:\n\n- `status` (String) Status.\n\n"
        "<a id=\"nestedblock--rule--endpoints\"></a>\n"
        "### Nested Schema for `rule.endpoints`\n\n"
        "Optional:\n\n- `url` (String) URL.\n\n"
        "<a id=\"nestedblock--timeouts\"></a>\n"
        "### Nested Schema for `timeouts`\n\n"
        "Optional:\n\n"
        "- `create` (String) Timeout for create. Default 20m.\n"
        "- `delete` (String) Timeout for delete. Default 20m.\n"
        "- `read` (String) Timeout for read. Default 5m.\n"
        "- `update` (String) Timeout for update. Default 20m.\n\n"
        "<a id=\"nestedatt--lifecycles\"></a>\n"
        "### Nested Schema for `lifecycles`\n\n"
        "Optional:\n\n- `after` (Number) After.\n\n"
        "<a id=\"nestedatt--window\"></a>\n"
        "### Nested Schema for `window`\n\n"
        "Read-Only:\n\n- `start` (String)\n\n");
}

TEST_CASE("a read-only block and the children that fit no group") {
  Block status;
  status.attributes.push_back(Attr("state", Type::String(), kComputed, "State."));
  Block b;
  b.block_types.push_back(Nested("status", Nesting::kList, status));
  CHECK(doctest::String(Render(b).c_str()) ==
        doctest::Contains("### Read-Only\n\n- `status` (Block List) (see"));

  b.block_types.back().max_items = 1;
  CHECK(SchemaMarkdown(b).status().message() ==
        "cannot document status: it has item limits but only computed content");
  Block c;
  c.attributes.push_back(Attr("x", Type::String(), kOptional));
  c.attributes.back().optional = false;
  CHECK(SchemaMarkdown(c).status().message() ==
        "cannot document x: it is neither required, optional nor computed");
}

}  // namespace
}  // namespace polybackup::docs
