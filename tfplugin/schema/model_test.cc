#include "tfplugin/schema/model.h"

#include "doctest/doctest.h"

namespace polybackup::schema {
namespace {

struct RuleModel {
  String name;
  Int64 days;
};

struct ThingModel {
  String id;
  String name;
  Decimal size;
  Bool enabled;
  List<std::string> regions;
  Set<int64_t> ports;
  Map<std::string> tags;
  std::vector<RuleModel> rule;
  std::optional<RuleModel> window;
};

ModelSchema<RuleModel> RuleSchema() {
  ModelSchema<RuleModel> s;
  s.Attribute("name", &RuleModel::name).Required();
  s.Attribute("days", &RuleModel::days).Optional().Computed().Default(7);
  return s;
}

ModelSchema<ThingModel> ThingSchema() {
  ModelSchema<ThingModel> s;
  s.Version(2).Description("A thing.").Timeouts({});
  s.Attribute("id", &ThingModel::id).Computed().UseStateForUnknown();
  s.Attribute("name", &ThingModel::name).Required().RequiresReplace();
  s.Attribute("size", &ThingModel::size).Optional();
  s.Attribute("enabled", &ThingModel::enabled).Optional();
  s.Attribute("regions", &ThingModel::regions).Optional();
  s.Attribute("ports", &ThingModel::ports).Optional();
  s.Attribute("tags", &ThingModel::tags)
      .Optional()
      .Validate(EachElement(StringLengthBetween(1, 9)));
  s.Block("rule", &ThingModel::rule, RuleSchema()).AsSet().MaxItems(3);
  s.Block("window", &ThingModel::window, RuleSchema());
  return s;
}

TEST_CASE("the schema reflects the declaration and is valid") {
  Schema s = ThingSchema().ToSchema();
  CHECK(s.version == 2);
  CHECK(ValidateSchema(s, "test").empty());
  const Attribute* id = s.block.FindAttribute("id");
  REQUIRE(id != nullptr);
  CHECK(id->computed);
  CHECK(id->use_state_for_unknown);
  CHECK(s.block.FindAttribute("name")->requires_replace);
  CHECK(s.block.FindAttribute("ports")->type == cty::Type::Set(cty::Type::Number()));
  CHECK(s.block.FindAttribute("tags")->validators.size() == 1);
  const NestedBlock* rule = s.block.FindBlock("rule");
  REQUIRE(rule != nullptr);
  CHECK(rule->nesting == Nesting::kSet);
  CHECK(rule->max_items == 3);
  CHECK(rule->block->FindAttribute("days")->default_value->Equals(cty::Value::NumberInt(7)));
  CHECK(s.block.FindBlock("window")->nesting == Nesting::kSingle);
  CHECK(s.block.FindBlock("timeouts") != nullptr);
}

TEST_CASE("model -> value -> model round trip keeps known, null and unknown") {
  auto schema = ThingSchema();
  ThingModel m;
  m.id = Field<std::string>::Unknown();
  m.name = "alpha";
  m.size = *cty::Number::Parse("99.96");
  m.enabled = false;
  m.regions = std::vector<std::string>{"eu-west-1", "us-east-1"};
  m.ports = std::set<int64_t>{443, 80};
  m.tags = std::map<std::string, std::string>{{"env", "prod"}};
  m.rule.push_back({"daily", 7});
  m.rule.push_back({"weekly", Int64()});
  m.window = RuleModel{"w", 1};

  cty::Value v = schema.Encode(m);
  CHECK(v.type() == schema.Type());
  CHECK_FALSE(v.GetAttr("id").is_known());
  CHECK(v.GetAttr("size").AsNumber().text() == "99.96");
  CHECK(v.GetAttr("timeouts").is_null());
  CHECK(v.GetAttr("rule").Length() == 2);

  ThingModel back;
  diag::Diagnostics d;
  REQUIRE(schema.Decode(v, {}, d, &back));
  CHECK(d.empty());
  CHECK(back.id.is_unknown());
  CHECK(*back.name == "alpha");
  CHECK(back.size->text() == "99.96");
  CHECK(back.enabled.is_known());
  CHECK_FALSE(*back.enabled);
  CHECK(back.regions.value() == std::vector<std::string>{"eu-west-1", "us-east-1"});
  CHECK(back.ports.value() == std::set<int64_t>{80, 443});
  CHECK(back.tags->at("env") == "prod");
  REQUIRE(back.rule.size() == 2);
  REQUIRE(back.window.has_value());
  CHECK(*back.window->name == "w");
  CHECK(schema.Encode(back) == v);
}

TEST_CASE("null members encode as null, empty blocks as empty collections") {
  auto schema = ThingSchema();
  cty::Value v = schema.Encode(ThingModel{});
  CHECK(v.GetAttr("name").is_null());
  CHECK(v.GetAttr("tags").is_null());
  CHECK_FALSE(v.GetAttr("rule").is_null());
  CHECK(v.GetAttr("rule").Length() == 0);
  CHECK(v.GetAttr("window").is_null());
}

TEST_CASE("unbound entries are carried over from the given value") {
  auto schema = ThingSchema();
  const cty::Type tt = schema.Type().attribute("timeouts");
  std::map<std::string, cty::Value> t;
  for (const auto& [n, at] : tt.attributes()) t.emplace(n, cty::Value::Null(at));
  t["create"] = cty::Value::String("5m");
  ThingModel m;
  m.name = "x";
  cty::Value carry = schema.Encode(m);
  std::map<std::string, cty::Value> attrs = carry.Attributes();
  attrs["timeouts"] = cty::Value::Object(tt, t);
  carry = cty::Value::Object(schema.Type(), attrs);
  cty::Value out = schema.Encode(m, &carry);
  CHECK(out.GetAttr("timeouts").GetAttr("create").AsString() == "5m");
}

TEST_CASE("decode errors carry the attribute path") {
  auto schema = ThingSchema();
  ThingModel m;
  m.name = "x";
  m.rule.push_back({"r", 1});
  cty::Value v = schema.Encode(m);
  // Replace rule[0].days by a fraction.
  auto rule_t = schema.Type().attribute("rule").element();
  auto bad_rule =
      cty::Value::Object(rule_t, {{"name", cty::Value::String("r")},
                                  {"days", cty::Value::Number(*cty::Number::Parse("1.5"))}});
  auto attrs = v.Attributes();
  attrs["rule"] = cty::Value::Set(rule_t, {bad_rule});
  v = cty::Value::Object(schema.Type(), attrs);
  ThingModel back;
  diag::Diagnostics d;
  CHECK_FALSE(schema.Decode(v, {}, d, &back));
  REQUIRE(d.HasError());
  CHECK(*d.items()[0].attribute == cty::Path().Attribute("rule").Index(0).Attribute("days"));
}

TEST_CASE("a collection with an unknown element decodes as unknown") {
  auto schema = ThingSchema();
  ThingModel m;
  cty::Value v = schema.Encode(m);
  auto attrs = v.Attributes();
  attrs["regions"] = cty::Value::List(
      cty::Type::String(), {cty::Value::String("a"), cty::Value::Unknown(cty::Type::String())});
  v = cty::Value::Object(schema.Type(), attrs);
  ThingModel back;
  diag::Diagnostics d;
  REQUIRE(schema.Decode(v, {}, d, &back));
  CHECK(back.regions.is_unknown());
}

TEST_CASE("Field basics") {
  String s;
  CHECK(s.is_null());
  s = "x";
  CHECK(s.is_known());
  CHECK(s.value_or("y") == "x");
  CHECK(String::Unknown().value_or("y") == "y");
  CHECK(String::Unknown() == String::Unknown());
  CHECK_FALSE(String("a") == String("b"));
  CHECK_FALSE(String() == String::Unknown());
}

}  // namespace
}  // namespace polybackup::schema

namespace polybackup::schema {
namespace {
static_assert(!std::is_constructible_v<Bool, const char*>);
static_assert(std::is_constructible_v<Bool, bool>);
static_assert(std::is_constructible_v<String, const char*>);
static_assert(std::is_constructible_v<Int64, int>);
}  // namespace
}  // namespace polybackup::schema

namespace polybackup::schema {
namespace {

struct Lifecycle {
  Int64 delete_after;
  Int64 cold_after;
};
struct PlanModel {
  String name;
  List<Lifecycle> lifecycles;  // via Field<std::vector<Lifecycle>>
  Field<Lifecycle> default_lifecycle;
};

ModelSchema<PlanModel> PlanSchema() {
  ModelSchema<Lifecycle> l;
  l.Attribute("delete_after", &Lifecycle::delete_after).Optional();
  l.Attribute("cold_after", &Lifecycle::cold_after).Optional().Computed();
  ModelSchema<PlanModel> s;
  s.Attribute("name", &PlanModel::name).Required();
  s.NestedAttribute("lifecycles", &PlanModel::lifecycles, l).AsSet().Optional();
  s.NestedAttribute("default_lifecycle", &PlanModel::default_lifecycle, l).Optional().Computed();
  return s;
}

TEST_CASE("nested attributes: schema, round trip, null and unknown as a whole") {
  auto s = PlanSchema();
  Schema schema = s.ToSchema();
  CHECK(ValidateSchema(schema, "test").empty());
  const Attribute* a = schema.block.FindAttribute("lifecycles");
  REQUIRE(a != nullptr);
  REQUIRE(a->nested != nullptr);
  CHECK(a->nested->nesting == Nesting::kSet);
  CHECK(a->ImpliedType().kind() == cty::Type::Kind::kSet);
  PlanModel m;
  m.name = "p";
  m.lifecycles = std::vector<Lifecycle>{{30, Int64()}, {90, 10}};
  m.default_lifecycle = Field<Lifecycle>::Unknown();
  cty::Value v = s.Encode(m);
  CHECK(v.GetAttr("lifecycles").Length() == 2);
  CHECK_FALSE(v.GetAttr("default_lifecycle").is_known());
  PlanModel back;
  diag::Diagnostics d;
  REQUIRE(s.Decode(v, {}, d, &back));
  REQUIRE(back.lifecycles.is_known());
  CHECK(back.lifecycles->size() == 2);
  CHECK(back.default_lifecycle.is_unknown());
  CHECK(s.Encode(back) == v);
  PlanModel empty;
  CHECK(s.Encode(empty).GetAttr("lifecycles").is_null());
}

}  // namespace
}  // namespace polybackup::schema
