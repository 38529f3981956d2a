// The step runner itself, before any cloud: every step kind against the
// in-memory test resource of the test build (polybackup_test_thing), whose
// objects live in a JSON file the "out of band" callbacks edit.
#include "acceptance/harness/steps.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

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
