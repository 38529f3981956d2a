#include "tfplugin/framework/testing/test_resources.h"

#include <cstdlib>
#include <fstream>
#include <mutex>
#include <sstream>

#include "tfplugin/framework/data_source.h"
#include "tfplugin/framework/resource.h"

namespace polybackup::framework::testing {
namespace {

using schema::ModelSchema;

// ---- The store: one JSON document {"next_id": n, "objects": {id: {...}}},
// re-read before every operation so the acceptance harness (and a later
// Terraform run, a new process) sees and can change the same objects.

std::mutex store_mu;
nlohmann::json memory_store;

nlohmann::json LoadLocked() {
  const std::string path = TestStorePath();
  if (path.empty()) {
    if (memory_store.is_null())
      memory_store = {{"next_id", 1}, {"objects", nlohmann::json::object()}};
    return memory_store;
  }
  std::ifstream in(path);
  nlohmann::json j = in ? nlohmann::json::parse(in, nullptr, false) : nlohmann::json();
  if (!j.is_object()) j = {{"next_id", 1}, {"objects", nlohmann::json::object()}};
  return j;
}

void SaveLocked(const nlohmann::json& j) {
  const std::string path = TestStorePath();
  if (path.empty()) {
    memory_store = j;
    return;
  }
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << j.dump(2);
  }
  std::rename(tmp.c_str(), path.c_str());
}

// ---- polybackup_test_thing

struct RuleModel {
  schema::String name;
  schema::Int64 days;
};

struct ThingModel {
  schema::String id;
  schema::String name;
  schema::Decimal size;
  schema::String tier;
  schema::Map<std::string> tags;
  schema::String secret;  // write-only: planned and stored null
  std::vector<RuleModel> rule;
};

ModelSchema<RuleModel> RuleSchema() {
  ModelSchema<RuleModel> s;
  s.Attribute("name", &RuleModel::name).Required().Description("Rule name.");
  s.Attribute("days", &RuleModel::days).Optional().Validate(schema::IntBetween(1, 3650));
  return s;
}

nlohmann::json ToJson(const ThingModel& m) {
  nlohmann::json j = {{"name", m.name.value_or("")}};
  j["size"] = m.size.is_known() ? nlohmann::json(m.size->text()) : nlohmann::json();
  j["tier"] = m.tier.value_or("standard");
  j["tags"] = m.tags.is_known() ? nlohmann::json(m.tags.value()) : nlohmann::json();
  // Only the length: enough for tests to see the value reached apply.
  if (m.secret.is_known()) j["secret_length"] = m.secret->size();
  j["rule"] = nlohmann::json::array();
  for (const auto& r : m.rule) {
    j["rule"].push_back({{"name", r.name.value_or("")},
                         {"days", r.days.is_known() ? nlohmann::json(*r.days) : nlohmann::json()}});
  }
  return j;
}

ThingModel FromJson(const std::string& id, const nlohmann::json& j) {
  ThingModel m;
  m.id = id;
  m.name = j.value("name", "");
  if (j.contains("size") && j["size"].is_string()) {
    if (auto n = cty::Number::Parse(j["size"].get<std::string>()); n.ok()) m.size = *n;
  }
  m.tier = j.value("tier", "standard");
  if (j.contains("tags") && j["tags"].is_object()) {
    m.tags = j["tags"].get<std::map<std::string, std::string>>();
  }
  if (j.contains("rule") && j["rule"].is_array()) {
    for (const auto& r : j["rule"]) {
      RuleModel rm;
      rm.name = r.value("name", "");
      if (r.contains("days") && r["days"].is_number_integer()) rm.days = r["days"].get<int64_t>();
      m.rule.push_back(rm);
    }
  }
  return m;
}

class ThingResource : public Resource<ThingModel> {
 public:
  std::string TypeSuffix() const override { return "test_thing"; }

  ModelSchema<ThingModel> DefineSchema() const override {
    ModelSchema<ThingModel> s;
    s.Description("An in-memory object for framework acceptance tests.")
        .Timeouts({.create = std::chrono::minutes(2)});
    s.Attribute("id", &ThingModel::id).Computed().UseStateForUnknown().Description("Object id.");
    s.Attribute("name", &ThingModel::name)
        .Required()
        .RequiresReplace()
        .Validate(schema::StringMatches("[a-z0-9-]+", "lower-case letters, digits and dashes"))
        .Description(
            "Name; changing it replaces the object. A name starting with "
            "\"partial-\" makes create fail after the object exists.");
    s.Attribute("size", &ThingModel::size).Optional().Description("Any number, kept exactly.");
    s.Attribute("tier", &ThingModel::tier)
        .Optional()
        .Computed()
        .Validate(schema::StringOneOf({"standard", "premium"}))
        .Description("Chosen by the server (\"standard\") when not set.");
    s.Attribute("tags", &ThingModel::tags).Optional();
    s.Attribute("secret", &ThingModel::secret)
        .Optional()
        .WriteOnly()
        .Description("Write-only (Terraform 1.11+): reaches apply, never stored in state.");
    s.Block("rule", &ThingModel::rule, RuleSchema()).MaxItems(5);
    return s;
  }

  ApplyResult<ThingModel> Create(Context& ctx, const ThingModel& plan) override {
    std::lock_guard<std::mutex> lock(store_mu);
    nlohmann::json store = LoadLocked();
    const int64_t n = store.value("next_id", 1);
    store["next_id"] = n + 1;
    const std::string id = "thing-" + std::to_string(n);
    store["objects"][id] = ToJson(plan);
    SaveLocked(store);
    ctx.private_state()["created_by"] = "test_thing";
    ThingModel state = KeepExactSize(plan, FromJson(id, store["objects"][id]));
    Checkpoint(ctx, state);
    if (plan.name.value_or("").rfind("partial-", 0) == 0) {
      // The object exists but a later step failed: the checkpoint makes
      // Terraform record it (tainted) so the next apply replaces it.
      ctx.AddError("creating test thing (" + id + "): simulated failure after create");
      return Failed();
    }
    return state;
  }

  ReadResult<ThingModel> Read(Context& ctx, const ThingModel& state) override {
    std::lock_guard<std::mutex> lock(store_mu);
    nlohmann::json store = LoadLocked();
    const std::string id = state.id.value_or("");
    if (!store["objects"].contains(id)) return Gone("deleted from the test store");
    return KeepExactSize(state, FromJson(id, store["objects"][id]));
  }

  ApplyResult<ThingModel> Update(Context& ctx, const ThingModel& prior,
                                 const ThingModel& plan) override {
    std::lock_guard<std::mutex> lock(store_mu);
    nlohmann::json store = LoadLocked();
    const std::string id = prior.id.value_or("");
    if (!store["objects"].contains(id)) {
      ctx.AddError("updating test thing (" + id + "): not found");
      return Failed();
    }
    store["objects"][id] = ToJson(plan);
    SaveLocked(store);
    return KeepExactSize(plan, FromJson(id, store["objects"][id]));
  }

  void Delete(Context& ctx, const ThingModel& state) override {
    std::lock_guard<std::mutex> lock(store_mu);
    nlohmann::json store = LoadLocked();
    store["objects"].erase(state.id.value_or(""));  // already gone is fine
    SaveLocked(store);
  }

  ReadResult<ThingModel> Import(Context& ctx, const std::string& id) override {
    ThingModel m;
    m.id = id;  // Read fills the rest (protocol doc §4.7)
    return m;
  }

 private:
  // Numbers are echoed as the user wrote them when semantically equal.
  static ThingModel KeepExactSize(const ThingModel& want, ThingModel got) {
    if (want.size.is_known() && got.size.is_known() && *want.size == *got.size)
      got.size = want.size;
    return got;
  }
};

// ---- data source polybackup_test_thing

struct ThingDataModel {
  schema::String id;
  schema::String name;
  schema::Decimal size;
  schema::String tier;
  schema::Map<std::string> tags;
  schema::List<std::string> rule_names;
};

class ThingDataSource : public DataSource<ThingDataModel> {
 public:
  std::string TypeSuffix() const override { return "test_thing"; }
  ModelSchema<ThingDataModel> DefineSchema() const override {
    ModelSchema<ThingDataModel> s;
    s.Description("Reads a polybackup_test_thing by id.");
    s.Attribute("id", &ThingDataModel::id).Required();
    s.Attribute("name", &ThingDataModel::name).Computed();
    s.Attribute("size", &ThingDataModel::size).Computed();
    s.Attribute("tier", &ThingDataModel::tier).Computed();
    s.Attribute("tags", &ThingDataModel::tags).Computed();
    s.Attribute("rule_names", &ThingDataModel::rule_names).Computed();
    return s;
  }
  std::optional<ThingDataModel> Read(Context& ctx, const ThingDataModel& config) override {
    std::lock_guard<std::mutex> lock(store_mu);
    nlohmann::json store = LoadLocked();
    const std::string id = config.id.value_or("");
    if (!store["objects"].contains(id)) {
      ctx.AddError("reading test thing (" + id + "): not found");
      return std::nullopt;
    }
    ThingModel m = FromJson(id, store["objects"][id]);
    ThingDataModel out;
    out.id = id;
    out.name = m.name;
    out.size = m.size;
    out.tier = m.tier;
    out.tags = m.tags;
    std::vector<std::string> names;
    for (const auto& r : m.rule) names.push_back(r.name.value_or(""));
    out.rule_names = names;
    return out;
  }
};

// ---- deliberately broken resources

struct BrokenModel {
  schema::String id;
  schema::String value;
};

ModelSchema<BrokenModel> BrokenSchema() {
  ModelSchema<BrokenModel> s;
  s.Attribute("id", &BrokenModel::id).Computed().UseStateForUnknown();
  s.Attribute("value", &BrokenModel::value).Optional();
  return s;
}

class BrokenPlanResource : public Resource<BrokenModel> {
 public:
  std::string TypeSuffix() const override { return "test_broken_plan"; }
  ModelSchema<BrokenModel> DefineSchema() const override { return BrokenSchema(); }
  // Plans a value the configuration did not ask for: core must answer
  // "Provider produced invalid plan".
  void ModifyPlan(Context&, PlanChange<BrokenModel>& change) override {
    if (change.planned.value.is_known()) change.planned.value = *change.planned.value + "-planned";
  }
  ApplyResult<BrokenModel> Create(Context&, const BrokenModel& plan) override {
    BrokenModel m = plan;
    m.id = "broken-plan";
    return m;
  }
  ReadResult<BrokenModel> Read(Context&, const BrokenModel& s) override { return s; }
  ApplyResult<BrokenModel> Update(Context&, const BrokenModel&, const BrokenModel& p) override {
    return p;
  }
  void Delete(Context&, const BrokenModel&) override {}
};

class BrokenApplyResource : public Resource<BrokenModel> {
 public:
  std::string TypeSuffix() const override { return "test_broken_apply"; }
  ModelSchema<BrokenModel> DefineSchema() const override { return BrokenSchema(); }
  // Returns something other than planned: core must answer "Provider
  // produced inconsistent result after apply".
  ApplyResult<BrokenModel> Create(Context&, const BrokenModel& plan) override {
    BrokenModel m = plan;
    m.id = "broken-apply";
    m.value = plan.value.value_or("") + "-applied";
    return m;
  }
  ReadResult<BrokenModel> Read(Context&, const BrokenModel& s) override { return s; }
  ApplyResult<BrokenModel> Update(Context&, const BrokenModel&, const BrokenModel& p) override {
    BrokenModel m = p;
    m.value = p.value.value_or("") + "-applied";
    return m;
  }
  void Delete(Context&, const BrokenModel&) override {}
};

}  // namespace

std::string TestStorePath() {
  const char* p = std::getenv("POLYBACKUP_TEST_STORE");
  return p == nullptr ? "" : p;
}

void ResetTestStore() {
  std::lock_guard<std::mutex> lock(store_mu);
  memory_store = nlohmann::json();
  if (!TestStorePath().empty()) std::remove(TestStorePath().c_str());
}

nlohmann::json TestStoreObject(const std::string& id) {
  std::lock_guard<std::mutex> lock(store_mu);
  nlohmann::json store = LoadLocked();
  return store["objects"].contains(id) ? store["objects"][id] : nlohmann::json();
}

void RegisterTestResources(ProviderBuilder& builder) {
  builder.AddResource(std::make_shared<ThingResource>());
  builder.AddResource(std::make_shared<BrokenPlanResource>());
  builder.AddResource(std::make_shared<BrokenApplyResource>());
  builder.AddDataSource(std::make_shared<ThingDataSource>());
}

}  // namespace polybackup::framework::testing
