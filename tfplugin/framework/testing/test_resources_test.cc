#include "tfplugin/framework/testing/test_resources.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include "doctest/doctest.h"
#include "nlohmann/json.hpp"
#include "tfplugin/cty/msgpack.h"
#include "tfplugin/framework/service.h"

namespace polybackup::framework::testing {
namespace {

using cty::Type;
using cty::Value;

std::unique_ptr<ProviderService> NewService() {
  ProviderBuilder b;
  RegisterTestResources(b);
  return std::make_unique<ProviderService>(std::move(b).Build());
}

Type ThingType(const ProviderService& s) {
  for (const auto& r : s.definition().resources) {
    if (r->TypeSuffix() == "test_thing") return r->GetSchema().ImpliedType();
  }
  FAIL("no test_thing");
  return Type();
}

Value Config(const Type& t, const std::string& name) {
  std::map<std::string, Value> a;
  for (const auto& [n, at] : t.attributes()) {
    a[n] = at.kind() == Type::Kind::kList ? Value::List(at.element(), {}) : Value::Null(at);
  }
  a["name"] = Value::String(name);
  return Value::Object(t, a);
}

TEST_CASE("objects persist in POLYBACKUP_TEST_STORE across provider processes") {
  const std::string path = "/tmp/polybackup_test_store_" + std::to_string(getpid()) + ".json";
  setenv("POLYBACKUP_TEST_STORE", path.c_str(), 1);
  ResetTestStore();
  CHECK(TestStorePath() == path);

  std::string state_bytes;
  {
    auto svc = NewService();
    const Type t = ThingType(*svc);
    Value planned;
    {
      tfplugin6::PlanResourceChange::Request req;
      req.set_type_name("polybackup_test_thing");
      *req.mutable_prior_state()->mutable_msgpack() = *cty::EncodeMsgpack(Value::Null(t), t);
      const std::string c = *cty::EncodeMsgpack(Config(t, "kept"), t);
      req.mutable_proposed_new_state()->set_msgpack(c);
      req.mutable_config()->set_msgpack(c);
      tfplugin6::PlanResourceChange::Response resp;
      svc->PlanResourceChange(nullptr, &req, &resp);
      REQUIRE(resp.diagnostics_size() == 0);
      planned = *cty::DecodeMsgpack(resp.planned_state().msgpack(), t);
    }
    tfplugin6::ApplyResourceChange::Request req;
    req.set_type_name("polybackup_test_thing");
    *req.mutable_prior_state()->mutable_msgpack() = *cty::EncodeMsgpack(Value::Null(t), t);
    req.mutable_planned_state()->set_msgpack(*cty::EncodeMsgpack(planned, t));
    req.mutable_config()->set_msgpack(*cty::EncodeMsgpack(Config(t, "kept"), t));
    tfplugin6::ApplyResourceChange::Response resp;
    svc->ApplyResourceChange(nullptr, &req, &resp);
    REQUIRE(resp.diagnostics_size() == 0);
    state_bytes = resp.new_state().msgpack();
  }
  std::ifstream in(path);
  nlohmann::json file = nlohmann::json::parse(in);
  CHECK(file["objects"]["thing-1"]["name"] == "kept");

  // A fresh service (as in the next Terraform run) reads it back; removing it
  // from the file (the "disappears" scenario) makes Read report it gone.
  auto svc = NewService();
  const Type t = ThingType(*svc);
  tfplugin6::ReadResource::Request read;
  read.set_type_name("polybackup_test_thing");
  read.mutable_current_state()->set_msgpack(state_bytes);
  tfplugin6::ReadResource::Response got;
  svc->ReadResource(nullptr, &read, &got);
  CHECK(cty::DecodeMsgpack(got.new_state().msgpack(), t)->GetAttr("name") == Value::String("kept"));
  file["objects"] = nlohmann::json::object();
  std::ofstream(path) << file.dump();
  tfplugin6::ReadResource::Response gone;
  svc->ReadResource(nullptr, &read, &gone);
  CHECK(gone.diagnostics_size() == 0);
  CHECK(cty::DecodeMsgpack(gone.new_state().msgpack(), t)->is_null());

  ResetTestStore();
  unsetenv("POLYBACKUP_TEST_STORE");
}

}  // namespace
}  // namespace polybackup::framework::testing
