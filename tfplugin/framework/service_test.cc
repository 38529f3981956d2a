// Every RPC of ProviderService, called directly on the service object (no
// network), against the test resources and a few purpose-built ones.
#include "tfplugin/framework/service.h"

#include <future>
#include <thread>

#include "base/utf8.h"
#include "doctest/doctest.h"
#include "tfplugin/cty/msgpack.h"
#include "tfplugin/framework/resource.h"
#include "tfplugin/framework/testing/test_resources.h"

namespace polybackup::framework {
namespace {

using cty::Type;
using cty::Value;

Value S(const std::string& s) { return Value::String(s); }

Value Obj(const Type& t, std::map<std::string, Value> set) {
  std::map<std::string, Value> attrs;
  for (const auto& [n, at] : t.attributes()) {
    auto it = set.find(n);
    if (it != set.end())
      attrs.emplace(n, it->second);
    else if (at.kind() == Type::Kind::kList)
      attrs.emplace(n, Value::List(at.element(), {}));
    else
      attrs.emplace(n, Value::Null(at));
  }
  return Value::Object(t, std::move(attrs));
}

tfplugin6::DynamicValue DV(const Value& v, const Type& t) {
  tfplugin6::DynamicValue dv;
  dv.set_msgpack(*cty::EncodeMsgpack(v, t));
  return dv;
}

Value FromDV(const tfplugin6::DynamicValue& dv, const Type& t) {
  auto v = cty::DecodeMsgpack(dv.msgpack(), t);
  REQUIRE(v.ok());
  return *v;
}

template <class R>
std::string Errors(const R& response) {
  std::string out;
  for (const auto& d : response.diagnostics()) {
    if (d.severity() == tfplugin6::Diagnostic::ERROR) out += d.summary() + ": " + d.detail() + "\n";
  }
  return out;
}

// `dv` with its msgpack bytes `from` replaced (once) by `to`: how these tests
// put a msgpack bin where Terraform would send a str.
tfplugin6::DynamicValue Patched(tfplugin6::DynamicValue dv, const std::string& from,
                                const std::string& to) {
  std::string bytes = dv.msgpack();
  const size_t at = bytes.find(from);
  REQUIRE(at != std::string::npos);
  bytes.replace(at, from.size(), to);
  dv.set_msgpack(bytes);
  return dv;
}

// Every string in the response's diagnostics is well-formed UTF-8, by our
// validator and by protobuf's own decoder (which refuses the whole message
// otherwise, as Terraform's does).
template <class R>
void CheckWellFormed(const R& response) {
  for (const auto& d : response.diagnostics()) {
    CHECK(utf8::IsValid(d.summary()));
    CHECK(utf8::IsValid(d.detail()));
    for (const auto& step : d.attribute().steps()) {
      CHECK(utf8::IsValid(step.attribute_name()));
      CHECK(utf8::IsValid(step.element_key_string()));
    }
  }
  R decoded;
  CHECK(decoded.ParseFromString(response.SerializeAsString()));
}

// ---- purpose-built resources

struct M {
  schema::String id;
  schema::String value;
};

struct Clients {
  std::string endpoint;
};

schema::ModelSchema<M> MSchema() {
  schema::ModelSchema<M> s;
  s.Timeouts({.create = std::chrono::minutes(3)});
  s.Attribute("id", &M::id).Computed();
  s.Attribute("value", &M::value).Optional();
  return s;
}

// Create behaviour chosen by `value`: "throw", "unknown", "needs-provider",
// "wait-for-stop", "deadline"; anything else succeeds.
class Special : public Resource<M> {
 public:
  std::promise<void> started;
  std::string TypeSuffix() const override { return "special"; }
  schema::ModelSchema<M> DefineSchema() const override { return MSchema(); }
  ApplyResult<M> Create(Context& ctx, const M& plan) override {
    const std::string v = plan.value.value_or("");
    M out = plan;
    out.id = "s-1";
    if (v == "throw") throw std::runtime_error("boom");
    if (v == "checkpoint-then-throw") {
      Checkpoint(ctx, out);
      throw std::runtime_error("boom after the object exists");
    }
    if (v == "checkpoint-then-fail") {
      Checkpoint(ctx, out);
      ctx.AddError("creating special (s-1): the second step failed");
      return Failed();
    }
    if (v == "checkpoint-planned-then-fail") {
      Checkpoint(ctx, plan);  // id is still unknown in the plan
      ctx.AddError("creating special: the second step failed");
      return Failed();
    }
    if (v == "fail-silently") return Failed();
    if (v == "partial-silently") return Partial(out);
    if (v == "null-field") out.id = plan.id.value();  // id is null in a plan
    if (v == "cty-misuse") out.id = cty::Value::String("x").AsBool() ? "t" : "f";
    if (v == "status") {
      ctx.AddStatus(absl::NotFoundError("no such thing"), "creating special (s-1)");
      return Failed();
    }
    if (v == "unknown") out.id = schema::String::Unknown();
    if (v == "needs-provider") {
      Clients* c = ctx.ProviderData<Clients>();
      if (c == nullptr) return Failed();
      out.id = c->endpoint;
    }
    if (v == "wait-for-stop") {
      started.set_value();
      if (ctx.cancellation()->WaitFor(std::chrono::minutes(5))) {
        ctx.AddError("creating special: " + ctx.cancellation()->reason());
        return Failed();
      }
    }
    if (v == "deadline") {
      REQUIRE(ctx.deadline().has_value());
      out.id = std::to_string(std::chrono::duration_cast<std::chrono::minutes>(
                                  *ctx.deadline() - ctx.clock().Monotonic())
                                  .count());
    }
    return out;
  }
  // Read behaviour chosen by `value`: "gone", "fail-silently"; else found.
  ReadResult<M> Read(Context&, const M& s) override {
    if (s.value.value_or("") == "gone") return Gone("deleted in the test");
    if (s.value.value_or("") == "fail-silently") return Failed();
    return s;
  }
  ApplyResult<M> Update(Context&, const M&, const M& p) override { return p; }
  void Delete(Context&, const M&) override {}
};

struct ProviderConfig {
  schema::String endpoint;
};

struct Fixture {
  std::shared_ptr<Special> special = std::make_shared<Special>();
  FakeClock clock;
  std::unique_ptr<ProviderService> service;
  Fixture() {
    testing::ResetTestStore();
    ProviderBuilder b("polybackup", "1.0.0");
    schema::ModelSchema<ProviderConfig> pc;
    pc.Attribute("endpoint", &ProviderConfig::endpoint)
        .Optional()
        .Validate(schema::StringMatches("https://.+", "an https URL"));
    b.Configure(pc, [](Context& ctx, const ProviderConfig& c) -> std::shared_ptr<Clients> {
      if (!c.endpoint.is_known()) {
        ctx.AddError("Missing endpoint", "endpoint must be known");
        return nullptr;
      }
      return std::make_shared<Clients>(Clients{*c.endpoint});
    });
    b.DescribeStatusWith(
        [](const absl::Status& st) { return "described: " + std::string(st.message()); });
    testing::RegisterTestResources(b);
    b.AddResource(special);
    service = std::make_unique<ProviderService>(std::move(b).Build(), &clock);
  }
  const schema::Schema& SchemaOf(const std::string& type) {
    for (const auto& r : service->definition().resources) {
      if ("polybackup_" + r->TypeSuffix() == type) return r->GetSchema();
    }
    FAIL("no such type");
    throw 0;
  }
  void Configure(const Value& endpoint) {
    const Type t = service->definition().schema.ImpliedType();
    tfplugin6::ConfigureProvider::Request req;
    *req.mutable_config() = DV(Obj(t, {{"endpoint", endpoint}}), t);
    tfplugin6::ConfigureProvider::Response resp;
    CHECK(service->ConfigureProvider(nullptr, &req, &resp).ok());
    CHECK(Errors(resp) == "");
  }
  tfplugin6::PlanResourceChange::Response Plan(const std::string& type, const Value& prior,
                                               const Value& proposed, const Value& config,
                                               const std::string& priv = "") {
    const Type t = SchemaOf(type).ImpliedType();
    tfplugin6::PlanResourceChange::Request req;
    req.set_type_name(type);
    *req.mutable_prior_state() = DV(prior, t);
    *req.mutable_proposed_new_state() = DV(proposed, t);
    *req.mutable_config() = DV(config, t);
    req.set_prior_private(priv);
    tfplugin6::PlanResourceChange::Response resp;
    CHECK(service->PlanResourceChange(nullptr, &req, &resp).ok());
    return resp;
  }
  tfplugin6::ApplyResourceChange::Response Apply(const std::string& type, const Value& prior,
                                                 const Value& planned, const Value& config,
                                                 const std::string& priv = "") {
    const Type t = SchemaOf(type).ImpliedType();
    tfplugin6::ApplyResourceChange::Request req;
    req.set_type_name(type);
    *req.mutable_prior_state() = DV(prior, t);
    *req.mutable_planned_state() = DV(planned, t);
    *req.mutable_config() = DV(config, t);
    req.set_planned_private(priv);
    tfplugin6::ApplyResourceChange::Response resp;
    CHECK(service->ApplyResourceChange(nullptr, &req, &resp).ok());
    return resp;
  }
  tfplugin6::ReadResource::Response Read(const std::string& type, const Value& state,
                                         const std::string& priv = "") {
    const Type t = SchemaOf(type).ImpliedType();
    tfplugin6::ReadResource::Request req;
    req.set_type_name(type);
    *req.mutable_current_state() = DV(state, t);
    req.set_private_(priv);
    tfplugin6::ReadResource::Response resp;
    CHECK(service->ReadResource(nullptr, &req, &resp).ok());
    return resp;
  }
};

const char kThing[] = "polybackup_test_thing";

TEST_CASE("GetProviderSchema: every type, valid schemas, capabilities") {
  Fixture f;
  CHECK(ValidateDefinition(f.service->definition()).empty());
  tfplugin6::GetProviderSchema::Request req;
  tfplugin6::GetProviderSchema::Response resp;
  CHECK(f.service->GetProviderSchema(nullptr, &req, &resp).ok());
  CHECK(resp.has_provider());
  CHECK(resp.provider().block().attributes(0).name() == "endpoint");
  CHECK(resp.resource_schemas().count("polybackup_test_thing") == 1);
  CHECK(resp.resource_schemas().count("polybackup_test_broken_plan") == 1);
  CHECK(resp.resource_schemas().count("polybackup_special") == 1);
  CHECK(resp.data_source_schemas().count("polybackup_test_thing") == 1);
  CHECK(resp.server_capabilities().plan_destroy());
  CHECK_FALSE(resp.server_capabilities().get_provider_schema_optional());
  CHECK_FALSE(resp.server_capabilities().move_resource_state());
  CHECK(resp.diagnostics_size() == 0);
}

TEST_CASE("metadata, identity schemas, functions and unsupported RPCs") {
  Fixture f;
  tfplugin6::GetProviderMetadata::Response meta;
  CHECK(f.service->GetMetadata(nullptr, nullptr, &meta).ok());
  CHECK(meta.resources_size() == 4);
  CHECK(meta.data_sources_size() == 1);
  tfplugin6::GetResourceIdentitySchemas::Response ids;
  CHECK(f.service->GetResourceIdentitySchemas(nullptr, nullptr, &ids).ok());
  CHECK(ids.identity_schemas_size() == 0);
  CHECK(ids.diagnostics_size() == 0);
  tfplugin6::GetFunctions::Response fns;
  CHECK(f.service->GetFunctions(nullptr, nullptr, &fns).ok());
  CHECK(fns.functions_size() == 0);
  tfplugin6::CallFunction::Request call;
  call.set_name("x");
  tfplugin6::CallFunction::Response called;
  CHECK(f.service->CallFunction(nullptr, &call, &called).ok());
  CHECK(called.error().text().find("no function \"x\"") != std::string::npos);
  tfplugin6::OpenEphemeralResource::Response eph;
  CHECK(f.service->OpenEphemeralResource(nullptr, nullptr, &eph).ok());
  REQUIRE(eph.diagnostics_size() == 1);
  CHECK(eph.diagnostics(0).summary().find("not supported by this provider") != std::string::npos);
  tfplugin6::GenerateResourceConfig::Response gen;
  CHECK(f.service->GenerateResourceConfig(nullptr, nullptr, &gen).ok());
  CHECK(gen.diagnostics(0).severity() == tfplugin6::Diagnostic::ERROR);
  tfplugin6::StopProvider::Response stop;
  CHECK(f.service->StopProvider(nullptr, nullptr, &stop).ok());
  CHECK(stop.error().empty());
}

TEST_CASE("ValidateResourceConfig: validators with paths; unknowns skip validation") {
  Fixture f;
  const Type t = f.SchemaOf(kThing).ImpliedType();
  tfplugin6::ValidateResourceConfig::Request req;
  req.set_type_name(kThing);
  *req.mutable_config() = DV(Obj(t, {{"name", S("Bad Name")}, {"tier", S("gold")}}), t);
  tfplugin6::ValidateResourceConfig::Response resp;
  CHECK(f.service->ValidateResourceConfig(nullptr, &req, &resp).ok());
  REQUIRE(resp.diagnostics_size() == 2);
  CHECK(resp.diagnostics(0).attribute().steps(0).attribute_name() == "name");
  CHECK(resp.diagnostics(1).detail().find("\"standard\", \"premium\"") != std::string::npos);
  *req.mutable_config() = DV(Obj(t, {{"name", Value::Unknown(Type::String())}}), t);
  tfplugin6::ValidateResourceConfig::Response ok;
  CHECK(f.service->ValidateResourceConfig(nullptr, &req, &ok).ok());
  CHECK(ok.diagnostics_size() == 0);
  req.set_type_name("polybackup_nope");
  tfplugin6::ValidateResourceConfig::Response unknown;
  CHECK(f.service->ValidateResourceConfig(nullptr, &req, &unknown).ok());
  CHECK(Errors(unknown).find("polybackup_nope") != std::string::npos);
}

TEST_CASE("ValidateProviderConfig and ValidateDataResourceConfig") {
  Fixture f;
  const Type pt = f.service->definition().schema.ImpliedType();
  tfplugin6::ValidateProviderConfig::Request preq;
  *preq.mutable_config() = DV(Obj(pt, {{"endpoint", S("http://plain")}}), pt);
  tfplugin6::ValidateProviderConfig::Response presp;
  CHECK(f.service->ValidateProviderConfig(nullptr, &preq, &presp).ok());
  CHECK(Errors(presp).find("an https URL") != std::string::npos);
  tfplugin6::ValidateDataResourceConfig::Request dreq;
  dreq.set_type_name(kThing);
  const Type dt = f.service->definition().data_sources[0]->GetSchema().ImpliedType();
  *dreq.mutable_config() = DV(Obj(dt, {{"id", S("thing-1")}}), dt);
  tfplugin6::ValidateDataResourceConfig::Response dresp;
  CHECK(f.service->ValidateDataResourceConfig(nullptr, &dreq, &dresp).ok());
  CHECK(dresp.diagnostics_size() == 0);
}

TEST_CASE("lifecycle: create, read, no-op, update, replace, destroy, gone, data source") {
  Fixture f;
  const Type t = f.SchemaOf(kThing).ImpliedType();
  const Type rule_t = t.attribute("rule").element();
  auto rules =
      Value::List(rule_t, {Obj(rule_t, {{"name", S("daily")}, {"days", Value::NumberInt(7)}})});
  Value config = Obj(
      t,
      {{"name", S("alpha")}, {"size", Value::Number(*cty::Number::Parse("0.1"))}, {"rule", rules}});
  // Create.
  auto plan = f.Plan(kThing, Value::Null(t), Value::Null(t), config);
  // (A null proposal means destroy; use the real proposal.)
  plan = f.Plan(kThing, Value::Null(t), config, config);
  CHECK(Errors(plan) == "");
  Value planned = FromDV(plan.planned_state(), t);
  CHECK_FALSE(planned.GetAttr("id").is_known());
  CHECK_FALSE(planned.GetAttr("tier").is_known());
  CHECK(plan.requires_replace_size() == 0);
  auto applied = f.Apply(kThing, Value::Null(t), planned, config);
  CHECK(Errors(applied) == "");
  Value state = FromDV(applied.new_state(), t);
  CHECK(state.is_wholly_known());
  CHECK(state.GetAttr("id") == S("thing-1"));
  CHECK(state.GetAttr("tier") == S("standard"));
  CHECK(state.GetAttr("size").AsNumber().text() == "0.1");
  CHECK(applied.private_().find("created_by") != std::string::npos);
  // Read echoes the private bytes byte for byte.
  auto read = f.Read(kThing, state, applied.private_());
  CHECK(FromDV(read.new_state(), t) == state);
  CHECK(read.private_() == applied.private_());
  // No-op plan: identical to state, private echoed.
  std::map<std::string, Value> prop = config.Attributes();
  prop["id"] = state.GetAttr("id");
  prop["tier"] = state.GetAttr("tier");
  Value proposed = Value::Object(t, prop);
  auto noop = f.Plan(kThing, state, proposed, config, applied.private_());
  CHECK(FromDV(noop.planned_state(), t) == state);
  CHECK(noop.planned_private() == applied.private_());
  // Update size: id kept (UseStateForUnknown), no replacement.
  std::map<std::string, Value> c2 = config.Attributes();
  c2["size"] = Value::NumberInt(5);
  Value config2 = Value::Object(t, c2);
  prop["size"] = Value::NumberInt(5);
  auto upd = f.Plan(kThing, state, Value::Object(t, prop), config2);
  Value planned2 = FromDV(upd.planned_state(), t);
  CHECK(planned2.GetAttr("id") == S("thing-1"));
  CHECK(upd.requires_replace_size() == 0);
  auto applied2 = f.Apply(kThing, state, planned2, config2);
  CHECK(Errors(applied2) == "");
  Value state2 = FromDV(applied2.new_state(), t);
  CHECK(state2.GetAttr("size") == Value::NumberInt(5));
  // Rename: requires replacement at .name.
  prop["name"] = S("beta");
  c2["name"] = S("beta");
  auto rep = f.Plan(kThing, state2, Value::Object(t, prop), Value::Object(t, c2));
  REQUIRE(rep.requires_replace_size() == 1);
  CHECK(rep.requires_replace(0).steps(0).attribute_name() == "name");
  // Data source reads it.
  const Type dt = f.service->definition().data_sources[0]->GetSchema().ImpliedType();
  tfplugin6::ReadDataSource::Request dreq;
  dreq.set_type_name(kThing);
  *dreq.mutable_config() = DV(Obj(dt, {{"id", S("thing-1")}}), dt);
  tfplugin6::ReadDataSource::Response dresp;
  CHECK(f.service->ReadDataSource(nullptr, &dreq, &dresp).ok());
  CHECK(Errors(dresp) == "");
  Value ds = FromDV(dresp.state(), dt);
  CHECK(ds.GetAttr("name") == S("alpha"));
  CHECK(ds.GetAttr("rule_names").Length() == 1);
  // Destroy: planned null, private echoed; apply deletes; read says gone.
  auto destroy = f.Plan(kThing, state2, Value::Null(t), Value::Null(t), "{\"k\":1}");
  CHECK(FromDV(destroy.planned_state(), t).is_null());
  CHECK(destroy.planned_private() == "{\"k\":1}");
  auto deleted = f.Apply(kThing, state2, Value::Null(t), Value::Null(t));
  CHECK(Errors(deleted) == "");
  CHECK(FromDV(deleted.new_state(), t).is_null());
  auto gone = f.Read(kThing, state2);
  CHECK(Errors(gone) == "");
  CHECK(FromDV(gone.new_state(), t).is_null());
}

TEST_CASE("partial state: a failed create that made the object returns it with the error") {
  Fixture f;
  const Type t = f.SchemaOf(kThing).ImpliedType();
  Value config = Obj(t, {{"name", S("partial-x")}});
  Value planned = FromDV(f.Plan(kThing, Value::Null(t), config, config).planned_state(), t);
  auto applied = f.Apply(kThing, Value::Null(t), planned, config);
  CHECK(Errors(applied).find("simulated failure") != std::string::npos);
  Value state = FromDV(applied.new_state(), t);
  CHECK_FALSE(state.is_null());
  CHECK(state.GetAttr("id") == S("thing-1"));
}

TEST_CASE("ImportResourceState returns the id; Read fills the rest") {
  Fixture f;
  const Type t = f.SchemaOf(kThing).ImpliedType();
  Value config = Obj(t, {{"name", S("imp")}});
  Value planned = FromDV(f.Plan(kThing, Value::Null(t), config, config).planned_state(), t);
  f.Apply(kThing, Value::Null(t), planned, config);
  tfplugin6::ImportResourceState::Request req;
  req.set_type_name(kThing);
  req.set_id("thing-1");
  tfplugin6::ImportResourceState::Response resp;
  CHECK(f.service->ImportResourceState(nullptr, &req, &resp).ok());
  REQUIRE(resp.imported_resources_size() == 1);
  CHECK(resp.imported_resources(0).type_name() == kThing);
  Value imported = FromDV(resp.imported_resources(0).state(), t);
  CHECK(imported.GetAttr("id") == S("thing-1"));
  CHECK(imported.GetAttr("rule").Length() == 0);  // LIST block empty, not null
  Value read = FromDV(f.Read(kThing, imported).new_state(), t);
  CHECK(read.GetAttr("name") == S("imp"));
  // A type without import support says so.
  req.set_type_name("polybackup_special");
  tfplugin6::ImportResourceState::Response no;
  CHECK(f.service->ImportResourceState(nullptr, &req, &no).ok());
  CHECK(Errors(no).find("Import not supported") != std::string::npos);
}

TEST_CASE("UpgradeResourceState: lenient JSON, flatmap refused, newer version refused") {
  Fixture f;
  const Type t = f.SchemaOf(kThing).ImpliedType();
  tfplugin6::UpgradeResourceState::Request req;
  req.set_type_name(kThing);
  req.set_version(0);
  req.mutable_raw_state()->set_json(
      R"({"id":"thing-9","name":"old","removed_attr":true,"size":99.96,"rule":null})");
  tfplugin6::UpgradeResourceState::Response resp;
  CHECK(f.service->UpgradeResourceState(nullptr, &req, &resp).ok());
  CHECK(Errors(resp) == "");
  Value v = FromDV(resp.upgraded_state(), t);
  CHECK(v.GetAttr("id") == S("thing-9"));
  CHECK(v.GetAttr("size").AsNumber().text() == "99.96");
  CHECK(v.GetAttr("tier").is_null());
  CHECK(v.GetAttr("rule").Length() == 0);
  tfplugin6::UpgradeResourceState::Request flat;
  flat.set_type_name(kThing);
  (*flat.mutable_raw_state()->mutable_flatmap())["id"] = "x";
  tfplugin6::UpgradeResourceState::Response flat_resp;
  CHECK(f.service->UpgradeResourceState(nullptr, &flat, &flat_resp).ok());
  CHECK(Errors(flat_resp).find("0.11") != std::string::npos);
  req.set_version(7);
  tfplugin6::UpgradeResourceState::Response newer;
  CHECK(f.service->UpgradeResourceState(nullptr, &req, &newer).ok());
  CHECK(Errors(newer).find("newer") != std::string::npos);
}

TEST_CASE("malformed DynamicValue bytes give an error naming the argument") {
  Fixture f;
  tfplugin6::PlanResourceChange::Request req;
  req.set_type_name(kThing);
  req.mutable_proposed_new_state()->set_msgpack("\x92\x01");
  tfplugin6::PlanResourceChange::Response resp;
  CHECK(f.service->PlanResourceChange(nullptr, &req, &resp).ok());
  CHECK(Errors(resp).find("Invalid proposed_new_state") != std::string::npos);
}

TEST_CASE("bytes that are not UTF-8 never reach a string field of a response") {
  // A msgpack bin for a string attribute may hold any bytes; the fuzz campaign
  // of issue 8 found them echoed into Diagnostic.detail.
  Fixture f;
  const Type t = f.SchemaOf(kThing).ImpliedType();
  const std::string bad = "a\xff\xc0\xaf\xed\xa0\x80";  // stray, overlong, surrogate
  const std::string bin = "\xc4" + std::string(1, static_cast<char>(bad.size())) + bad;
  const tfplugin6::DynamicValue named = DV(Obj(t, {{"name", S("zzzz")}}), t);

  tfplugin6::ValidateResourceConfig::Request validate;
  validate.set_type_name(kThing);
  *validate.mutable_config() = Patched(named, "\xa4zzzz", bin);
  tfplugin6::ValidateResourceConfig::Response validated;
  CHECK(f.service->ValidateResourceConfig(nullptr, &validate, &validated).ok());
  CheckWellFormed(validated);
  REQUIRE(validated.diagnostics_size() == 1);
  const auto& d = validated.diagnostics(0);
  CHECK(d.attribute().steps(0).attribute_name() == "name");
  CHECK(d.summary().find("\"name\"") != std::string::npos);
  CHECK(d.detail().find("\"a\xEF\xBF\xBD") != std::string::npos);  // the value, mended

  // A map key that is not UTF-8, under a value of the wrong type: the decode
  // error names the key.
  const tfplugin6::DynamicValue tagged =
      DV(Obj(t, {{"name", S("ok")}, {"tags", Value::Map(Type::String(), {{"kkkk", S("v")}})}}), t);
  tfplugin6::PlanResourceChange::Request plan;
  plan.set_type_name(kThing);
  *plan.mutable_config() = Patched(tagged, "\xa4kkkk\xa1v", bin + "\x05");
  *plan.mutable_proposed_new_state() = plan.config();
  tfplugin6::PlanResourceChange::Response planned;
  CHECK(f.service->PlanResourceChange(nullptr, &plan, &planned).ok());
  CHECK(Errors(planned).find(".tags[\"a\xEF\xBF\xBD") != std::string::npos);
  CheckWellFormed(planned);

  tfplugin6::UpgradeResourceState::Request upgrade;
  upgrade.set_type_name(kThing);
  upgrade.mutable_raw_state()->set_json("{\"id\":\"" + bad + "\",\"name\":\x80}");
  tfplugin6::UpgradeResourceState::Response upgraded;
  CHECK(f.service->UpgradeResourceState(nullptr, &upgrade, &upgraded).ok());
  CHECK(Errors(upgraded) != "");
  CheckWellFormed(upgraded);

  // Request strings too, for a caller that skips protobuf's own check.
  tfplugin6::ImportResourceState::Request import;
  import.set_type_name(kThing + bad);
  import.set_id(bad);
  tfplugin6::ImportResourceState::Response imported;
  CHECK(f.service->ImportResourceState(nullptr, &import, &imported).ok());
  CHECK(Errors(imported) != "");
  CheckWellFormed(imported);

  tfplugin6::CallFunction::Request call;
  call.set_name(bad);
  tfplugin6::CallFunction::Response called;
  CHECK(f.service->CallFunction(nullptr, &call, &called).ok());
  CHECK(utf8::IsValid(called.error().text()));
  tfplugin6::CallFunction::Response decoded;
  CHECK(decoded.ParseFromString(called.SerializeAsString()));
}

TEST_CASE("an exception becomes an internal provider error, never a gRPC error") {
  Fixture f;
  const Type t = f.SchemaOf("polybackup_special").ImpliedType();
  Value config = Obj(t, {{"value", S("throw")}});
  auto applied = f.Apply("polybackup_special", Value::Null(t), config, config);
  CHECK(Errors(applied).find("Internal provider error") != std::string::npos);
  CHECK(Errors(applied).find("boom") != std::string::npos);
}

TEST_CASE("a checkpoint keeps the created object in state whatever happens next") {
  Fixture f;
  const Type t = f.SchemaOf("polybackup_special").ImpliedType();
  for (const char* how : {"checkpoint-then-throw", "checkpoint-then-fail"}) {
    CAPTURE(how);
    Value config = Obj(t, {{"value", S(how)}});
    auto applied = f.Apply("polybackup_special", Value::Null(t), config, config);
    CHECK_FALSE(Errors(applied).empty());
    Value state = FromDV(applied.new_state(), t);
    REQUIRE_FALSE(state.is_null());
    CHECK(state.GetAttr("id") == S("s-1"));
  }
}

TEST_CASE("a checkpoint records values not known yet as null, not as a provider bug") {
  Fixture f;
  const Type t = f.SchemaOf("polybackup_special").ImpliedType();
  Value config = Obj(t, {{"value", S("checkpoint-planned-then-fail")}});
  Value planned = Obj(t, {{"id", Value::Unknown(cty::Type::String())},
                          {"value", S("checkpoint-planned-then-fail")}});
  auto applied = f.Apply("polybackup_special", Value::Null(t), planned, config);
  const std::string errors = Errors(applied);
  CHECK(errors.find("the second step failed") != std::string::npos);
  CHECK(errors.find("unknown value") == std::string::npos);
  Value state = FromDV(applied.new_state(), t);
  REQUIRE_FALSE(state.is_null());
  CHECK(state.GetAttr("id").is_null());
  CHECK(state.GetAttr("value") == S("checkpoint-planned-then-fail"));
}

TEST_CASE("a failure without an error is reported as a provider bug, never silently") {
  Fixture f;
  const Type t = f.SchemaOf("polybackup_special").ImpliedType();
  Value config = Obj(t, {{"value", S("fail-silently")}});
  auto applied = f.Apply("polybackup_special", Value::Null(t), config, config);
  CHECK(Errors(applied).find("Provider reported no cause") != std::string::npos);
  CHECK(FromDV(applied.new_state(), t).is_null());
  Value partial = Obj(t, {{"value", S("partial-silently")}});
  auto kept = f.Apply("polybackup_special", Value::Null(t), partial, partial);
  CHECK(Errors(kept).find("Provider reported no cause") != std::string::npos);
  CHECK(FromDV(kept.new_state(), t).GetAttr("id") == S("s-1"));
  // Read: the prior state is kept, with the bug reported.
  Value state = Obj(t, {{"id", S("s-1")}, {"value", S("fail-silently")}});
  auto read = f.Read("polybackup_special", state);
  CHECK(Errors(read).find("Provider reported no cause") != std::string::npos);
  CHECK(FromDV(read.new_state(), t) == state);
  // Gone is explicit: null state, no error.
  Value gone_state = Obj(t, {{"id", S("s-1")}, {"value", S("gone")}});
  auto gone = f.Read("polybackup_special", gone_state);
  CHECK(Errors(gone) == "");
  CHECK(FromDV(gone.new_state(), t).is_null());
}

TEST_CASE("misusing a null Field or a cty accessor is an internal error, not a crash") {
  Fixture f;
  const Type t = f.SchemaOf("polybackup_special").ImpliedType();
  for (const char* how : {"null-field", "cty-misuse"}) {
    CAPTURE(how);
    Value config = Obj(t, {{"value", S(how)}});
    auto applied = f.Apply("polybackup_special", Value::Null(t), config, config);
    CHECK(Errors(applied).find("Internal provider error") != std::string::npos);
  }
}

TEST_CASE("ctx.AddStatus: summary 'what: cause' with the provider's describer") {
  Fixture f;
  const Type t = f.SchemaOf("polybackup_special").ImpliedType();
  Value config = Obj(t, {{"value", S("status")}});
  auto applied = f.Apply("polybackup_special", Value::Null(t), config, config);
  REQUIRE(applied.diagnostics_size() == 1);
  CHECK(applied.diagnostics(0).summary() == "creating special (s-1): described: no such thing");
}

TEST_CASE("write-only attributes are refused, naming the attribute, on a core without them") {
  Fixture f;
  const Type t = f.SchemaOf(kThing).ImpliedType();
  tfplugin6::ValidateResourceConfig::Request req;
  req.set_type_name(kThing);
  *req.mutable_config() = DV(Obj(t, {{"name", S("n")}, {"secret", S("pw")}}), t);
  tfplugin6::ValidateResourceConfig::Response old_core;
  CHECK(f.service->ValidateResourceConfig(nullptr, &req, &old_core).ok());
  REQUIRE(old_core.diagnostics_size() == 1);
  CHECK(old_core.diagnostics(0).attribute().steps(0).attribute_name() == "secret");
  CHECK(old_core.diagnostics(0).detail().find("Terraform 1.11") != std::string::npos);
  req.mutable_client_capabilities()->set_write_only_attributes_allowed(true);
  tfplugin6::ValidateResourceConfig::Response new_core;
  CHECK(f.service->ValidateResourceConfig(nullptr, &req, &new_core).ok());
  CHECK(new_core.diagnostics_size() == 0);
  // Unset, it is fine on any core.
  *req.mutable_config() = DV(Obj(t, {{"name", S("n")}}), t);
  req.clear_client_capabilities();
  tfplugin6::ValidateResourceConfig::Response unset;
  CHECK(f.service->ValidateResourceConfig(nullptr, &req, &unset).ok());
  CHECK(unset.diagnostics_size() == 0);
  // Planned and stored null, while the value reached apply.
  Value config = Obj(t, {{"name", S("n")}, {"secret", S("pw")}});
  Value planned = FromDV(f.Plan(kThing, Value::Null(t), config, config).planned_state(), t);
  CHECK(planned.GetAttr("secret").is_null());
  auto applied = f.Apply(kThing, Value::Null(t), planned, config);
  CHECK(Errors(applied) == "");
  CHECK(FromDV(applied.new_state(), t).GetAttr("secret").is_null());
  // The stored length proves Create saw "pw".
  CHECK(testing::TestStoreObject("thing-1").value("secret_length", 0) == 2);
}

TEST_CASE("unknowns in an apply result are a clear provider bug, replaced by null") {
  Fixture f;
  const Type t = f.SchemaOf("polybackup_special").ImpliedType();
  Value config = Obj(t, {{"value", S("unknown")}});
  auto applied = f.Apply("polybackup_special", Value::Null(t), config, config);
  CHECK(Errors(applied).find("unknown value after create") != std::string::npos);
  Value state = FromDV(applied.new_state(), t);
  CHECK(state.is_wholly_known());
  CHECK(state.GetAttr("id").is_null());
}

TEST_CASE("an unknown config is not configured; resources needing the provider say why") {
  Fixture f;
  f.Configure(Value::Unknown(Type::String()));
  const Type t = f.SchemaOf("polybackup_special").ImpliedType();
  Value config = Obj(t, {{"value", S("needs-provider")}});
  auto applied = f.Apply("polybackup_special", Value::Null(t), config, config);
  // The typed configure function never sees unknowns (provider.h), so its own
  // "Missing endpoint" check does not run; the held-back reason is shown.
  CHECK(Errors(applied).find("not known yet") != std::string::npos);
  CHECK(Errors(applied).find("Missing endpoint") == std::string::npos);
  // Other resources do not care.
  Value plain = Obj(t, {{"value", S("plain")}});
  CHECK(Errors(f.Apply("polybackup_special", Value::Null(t), plain, plain)) == "");
  // Once configured, the provider data reaches the resource.
  f.Configure(S("https://backup.example"));
  auto ok = f.Apply("polybackup_special", Value::Null(t), config, config);
  CHECK(Errors(ok) == "");
  CHECK(FromDV(ok.new_state(), t).GetAttr("id") == S("https://backup.example"));
}

TEST_CASE("StopProvider cancels an in-flight call") {
  Fixture f;
  const Type t = f.SchemaOf("polybackup_special").ImpliedType();
  Value config = Obj(t, {{"value", S("wait-for-stop")}});
  auto started = f.special->started.get_future();
  tfplugin6::ApplyResourceChange::Response result;
  std::thread worker(
      [&] { result = f.Apply("polybackup_special", Value::Null(t), config, config); });
  started.wait();
  tfplugin6::StopProvider::Response stop;
  CHECK(f.service->StopProvider(nullptr, nullptr, &stop).ok());
  worker.join();
  CHECK(Errors(result).find("asked the provider to stop") != std::string::npos);
}

TEST_CASE("the timeouts block sets the deadline of create") {
  Fixture f;
  const Type t = f.SchemaOf("polybackup_special").ImpliedType();
  Value config = Obj(t, {{"value", S("deadline")}});
  auto applied = f.Apply("polybackup_special", Value::Null(t), config, config);
  CHECK(Errors(applied) == "");
  CHECK(FromDV(applied.new_state(), t).GetAttr("id") == S("3"));  // default create = 3m
  const Type tt = t.attribute("timeouts");
  Value with = Obj(t, {{"value", S("deadline")}, {"timeouts", Obj(tt, {{"create", S("45m")}})}});
  auto applied2 = f.Apply("polybackup_special", Value::Null(t), with, with);
  Value state = FromDV(applied2.new_state(), t);
  CHECK(state.GetAttr("id") == S("45"));
  // The timeouts block is carried into state.
  CHECK(state.GetAttr("timeouts").GetAttr("create") == S("45m"));
}

TEST_CASE("MoveResourceState is refused clearly unless the resource offers it") {
  Fixture f;
  tfplugin6::MoveResourceState::Request req;
  req.set_target_type_name(kThing);
  req.set_source_type_name("aws_thing");
  req.mutable_source_state()->set_json("{}");
  tfplugin6::MoveResourceState::Response resp;
  CHECK(f.service->MoveResourceState(nullptr, &req, &resp).ok());
  CHECK(Errors(resp).find("Move not supported") != std::string::npos);
}

TEST_CASE("concurrent RPCs on one service object keep every object separate") {
  Fixture f;
  const Type t = f.SchemaOf(kThing).ImpliedType();
  constexpr int kThreads = 8, kEach = 20;
  std::vector<std::thread> threads;
  std::vector<int> failures(kThreads, 0);
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      for (int j = 0; j < kEach; ++j) {
        const std::string name = "t" + std::to_string(i) + "-" + std::to_string(j);
        Value config = Obj(t, {{"name", S(name)}});
        Value planned = FromDV(f.Plan(kThing, Value::Null(t), config, config).planned_state(), t);
        Value state = FromDV(f.Apply(kThing, Value::Null(t), planned, config).new_state(), t);
        Value read = FromDV(f.Read(kThing, state).new_state(), t);
        if (read.is_null() || read.GetAttr("name") != S(name)) ++failures[i];
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int i = 0; i < kThreads; ++i) CHECK(failures[i] == 0);
}

TEST_CASE("broken test resources misbehave as designed") {
  Fixture f;
  const Type t = f.SchemaOf("polybackup_test_broken_plan").ImpliedType();
  Value config = Obj(t, {{"value", S("v")}});
  Value planned = FromDV(
      f.Plan("polybackup_test_broken_plan", Value::Null(t), config, config).planned_state(), t);
  CHECK(planned.GetAttr("value") == S("v-planned"));
  auto applied = f.Apply("polybackup_test_broken_apply", Value::Null(t), config, config);
  CHECK(FromDV(applied.new_state(), t).GetAttr("value") == S("v-applied"));
}

}  // namespace
}  // namespace polybackup::framework
