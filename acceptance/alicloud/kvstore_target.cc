#include "acceptance/alicloud/kvstore_target.h"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>

#include "acceptance/harness/acceptance.h"
#include "clients/alicloud/alicloud_factory.h"
#include "clients/credentials/environment.h"

namespace polybackup::acceptance {
namespace {

namespace ali = clients::alicloud;

class EmulatedKvstore : public KvstoreTarget {
 public:
  explicit EmulatedKvstore(Emulators* e) : e_(e) {}
  bool emulated() const override { return true; }
  std::string instance_id() const override { return "r-acc0000000000001"; }
  std::string ProviderBlock() const override {
    return "provider \"polybackup\" {\n"
           "  alicloud {\n"
           "    region = \"cn-hangzhou\"\n"
           "    endpoints {\n"
           "      r_kvstore = \"" +
           e_->Url("alicloud_kvstore") +
           "\"\n"
           "    }\n"
           "  }\n"
           "}\n";
  }
  std::map<std::string, std::string> Env() const override { return e_->ProviderEnv(); }
  void Prepare(const KvPolicy& p) override {
    e_->ServiceOp("alicloud_kvstore", "seed_instance",
                  {{"instance_id", instance_id()},
                   {"policy",
                    {{"PreferredBackupTime", p.time},
                     {"PreferredBackupPeriod", p.period},
                     {"EnableBackupLog", p.log ? 1 : 0}}}});
  }
  KvPolicy Read() const override {
    auto policy =
        e_->Control("GET", "/state")["alicloud_kvstore"]["instances"][instance_id()]["policy"];
    return {policy["PreferredBackupTime"], policy["PreferredBackupPeriod"],
            policy["EnableBackupLog"] == 1};
  }
  void ChangeWindowOutOfBand(const std::string& window) override {
    e_->ServiceOp("alicloud_kvstore", "set_policy",
                  {{"instance_id", instance_id()}, {"PreferredBackupTime", window}});
  }
  void DeleteInstance() override {
    e_->ServiceOp("alicloud_kvstore", "delete_instance", {{"instance_id", instance_id()}});
  }
  int ApiCalls() const override {
    int n = 0;
    for (const auto& r : e_->Control("GET", "/requests"))
      n += r.value("service", "") == "alicloud_kvstore";
    return n;
  }

 private:
  Emulators* e_;
};

// A real account, driven out of band with our own client.
class RealKvstore : public KvstoreTarget {
 public:
  RealKvstore(std::string instance, ali::AlicloudClients clients)
      : instance_(std::move(instance)), clients_(std::move(clients)) {}
  bool emulated() const override { return false; }
  std::string instance_id() const override { return instance_; }
  std::string ProviderBlock() const override {
    return "provider \"polybackup\" {\n  alicloud {}\n}\n";
  }
  std::map<std::string, std::string> Env() const override { return {}; }
  void Prepare(const KvPolicy& p) override { Set(p); }
  KvPolicy Read() const override {
    auto policy = clients_.kvstore->DescribeBackupPolicy(instance_);
    REQUIRE_MESSAGE(policy.ok(), policy.status().ToString());
    return {policy->preferred_backup_time, ali::JoinWeekdays(policy->preferred_backup_period),
            policy->enable_backup_log.value_or(false)};
  }
  void ChangeWindowOutOfBand(const std::string& window) override {
    KvPolicy p = Read();
    p.time = window;
    Set(p);
  }
  void DeleteInstance() override { FAIL("not on a real account"); }
  int ApiCalls() const override { return 0; }

 private:
  void Set(const KvPolicy& p) {
    ali::ModifyKvstoreBackupPolicyRequest req{
        .instance_id = instance_,
        .preferred_backup_time = p.time,
        .preferred_backup_period = ali::SplitWeekdays(p.period),
        .enable_backup_log = p.log};
    clients::CallOptions options;
    options.deadline = std::chrono::steady_clock::now() + std::chrono::minutes(40);
    absl::Status s = clients_.kvstore->WaitForInstanceStatus(instance_, "Normal",
                                                             std::chrono::seconds(10), options);
    if (s.ok()) s = clients_.kvstore->ModifyBackupPolicy(req, options);
    if (s.ok()) {
      s = clients_.kvstore->WaitForInstanceStatus(instance_, "Normal", std::chrono::seconds(10),
                                                  options);
    }
    REQUIRE_MESSAGE(s.ok(), s.ToString());
  }

  std::string instance_;
  ali::AlicloudClients clients_;
};

}  // namespace

std::unique_ptr<KvstoreTarget> KvstoreTarget::Get() {
  const char* real = std::getenv("POLYBACKUP_ACC_REAL");
  if (real == nullptr || std::string(real) != "1") {
    Emulators* e = AcceptanceEmulators();
    if (e == nullptr) return nullptr;
    return std::make_unique<EmulatedKvstore>(e);
  }
  if (!TerraformAvailable()) {
    FAIL("the Terraform CLI is not available");
    return nullptr;
  }
  const char* instance = std::getenv("POLYBACKUP_ACC_KVSTORE_INSTANCE_ID");
  if (instance == nullptr || *instance == '\0') {
    MESSAGE("skipped on the real account: set POLYBACKUP_ACC_KVSTORE_INSTANCE_ID");
    return nullptr;
  }
  auto made = ali::NewAlicloudClients({}, clients::credentials::ProcessEnvironment());
  REQUIRE_MESSAGE(made.ok(), made.status().ToString());
  return std::make_unique<RealKvstore>(instance, std::move(*made));
}

}  // namespace polybackup::acceptance
