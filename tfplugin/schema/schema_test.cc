#include "tfplugin/schema/schema.h"

#include <memory>

#include "doctest/doctest.h"
#include "tfplugin/schema/timeouts.h"
#include "tfplugin/schema/validators.h"

namespace polybackup::schema {
namespace {

Attribute Attr(std::string name, cty::Type t, bool required, bool optional, bool computed) {
  Attribute a;
  a.name = std::move(name);
  a.type = std::move(t);
  a.required = required;
  a.optional = optional;
  a.computed = computed;
  return a;
}

Schema Sample() {
  Schema s;
  s.block.attributes.push_back(Attr("id", cty::Type::String(), false, false, true));
  s.block.attributes.push_back(Attr("name", cty::Type::String(), true, false, false));
  auto rule = std::make_shared<Block>();
  rule->attributes.push_back(Attr("days", cty::Type::Number(), false, true, false));
  NestedBlock nb;
  nb.type_name = "rule";
  nb.block = rule;
  nb.nesting = Nesting::kList;
  s.block.block_types.push_back(nb);
  return s;
}

TEST_CASE("ImpliedType has attributes plus one key per nested block") {
  Schema s = Sample();
  s.block.block_types.push_back(TimeoutsBlock({}));
  cty::Type t = s.ImpliedType();
  REQUIRE(t.kind() == cty::Type::Kind::kObject);
  CHECK(t.attribute("id") == cty::Type::String());
  CHECK(t.attribute("rule") == cty::Type::List(cty::Type::Object({{"days", cty::Type::Number()}})));
  CHECK(t.attribute("timeouts").kind() == cty::Type::Kind::kObject);
  CHECK(t.attribute("timeouts").has_attribute("delete"));
}

TEST_CASE("nested attributes imply a collection of objects") {
  Attribute a = Attr("x", cty::Type::Dynamic(), false, true, false);
  auto n = std::make_shared<NestedAttributes>();
  n->nesting = Nesting::kSet;
  n->attributes.push_back(Attr("k", cty::Type::String(), true, false, false));
  a.nested = n;
  CHECK(a.ImpliedType() == cty::Type::Set(cty::Type::Object({{"k", cty::Type::String()}})));
}

TEST_CASE("validators that fit their attribute's type are accepted") {
  Schema s = Sample();
  s.block.attributes[1].validators.push_back(StringLengthBetween(1, 5));
  s.block.attributes.push_back(
      Attr("days", cty::Type::Set(cty::Type::String()), false, true, false));
  s.block.attributes.back().validators.push_back(SizeBetween(1, 7));
  s.block.attributes.back().validators.push_back(EachElement(StringOneOf({"Monday"})));
  diag::Diagnostics d = ValidateSchema(s, "resource t");
  INFO(d.ToString());
  CHECK(d.empty());
}

TEST_CASE("a valid schema has no problems") {
  CHECK(ValidateSchema(Sample(), "resource t").empty());
}

TEST_CASE("ValidateSchema finds each class of mistake with its path") {
  struct Case {
    const char* name;
    void (*mutate)(Schema&);
  };
  const Case cases[] = {
      {"bad name", [](Schema& s) { s.block.attributes[0].name = "Id"; }},
      {"no mode", [](Schema& s) { s.block.attributes[0].computed = false; }},
      {"required+optional", [](Schema& s) { s.block.attributes[1].optional = true; }},
      {"required+computed", [](Schema& s) { s.block.attributes[1].computed = true; }},
      {"message without deprecated",
       [](Schema& s) { s.block.attributes[0].deprecation_message = "x"; }},
      {"default on required",
       [](Schema& s) { s.block.attributes[1].default_value = cty::Value::String("x"); }},
      {"negative version", [](Schema& s) { s.version = -1; }},
      {"attribute and block share a name",
       [](Schema& s) { s.block.block_types[0].type_name = "name"; }},
      {"single with max 2",
       [](Schema& s) {
         s.block.block_types[0].nesting = Nesting::kSingle;
         s.block.block_types[0].max_items = 2;
       }},
      {"min > max",
       [](Schema& s) {
         s.block.block_types[0].min_items = 3;
         s.block.block_types[0].max_items = 2;
       }},
      {"dynamic in set",
       [](Schema& s) {
         auto b = std::make_shared<Block>();
         b->attributes.push_back(Attr("d", cty::Type::Dynamic(), false, true, false));
         s.block.block_types[0].block = b;
         s.block.block_types[0].nesting = Nesting::kSet;
       }},
      {"write-only computed",
       [](Schema& s) {
         s.block.attributes[1].write_only = true;
         s.block.attributes[1].required = false;
         s.block.attributes[1].computed = true;
       }},
      {"duplicate attribute", [](Schema& s) { s.block.attributes[1].name = "id"; }},
      {"number validator on a string",
       [](Schema& s) { s.block.attributes[1].validators.push_back(IntBetween(1, 2)); }},
      {"string validator on a number",
       [](Schema& s) {
         auto b = std::make_shared<Block>(*s.block.block_types[0].block);
         b->attributes[0].validators.push_back(StringOneOf({"a"}));
         s.block.block_types[0].block = b;
       }},
      {"element validator that does not fit the elements",
       [](Schema& s) {
         s.block.attributes.push_back(
             Attr("days", cty::Type::Set(cty::Type::String()), false, true, false));
         s.block.attributes.back().validators.push_back(EachElement(IntBetween(1, 7)));
       }},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    Schema s = Sample();
    c.mutate(s);
    diag::Diagnostics d = ValidateSchema(s, "resource t");
    CHECK(d.HasError());
    CHECK(d.items()[0].summary.find("resource t") != std::string::npos);
  }
}

TEST_CASE("IsValidName") {
  CHECK(IsValidName("backup_plan_2"));
  CHECK_FALSE(IsValidName(""));
  CHECK_FALSE(IsValidName("a-b"));
  CHECK_FALSE(IsValidName("A"));
}

TEST_CASE("TimeoutFor reads the configured duration or falls back to the default") {
  TimeoutDefaults d;
  d.create = std::chrono::minutes(40);
  Schema s;
  s.block.block_types.push_back(TimeoutsBlock(d));
  const cty::Type t = s.ImpliedType();
  const cty::Type tt = t.attribute("timeouts");
  cty::Value none = cty::Value::Object(t, {{"timeouts", cty::Value::Null(tt)}});
  CHECK(TimeoutFor(none, Operation::kCreate, d) == std::chrono::minutes(40));
  auto s_null = cty::Value::Null(cty::Type::String());
  cty::Value some = cty::Value::Object(
      t, {{"timeouts", cty::Value::Object(tt, {{"create", cty::Value::String("1h30m")},
                                               {"read", s_null},
                                               {"update", s_null},
                                               {"delete", cty::Value::String("bogus")}})}});
  CHECK(TimeoutFor(some, Operation::kCreate, d) == std::chrono::minutes(90));
  CHECK(TimeoutFor(some, Operation::kRead, d) == std::chrono::minutes(5));
  CHECK(TimeoutFor(some, Operation::kDelete, d) == std::chrono::minutes(20));
  CHECK(TimeoutFor(cty::Value::Null(t), Operation::kUpdate, d) == std::chrono::minutes(20));
}

TEST_CASE("TimeoutFor reads a planned create's timeouts beside its unknown computed values") {
  TimeoutDefaults d;
  Schema s;
  Attribute id;
  id.name = "id";
  id.type = cty::Type::String();
  id.computed = true;
  s.block.attributes.push_back(id);
  s.block.block_types.push_back(TimeoutsBlock(d));
  const cty::Type t = s.ImpliedType();
  const cty::Type tt = t.attribute("timeouts");
  auto s_null = cty::Value::Null(cty::Type::String());
  cty::Value planned = cty::Value::Object(
      t, {{"id", cty::Value::Unknown(cty::Type::String())},
          {"timeouts", cty::Value::Object(tt, {{"create", cty::Value::String("5s")},
                                               {"read", s_null},
                                               {"update", cty::Value::Unknown(cty::Type::String())},
                                               {"delete", s_null}})}});
  CHECK(TimeoutFor(planned, Operation::kCreate, d) == std::chrono::seconds(5));
  CHECK(TimeoutFor(planned, Operation::kUpdate, d) == std::chrono::minutes(20));
  CHECK(TimeoutFor(cty::Value::Unknown(t), Operation::kCreate, d) == std::chrono::minutes(20));
}

}  // namespace
}  // namespace polybackup::schema
