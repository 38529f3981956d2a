// The step runner itself, before any cloud: every step kind against the
// in-memory test resource of the test build (polybackup_test_thing), whose
// objects live in a JSON file the "out of band" callbacks edit.
#include "acceptance/harness/steps.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "acceptance/harness/acceptance.h"

using namespace polybackup::acceptance;
using nlohmann::json;

namespace {

std::string Thing(const std::string& body) {
  return "provider \"polybackup\" {}\n"
         "resource \"polybackup_test_thing\" \"a\" {" +
         body + "}\n";
}

// The test resource's store: {"next_id": n, "objects": {id: {...}}}.
class Store {
 public:
  explicit Store(std::string path) : path_(std::move(path)) {}
  const std::string& path() const { return path_; }
  json Objects() const {
    std::ifstream in(path_);
    json j = json::parse(in, nullptr, false);
    return j.is_object() ? j.value("objects", json::object()) : json::object();
  }
  // Rewrites the objects map out of band, as a cloud console would.
  void Edit(const std::function<void(json& objects)>& edit) {
    std::ifstream in(path_);
    json j = json::parse(in);
    edit(j["objects"]);
    std::ofstream(path_) << j.dump();
  }

 private:
  std::string path_;
};

}  // namespace

TEST_CASE("step runner: a step about another resource of the scenario") {
  if (!AcceptanceTerraform()) return;
  std::string dir = std::filesystem::temp_directory_path() / "polybackup-acc-steps-XXXXXX";
  REQUIRE(mkdtemp(dir.data()) != nullptr);
  Store store(dir + "/test-store.json");
  // Two things, the second named after the first: a step's `address` says
  // which one it is about.
  const std::string two = Thing("\n  name = \"first\"\n") +
                          "resource \"polybackup_test_thing\" \"b\" {\n"
                          "  name = \"${polybackup_test_thing.a.name}-second\"\n  size = 1\n}\n";
  const std::string bigger = Thing("\n  name = \"first\"\n") +
                             "resource \"polybackup_test_thing\" \"b\" {\n"
                             "  name = \"${polybackup_test_thing.a.name}-second\"\n  size = 3\n}\n";
  std::vector<Step> steps = {
      {Basic{.config = two,
             .checks = {On("polybackup_test_thing.b", Attr("name", "first-second"))}}},
      {.kind = Import{.id_fn = [](const json& values) { return values["id"].get<std::string>(); },
                      .into = ImportInto::kScenarioState,
                      .checks = {Attr("size", 1)}},
       .address = "polybackup_test_thing.b"},
      {.kind = Drift{.change =
                         [&] {
                           store.Edit([](json& objects) {
                             for (auto& [id, object] : objects.items()) {
                               if (object["name"] == "first-second") object["size"] = "9";
                             }
                           });
                         },
                     .attribute = "size",
                     .drift_check =
                         [](const json& change, const std::string& text) {
                           CHECK(change["before"]["size"] == 1);
                           CHECK(change["after"]["size"] == 9);
                           CHECK(text.find("polybackup_test_thing.b") != std::string::npos);
                         }},
       .address = "polybackup_test_thing.b"},
      {.kind = UpdateInPlace{.config = bigger,
                             .attributes = {"size"},
                             .checks = {Attr("size", 3)},
                             .plan_check =
                                 [](const json& change, const std::string& text) {
                                   CHECK(change["after"]["size"] == 3);
                                   CHECK(text.find("polybackup_test_thing.b") != std::string::npos);
                                 }},
       .address = "polybackup_test_thing.b"},
      // Back to the scenario's own resource.
      {Import{.into = ImportInto::kScenarioState, .checks = {Attr("name", "first")}}},
  };
  // The cloud is compared with the state after each of the 5 steps and
  // after the destroy, which follows before_destroy.
  std::vector<size_t> compared;
  bool destroying = false;
  auto matches = [&](const json& state) {
    std::set<std::string> in_state, in_cloud;
    for (const std::string& address : ManagedResources(state)) {
      in_state.insert(FindResource(state, address)->at("id").get<std::string>());
    }
    for (const auto& [id, object] : store.Objects().items()) in_cloud.insert(id);
    CHECK(in_state == in_cloud);
    compared.push_back(destroying ? 100 + in_state.size() : in_state.size());
  };
  RunScenario({.emulated = true, .env = {{"POLYBACKUP_TEST_STORE", store.path()}}},
              {.address = "polybackup_test_thing.a",
               .steps = std::move(steps),
               .check_destroy = [&] { CHECK(store.Objects().empty()); },
               .cloud_matches_state = matches,
               .before_destroy = [&] { destroying = true; }});
  CHECK(compared == std::vector<size_t>{2, 2, 2, 2, 2, 100});
  std::filesystem::remove_all(dir);
}

TEST_CASE("step runner: every step kind against the test resource") {
  if (!AcceptanceTerraform()) return;
  std::string dir = std::filesystem::temp_directory_path() / "polybackup-acc-steps-XXXXXX";
  REQUIRE(mkdtemp(dir.data()) != nullptr);
  Store store(dir + "/test-store.json");

  const std::string one = Thing(R"(
  name = "one"
  size = 1
  tags = { env = "dev" }
  rule {
    name = "daily"
    days = 7
  }
)");
  const std::string bigger = Thing(R"(
  name = "one"
  size = 2
  tags = { env = "prod" }
  rule {
    name = "daily"
    days = 14
  }
)");
  const std::string renamed = Thing(R"(
  name = "two"
  size = 2
)");
  std::vector<Step> steps = {
      {Basic{.config = one,
             .checks = {AttrSet("id"), Attr("tier", "standard"), Attr("rule.0.days", 7),
                        Attr("tags.env", "dev"), AttrAbsent("rule.1"),
                        AttrWith("size", "is 1", [](const json& v) { return v == 1; })},
             .cloud = [&] { CHECK(store.Objects().size() == 1); }}},
      {Import{.checks = {Attr("name", "one")}}},
      {UpdateInPlace{.config = bigger, .attributes = {"size", "tags", "rule"}}},
      {Replace{.config = renamed, .checks = {Attr("name", "two"), AttrAbsent("tags")}}},
      {Drift{.change =
                 [&] {
                   store.Edit([](json& objects) {
                     for (auto& [id, object] : objects.items()) object["size"] = "5";
                   });
                 },
             .attribute = "size",
             .drifted = 5,
             .configured = 2}},
      {Disappears{.remove = [&] { store.Edit([](json& objects) { objects = json::object(); }); }}},
      {ExpectError{.config = Thing("\n  name = \"Not_Valid\"\n"),
                   .at = Command::kValidate,
                   .messages = {"name", "lower-case letters"}}},
      {Basic{.config = renamed}},
      {Import{.into = ImportInto::kScenarioState}},
  };
  RunScenario({.emulated = true, .env = {{"POLYBACKUP_TEST_STORE", store.path()}}},
              {.address = "polybackup_test_thing.a",
               .steps = std::move(steps),
               .check_destroy = [&] { CHECK(store.Objects().empty()); }});
  std::filesystem::remove_all(dir);
}
