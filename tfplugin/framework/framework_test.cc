// Unit tests of the smaller framework pieces: the typed Resource<M> bridge
// (ModifyPlan merge, requires_replace from hooks), state upgrade hooks,
// ValidateDefinition, the deadline watcher and Context.
#include <memory>

#include "doctest/doctest.h"
#include "tfplugin/cty/msgpack.h"
#include "tfplugin/framework/deadline_watcher.h"
#include "tfplugin/framework/provider.h"
#include "tfplugin/framework/resource.h"
#include "tfplugin/framework/service.h"

namespace polybackup::framework {
namespace {

struct M {
  schema::String id;
  schema::String value;
  schema::List<std::string> items;
};

class Versioned : public Resource<M> {
 public:
  std::string TypeSuffix() const override { return "versioned"; }
  schema::ModelSchema<M> DefineSchema() const override {
    schema::ModelSchema<M> s;
    s.Version(2);
    s.Attribute("id", &M::id).Computed();
    s.Attribute("value", &M::value).Optional();
    s.Attribute("items", &M::items).Optional();
    return s;
  }
  // Version 0 called the attribute "val"; version 1 stored it upper-case.
  std::optional<nlohmann::json> UpgradeState(Context& ctx, int64_t from,
                                             nlohmann::json state) override {
    if (from == 0) {
      state["value"] = state["val"];
      state.erase("val");
      return state;
    }
    if (from == 1) {
      std::string v = state.value("value", "");
      for (char& c : v) c = static_cast<char>(std::tolower(c));
      state["value"] = v;
      return state;
    }
    return Resource<M>::UpgradeState(ctx, from, state);
  }
  void ModifyPlan(Context&, PlanChange<M>& change) override {
    if (change.prior && change.config.value.is_known() && *change.config.value == "replace-me") {
      change.requires_replace.push_back(cty::Path().Attribute("value"));
    }
    if (change.config.value.is_known() && *change.config.value == "touch-id") {
      change.planned.id = "planned-id";
    }
  }
  ApplyResult<M> Create(Context&, const M& p) override { return p; }
  ReadResult<M> Read(Context&, const M& s) override { return s; }
  ApplyResult<M> Update(Context&, const M&, const M& p) override { return p; }
  void Delete(Context&, const M&) override {}
};

std::unique_ptr<ProviderService> Service(std::shared_ptr<Versioned> r) {
  ProviderBuilder b;
  b.AddResource(std::move(r));
  return std::make_unique<ProviderService>(std::move(b).Build());
}

cty::Value Decode(const tfplugin6::DynamicValue& dv, const cty::Type& t) {
  auto v = cty::DecodeMsgpack(dv.msgpack(), t);
  REQUIRE(v.ok());
  return *v;
}

TEST_CASE("UpgradeResourceState runs the per-version hook, then decodes leniently") {
  auto r = std::make_shared<Versioned>();
  auto svc = Service(r);
  const cty::Type t = r->GetSchema().ImpliedType();
  for (auto [version, json, want] : {std::tuple{0, R"({"id":"a","val":"x"})", "x"},
                                     std::tuple{1, R"({"id":"a","value":"X"})", "x"},
                                     std::tuple{2, R"({"id":"a","value":"X","gone":1})", "X"}}) {
    const int from = version;  // clang 14 cannot capture a structured binding
    CAPTURE(from);
    tfplugin6::UpgradeResourceState::Request req;
    req.set_type_name("polybackup_versioned");
    req.set_version(version);
    req.mutable_raw_state()->set_json(json);
    tfplugin6::UpgradeResourceState::Response resp;
    CHECK(svc->UpgradeResourceState(nullptr, &req, &resp).ok());
    CHECK(resp.diagnostics_size() == 0);
    cty::Value v = Decode(resp.upgraded_state(), t);
    CHECK(v.GetAttr("value") == cty::Value::String(want));
    CHECK(v.GetAttr("items").is_null());
  }
}

TEST_CASE("ModifyPlan: hook replace paths are kept when values differ; untouched values stay") {
  auto r = std::make_shared<Versioned>();
  const cty::Type t = r->GetSchema().ImpliedType();
  auto obj = [&](const char* id, const char* value, cty::Value items) {
    return cty::Value::Object(
        t, {{"id", id ? cty::Value::String(id) : cty::Value::Null(cty::Type::String())},
            {"value", cty::Value::String(value)},
            {"items", items}});
  };
  // A list with an unknown element cannot be held by a Field; it must pass
  // through ModifyPlan unchanged rather than become wholly unknown.
  auto partial = cty::Value::List(
      cty::Type::String(), {cty::Value::String("a"), cty::Value::Unknown(cty::Type::String())});
  Context ctx("PlanResourceChange", "polybackup_versioned", {}, {}, nullptr, nullptr);
  cty::Value prior = obj("i", "old", cty::Value::Null(cty::Type::List(cty::Type::String())));
  cty::Value planned = obj("i", "replace-me", partial);
  std::vector<cty::Path> rr;
  r->ModifyPlanRaw(ctx, prior, obj(nullptr, "replace-me", partial), planned, rr);
  CHECK(ctx.diagnostics().empty());
  REQUIRE(rr.size() == 1);
  CHECK(rr[0] == cty::Path().Attribute("value"));
  CHECK(planned.GetAttr("items").Length() == 2);
  cty::Value touched = obj(nullptr, "touch-id", partial);
  std::vector<cty::Path> none;
  r->ModifyPlanRaw(ctx, cty::Value::Null(t), touched, touched, none);
  CHECK(touched.GetAttr("id") == cty::Value::String("planned-id"));
  CHECK(touched.GetAttr("items").Length() == 2);
}

TEST_CASE("ValidateDefinition reports duplicate types and invalid schemas") {
  ProviderBuilder b("polybackup");
  b.AddResource(std::make_shared<Versioned>());
  b.AddResource(std::make_shared<Versioned>());
  diag::Diagnostics d = ValidateDefinition(b.definition());
  REQUIRE(d.HasError());
  CHECK(d.ToString().find("Duplicate resource type") != std::string::npos);
  ProviderBuilder bad("Poly-Backup");
  CHECK(ValidateDefinition(bad.definition()).HasError());
}

TEST_CASE("DeadlineWatcher cancels when the deadline passes, with the reason") {
  DeadlineWatcher w;
  auto c = std::make_shared<Cancellation>();
  w.Watch(c, std::chrono::nanoseconds(0), "timed out");
  CHECK(c->WaitFor(std::chrono::minutes(1)));  // returns as soon as it fires
  CHECK(c->reason() == "timed out");
  // A far deadline does not fire; dropping the cancellation is safe.
  auto far = std::make_shared<Cancellation>();
  w.Watch(far, std::chrono::hours(1), "never");
  CHECK_FALSE(far->cancelled());
  far.reset();
}

TEST_CASE("Context: provider data, missing provider data, logging fields") {
  struct Data {
    int n = 7;
  };
  Context with("ReadResource", "polybackup_x", std::any(std::make_shared<Data>()), {}, nullptr,
               nullptr);
  REQUIRE(with.ProviderData<Data>() != nullptr);
  CHECK(with.ProviderData<Data>()->n == 7);
  CHECK(with.diagnostics().empty());
  Context without("ReadResource", "polybackup_x", {}, {}, nullptr, nullptr);
  CHECK(without.ProviderDataIfConfigured<Data>() == nullptr);
  CHECK(without.diagnostics().empty());
  CHECK(without.ProviderData<Data>() == nullptr);
  CHECK(without.HasError());
  CHECK_FALSE(without.cancelled());
  CHECK(without.private_state().is_object());
  std::vector<std::string> lines;
  log::SetLevel(log::Level::kTrace);
  log::SetSinkForTesting([&](std::string_view l) { lines.emplace_back(l); });
  with.Log(log::Level::kInfo, "hello");
  log::SetSinkForTesting(nullptr);
  log::SetLevel(log::Level::kOff);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].find("\"tf_rpc\":\"ReadResource\"") != std::string::npos);
  CHECK(lines[0].find("\"tf_resource_type\":\"polybackup_x\"") != std::string::npos);
}

}  // namespace
}  // namespace polybackup::framework
