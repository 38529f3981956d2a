#include "tfplugin/framework/convert.h"

#include "doctest/doctest.h"
#include "tfplugin/cty/msgpack.h"
#include "tfplugin/schema/model.h"

namespace polybackup::framework {
namespace {

struct Rule {
  schema::String name;
};
struct Thing {
  schema::String id;
  schema::String name;
  schema::Map<std::string> tags;
  std::vector<Rule> rule;
};

schema::Schema ThingSchema() {
  schema::ModelSchema<Rule> r;
  r.Attribute("name", &Rule::name).Required();
  schema::ModelSchema<Thing> s;
  s.Version(3).MarkdownDescription("**A** thing.").Timeouts({});
  s.Attribute("id", &Thing::id).Computed();
  s.Attribute("name", &Thing::name).Required().Sensitive().Description("The name.");
  s.Attribute("tags", &Thing::tags).Optional().Deprecated("Use labels.");
  s.Block("rule", &Thing::rule, r).AsSet().MinItems(1).MaxItems(4);
  return s.ToSchema();
}

TEST_CASE("SchemaToProto carries types, flags, nesting and descriptions") {
  tfplugin6::Schema p = SchemaToProto(ThingSchema());
  CHECK(p.version() == 3);
  const auto& b = p.block();
  CHECK(b.description() == "**A** thing.");
  CHECK(b.description_kind() == tfplugin6::StringKind::MARKDOWN);
  REQUIRE(b.attributes_size() == 3);
  const auto& name = b.attributes(1);
  CHECK(name.name() == "name");
  CHECK(name.type() == "\"string\"");
  CHECK(name.required());
  CHECK_FALSE(name.optional());
  CHECK(name.sensitive());
  CHECK(name.description() == "The name.");
  CHECK(name.description_kind() == tfplugin6::StringKind::PLAIN);
  const auto& tags = b.attributes(2);
  CHECK(tags.type() == "[\"map\",\"string\"]");
  CHECK(tags.deprecated());
  CHECK(tags.deprecation_message() == "Use labels.");
  CHECK(b.attributes(0).computed());
  REQUIRE(b.block_types_size() == 2);
  const auto& timeouts = b.block_types(0);
  CHECK(timeouts.type_name() == "timeouts");
  CHECK(timeouts.nesting() == tfplugin6::Schema::NestedBlock::SINGLE);
  CHECK(timeouts.block().attributes_size() == 4);
  const auto& rule = b.block_types(1);
  CHECK(rule.nesting() == tfplugin6::Schema::NestedBlock::SET);
  CHECK(rule.min_items() == 1);
  CHECK(rule.max_items() == 4);
  CHECK(rule.block().attributes(0).name() == "name");
}

TEST_CASE("nested attributes are sent as nested_type, not type") {
  schema::Schema s;
  schema::Attribute a;
  a.name = "items";
  a.optional = true;
  auto n = std::make_shared<schema::NestedAttributes>();
  n->nesting = schema::Nesting::kList;
  schema::Attribute k;
  k.name = "k";
  k.type = cty::Type::Bool();
  k.required = true;
  n->attributes.push_back(k);
  a.nested = n;
  s.block.attributes.push_back(a);
  tfplugin6::Schema p = SchemaToProto(s);
  const auto& pa = p.block().attributes(0);
  CHECK(pa.type().empty());
  CHECK(pa.nested_type().nesting() == tfplugin6::Schema::Object::LIST);
  CHECK(pa.nested_type().attributes(0).type() == "\"bool\"");
}

TEST_CASE("diagnostics convert with severity and attribute path; paths round trip") {
  diag::Diagnostics d;
  d.AddWarning("w");
  cty::Path path = cty::Path().Attribute("rule").Index(2).Attribute("tags").Key("env");
  d.AddAttributeError(path, "e", "detail");
  google::protobuf::RepeatedPtrField<tfplugin6::Diagnostic> out;
  ToProto(d, &out);
  REQUIRE(out.size() == 2);
  CHECK(out[0].severity() == tfplugin6::Diagnostic::WARNING);
  CHECK_FALSE(out[0].has_attribute());
  CHECK(out[1].severity() == tfplugin6::Diagnostic::ERROR);
  CHECK(out[1].detail() == "detail");
  REQUIRE(out[1].attribute().steps_size() == 4);
  CHECK(out[1].attribute().steps(1).element_key_int() == 2);
  CHECK(out[1].attribute().steps(3).element_key_string() == "env");
  CHECK(PathFromProto(out[1].attribute()) == path);
}

TEST_CASE("diagnostics are sent as well-formed UTF-8; well-formed text is kept as is") {
  const std::string fffd = "\xEF\xBF\xBD";
  diag::Diagnostics d;
  d.AddAttributeError(cty::Path().Attribute("tags").Key("k\xff"), "bad \xc0\xaf value",
                      "got \"\xed\xa0\x80\", caf\xC3\xA9 \xE2\x82\xAC");
  cty::Path odd_name = cty::Path().Attribute("a\xf4\x90\x80\x80");  // > U+10FFFF
  d.AddAttributeWarning(odd_name, "w");
  google::protobuf::RepeatedPtrField<tfplugin6::Diagnostic> out;
  ToProto(d, &out);
  REQUIRE(out.size() == 2);
  CHECK(out[0].summary() == "bad " + fffd + fffd + " value");
  CHECK(out[0].detail() == "got \"" + fffd + fffd + fffd + "\", caf\xC3\xA9 \xE2\x82\xAC");
  CHECK(out[0].attribute().steps(0).attribute_name() == "tags");
  CHECK(out[0].attribute().steps(1).element_key_string() == "k" + fffd);
  CHECK(out[1].attribute().steps(0).attribute_name() == "a" + fffd + fffd + fffd + fffd);
  tfplugin6::Diagnostic decoded;
  for (const auto& p : out) CHECK(decoded.ParseFromString(p.SerializeAsString()));
}

TEST_CASE("DecodeDynamic: msgpack, json fallback, empty = null, garbage = named error") {
  const cty::Type t = cty::Type::Object({{"a", cty::Type::String()}});
  const cty::Value v = cty::Value::Object(t, {{"a", cty::Value::String("x")}});
  tfplugin6::DynamicValue dv;
  dv.set_msgpack(*cty::EncodeMsgpack(v, t));
  CHECK(*DecodeDynamic(dv, t) == v);
  tfplugin6::DynamicValue js;
  js.set_json("{\"a\":\"x\"}");
  CHECK(*DecodeDynamic(js, t) == v);
  CHECK(DecodeDynamic(tfplugin6::DynamicValue(), t)->is_null());
  tfplugin6::DynamicValue bad;
  bad.set_msgpack("\x81\xa1");
  diag::Diagnostics d;
  cty::Value out;
  CHECK_FALSE(DecodeDynamic(bad, t, "planned_state", d, &out));
  REQUIRE(d.HasError());
  CHECK(d.items()[0].summary == "Invalid planned_state");
}

TEST_CASE("EncodeDynamic writes msgpack, and reports a value that does not fit") {
  const cty::Type t = cty::Type::Object({{"a", cty::Type::String()}});
  tfplugin6::DynamicValue dv;
  diag::Diagnostics d;
  EncodeDynamic(cty::Value::Null(t), t, &dv, d);
  CHECK(d.empty());
  CHECK(dv.msgpack() == std::string("\xc0", 1));
  EncodeDynamic(cty::Value::String("x"), t, &dv, d);
  CHECK(d.HasError());
}

TEST_CASE("private state bytes <-> JSON object") {
  diag::Diagnostics d;
  CHECK(PrivateFromBytes("", d) == nlohmann::json::object());
  CHECK(PrivateFromBytes("{\"k\":1}", d)["k"] == 1);
  CHECK(d.empty());
  CHECK(PrivateFromBytes("not json", d) == nlohmann::json::object());
  CHECK(d.size() == 1);
  CHECK(PrivateToBytes(nlohmann::json::object()).empty());
  CHECK(PrivateToBytes({{"k", 1}}) == "{\"k\":1}");
}

}  // namespace
}  // namespace polybackup::framework
