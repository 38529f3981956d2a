#include "acceptance/alicloud/dbs_target.h"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>

#include "acceptance/harness/acceptance.h"
#include "clients/alicloud/alicloud_factory.h"
#include "clients/credentials/environment.h"
#include "resources/dbs/backup_plan_model.h"

namespace polybackup::acceptance {
namespace {

namespace ali = clients::alicloud;
using nlohmann::json;

class EmulatedDbs : public DbsTarget {
 public:
  explicit EmulatedDbs(Emulators* e) : e_(e) {}
  bool emulated() const override { return true; }
  std::string ProviderBlock() const override {
    return "provider \"polybackup\" {\n"
           "  alicloud {\n"
           "    region = \"cn-hangzhou\"\n"
           "    endpoints {\n"
           "      dbs = \"" +
           e_->Url("alicloud_dbs") +
           "\"\n"
           "    }\n"
           "  }\n"
           "}\n";
  }
  std::map<std::string, std::string> Env() const override { return e_->ProviderEnv(); }
  const DbsSource& source() const override { return source_; }
  void Prepare(int configure_delay_seconds) override {
    e_->ServiceOp("alicloud_dbs", "seed_database",
                  {{"instance_id", source_.instance_id}, {"password", source_.password}});
    e_->ServiceOp("alicloud_dbs", "settings",
                  {{"configure_delay_seconds", configure_delay_seconds}});
  }
  void ChangeDatabasePassword(const std::string& password) override {
    e_->ServiceOp("alicloud_dbs", "seed_database",
                  {{"instance_id", source_.instance_id}, {"password", password}});
  }
  std::vector<json> Plans(const std::string& prefix) const override {
    std::vector<json> out;
    const json state = State();  // kept alive for the loop
    for (const auto& [id, plan] : state["plans"].items()) {
      if (plan.value("BackupPlanName", "").rfind(prefix, 0) == 0) out.push_back(plan);
    }
    return out;
  }
  std::string PasswordReceived(const std::string& plan_id) const override {
    return State()["plans"][plan_id]["internal"].value("password", "");
  }
  void ChangeStartTimeOutOfBand(const std::string& plan_id, const std::string& time) override {
    e_->ServiceOp("alicloud_dbs", "mutate_plan",
                  {{"plan_id", plan_id}, {"patch", {{"BackupStartTime", time}}}});
  }
  void ReleaseOutOfBand(const std::string& plan_id) override {
    e_->ServiceOp("alicloud_dbs", "delete_plan", {{"plan_id", plan_id}});
  }
  void FailNext(const std::string& route, const std::string& code) override {
    e_->Control("POST", "/faults",
                {{"service", "alicloud_dbs"}, {"route", route}, {"status", 400}, {"code", code}});
  }
  int ApiCalls(const std::string& route) const override {
    int n = 0;
    for (const auto& r : e_->Control("GET", "/requests")) {
      n += r.value("service", "") == "alicloud_dbs" &&
           (route.empty() || r.value("route", "") == route);
    }
    return n;
  }

 private:
  json State() const { return e_->Control("GET", "/state")["alicloud_dbs"]; }

  Emulators* e_;
  DbsSource source_{.region = "cn-hangzhou",
                    .instance_id = "rm-bp1acc0000000001",
                    .user = "tftestnormal000",
                    .password = "Acc-Passw0rd-4-DBS",
                    .database = "tftestdatabase"};
};

// A real account, driven out of band with our own client.
class RealDbs : public DbsTarget {
 public:
  RealDbs(DbsSource source, ali::AlicloudClients clients)
      : source_(std::move(source)), clients_(std::move(clients)) {}
  bool emulated() const override { return false; }
  std::string ProviderBlock() const override {
    return "provider \"polybackup\" {\n  alicloud {}\n}\n";
  }
  std::map<std::string, std::string> Env() const override { return {}; }
  const DbsSource& source() const override { return source_; }
  void Prepare(int) override {}
  void ChangeDatabasePassword(const std::string&) override {
    FAIL("the database's password is changed on the emulator only");
  }
  std::vector<json> Plans(const std::string& prefix) const override {
    auto all = clients_.dbs->DescribeAllBackupPlans({}, Options());
    REQUIRE_MESSAGE(all.ok(), all.status().ToString());
    std::vector<json> out;
    for (const ali::DbsBackupPlan& p : *all) {
      if (p.backup_plan_name.rfind(prefix, 0) != 0) continue;
      out.push_back({{"BackupPlanId", p.backup_plan_id},
                     {"BackupPlanName", p.backup_plan_name},
                     {"BackupPlanStatus", p.backup_plan_status},
                     {"BackupPeriod", p.backup_period},
                     {"BackupStartTime", p.backup_start_time}});
    }
    return out;
  }
  std::string PasswordReceived(const std::string&) const override { return ""; }
  void ChangeStartTimeOutOfBand(const std::string& plan_id, const std::string& time) override {
    auto plan = clients_.dbs->DescribeBackupPlan(plan_id, Options());
    REQUIRE_MESSAGE(plan.ok(), plan.status().ToString());
    absl::Status s = clients_.dbs->ModifyBackupStrategy(
        {.backup_plan_id = plan_id,
         .backup_period = resources::dbs::CanonicalPeriod(plan->backup_period),
         .backup_start_time = time},
        Options());
    REQUIRE_MESSAGE(s.ok(), s.ToString());
  }
  void ReleaseOutOfBand(const std::string& plan_id) override {
    absl::Status s =
        clients_.dbs->ReleaseBackupPlanAndWait(plan_id, std::chrono::seconds(5), Options());
    REQUIRE_MESSAGE(s.ok(), s.ToString());
  }
  void FailNext(const std::string&, const std::string&) override {
    FAIL("faults are injected by the emulator only");
  }
  int ApiCalls(const std::string&) const override { return 0; }

 private:
  static clients::CallOptions Options() {
    clients::CallOptions o;
    o.deadline = std::chrono::steady_clock::now() + std::chrono::minutes(10);
    return o;
  }
  DbsSource source_;
  ali::AlicloudClients clients_;
};

std::string EnvVar(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? "" : v;
}

}  // namespace

std::unique_ptr<DbsTarget> DbsTarget::Get() {
  if (EnvVar("POLYBACKUP_ACC_REAL") != "1") {
    Emulators* e = AcceptanceEmulators();
    if (e == nullptr) return nullptr;
    return std::make_unique<EmulatedDbs>(e);
  }
  if (!TerraformAvailable()) {
    FAIL("the Terraform CLI is not available");
    return nullptr;
  }
  DbsSource source{.region = EnvVar("ALIBABA_CLOUD_REGION_ID"),
                   .instance_id = EnvVar("POLYBACKUP_ACC_DBS_RDS_INSTANCE_ID"),
                   .user = EnvVar("POLYBACKUP_ACC_DBS_USER"),
                   .password = EnvVar("POLYBACKUP_ACC_DBS_PASSWORD"),
                   .database = EnvVar("POLYBACKUP_ACC_DBS_DATABASE")};
  if (source.instance_id.empty() || source.user.empty() || source.password.empty() ||
      source.database.empty()) {
    MESSAGE(
        "skipped on the real account: set POLYBACKUP_ACC_DBS_RDS_INSTANCE_ID, "
        "POLYBACKUP_ACC_DBS_USER, POLYBACKUP_ACC_DBS_PASSWORD and POLYBACKUP_ACC_DBS_DATABASE");
    return nullptr;
  }
  auto made = ali::NewAlicloudClients({}, clients::credentials::ProcessEnvironment());
  REQUIRE_MESSAGE(made.ok(), made.status().ToString());
  return std::make_unique<RealDbs>(std::move(source), std::move(*made));
}

}  // namespace polybackup::acceptance
