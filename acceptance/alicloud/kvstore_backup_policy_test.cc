// Acceptance scenarios of polybackup_kvstore_backup_policy: the real
// Terraform CLI drives the built provider against the R-kvstore emulator.
#include <doctest/doctest.h>

#include "acceptance/harness/acceptance.h"

using namespace polybackup::acceptance;
using nlohmann::json;

namespace {

constexpr char kInstance[] = "r-acc0000000000001";
constexpr char kAddress[] = "polybackup_kvstore_backup_policy.test";

std::string ProviderBlock(Emulators& e) {
  return "provider \"polybackup\" {\n"
         "  alicloud {\n"
         "    region = \"cn-hangzhou\"\n"
         "    endpoints {\n"
         "      r_kvstore = \"" + e.Url("alicloud_kvstore") + "\"\n"
         "    }\n"
         "  }\n"
         "}\n";
}

std::string PolicyConfig(Emulators& e, const std::string& body) {
  return ProviderBlock(e) + "resource \"polybackup_kvstore_backup_policy\" \"test\" {\n" + body +
         "}\n";
}

// The policy as the emulator holds it (what a real instance would have).
json CloudPolicy(Emulators& e, const std::string& instance = kInstance) {
  json state = e.Control("GET", "/state");
  return state["alicloud_kvstore"]["instances"][instance]["policy"];
}

void SeedInstance(Emulators& e, const json& policy) {
  e.ServiceOp("alicloud_kvstore", "seed_instance", {{"instance_id", kInstance}, {"policy", policy}});
}

const json kOriginal = {{"PreferredBackupTime", "01:00Z-02:00Z"},
                        {"PreferredBackupPeriod", "Tuesday,Thursday"},
                        {"EnableBackupLog", 0}};

}  // namespace

TEST_CASE("kvstore backup policy: create, no-op plan, update, drift, disappear, import, destroy") {
  Emulators* e = AcceptanceEmulators();
  if (e == nullptr) return;
  SeedInstance(*e, kOriginal);
  Workspace ws(e->ProviderEnv());

  // Create: the instance's policy is adopted and changed.
  ws.SetConfig(PolicyConfig(*e, "  instance_id = \"" + std::string(kInstance) + "\"\n"
                                "  backup_period = [\"Monday\", \"Wednesday\", \"Friday\"]\n"
                                "  backup_time = \"02:00Z-03:00Z\"\n"
                                "  enable_backup_log = true\n"));
  ACC_REQUIRE_OK(ws.Apply());
  auto r = ws.Resource(kAddress);
  REQUIRE(r.has_value());
  CHECK((*r)["id"] == kInstance);
  CHECK((*r)["backup_time"] == "02:00Z-03:00Z");
  CHECK((*r)["backup_period"] == json::array({"Friday", "Monday", "Wednesday"}));
  CHECK((*r)["enable_backup_log"] == true);
  CHECK((*r)["backup_retention_period"] == 7);
  CHECK((*r)["region"] == "cn-hangzhou");
  CHECK_FALSE((*r)["preferred_next_backup_time"].get<std::string>().empty());
  json cloud = CloudPolicy(*e);
  CHECK(cloud["PreferredBackupTime"] == "02:00Z-03:00Z");
  CHECK(cloud["PreferredBackupPeriod"] == "Monday,Wednesday,Friday");
  CHECK(cloud["EnableBackupLog"] == 1);
  ACC_REQUIRE_EMPTY_PLAN(ws);

  // Update in place (not a replacement).
  ws.SetConfig(PolicyConfig(*e, "  instance_id = \"" + std::string(kInstance) + "\"\n"
                                "  backup_period = [\"Monday\", \"Wednesday\", \"Friday\"]\n"
                                "  backup_time = \"04:00Z-05:00Z\"\n"
                                "  enable_backup_log = true\n"));
  json changes = ws.PlanJson();
  REQUIRE(changes.size() == 1);
  CHECK(changes[0]["change"]["actions"] == json::array({"update"}));
  ACC_REQUIRE_OK(ws.Apply());
  CHECK(CloudPolicy(*e)["PreferredBackupTime"] == "04:00Z-05:00Z");
  ACC_REQUIRE_EMPTY_PLAN(ws);

  // Changed out of band: refresh shows it, the plan puts it back.
  e->ServiceOp("alicloud_kvstore", "set_policy",
               {{"instance_id", kInstance}, {"PreferredBackupTime", "10:00Z-11:00Z"}});
  auto refresh = ws.Plan({"-refresh-only"});
  INFO(Describe(refresh));
  CHECK(refresh.exit_code == 2);
  CHECK(refresh.out.find("10:00Z-11:00Z") != std::string::npos);
  changes = ws.PlanJson();
  REQUIRE(changes.size() == 1);
  CHECK(changes[0]["change"]["actions"] == json::array({"update"}));
  CHECK(changes[0]["change"]["before"]["backup_time"] == "10:00Z-11:00Z");
  CHECK(changes[0]["change"]["after"]["backup_time"] == "04:00Z-05:00Z");
  ACC_REQUIRE_OK(ws.Apply());
  CHECK(CloudPolicy(*e)["PreferredBackupTime"] == "04:00Z-05:00Z");
  ACC_REQUIRE_EMPTY_PLAN(ws);

  // The instance is deleted out of band: the plan wants to create again.
  e->ServiceOp("alicloud_kvstore", "delete_instance", {{"instance_id", kInstance}});
  changes = ws.PlanJson();
  REQUIRE(changes.size() == 1);
  CHECK(changes[0]["change"]["actions"] == json::array({"create"}));
  ACC_REQUIRE_OK(ws.Run({"apply", "-refresh-only", "-auto-approve", "-no-color"}));
  CHECK_FALSE(ws.Resource(kAddress).has_value());

  // A new instance with that ID and its own policy: import brings it in, and
  // a configuration written with the same values plans no changes.
  SeedInstance(*e, {{"PreferredBackupTime", "07:00Z-08:00Z"},
                    {"PreferredBackupPeriod", "Saturday,Sunday"},
                    {"EnableBackupLog", 0}});
  ws.SetConfig(PolicyConfig(*e, "  instance_id = \"" + std::string(kInstance) + "\"\n"
                                "  backup_period = [\"Sunday\", \"Saturday\"]\n"
                                "  backup_time = \"07:00Z-08:00Z\"\n"
                                "  enable_backup_log = false\n"));
  ACC_REQUIRE_OK(ws.Import(kAddress, kInstance));
  r = ws.Resource(kAddress);
  REQUIRE(r.has_value());
  CHECK((*r)["backup_time"] == "07:00Z-08:00Z");
  ACC_REQUIRE_EMPTY_PLAN(ws);

  // Manage it for a while, then destroy: the policy found at import returns.
  ws.SetConfig(PolicyConfig(*e, "  instance_id = \"" + std::string(kInstance) + "\"\n"
                                "  backup_period = [\"Monday\"]\n"
                                "  backup_time = \"12:00Z-13:00Z\"\n"));
  ACC_REQUIRE_OK(ws.Apply());
  CHECK(CloudPolicy(*e)["PreferredBackupPeriod"] == "Monday");
  ACC_REQUIRE_OK(ws.Destroy());
  cloud = CloudPolicy(*e);
  CHECK(cloud["PreferredBackupTime"] == "07:00Z-08:00Z");
  CHECK(cloud["PreferredBackupPeriod"] == "Saturday,Sunday");
  CHECK_FALSE(ws.Resource(kAddress).has_value());
}

TEST_CASE("kvstore backup policy: an omitted period keeps the instance's, keep_on_destroy keeps all") {
  Emulators* e = AcceptanceEmulators();
  if (e == nullptr) return;
  SeedInstance(*e, kOriginal);
  Workspace ws(e->ProviderEnv());
  ws.SetConfig(PolicyConfig(*e, "  instance_id = \"" + std::string(kInstance) + "\"\n"
                                "  backup_time = \"05:00Z-06:00Z\"\n"
                                "  keep_on_destroy = true\n"));
  ACC_REQUIRE_OK(ws.Apply());
  json cloud = CloudPolicy(*e);
  CHECK(cloud["PreferredBackupTime"] == "05:00Z-06:00Z");
  CHECK(cloud["PreferredBackupPeriod"] == "Tuesday,Thursday");
  auto r = ws.Resource(kAddress);
  REQUIRE(r.has_value());
  CHECK((*r)["backup_period"] == json::array({"Thursday", "Tuesday"}));
  ACC_REQUIRE_EMPTY_PLAN(ws);
  ACC_REQUIRE_OK(ws.Destroy());
  CHECK(CloudPolicy(*e)["PreferredBackupTime"] == "05:00Z-06:00Z");  // left as it was
}

TEST_CASE("kvstore backup policy: bad values are refused at validate time, before any API call") {
  Emulators* e = AcceptanceEmulators();
  if (e == nullptr) return;
  e->Control("DELETE", "/requests");
  struct Case {
    std::string body, attribute, allowed;
  };
  const Case cases[] = {
      {"  backup_time = \"2:00-3:00\"\n", "backup_time", "HH:00Z-HH:00Z"},
      {"  backup_time = \"02:00Z-04:00Z\"\n", "backup_time", "HH:00Z-HH:00Z"},
      {"  backup_period = [\"Monday\", \"Funday\"]\n", "backup_period", "Monday"},
  };
  for (const auto& c : cases) {
    Workspace ws(e->ProviderEnv());
    ws.SetConfig(PolicyConfig(*e, "  instance_id = \"r-never-called\"\n" + c.body));
    auto v = ws.Validate();
    INFO(c.body << Describe(v));
    CHECK(v.exit_code != 0);
    CHECK(v.err.find(c.attribute) != std::string::npos);
    CHECK(v.err.find(c.allowed) != std::string::npos);
  }
  json requests = e->Control("GET", "/requests");
  int kvstore_calls = 0;
  for (const auto& req : requests) kvstore_calls += req.value("service", "") == "alicloud_kvstore";
  CHECK(kvstore_calls == 0);
}

TEST_CASE("kvstore backup policy data source reads the current policy") {
  Emulators* e = AcceptanceEmulators();
  if (e == nullptr) return;
  SeedInstance(*e, kOriginal);
  Workspace ws(e->ProviderEnv());
  ws.SetConfig(ProviderBlock(*e) +
               "data \"polybackup_kvstore_backup_policy\" \"current\" {\n"
               "  instance_id = \"" + std::string(kInstance) + "\"\n"
               "}\n"
               "output \"window\" { value = data.polybackup_kvstore_backup_policy.current.backup_time }\n");
  ACC_REQUIRE_OK(ws.Apply());
  auto out = ws.Run({"output", "-raw", "window"});
  CHECK(out.out == "01:00Z-02:00Z");

  ws.SetConfig(ProviderBlock(*e) +
               "data \"polybackup_kvstore_backup_policy\" \"missing\" {\n"
               "  instance_id = \"r-does-not-exist\"\n"
               "}\n");
  auto missing = ws.Plan();
  CHECK(missing.exit_code == 1);
  CHECK(missing.err.find("r-does-not-exist") != std::string::npos);
}
