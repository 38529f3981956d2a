// The harness itself, on a small in-memory resource: each step goes through
// the real RPC handlers, and core's part (proposed state, private state) is
// played as Terraform plays it.
#include "tfplugin/framework/testing/resource_harness.h"

#include <doctest/doctest.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace polybackup::framework::testing {
namespace {

struct BoxModel {
  schema::String id;
  schema::String name;
  schema::String color;   // optional + computed: "grey" when unset
  schema::String secret;  // write-only
};

struct Store {
  std::map<std::string, BoxModel> boxes;
  int next = 1;
  std::string last_secret;
};

class BoxResource : public Resource<BoxModel> {
 public:
  std::string TypeSuffix() const override { return "box"; }
  schema::ModelSchema<BoxModel> DefineSchema() const override {
    schema::ModelSchema<BoxModel> s;
    s.Attribute("id", &BoxModel::id).Computed().UseStateForUnknown();
    s.Attribute("name", &BoxModel::name).Required().RequiresReplace();
    s.Attribute("color", &BoxModel::color).Optional().Computed();
    s.Attribute("secret", &BoxModel::secret).Optional().WriteOnly();
    return s;
  }
  ApplyResult<BoxModel> Create(Context& ctx, const BoxModel& plan) override {
    Store* store = ctx.ProviderData<Store>();
    if (store == nullptr) return Failed();
    BoxModel box = plan;
    box.id = "box-" + std::to_string(store->next++);
    box.color = plan.color.value_or("grey");
    store->last_secret = plan.secret.value_or("");
    box.secret = schema::String();
    store->boxes[box.id.value()] = box;
    Checkpoint(ctx, box);
    if (plan.name.value() == "fails-after-create") {
      ctx.AddError("creating Box (" + box.id.value() + "): painting failed");
      return Failed();
    }
    ctx.private_state()["created"] = true;
    return box;
  }
  ReadResult<BoxModel> Read(Context& ctx, const BoxModel& state) override {
    Store* store = ctx.ProviderData<Store>();
    auto it = store->boxes.find(state.id.value());
    if (it == store->boxes.end()) return Gone("box deleted");
    return it->second;
  }
  ApplyResult<BoxModel> Update(Context& ctx, const BoxModel&, const BoxModel& plan) override {
    Store* store = ctx.ProviderData<Store>();
    BoxModel box = plan;
    box.secret = schema::String();
    store->boxes[box.id.value()] = box;
    return box;
  }
  void Delete(Context& ctx, const BoxModel& state) override {
    ctx.ProviderData<Store>()->boxes.erase(state.id.value());
  }
  ReadResult<BoxModel> Import(Context&, const std::string& id) override {
    BoxModel m;
    m.id = id;
    return m;
  }
};

BoxModel Config(const std::string& name) {
  BoxModel m;
  m.name = name;
  return m;
}

TEST_CASE("a whole lifecycle on typed models, through the framework") {
  auto store = std::make_shared<Store>();
  ResourceHarness<BoxResource> h(std::make_shared<BoxResource>(), store);
  BoxModel config = Config("a");
  config.secret = "hunter2";

  auto created = h.Create(config);
  REQUIRE_MESSAGE(created.ok(), created.diags.ToString());
  REQUIRE(created.state.has_value());
  CHECK(created.state->id.value() == "box-1");
  CHECK(created.state->color.value() == "grey");
  CHECK(created.state->secret.is_null());  // never in state
  CHECK(store->last_secret == "hunter2");  // but Create saw it
  CHECK(h.private_state().find("created") != std::string::npos);

  auto again = h.Plan(created.state, config);
  CHECK(again.ok());
  CHECK_FALSE(again.changes);

  BoxModel recolor = config;
  recolor.color = "red";
  auto plan = h.Plan(created.state, recolor);
  CHECK(plan.changes);
  CHECK(plan.replace_paths.empty());
  auto updated = h.Update(*created.state, recolor);
  REQUIRE(updated.ok());
  CHECK(updated.state->color.value() == "red");

  CHECK(h.Plan(updated.state, Config("b")).replace_paths == std::vector<std::string>{".name"});

  auto imported = h.Import("box-1");
  REQUIRE(imported.ok());
  CHECK(imported.state->name.value() == "a");

  auto destroyed = h.Destroy(*updated.state);
  CHECK(destroyed.ok());
  CHECK_FALSE(destroyed.state.has_value());
  CHECK(store->boxes.empty());
}

TEST_CASE("gone, a failure after the object exists, and a core without write-only support") {
  auto store = std::make_shared<Store>();
  ResourceHarness<BoxResource> h(std::make_shared<BoxResource>(), store);

  auto partial = h.Create(Config("fails-after-create"));
  CHECK_FALSE(partial.ok());
  REQUIRE(partial.state.has_value());  // recorded, tainted by Terraform
  CHECK(partial.state->id.value() == "box-1");

  store->boxes.clear();  // deleted out of band
  auto read = h.Read(*partial.state);
  CHECK(read.ok());
  CHECK_FALSE(read.state.has_value());

  BoxModel secret = Config("s");
  secret.secret = "x";
  diag::Diagnostics old_core = h.Validate(secret, {.write_only_allowed = false});
  CHECK(old_core.HasError());
  CHECK(old_core.ToString().find("secret") != std::string::npos);
  CHECK_FALSE(h.Validate(secret).HasError());
}

TEST_CASE("on_rpc reports each RPC into the provider, in order, with its duration") {
  auto store = std::make_shared<Store>();
  std::vector<std::string> rpcs;
  std::chrono::nanoseconds total{0};
  ResourceHarness<BoxResource> h(
      std::make_shared<BoxResource>(), store,
      {.on_rpc = [&](std::string_view rpc, std::chrono::nanoseconds took) {
        rpcs.emplace_back(rpc);
        total += took;
      }});
  auto created = h.Create(Config("a"));
  REQUIRE(created.ok());
  h.Read(*created.state);
  h.Destroy(*created.state);
  CHECK(rpcs == std::vector<std::string>{"ValidateResourceConfig", "PlanResourceChange",
                                         "ApplyResourceChange", "ReadResource",
                                         "PlanResourceChange", "ApplyResourceChange"});
  CHECK(total.count() > 0);
}

}  // namespace
}  // namespace polybackup::framework::testing
