// Provider functions through the service: GetFunctions / GetProviderSchema
// describe them, CallFunction decodes the arguments against the parameter
// types, runs the body, and answers a value or a FunctionError that points
// at the argument.
#include "tfplugin/framework/function.h"

#include <doctest/doctest.h>

#include "tfplugin/cty/msgpack.h"
#include "tfplugin/framework/service.h"

namespace polybackup::framework {
namespace {

using cty::Type;
using cty::Value;

struct Pair {
  schema::String first;
  schema::Int64 second;
};

schema::ModelSchema<Pair> PairSchema() {
  schema::ModelSchema<Pair> s;
  s.Attribute("first", &Pair::first).Computed().Description("The text.");
  s.Attribute("second", &Pair::second).Computed().Description("Its length.");
  return s;
}

ProviderDefinition Definition() {
  ProviderBuilder b;
  Function repeat("repeat");
  repeat.Summary("Repeats a text")
      .MarkdownDescription("`repeat(\"ab\", 2)` is `\"abab\"`.")
      .Param<std::string>("text", "What to repeat.")
      .Param<int64_t>("times", "How often, 0 to 10.")
      .Returns<std::string>()
      .Body([](const FunctionArgs& a) -> FunctionResult {
        const int64_t n = a.Get<int64_t>(1);
        if (n < 0 || n > 10) return FunctionError(1, "times must be from 0 to 10");
        std::string out;
        for (int64_t i = 0; i < n; ++i) out += a.Get<std::string>(0);
        return Return(out);
      });
  b.AddFunction(std::move(repeat));
  static const auto* pair = new schema::ModelSchema<Pair>([] {
    auto s = PairSchema();
    s.Freeze();
    return s;
  }());
  Function measure("measure");
  measure.Summary("A text and its length")
      .MarkdownDescription("An object.")
      .Param<std::string>("text", "The text, or null.")
      .AllowNull()
      .ReturnsObject(*pair)
      .Body([](const FunctionArgs& a) -> FunctionResult {
        Pair p;
        schema::String text = a.GetField<std::string>(0);
        p.first = text.value_or("(null)");
        p.second = static_cast<int64_t>(p.first->size());
        return pair->Encode(p);
      });
  b.AddFunction(std::move(measure));
  Function wrong("wrong");
  wrong.Summary("Returns the wrong type")
      .MarkdownDescription("A bug.")
      .Returns<std::string>()
      .Body([](const FunctionArgs&) -> FunctionResult { return Return(int64_t{1}); });
  b.AddFunction(std::move(wrong));
  return std::move(b).Build();
}

tfplugin6::DynamicValue Dv(const Value& v) {
  tfplugin6::DynamicValue dv;
  dv.set_msgpack(*cty::EncodeMsgpack(v, v.type()));
  return dv;
}

tfplugin6::CallFunction::Response Call(ProviderService& s, const std::string& name,
                                       const std::vector<Value>& args) {
  tfplugin6::CallFunction::Request req;
  req.set_name(name);
  for (const auto& a : args) *req.add_arguments() = Dv(a);
  tfplugin6::CallFunction::Response resp;
  CHECK(s.CallFunction(nullptr, &req, &resp).ok());
  return resp;
}

TEST_CASE("functions are described by GetFunctions, GetProviderSchema and GetMetadata") {
  ProviderDefinition def = Definition();
  CHECK(ValidateDefinition(def).empty());
  ProviderService s(std::move(def));
  tfplugin6::GetFunctions::Response fns;
  CHECK(s.GetFunctions(nullptr, nullptr, &fns).ok());
  REQUIRE(fns.functions().count("repeat") == 1);
  const auto& f = fns.functions().at("repeat");
  CHECK(f.summary() == "Repeats a text");
  REQUIRE(f.parameters_size() == 2);
  CHECK(f.parameters(1).name() == "times");
  CHECK(f.parameters(1).type() == "\"number\"");
  CHECK(f.return_().type() == "\"string\"");
  CHECK(fns.functions().at("measure").parameters(0).allow_null_value());
  tfplugin6::GetProviderSchema::Response schema;
  CHECK(s.GetProviderSchema(nullptr, nullptr, &schema).ok());
  CHECK(schema.functions().size() == 3);
  tfplugin6::GetProviderMetadata::Response meta;
  CHECK(s.GetMetadata(nullptr, nullptr, &meta).ok());
  CHECK(meta.functions_size() == 3);
}

TEST_CASE("CallFunction: a value, an error at the argument, null only where allowed") {
  ProviderService s(Definition());
  auto ok = Call(s, "repeat", {Value::String("ab"), Value::NumberInt(2)});
  CHECK_FALSE(ok.has_error());
  CHECK(*cty::DecodeMsgpack(ok.result().msgpack(), Type::String()) == Value::String("abab"));

  auto bad = Call(s, "repeat", {Value::String("ab"), Value::NumberInt(11)});
  REQUIRE(bad.has_error());
  CHECK(bad.error().function_argument() == 1);
  CHECK(bad.error().text().find("0 to 10") != std::string::npos);

  auto null = Call(s, "repeat", {Value::Null(Type::String()), Value::NumberInt(1)});
  REQUIRE(null.has_error());
  CHECK(null.error().function_argument() == 0);

  auto count = Call(s, "repeat", {Value::String("ab")});
  REQUIRE(count.has_error());
  CHECK_FALSE(count.error().has_function_argument());
  CHECK(count.error().text().find("takes 2 arguments") != std::string::npos);

  auto wrong_type = Call(s, "repeat", {Value::Bool(true), Value::NumberInt(1)});
  REQUIRE(wrong_type.has_error());
  CHECK(wrong_type.error().function_argument() == 0);

  auto measured = Call(s, "measure", {Value::Null(Type::String())});
  REQUIRE_FALSE(measured.has_error());
  Value m = *cty::DecodeMsgpack(measured.result().msgpack(), PairSchema().Type());
  CHECK(m.GetAttr("first") == Value::String("(null)"));
  CHECK(m.GetAttr("second").AsNumber().ToInt64() == 6);

  auto unknown = Call(s, "nope", {});
  REQUIRE(unknown.has_error());
  CHECK(unknown.error().text().find("no function \"nope\"") != std::string::npos);

  auto bug = Call(s, "wrong", {});
  REQUIRE(bug.has_error());
  CHECK(bug.error().text().find("provider bug") != std::string::npos);
}

}  // namespace
}  // namespace polybackup::framework
