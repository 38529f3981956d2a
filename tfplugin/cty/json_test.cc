#include "tfplugin/cty/json.h"

#include "doctest/doctest.h"
#include "tfplugin/cty/path.h"

namespace polybackup::cty {
namespace {

Value S(const char* s) { return Value::String(s); }
Value N(const char* s) { return Value::Number(*Number::Parse(s)); }

Value Dec(std::string_view json, const Type& t) {
  auto v = DecodeJson(json, t);
  REQUIRE_MESSAGE(v.ok(), std::string(v.status().message()));
  return *v;
}
std::string Err(std::string_view json, const Type& t) {
  auto v = DecodeJson(json, t);
  REQUIRE_FALSE(v.ok());
  return std::string(v.status().message());
}
std::string Enc(const Value& v, const Type& t) {
  auto j = EncodeJson(v, t);
  REQUIRE_MESSAGE(j.ok(), std::string(j.status().message()));
  return *j;
}

const Type kRule = Type::Object({{"lifecycle", Type::Number()}, {"name", Type::String()}});
const Type kState = Type::Object({{"id", Type::String()},
                                  {"rules", Type::List(kRule)},
                                  {"tags", Type::Map(Type::String())},
                                  {"zones", Type::Set(Type::String())},
                                  {"extra", Type::Dynamic()}});

TEST_CASE("numbers stay exact in both directions") {
  for (const char* s : {"0.1", "99.96", "1e400", "18446744073709551615", "-0.000001",
                        "123456789012345678901234567890.5"}) {
    CAPTURE(s);
    Value v = Dec(s, Type::Number());
    CHECK(v == N(s));
    CHECK(Enc(v, Type::Number()) == Number::Parse(s)->text());
  }
  CHECK(Dec("-0", Type::Number()) == N("0"));
  CHECK(Dec("1E+2", Type::Number()).AsNumber().text() == "100");
  CHECK(Dec("\"12.50\"", Type::Number()) == N("12.5"));  // cty accepts numbers as strings
  CHECK_FALSE(EncodeJson(Value::Number(Number::PositiveInfinity()), Type::Number()).ok());
}

TEST_CASE("a resource state round trips") {
  std::string json =
      R"({"extra":{"value":{"a":[1,0.1]},"type":["object",{"a":["list","number"]}]},"id":"p-1",)"
      R"("rules":[{"lifecycle":35,"name":"daily"},{"lifecycle":null,"name":"w\"eekly\u00e9"}],)"
      R"("tags":{"env":"prod"},"zones":["b","a","b"]})";
  Value v = Dec(json, kState);
  CHECK(v.GetAttr("zones").Length() == 2);
  CHECK(v.GetAttr("extra").type() == Type::Object({{"a", Type::List(Type::Number())}}));
  CHECK(GetPath(v, Path().Attribute("rules").Index(1).Attribute("name"))->AsString() ==
        "w\"eekly\xc3\xa9");
  std::string again = Enc(v, kState);
  CHECK(Dec(again, kState) == v);
  CHECK(again.find(R"("zones":["a","b"])") != std::string::npos);
  CHECK(again.find(R"({"value":{"a":[1,0.1]},"type":["object",{"a":["list","number"]}]})") !=
        std::string::npos);
}

TEST_CASE("null, missing attributes and dynamic nulls") {
  Value v = Dec(R"({"id":"x"})", kState);  // go-cty fills missing attributes with null
  CHECK(v.GetAttr("rules").is_null());
  CHECK(v.GetAttr("rules").type() == Type::List(kRule));
  CHECK(v.GetAttr("extra").is_null());
  CHECK(Dec("null", kState).is_null());
  CHECK(Enc(Value::Null(kState), kState) == "null");
  CHECK(Enc(Value(), Type::Dynamic()) == "null");
  CHECK(Enc(Value::Null(Type::String()), Type::Dynamic()) == R"({"value":null,"type":"string"})");
  CHECK(Dec(R"({"value":null,"type":"string"})", Type::Dynamic()).type() == Type::String());
  CHECK(Dec(R"( { "type" : "bool" , "value" : true } )", Type::Dynamic()) == Value::Bool(true));
}

TEST_CASE("strict and lenient object decoding") {
  std::string old =
      R"({"id":"x","removed_attr":{"deep":[1,2,{"x":null}]},"rules":[{"name":"a","gone":1}]})";
  CHECK(Err(old, kState) == "unsupported attribute \"removed_attr\"");
  auto lenient = DecodeJsonLenient(old, kState);
  REQUIRE(lenient.ok());
  CHECK(lenient->GetAttr("id").AsString() == "x");
  CHECK(GetPath(*lenient, Path().Attribute("rules").Index(0).Attribute("lifecycle"))->is_null());
  CHECK(lenient->GetAttr("tags").is_null());
}

TEST_CASE("cty's lenient primitive conversions") {
  CHECK(Dec("12", Type::String()) == S("12"));
  CHECK(Dec("1.50", Type::String()) == S("1.50"));  // the text as written
  CHECK(Dec("true", Type::String()) == S("true"));
  CHECK(Dec("\"false\"", Type::Bool()) == Value::Bool(false));
  CHECK(Err("\"yes\"", Type::Bool()) == "a bool is required");
  CHECK(Err("[]", Type::String()) == "a string is required");
}

TEST_CASE("errors name the path") {
  CHECK(Err(R"({"rules":[{"lifecycle":1},{"lifecycle":2},{"lifecycle":true}]})", kState) ==
        ".rules[2].lifecycle: a number is required");
  CHECK(Err(R"({"tags":{"k":{}}})", kState) == ".tags[\"k\"]: a string is required");
  CHECK(Err(R"(["a"])", Type::Tuple({Type::String(), Type::String()})) ==
        "not enough tuple elements (need 2)");
  CHECK(Err(R"(["a","b"])", Type::Tuple({Type::String()})) == "too many tuple elements (need 1)");
  CHECK(Err(R"({"value":1})", Type::Dynamic()) == "missing type in dynamically-typed value");
  CHECK(Err(R"({"type":"number"})", Type::Dynamic()) == "missing value in dynamically-typed value");
  CHECK(Err(R"({"type":"number","value":1,"x":2})", Type::Dynamic()) ==
        "invalid key \"x\" in dynamically-typed value");
  CHECK(
      Err(R"({"extra":{"type":"nope","value":1}})", kState).rfind(".extra: invalid type JSON", 0) ==
      0);
}

TEST_CASE("unknowns cannot be encoded") {
  Value v = Value::Object(kRule, {{"lifecycle", Value::Unknown(Type::Number())}, {"name", S("a")}});
  auto j = EncodeJson(v, kRule);
  CHECK(j.status().message() == ".lifecycle: value is not known");
  CHECK_FALSE(EncodeJson(Value::ObjectFrom({{"name", S("a")}}), kRule).ok());
}

TEST_CASE("malformed JSON is an error, never a crash") {
  std::string good =
      R"({"extra":{"value":[1,"x"],"type":["tuple",["number","string"]]},"id":"a\u0041",)"
      R"("rules":[{"lifecycle":1.5e3,"name":"n"}],"tags":{"k":"v"},"zones":["z"]})";
  REQUIRE(DecodeJson(good, kState).ok());
  for (size_t cut = 0; cut < good.size(); ++cut) {
    CAPTURE(cut);
    CHECK_FALSE(DecodeJson(std::string_view(good).substr(0, cut), kState).ok());
  }
  for (const char* bad : {"{", "{\"id\":}", "{\"id\":\"a\",}", "{\"id\" \"a\"}", "[1,]", "01", "1.",
                          "-", "\"\\x\"", "\"\\u12\"", "\"a\nb\"", "tru", "{} x", "nul"}) {
    CAPTURE(bad);
    CHECK_FALSE(DecodeJson(bad, Type::Dynamic()).ok());
    CHECK_FALSE(DecodeJson(bad, kState).ok());
  }
  std::string deep(100000, '[');
  CHECK(DecodeJsonLenient("{\"x\":" + deep, Type::Object({}))
            .status()
            .message()
            .find("nested too deeply") != std::string::npos);
  CHECK_FALSE(DecodeJson(deep, Type::List(Type::Dynamic())).ok());
}

TEST_CASE("string escapes") {
  CHECK(Dec(R"("\ud83d\ude00 \/ \b\f\n\r\t")", Type::String()).AsString() ==
        "\xf0\x9f\x98\x80 / \b\f\n\r\t");
  CHECK(Dec(R"("\ud800x")", Type::String()).AsString() == "\xef\xbf\xbdx");  // lone surrogate
  CHECK(Enc(S("a\"b\\c\n\x01"), Type::String()) == R"("a\"b\\c\n\u0001")");
}

}  // namespace
}  // namespace polybackup::cty
