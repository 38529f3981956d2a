#include "tfplugin/framework/planning.h"

#include <map>

#include "doctest/doctest.h"
#include "tfplugin/schema/validators.h"

namespace polybackup::framework {
namespace {

using cty::Path;
using cty::Type;
using cty::Value;

schema::Attribute A(std::string name, Type t, std::string mode) {
  schema::Attribute a;
  a.name = std::move(name);
  a.type = std::move(t);
  a.required = mode == "required";
  a.optional = mode == "optional" || mode == "optional+computed";
  a.computed = mode == "computed" || mode == "optional+computed";
  return a;
}

// The test resource: id (computed, UseStateForUnknown), name (required,
// RequiresReplace), size (optional), tier (optional+computed), arn
// (computed), secret (optional, write-only), rule LIST block {name, days
// (optional+computed, default 7), rid (computed)}, tag SET block {key, hash
// (computed)}.
schema::Block TestBlock() {
  schema::Block b;
  auto id = A("id", Type::String(), "computed");
  id.use_state_for_unknown = true;
  auto name = A("name", Type::String(), "required");
  name.requires_replace = true;
  auto secret = A("secret", Type::String(), "optional");
  secret.write_only = true;
  b.attributes = {id,
                  name,
                  A("size", Type::Number(), "optional"),
                  A("tier", Type::String(), "optional+computed"),
                  A("arn", Type::String(), "computed"),
                  secret};
  auto rule = std::make_shared<schema::Block>();
  auto days = A("days", Type::Number(), "optional+computed");
  days.default_value = Value::NumberInt(7);
  rule->attributes = {A("name", Type::String(), "required"), days,
                      A("rid", Type::String(), "computed")};
  schema::NestedBlock rb;
  rb.type_name = "rule";
  rb.block = rule;
  rb.nesting = schema::Nesting::kList;
  auto tag = std::make_shared<schema::Block>();
  tag->attributes = {A("key", Type::String(), "required"), A("hash", Type::String(), "computed")};
  schema::NestedBlock tb;
  tb.type_name = "tag";
  tb.block = tag;
  tb.nesting = schema::Nesting::kSet;
  b.block_types = {rb, tb};
  return b;
}

const schema::Block kBlock = TestBlock();
const Type kType = kBlock.ImpliedType();
const Type kRuleT = kType.attribute("rule").element();
const Type kTagT = kType.attribute("tag").element();

Value S(const char* s) { return Value::String(s); }
Value U(const Type& t) { return Value::Unknown(t); }

// An object of `t` with `set` attributes; the rest null (blocks: empty).
Value Obj(const Type& t, std::map<std::string, Value> set) {
  std::map<std::string, Value> attrs;
  for (const auto& [n, at] : t.attributes()) {
    auto it = set.find(n);
    if (it != set.end()) {
      attrs.emplace(n, it->second);
    } else if (at.kind() == Type::Kind::kList) {
      attrs.emplace(n, Value::List(at.element(), {}));
    } else if (at.kind() == Type::Kind::kSet) {
      attrs.emplace(n, Value::Set(at.element(), {}));
    } else {
      attrs.emplace(n, Value::Null(at));
    }
  }
  return Value::Object(t, std::move(attrs));
}

Value Rule(std::map<std::string, Value> set) { return Obj(kRuleT, std::move(set)); }
Value Rules(std::vector<Value> r) { return Value::List(kRuleT, std::move(r)); }
Value Tags(std::vector<Value> t) { return Value::Set(kTagT, std::move(t)); }

// The state after a create of {name=a, size=1, rule {name=r}}.
Value State() {
  return Obj(
      kType,
      {{"id", S("i-1")},
       {"name", S("a")},
       {"size", Value::NumberInt(1)},
       {"tier", S("standard")},
       {"arn", S("arn:1")},
       {"rule",
        Rules({Rule({{"name", S("r")}, {"days", Value::NumberInt(7)}, {"rid", S("r-1")}})})}});
}

Value Config(std::map<std::string, Value> over = {}) {
  std::map<std::string, Value> c = {
      {"name", S("a")}, {"size", Value::NumberInt(1)}, {"rule", Rules({Rule({{"name", S("r")}})})}};
  for (auto& [k, v] : over) c[k] = v;
  return Obj(kType, c);
}

// What core's ProposedNew does for these cases: config, with computed
// attributes null in config taken from prior (list blocks by index).
Value Proposed(const Value& prior, const Value& config) {
  if (prior.is_null()) return config;
  std::map<std::string, Value> attrs = config.Attributes();
  for (const auto& a : kBlock.attributes) {
    if (a.computed && config.GetAttr(a.name).is_null()) attrs[a.name] = prior.GetAttr(a.name);
  }
  std::vector<Value> rules;
  const auto& cr = config.GetAttr("rule").Elements();
  const auto& pr = prior.GetAttr("rule").Elements();
  for (size_t i = 0; i < cr.size(); ++i) {
    auto r = cr[i].Attributes();
    if (i < pr.size()) {
      if (r["days"].is_null()) r["days"] = pr[i].GetAttr("days");
      r["rid"] = pr[i].GetAttr("rid");
    }
    rules.push_back(Value::Object(kRuleT, r));
  }
  attrs["rule"] = Rules(rules);
  return Value::Object(kType, attrs);
}

TEST_CASE("create: computed nulls become unknown, defaults applied, no replace") {
  Value config = Config();
  SchemaPlan p = PlanFromSchema(kBlock, Value::Null(kType), config, config);
  CHECK(p.planned.GetAttr("id") == U(Type::String()));
  CHECK_FALSE(p.planned.GetAttr("arn").is_known());
  CHECK_FALSE(p.planned.GetAttr("tier").is_known());
  CHECK(p.planned.GetAttr("name") == S("a"));
  const Value& rule = p.planned.GetAttr("rule").Elements()[0];
  CHECK(rule.GetAttr("days") == Value::NumberInt(7));
  CHECK_FALSE(rule.GetAttr("rid").is_known());
  CHECK(p.requires_replace.empty());
}

TEST_CASE("no-op: the plan equals the prior state, nothing unknown") {
  Value prior = State();
  Value config = Config();
  SchemaPlan p = PlanFromSchema(kBlock, prior, Proposed(prior, config), config);
  CHECK(p.planned == prior);
  CHECK(p.planned.is_wholly_known());
  CHECK(p.requires_replace.empty());
  // Deterministic: the apply-time re-plan gives the same answer.
  SchemaPlan again = PlanFromSchema(kBlock, prior, Proposed(prior, config), config);
  CHECK(again.planned == p.planned);
}

TEST_CASE("update: computed values unknown except UseStateForUnknown, no replace") {
  Value prior = State();
  Value config = Config({{"size", Value::NumberInt(2)}});
  SchemaPlan p = PlanFromSchema(kBlock, prior, Proposed(prior, config), config);
  CHECK(p.planned.GetAttr("size") == Value::NumberInt(2));
  CHECK(p.planned.GetAttr("id") == S("i-1"));
  CHECK_FALSE(p.planned.GetAttr("arn").is_known());
  CHECK_FALSE(p.planned.GetAttr("tier").is_known());
  CHECK(p.requires_replace.empty());
  CHECK(FilterRequiresReplace(p.requires_replace, prior, p.planned).empty());
}

TEST_CASE("optional+computed set in config is planned as configured") {
  Value prior = State();
  Value config = Config({{"tier", S("premium")}});
  SchemaPlan p = PlanFromSchema(kBlock, prior, Proposed(prior, config), config);
  CHECK(p.planned.GetAttr("tier") == S("premium"));
}

TEST_CASE("replace: a RequiresReplace attribute change is reported") {
  Value prior = State();
  Value config = Config({{"name", S("b")}});
  SchemaPlan p = PlanFromSchema(kBlock, prior, Proposed(prior, config), config);
  auto rr = FilterRequiresReplace(p.requires_replace, prior, p.planned);
  REQUIRE(rr.size() == 1);
  CHECK(rr[0] == Path().Attribute("name"));
  // Core then plans again with a null prior: everything computed is unknown.
  SchemaPlan second = PlanFromSchema(kBlock, Value::Null(kType), config, config);
  CHECK_FALSE(second.planned.GetAttr("id").is_known());
  CHECK(second.requires_replace.empty());
}

TEST_CASE("destroy: a null proposal plans null") {
  SchemaPlan p = PlanFromSchema(kBlock, State(), Value::Null(kType), Value::Null(kType));
  CHECK(p.planned.is_null());
  CHECK(p.requires_replace.empty());
}

TEST_CASE("unknown config values stay unknown; an unknown replace attribute replaces") {
  Value prior = State();
  Value config = Config({{"size", U(Type::Number())}, {"name", U(Type::String())}});
  SchemaPlan p = PlanFromSchema(kBlock, prior, Proposed(prior, config), config);
  CHECK_FALSE(p.planned.GetAttr("size").is_known());
  auto rr = FilterRequiresReplace(p.requires_replace, prior, p.planned);
  REQUIRE(rr.size() == 1);
  CHECK(rr[0] == Path().Attribute("name"));
}

TEST_CASE("nested list blocks: added elements get unknown computed values and defaults") {
  Value prior = State();
  Value config =
      Config({{"rule", Rules({Rule({{"name", S("r")}}),
                              Rule({{"name", S("s")}, {"days", Value::NumberInt(3)}})})}});
  SchemaPlan p = PlanFromSchema(kBlock, prior, Proposed(prior, config), config);
  const auto& rules = p.planned.GetAttr("rule").Elements();
  REQUIRE(rules.size() == 2);
  CHECK(rules[1].GetAttr("days") == Value::NumberInt(3));
  CHECK_FALSE(rules[1].GetAttr("rid").is_known());
  CHECK(rules[0].GetAttr("days") == Value::NumberInt(7));
}

TEST_CASE("set blocks: computed attributes of new elements are unknown") {
  Value config =
      Config({{"tag", Tags({Obj(kTagT, {{"key", S("k1")}}), Obj(kTagT, {{"key", S("k2")}})})}});
  SchemaPlan p = PlanFromSchema(kBlock, Value::Null(kType), config, config);
  const Value& tags = p.planned.GetAttr("tag");
  REQUIRE(tags.is_known());
  CHECK(tags.Length() == 2);
  for (const Value& t : tags.Elements()) CHECK_FALSE(t.GetAttr("hash").is_known());
}

TEST_CASE(
    "set blocks: an element keeps its configured values when a nested block got computed ones") {
  // rule SET {name, when (optional+computed, default "x"), life LIST {days, flag
  // (optional+computed)}}
  auto life = std::make_shared<schema::Block>();
  life->attributes = {A("days", Type::Number(), "optional"),
                      A("flag", Type::Bool(), "optional+computed")};
  auto rule = std::make_shared<schema::Block>();
  auto when = A("when", Type::String(), "optional+computed");
  when.default_value = S("x");
  rule->attributes = {A("name", Type::String(), "required"), when};
  rule->block_types = {{.type_name = "life", .block = life, .nesting = schema::Nesting::kList}};
  schema::Block b;
  b.block_types = {{.type_name = "rule", .block = rule, .nesting = schema::Nesting::kSet}};
  const Type t = b.ImpliedType();
  const Type rule_t = t.attribute("rule").element();
  const Type life_t = rule_t.attribute("life").element();
  auto make = [&](const Value& when_v, const Value& flag) {
    Value l = Obj(life_t, {{"days", Value::NumberInt(1)}, {"flag", flag}});
    Value r = Obj(rule_t, {{"name", S("a")}, {"when", when_v}, {"life", Value::List(life_t, {l})}});
    return Obj(t, {{"rule", Value::Set(rule_t, {r})}});
  };
  Value config = make(S("y"), Value::Null(Type::Bool()));
  Value prior = make(S("z"), Value::Bool(false));
  // Core's proposal: the configured "when", the prior's computed flag.
  Value proposed = make(S("y"), Value::Bool(false));
  SchemaPlan p = PlanFromSchema(b, prior, proposed, config);
  const Value& planned_rule = p.planned.GetAttr("rule").Elements().at(0);
  CHECK(planned_rule.GetAttr("when") == S("y"));  // not the default, not unknown
  // The plan differs from prior, so the unset computed flag is recomputed.
  CHECK_FALSE(planned_rule.GetAttr("life").Elements().at(0).GetAttr("flag").is_known());
}

TEST_CASE("write-only attributes are planned null; null list blocks become empty") {
  std::map<std::string, Value> c = Config({{"secret", S("hunter2")}}).Attributes();
  c["rule"] = Value::Null(kType.attribute("rule"));
  Value config = Value::Object(kType, c);
  SchemaPlan p = PlanFromSchema(kBlock, Value::Null(kType), config, config);
  CHECK(p.planned.GetAttr("secret").is_null());
  CHECK_FALSE(p.planned.GetAttr("rule").is_null());
  CHECK(p.planned.GetAttr("rule").Length() == 0);
}

TEST_CASE("FilterRequiresReplace drops equal paths and duplicates, keeps order stable") {
  Value prior = State();
  std::map<std::string, Value> n = prior.Attributes();
  n["size"] = Value::NumberInt(9);
  Value planned = Value::Object(kType, n);
  auto rr = FilterRequiresReplace({Path().Attribute("size"), Path().Attribute("name"),
                                   Path().Attribute("size"), Path().Attribute("nope")},
                                  prior, planned);
  REQUIRE(rr.size() == 1);
  CHECK(rr[0] == Path().Attribute("size"));
}

TEST_CASE("CheckWhollyKnown replaces unknowns by null and names the path") {
  Value v = Obj(kType, {{"id", U(Type::String())}, {"name", S("a")}});
  diag::Diagnostics d;
  Value out = CheckWhollyKnown(v, "after create", d);
  REQUIRE(d.HasError());
  CHECK(d.items()[0].detail.find(".id") != std::string::npos);
  CHECK(out.is_wholly_known());
  CHECK(out.GetAttr("id").is_null());
  diag::Diagnostics none;
  CHECK(CheckWhollyKnown(State(), "x", none) == State());
  CHECK(none.empty());
}

TEST_CASE("ValidateValue runs validators on known values only, with nested paths") {
  schema::Block b = TestBlock();
  b.attributes[1].validators.push_back(schema::StringOneOf({"a"}));
  auto rule = std::make_shared<schema::Block>(*b.block_types[0].block);
  rule->attributes[0].validators.push_back(schema::StringOneOf({"r"}));
  b.block_types[0].block = rule;
  b.attributes[2].deprecated = true;
  diag::Diagnostics d;
  Value config = Config({{"name", U(Type::String())},
                         {"rule", Rules({Rule({{"name", S("r")}}), Rule({{"name", S("x")}})})}});
  ValidateValue(b, config, {}, d);
  REQUIRE(d.size() == 2);
  CHECK(d.items()[0].severity == diag::Severity::kWarning);  // size is deprecated
  CHECK(*d.items()[1].attribute == Path().Attribute("rule").Index(1).Attribute("name"));
  diag::Diagnostics bad;
  ValidateValue(b, Config({{"name", S("zzz")}}), {}, bad);
  CHECK(bad.HasError());
}

}  // namespace
}  // namespace polybackup::framework

namespace polybackup::framework {
namespace {

TEST_CASE("nested attributes: inner computed values planned unknown on create; null stays null") {
  schema::Block b;
  schema::Attribute items;
  items.name = "items";
  items.optional = true;
  auto n = std::make_shared<schema::NestedAttributes>();
  n->nesting = schema::Nesting::kList;
  n->attributes = {A("k", Type::String(), "required"), A("arn", Type::String(), "computed")};
  items.nested = n;
  b.attributes = {items, A("id", Type::String(), "computed")};
  const Type t = b.ImpliedType();
  const Type et = t.attribute("items").element();
  Value config = Value::Object(
      t, {{"id", Value::Null(Type::String())},
          {"items", Value::List(et, {Value::Object(et, {{"k", S("a")},
                                                        {"arn", Value::Null(Type::String())}})})}});
  SchemaPlan p = PlanFromSchema(b, Value::Null(t), config, config);
  CHECK_FALSE(p.planned.GetAttr("items").Elements()[0].GetAttr("arn").is_known());
  CHECK(p.planned.GetAttr("items").Elements()[0].GetAttr("k") == S("a"));
  Value none = Value::Object(
      t, {{"id", Value::Null(Type::String())}, {"items", Value::Null(t.attribute("items"))}});
  SchemaPlan q = PlanFromSchema(b, Value::Null(t), none, none);
  CHECK(q.planned.GetAttr("items").is_null());  // optional, not computed: stays null
}

}  // namespace
}  // namespace polybackup::framework

namespace polybackup::framework {
namespace {

TEST_CASE("NormalizeState: GROUP blocks are never null") {
  schema::Block b;
  auto inner = std::make_shared<schema::Block>();
  inner->attributes = {A("x", Type::String(), "optional")};
  schema::NestedBlock g;
  g.type_name = "g";
  g.block = inner;
  g.nesting = schema::Nesting::kGroup;
  b.block_types = {g};
  const Type t = b.ImpliedType();
  Value v = Value::Object(t, {{"g", Value::Null(t.attribute("g"))}});
  Value out = NormalizeState(b, v);
  REQUIRE_FALSE(out.GetAttr("g").is_null());
  CHECK(out.GetAttr("g").GetAttr("x").is_null());
}

}  // namespace
}  // namespace polybackup::framework
