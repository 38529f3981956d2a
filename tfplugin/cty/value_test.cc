#include "tfplugin/cty/value.h"

#include "doctest/doctest.h"
#include "tfplugin/cty/path.h"
#include "tfplugin/cty/transform.h"

namespace polybackup::cty {
namespace {

Value S(const char* s) { return Value::String(s); }
Value N(const char* s) { return Value::Number(*Number::Parse(s)); }

TEST_CASE("Type JSON round trips, including optional attributes") {
  for (const char* j :
       {R"("string")", R"("number")", R"("bool")", R"("dynamic")", R"(["list","string"])",
        R"(["set",["map","number"]])", R"(["object",{"a":"bool","b":["list","dynamic"]}])",
        R"(["object",{"a":"bool","b":"string"},["b"]])", R"(["tuple",["string","bool"]])",
        R"(["tuple",[]])", R"(["object",{}])"}) {
    CAPTURE(j);
    auto t = Type::FromJson(j);
    REQUIRE(t.ok());
    CHECK(t->ToJson() == j);
  }
  auto opt = Type::FromJson(R"(["object",{"a":"bool","b":"string"},["b"]])");
  CHECK(opt->optional_attributes() == std::set<std::string>{"b"});
  // Optional markers are ignored for equality.
  CHECK(*opt == *Type::FromJson(R"(["object",{"a":"bool","b":"string"}])"));
  CHECK(Type::List(Type::String()) != Type::Set(Type::String()));
  CHECK(Type::List(Type::String()).FriendlyName() == "list of string");
}

TEST_CASE("Type JSON rejects garbage and deep nesting") {
  for (const char* j :
       {"", "\"str\"", "[\"list\"]", "[\"list\",\"string\",\"x\"]", "{}", "42", "[\"object\",[]]",
        "[\"object\",{\"a\":\"bool\"},[\"zz\"]]", "[\"tuple\",\"string\"]", "[\"nope\",\"string\"]",
        "[\"list\",\"string\""}) {
    CAPTURE(j);
    CHECK_FALSE(Type::FromJson(j).ok());
  }
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "[\"list\",";
  deep += "\"string\"";
  for (int i = 0; i < 100000; ++i) deep += "]";
  CHECK_FALSE(Type::FromJson(deep).ok());
}

TEST_CASE("null, unknown and known are distinct") {
  Value null_s = Value::Null(Type::String());
  Value unk_s = Value::Unknown(Type::String());
  CHECK(null_s.is_null());
  CHECK(null_s.is_known());
  CHECK_FALSE(unk_s.is_known());
  CHECK_FALSE(unk_s.is_null());
  CHECK(null_s != unk_s);
  CHECK(null_s != S(""));
  CHECK(unk_s == Value::Unknown(Type::String(), Refinements{.nullable = false}));
  CHECK(unk_s != Value::Unknown(Type::Number()));
  CHECK(Value().type().is_dynamic());
  CHECK(Value().is_null());
}

TEST_CASE("equality: numbers by value, sets by content") {
  CHECK(N("1.0") == N("1"));
  CHECK(N("0.1") != Value::Number(Number::FromDouble(0.1)));
  Value s1 = Value::Set(Type::String(), {S("b"), S("a"), S("b")});
  Value s2 = Value::Set(Type::String(), {S("a"), S("b")});
  CHECK(s1.Length() == 2);
  CHECK(s1 == s2);
  CHECK(s1.Elements()[0].AsString() == "a");
  Value l1 = Value::List(Type::String(), {S("a"), S("b")});
  Value l2 = Value::List(Type::String(), {S("b"), S("a")});
  CHECK(l1 != l2);
  CHECK(l1 != s2);  // different types
}

TEST_CASE("set elements containing unknowns never collapse (as in go-cty)") {
  Type blk = Type::Object({{"id", Type::String()}, {"name", Type::String()}});
  Value a = Value::Object(blk, {{"id", Value::Unknown(Type::String())}, {"name", S("x")}});
  CHECK(Value::Set(blk, {a, a}).Length() == 2);
  CHECK(Value::Set(Type::String(), {Value::Unknown(Type::String()), Value::Unknown(Type::String())})
            .Length() == 2);
  Value n = Value::Null(Type::String());
  CHECK(Value::Set(Type::String(), {n, n, S("a")}).Length() == 2);
}

TEST_CASE("wholly known tracks nested unknowns") {
  Value obj = Value::ObjectFrom({{"a", S("x")}, {"b", Value::Unknown(Type::Number())}});
  CHECK(obj.is_known());
  CHECK_FALSE(obj.is_wholly_known());
  CHECK(Value::ObjectFrom({{"a", Value::Null(Type::String())}}).is_wholly_known());
  CHECK(obj.GetAttr("a").AsString() == "x");
  CHECK(LookupAttr(obj, "zz") == nullptr);
  CHECK(LookupAttr(Value::Null(obj.type()), "a") == nullptr);
}

TEST_CASE("DebugString") {
  Value v = Value::ObjectFrom({{"a", S("x")},
                               {"b", Value::List(Type::Number(), {N("1"), N("2.5")})},
                               {"c", Value::Unknown(Type::String())},
                               {"d", Value::Null(Type::Bool())}});
  CHECK(v.DebugString() == R"({"a": "x", "b": [1, 2.5], "c": (unknown), "d": null})");
}

TEST_CASE("Path rendering and lookup") {
  Path p = Path().Attribute("rules").Index(2).Attribute("lifecycle");
  CHECK(p.ToString() == ".rules[2].lifecycle");
  CHECK(Path().Attribute("tags").Key("env").ToString() == R"(.tags["env"])");
  CHECK(p.HasPrefix(Path().Attribute("rules")));
  CHECK_FALSE(Path().Attribute("rules").HasPrefix(p));
  CHECK(p.Parent() == Path().Attribute("rules").Index(2));

  Type rule = Type::Object({{"lifecycle", Type::Number()}});
  Value rules = Value::List(rule, {Value::Object(rule, {{"lifecycle", N("1")}}),
                                   Value::Object(rule, {{"lifecycle", N("7")}})});
  Value root = Value::ObjectFrom(
      {{"rules", rules}, {"tags", Value::Map(Type::String(), {{"env", S("prod")}})}});
  const Value* got = GetPath(root, Path().Attribute("rules").Index(1).Attribute("lifecycle"));
  REQUIRE(got != nullptr);
  CHECK(*got == N("7"));
  CHECK(GetPath(root, Path().Attribute("tags").Key("env"))->AsString() == "prod");
  CHECK(GetPath(root, Path().Attribute("rules").Index(2)) == nullptr);
  CHECK(GetPath(root, Path().Attribute("tags").Attribute("env")) == nullptr);  // wrong step kind
  CHECK(GetPath(root, Path().Attribute("rules").Key("x")) == nullptr);
  CHECK(GetPath(root, Path()) == &root);
}

TEST_CASE("TrimAtSet stops paths at sets") {
  Type copy = Type::Object({{"dest", Type::String()}});
  Type rule = Type::Object({{"copy", Type::Set(copy)}, {"name", Type::String()}});
  Type root = Type::Object({{"rules", Type::List(rule)}, {"ids", Type::Set(Type::String())}});
  Path into_set = Path().Attribute("rules").Index(0).Attribute("copy").Index(3).Attribute("dest");
  CHECK(TrimAtSet(into_set, root) == Path().Attribute("rules").Index(0).Attribute("copy"));
  CHECK(TrimAtSet(Path().Attribute("ids").Index(1), root) == Path().Attribute("ids"));
  Path plain = Path().Attribute("rules").Index(0).Attribute("name");
  CHECK(TrimAtSet(plain, root) == plain);
  CHECK(TrimAtSet(Path().Attribute("nope").Index(1), root) == Path().Attribute("nope").Index(1));
  CHECK(TrimAtSet(Path(), root) == Path());
}

TEST_CASE("Transform rewrites post-order with paths; Walk visits pre-order") {
  Type inner = Type::Object({{"id", Type::String()}, {"n", Type::Number()}});
  Value v = Value::ObjectFrom(
      {{"items", Value::List(inner, {Value::Object(inner, {{"id", Value::Unknown(Type::String())},
                                                           {"n", N("1")}})})},
       {"name", Value::Unknown(Type::String())}});
  std::vector<std::string> seen;
  Value out = Transform(v, [&](const Path& p, const Value& x) {
    seen.push_back(p.ToString());
    return x.is_known() ? x : Value::Null(x.type());
  });
  CHECK(out.is_wholly_known());
  CHECK(GetPath(out, Path().Attribute("items").Index(0).Attribute("id"))->is_null());
  CHECK(seen == std::vector<std::string>{".items[0].id", ".items[0].n", ".items[0]", ".items",
                                         ".name", ""});
  std::vector<std::string> walked;
  Walk(v, [&](const Path& p, const Value&) {
    walked.push_back(p.ToString());
    return p.size() < 1;  // do not descend below the top-level attributes
  });
  CHECK(walked == std::vector<std::string>{"", ".items", ".name"});
  auto failed = TransformOr(v, [](const Path& p, const Value& x) -> absl::StatusOr<Value> {
    if (!x.is_known()) return absl::InvalidArgumentError(p.ToString());
    return x;
  });
  CHECK(failed.status().message() == ".items[0].id");
}

TEST_CASE("Transform re-canonicalises sets") {
  Value s = Value::Set(Type::String(), {S("a"), S("b")});
  Value out = Transform(s, [](const Path& p, const Value& x) { return p.empty() ? x : S("z"); });
  CHECK(out.Length() == 1);
}

}  // namespace
}  // namespace polybackup::cty
