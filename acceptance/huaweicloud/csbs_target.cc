#include "acceptance/huaweicloud/csbs_target.h"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <sstream>

#include "acceptance/harness/acceptance.h"
#include "clients/credentials/environment.h"
#include "clients/huaweicloud/huawei_factory.h"

namespace polybackup::acceptance {
namespace {

namespace hw = clients::huaweicloud;
using nlohmann::json;

// The emulator's first server, and two more seeded with fixed IDs (the
// second is the seed document's example server).
const char* const kServers[] = {"3c2f0a4e-0b4d-4f5e-9a7b-1c2d3e4f5a6b",
                                "5aa119a8-d25b-45a7-8d1b-88e127885635",
                                "45baf976-c20a-4894-a7c3-c94b7376bf55"};

class EmulatedCsbs : public CsbsTarget {
 public:
  EmulatedCsbs(Emulators* e, CsbsAuth auth) : e_(e), auth_(auth) {
    for (int i = 1; i < 3; ++i) {
      e_->ServiceOp("huaweicloud_csbs", "seed_server",
                    {{"id", kServers[i]}, {"name", "pbtest-ecs-" + std::to_string(i + 1)}});
    }
    HoldCreating(false);
  }
  bool emulated() const override { return true; }
  std::string ProviderBlock() const override {
    std::ostringstream b;
    b << "provider \"polybackup\" {\n  huaweicloud {\n    region = \"eu-de\"\n";
    if (auth_ == CsbsAuth::kPassword) {
      // The block names a password: it wins over the AK/SK variables the
      // environment also has.
      b << "    auth_url    = \"" << e_->Url("huaweicloud_iam") << "/v3\"\n"
        << "    user_name   = \"pbtest-user\"\n"
        << "    password    = \"pbtest-Passw0rd!\"\n"
        << "    domain_name = \"pbtest-domain\"\n";
    }
    b << "    endpoints {\n      csbs = \"" << e_->Url("huaweicloud_csbs") << "\"\n"
      << "      iam  = \"" << e_->Url("huaweicloud_iam") << "\"\n    }\n  }\n}\n";
    return b.str();
  }
  std::map<std::string, std::string> Env() const override {
    auto env = e_->ProviderEnv();
    env.erase("HW_PROJECT_ID");  // looked up: IAM's project list, or the token's scope
    return env;
  }
  std::string ServerId(int i) const override { return kServers[i]; }

  CsbsCloudPolicy Read(const std::string& id) const override {
    json p = e_->Control("GET", "/state")["huaweicloud_csbs"]["policies"].value(id, json());
    CsbsCloudPolicy out;
    if (!p.is_object()) return out;
    out.exists = true;
    out.name = p.value("name", "");
    out.status = p.value("status", "");
    const json& op = p["scheduled_operations"][0];
    out.operation_id = op.value("id", "");
    out.trigger_pattern = op["trigger"]["properties"].value("pattern", "");
    out.definition = op["operation_definition"];
    for (const auto& r : p["resources"]) out.server_ids.push_back(r.value("id", ""));
    return out;
  }
  std::vector<std::string> PolicyIds() const override {
    // A named copy: a range-for over a member of the temporary would dangle.
    const json state = e_->Control("GET", "/state");
    std::vector<std::string> ids;
    for (const auto& [id, p] : state["huaweicloud_csbs"]["policies"].items()) ids.push_back(id);
    return ids;
  }
  void SetMaxBackups(const std::string& id, int n) override {
    e_->ServiceOp(
        "huaweicloud_csbs", "mutate_policy",
        {{"policy_id", id},
         {"patch",
          {{"scheduled_operations", {{{"operation_definition", {{"max_backups", n}}}}}}}}});
  }
  void Delete(const std::string& id) override {
    e_->ServiceOp("huaweicloud_csbs", "delete_policy", {{"policy_id", id}});
  }
  void HoldCreating(bool hold) override {
    e_->ServiceOp("huaweicloud_csbs", "settings", {{"creating_seconds", hold ? 3600 : 1}});
  }
  void Settle(const std::string& id) override {
    e_->ServiceOp("huaweicloud_csbs", "mutate_policy",
                  {{"policy_id", id}, {"patch", {{"status", "suspended"}}}});
  }
  void RefuseDeletes(int count) override {
    e_->Control("POST", "/faults",
                {{"service", "huaweicloud_csbs"},
                 {"route", "DeletePolicy"},
                 {"status", 409},
                 {"code", "CSBS.2001"},
                 {"message", "The backup policy is busy; try again later."},
                 {"count", count}});
  }
  void ExpireTokensOn(const std::string& route) override {
    e_->ServiceOp("huaweicloud_csbs", "expire_tokens_on", {{"route", route}});
  }
  void SetPageLimit(int limit) override {
    e_->ServiceOp("huaweicloud_csbs", "settings",
                  {{"page_limit", limit > 0 ? json(limit) : json(nullptr)}});
  }
  std::vector<std::pair<std::string, int>> Requests() const override {
    std::vector<std::pair<std::string, int>> out;
    for (const auto& r : e_->Control("GET", "/requests")) {
      const std::string service = r.value("service", "");
      if (service != "huaweicloud_csbs" && service != "huaweicloud_iam") continue;
      const json& status = r["status"];
      out.emplace_back(r["route"].is_string() ? r["route"].get<std::string>() : "",
                       status.is_number() ? status.get<int>() : -1);
    }
    return out;
  }

 private:
  Emulators* e_;
  CsbsAuth auth_;
};

// A real project, driven out of band with our own client.
class RealCsbs : public CsbsTarget {
 public:
  RealCsbs(CsbsAuth auth, std::vector<std::string> servers, hw::HuaweiClients clients)
      : auth_(auth), servers_(std::move(servers)), clients_(std::move(clients)) {}
  bool emulated() const override { return false; }
  std::string ProviderBlock() const override {
    if (auth_ == CsbsAuth::kAkSk) return "provider \"polybackup\" {\n  huaweicloud {}\n}\n";
    // The user name in the block selects password mode; the password, the
    // domain and the rest come from the environment.
    return "provider \"polybackup\" {\n  huaweicloud {\n    user_name = \"" +
           clients::credentials::ProcessEnvironment().FirstOf({"HW_USER_NAME", "OS_USERNAME"}) +
           "\"\n  }\n}\n";
  }
  std::map<std::string, std::string> Env() const override { return {}; }
  std::string ServerId(int i) const override { return servers_.at(i); }
  CsbsCloudPolicy Read(const std::string& id) const override {
    CsbsCloudPolicy out;
    auto p = clients_.csbs->ShowPolicy(id, Options());
    if (absl::IsNotFound(p.status())) return out;
    REQUIRE_MESSAGE(p.ok(), p.status().ToString());
    out.exists = true;
    out.name = p->name;
    out.status = p->status;
    if (!p->scheduled_operations.empty()) {
      const auto& op = p->scheduled_operations[0];
      out.operation_id = op.id;
      out.trigger_pattern = op.trigger_pattern;
      if (op.operation_definition.max_backups) {
        out.definition["max_backups"] = *op.operation_definition.max_backups;
      }
    }
    for (const auto& r : p->resources) out.server_ids.push_back(r.id);
    return out;
  }
  std::vector<std::string> PolicyIds() const override {
    auto all = clients_.csbs->ListAllPolicies({}, Options());
    REQUIRE_MESSAGE(all.ok(), all.status().ToString());
    std::vector<std::string> ids;
    for (const auto& p : *all) ids.push_back(p.id);
    return ids;
  }
  void SetMaxBackups(const std::string& id, int n) override {
    auto p = clients_.csbs->ShowPolicy(id, Options());
    REQUIRE_MESSAGE(p.ok(), p.status().ToString());
    hw::CsbsScheduledOperation op = p->scheduled_operations.at(0);
    op.operation_type.clear();
    op.operation_definition.max_backups = n;
    hw::UpdateCsbsPolicyRequest r;
    r.scheduled_operations = std::vector<hw::CsbsScheduledOperation>{op};
    auto u = clients_.csbs->UpdatePolicyWhenReady(id, r, std::chrono::seconds(3), Options());
    REQUIRE_MESSAGE(u.ok(), u.status().ToString());
  }
  void Delete(const std::string& id) override {
    absl::Status s = clients_.csbs->DeletePolicyAndWait(id, std::chrono::seconds(3), Options());
    REQUIRE_MESSAGE(s.ok(), s.ToString());
  }
  void HoldCreating(bool) override { FAIL("not on a real project"); }
  void Settle(const std::string&) override { FAIL("not on a real project"); }
  void RefuseDeletes(int) override { FAIL("not on a real project"); }
  void ExpireTokensOn(const std::string&) override { FAIL("not on a real project"); }
  void SetPageLimit(int) override {}  // the service's own pages
  std::vector<std::pair<std::string, int>> Requests() const override { return {}; }

 private:
  static clients::CallOptions Options() {
    clients::CallOptions o;
    o.deadline = std::chrono::steady_clock::now() + std::chrono::minutes(10);
    return o;
  }
  CsbsAuth auth_;
  std::vector<std::string> servers_;
  hw::HuaweiClients clients_;
};

}  // namespace

std::unique_ptr<CsbsTarget> CsbsTarget::Get(CsbsAuth auth) {
  const char* real = std::getenv("POLYBACKUP_ACC_REAL");
  if (real == nullptr || std::string(real) != "1") {
    Emulators* e = AcceptanceEmulators();
    if (e == nullptr) return nullptr;
    return std::make_unique<EmulatedCsbs>(e, auth);
  }
  if (!AcceptanceTerraform()) return nullptr;
  const char* servers = std::getenv("POLYBACKUP_ACC_CSBS_SERVER_IDS");
  std::vector<std::string> ids;
  for (std::string s = servers ? servers : ""; !s.empty();) {
    size_t comma = s.find(',');
    ids.push_back(s.substr(0, comma));
    s = comma == std::string::npos ? "" : s.substr(comma + 1);
  }
  if (ids.size() < 3) {
    MESSAGE("skipped on the real project: set POLYBACKUP_ACC_CSBS_SERVER_IDS to three server IDs");
    return nullptr;
  }
  const auto& env = clients::credentials::ProcessEnvironment();
  const bool has_mode = auth == CsbsAuth::kAkSk
                            ? !env.FirstOf({"HW_ACCESS_KEY", "OS_ACCESS_KEY"}).empty()
                            : !env.FirstOf({"HW_USER_NAME", "OS_USERNAME"}).empty();
  if (!has_mode) {
    const std::string wanted =
        auth == CsbsAuth::kAkSk ? "HW_ACCESS_KEY/OS_ACCESS_KEY" : "HW_USER_NAME/OS_USERNAME";
    MESSAGE("skipped on the real project: no " << wanted << " for this scenario's authentication");
    return nullptr;
  }
  auto made = hw::NewHuaweiClients({}, env);
  REQUIRE_MESSAGE(made.ok(), made.status().ToString());
  return std::make_unique<RealCsbs>(auth, std::move(ids), std::move(*made));
}

}  // namespace polybackup::acceptance
