// The framework under the real Terraform CLI, before and beside any cloud:
// the in-memory test resource of the test build goes through create → empty
// plan → update → replace → import → destroy, and the deliberately broken
// resources make Terraform itself report the bugs it must catch — proving
// the harness would notice such a bug in a real resource.
#include <doctest/doctest.h>

#include <filesystem>

#include "acceptance/harness/acceptance.h"

using namespace polybackup::acceptance;
using nlohmann::json;

namespace {

// Objects of the test resource live in this file across provider processes.
std::map<std::string, std::string> StoreEnv(const std::string& dir) {
  return {{"POLYBACKUP_TEST_STORE", dir + "/test-store.json"}};
}

std::string Thing(const std::string& body) {
  return "provider \"polybackup\" {}\n"
         "resource \"polybackup_test_thing\" \"a\" {\n" +
         body + "}\n";
}

}  // namespace

TEST_CASE("test resource: create, empty plan, update, replace, import, data source, destroy") {
  if (!AcceptanceTerraform()) return;
  std::string store_dir = std::filesystem::temp_directory_path() / "polybackup-acc-store-XXXXXX";
  REQUIRE(mkdtemp(store_dir.data()) != nullptr);
  Workspace ws(StoreEnv(store_dir));

  ws.SetConfig(
      Thing("  name = \"one\"\n  size = 0.1\n  tags = { env = \"dev\" }\n"
            "  rule {\n    name = \"daily\"\n    days = 7\n  }\n"));
  ACC_REQUIRE_OK(ws.Apply());
  auto r = ws.Resource("polybackup_test_thing.a");
  REQUIRE(r.has_value());
  const std::string first_id = (*r)["id"];
  CHECK_FALSE(first_id.empty());
  CHECK((*r)["tier"] == "standard");    // optional+computed, from the server
  CHECK((*r)["size"].dump() == "0.1");  // an exact decimal, not float64(0.1)
  CHECK((*r)["rule"][0]["days"] == 7);
  ACC_REQUIRE_EMPTY_PLAN(ws);

  // Update in place: same object.
  ws.SetConfig(
      Thing("  name = \"one\"\n  size = 2\n  tags = { env = \"prod\" }\n"
            "  rule {\n    name = \"daily\"\n    days = 14\n  }\n"));
  json changes = ws.PlanJson();
  REQUIRE(changes.size() == 1);
  CHECK(changes[0]["change"]["actions"] == json::array({"update"}));
  ACC_REQUIRE_OK(ws.Apply());
  r = ws.Resource("polybackup_test_thing.a");
  CHECK((*r)["id"] == first_id);
  CHECK((*r)["tags"]["env"] == "prod");
  ACC_REQUIRE_EMPTY_PLAN(ws);

  // A change of `name` replaces the object.
  ws.SetConfig(Thing("  name = \"two\"\n  size = 2\n"));
  changes = ws.PlanJson();
  REQUIRE(changes.size() == 1);
  CHECK(changes[0]["change"]["actions"] == json::array({"delete", "create"}));
  ACC_REQUIRE_OK(ws.Apply());
  r = ws.Resource("polybackup_test_thing.a");
  const std::string second_id = (*r)["id"];
  CHECK(second_id != first_id);
  ACC_REQUIRE_EMPTY_PLAN(ws);

  // Forget it, import it back by id, and plan nothing.
  ACC_REQUIRE_OK(ws.Run({"state", "rm", "polybackup_test_thing.a"}));
  CHECK_FALSE(ws.Resource("polybackup_test_thing.a").has_value());
  ACC_REQUIRE_OK(ws.Import("polybackup_test_thing.a", second_id));
  r = ws.Resource("polybackup_test_thing.a");
  REQUIRE(r.has_value());
  CHECK((*r)["name"] == "two");
  ACC_REQUIRE_EMPTY_PLAN(ws);

  // Importing an id that does not exist is refused.
  ACC_REQUIRE_OK(ws.Run({"state", "rm", "polybackup_test_thing.a"}));
  auto missing = ws.Import("polybackup_test_thing.a", "no-such-id");
  CHECK(missing.exit_code != 0);
  ACC_REQUIRE_OK(ws.Import("polybackup_test_thing.a", second_id));

  // The data source reads the object.
  ws.SetConfig(Thing("  name = \"two\"\n  size = 2\n") +
               "data \"polybackup_test_thing\" \"read\" {\n  id = polybackup_test_thing.a.id\n}\n"
               "output \"size\" { value = data.polybackup_test_thing.read.size }\n");
  ACC_REQUIRE_OK(ws.Apply());
  CHECK(ws.Run({"output", "-raw", "size"}).out == "2");

  ACC_REQUIRE_OK(ws.Destroy());
  CHECK(ws.State().value("values", json::object()).empty());
  std::filesystem::remove_all(store_dir);
}

TEST_CASE("a provider bug in planning is caught by Terraform itself") {
  if (!AcceptanceTerraform()) return;
  Workspace ws;
  ws.SetConfig(
      "provider \"polybackup\" {}\n"
      "resource \"polybackup_test_broken_plan\" \"b\" {\n  value = \"asked\"\n}\n");
  auto r = ws.Apply();
  CHECK(r.exit_code != 0);
  CHECK(r.err.find("Provider produced invalid plan") != std::string::npos);
}

TEST_CASE("a provider bug in apply is caught by Terraform itself") {
  if (!AcceptanceTerraform()) return;
  Workspace ws;
  ws.SetConfig(
      "provider \"polybackup\" {}\n"
      "resource \"polybackup_test_broken_apply\" \"b\" {\n  value = \"asked\"\n}\n");
  auto r = ws.Apply();
  CHECK(r.exit_code != 0);
  CHECK(r.err.find("Provider produced inconsistent result after apply") != std::string::npos);
}
