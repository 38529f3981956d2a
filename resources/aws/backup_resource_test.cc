// The AWS Backup resources through the framework, in-process: the
// ResourceHarness plays Terraform and a small fake plays AWS Backup, for the
// paths an emulator cannot force on demand: a failure after the plan
// exists, AWS's own "not found" answers, selections still referencing a
// plan until the delete timeout, a tag-only update, bad import IDs.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "clients/http/scripted_transport.h"
#include "clients/http/url.h"
#include "resources/aws/backup_plan_resource.h"
#include "resources/aws/backup_selection_resource.h"
#include "resources/aws/backup_vault_resource.h"
#include "resources/common/provider_data.h"
#include "resources/common/scripted_cloud.h"
#include "tfplugin/framework/testing/resource_harness.h"

namespace polybackup::resources::aws {
namespace {

namespace http = clients::http;
using nlohmann::json;
using Tags = std::map<std::string, std::string>;

// One plan ("p-1"), vaults and tags, answering the calls the resources make.
struct FakeBackup {
  std::optional<json> plan;  // the BackupPlan document
  int version = 0;
  bool plan_deleted = false;
  int referenced = 0;  // DeleteBackupPlan refusals left (selections)
  std::set<std::string> vaults;
  std::map<std::string, Tags> tags;  // by ARN
  // Errors the next calls of an operation answer: {HTTP status, type}.
  std::map<std::string, std::vector<std::pair<int, std::string>>> errors;
  std::vector<std::string> calls;

  static constexpr char kArn[] = "arn:aws:backup:us-east-1:123456789012:backup-plan:p-1";

  static http::HttpResponse Json(int status, const json& body) { return {status, {}, body.dump()}; }
  static http::HttpResponse Error(int status, const std::string& type, const std::string& message) {
    return {status,
            {{"x-amzn-errortype", type + ":http://internal.amazon.com/coral/"}},
            json({{"__type", type}, {"Message", message}}).dump()};
  }

  std::string Op(const http::HttpRequest& r, const std::string& path) {
    const bool plans = path.rfind("/backup/plans/", 0) == 0;
    if (plans && r.method == "PUT") return "CreateBackupPlan";
    if (plans && r.method == "GET") return "GetBackupPlan";
    if (plans && r.method == "POST") return "UpdateBackupPlan";
    if (plans && r.method == "DELETE") return "DeleteBackupPlan";
    if (path.rfind("/tags/", 0) == 0) return r.method == "GET" ? "ListTags" : "TagResource";
    if (path.rfind("/untag/", 0) == 0) return "UntagResource";
    if (path.rfind("/backup-vaults/", 0) == 0) {
      return r.method == "PUT"   ? "CreateBackupVault"
             : r.method == "GET" ? "DescribeBackupVault"
                                 : "DeleteBackupVault";
    }
    return "Unknown";
  }

  http::HttpResponse Answer(const http::HttpRequest& r) {
    const std::string path = http::ParseUrl(r.url)->path;
    const std::string op = Op(r, path);
    calls.push_back(op);
    if (auto it = errors.find(op); it != errors.end() && !it->second.empty()) {
      auto [status, type] = it->second.front();
      it->second.erase(it->second.begin());
      return Error(status, type, "scripted");
    }
    const json body = r.body.empty() ? json::object() : json::parse(r.body);
    const json ref = {{"BackupPlanId", "p-1"},
                      {"BackupPlanArn", kArn},
                      {"VersionId", "v" + std::to_string(version)}};
    if (op == "CreateBackupPlan") {
      plan = body["BackupPlan"];
      version = 1;
      tags[kArn] = body.value("BackupPlanTags", Tags{});
      return Json(200, {{"BackupPlanId", "p-1"}, {"BackupPlanArn", kArn}, {"VersionId", "v1"}});
    }
    if (!plan || plan_deleted) {
      if (op.find("Plan") != std::string::npos || path.find("backup-plan") != std::string::npos) {
        return Error(404, "ResourceNotFoundException", "no such plan");
      }
    }
    if (op == "GetBackupPlan") {
      json out = ref;
      out["BackupPlan"] = *plan;
      return Json(200, out);
    }
    if (op == "UpdateBackupPlan") {
      plan = body["BackupPlan"];
      ++version;
      json out = ref;
      out["VersionId"] = "v" + std::to_string(version);
      return Json(200, out);
    }
    if (op == "DeleteBackupPlan") {
      if (referenced > 0) {
        --referenced;
        return Error(400, "InvalidRequestException",
                     "Related backup plan selections must be deleted prior to backup plan "
                     "deletion.");
      }
      plan_deleted = true;
      return Json(200, ref);
    }
    const std::string arn = *http::PercentDecode(path.substr(path.find('/', 1) + 1));
    const std::string bare = arn.back() == '/' ? arn.substr(0, arn.size() - 1) : arn;
    if (op == "ListTags") return Json(200, {{"Tags", tags[bare]}});
    if (op == "TagResource") {
      for (const auto& [k, v] : body["Tags"].items()) tags[bare][k] = v;
      return Json(200, json::object());
    }
    if (op == "UntagResource") {
      for (const auto& k : body["TagKeyList"]) tags[bare].erase(k.get<std::string>());
      return Json(200, json::object());
    }
    const std::string vault = path.substr(std::string("/backup-vaults/").size());
    if (op == "CreateBackupVault") {
      vaults.insert(vault);
      tags["arn:aws:backup:us-east-1:123456789012:backup-vault:" + vault] =
          body.value("BackupVaultTags", Tags{});
      return Json(
          200, {{"BackupVaultName", vault},
                {"BackupVaultArn", "arn:aws:backup:us-east-1:123456789012:backup-vault:" + vault}});
    }
    if (op == "DescribeBackupVault") {
      // AWS's answer for a vault that does not exist.
      if (!vaults.count(vault))
        return Error(403, "AccessDeniedException", "Insufficient privileges");
      return Json(
          200, {{"BackupVaultName", vault},
                {"BackupVaultArn", "arn:aws:backup:us-east-1:123456789012:backup-vault:" + vault},
                {"EncryptionKeyArn", "arn:aws:kms:us-east-1:123456789012:key/k"},
                {"NumberOfRecoveryPoints", 0}});
    }
    return Error(400, "UnknownOperationException", op);
  }
  int Count(const std::string& op) const {
    return static_cast<int>(std::count(calls.begin(), calls.end(), op));
  }
};

template <class R>
struct Fixture {
  FakeBackup cloud;
  ScriptedCloud scripted{[this](const http::HttpRequest& r) { return cloud.Answer(r); }};
  std::shared_ptr<ProviderData> data = WithDefaultTags(scripted.AwsData("backup"));
  framework::testing::ResourceHarness<R> h{std::make_shared<R>(), data, scripted.harness_options()};

  static std::shared_ptr<ProviderData> WithDefaultTags(std::shared_ptr<ProviderData> d) {
    d->aws->default_tags = {{"team", "ops"}};
    return d;
  }
};

BackupPlanModel PlanConfig(const std::string& schedule) {
  BackupPlanModel m;
  m.name = "plan";
  RuleModel r;
  r.rule_name = "daily";
  r.target_vault_name = "vault";
  r.schedule = schedule;
  m.rule = {r};
  m.tags = Tags{{"env", "test"}};
  return m;
}

}  // namespace

TEST_CASE("plan: create, re-plan empty, a tag-only change sends no new version, destroy") {
  Fixture<BackupPlanResource> f;
  auto config = PlanConfig("cron(0 5 ? * * *)");
  auto created = f.h.Create(config);
  REQUIRE_MESSAGE(created.ok(), created.diags.ToString());
  CHECK(created.state->id.value() == "p-1");
  CHECK(created.state->version.value() == "v1");
  CHECK(created.state->tags_all.value() == Tags{{"env", "test"}, {"team", "ops"}});
  CHECK(f.cloud.tags[FakeBackup::kArn] == Tags{{"env", "test"}, {"team", "ops"}});
  CHECK_FALSE(f.h.Plan(created.state, config).changes);

  auto retagged = config;
  retagged.tags = Tags{{"env", "prod"}};
  auto plan = f.h.Plan(created.state, retagged);
  CHECK(plan.changes);
  CHECK(plan.state->version.value() == "v1");  // known: no new version
  auto updated = f.h.Update(*created.state, retagged);
  REQUIRE_MESSAGE(updated.ok(), updated.diags.ToString());
  CHECK(f.cloud.Count("UpdateBackupPlan") == 0);
  CHECK(f.cloud.tags[FakeBackup::kArn].at("env") == "prod");

  auto destroyed = f.h.Destroy(*updated.state);
  REQUIRE_MESSAGE(destroyed.ok(), destroyed.diags.ToString());
  CHECK(f.cloud.plan_deleted);
}

TEST_CASE("plan: a failure after AWS made the plan keeps it in state, with the error") {
  Fixture<BackupPlanResource> f;
  f.cloud.errors["GetBackupPlan"] = {
      {500, "InternalFailure"}, {500, "InternalFailure"}, {500, "InternalFailure"}};
  auto created = f.h.Create(PlanConfig("cron(0 5 ? * * *)"));
  CHECK_FALSE(created.ok());
  CHECK(created.diags.ToString().find("Backup Plan (p-1)") != std::string::npos);
  REQUIRE(created.state.has_value());  // recorded (Terraform taints it)
  CHECK(created.state->id.value() == "p-1");
  CHECK(f.cloud.Count("CreateBackupPlan") == 1);
}

TEST_CASE("plan: deleted out of band leaves state; a throttled read is retried") {
  Fixture<BackupPlanResource> f;
  auto created = f.h.Create(PlanConfig("cron(0 5 ? * * *)"));
  REQUIRE(created.ok());
  f.cloud.errors["GetBackupPlan"] = {{429, "ThrottlingException"}};
  auto read = f.h.Read(*created.state);
  CHECK_MESSAGE(read.ok(), read.diags.ToString());
  CHECK(read.state.has_value());
  f.cloud.plan_deleted = true;
  auto gone = f.h.Read(*created.state);
  CHECK_MESSAGE(gone.ok(), gone.diags.ToString());
  CHECK_FALSE(gone.state.has_value());
}

TEST_CASE("plan: delete waits while selections reference it, up to the delete timeout") {
  Fixture<BackupPlanResource> f;
  auto created = f.h.Create(PlanConfig("cron(0 5 ? * * *)"));
  REQUIRE(created.ok());
  f.cloud.referenced = 2;  // the selections go while we wait
  auto destroyed = f.h.Destroy(*created.state);
  CHECK_MESSAGE(destroyed.ok(), destroyed.diags.ToString());
  CHECK(f.cloud.Count("DeleteBackupPlan") == 3);

  Fixture<BackupPlanResource> g;
  created = g.h.Create(PlanConfig("cron(0 5 ? * * *)"));
  REQUIRE(created.ok());
  g.cloud.referenced = 1000;  // never
  destroyed = g.h.Destroy(*created.state);
  CHECK_FALSE(destroyed.ok());
  const std::string errors = destroyed.diags.ToString();
  CHECK(errors.find("deleting Backup Plan (p-1)") != std::string::npos);
  CHECK(errors.find("selections of plan p-1") != std::string::npos);
  REQUIRE(destroyed.state.has_value());  // still in state
}

TEST_CASE("plan and selection import IDs are checked before any call") {
  Fixture<BackupPlanResource> f;
  auto bad = f.h.Import("p-1|s-1");
  CHECK_FALSE(bad.ok());
  CHECK(bad.diags.ToString().find("Import a backup plan by its ID") != std::string::npos);
  Fixture<BackupSelectionResource> g;
  for (const std::string id : {"p-1", "|s-1", "p-1|", "p|s|x"}) {
    CAPTURE(id);
    auto refused = g.h.Import(id);
    CHECK_FALSE(refused.ok());
    CHECK(refused.diags.ToString().find("<plan-id>|<selection-id>") != std::string::npos);
  }
  CHECK(f.cloud.calls.empty());
  CHECK(g.cloud.calls.empty());
}

TEST_CASE("vault: AWS's access denied for a missing vault reads as gone") {
  Fixture<BackupVaultResource> f;
  BackupVaultModel config;
  config.name = "vault";
  auto created = f.h.Create(config);
  REQUIRE_MESSAGE(created.ok(), created.diags.ToString());
  CHECK(created.state->kms_key_arn.value() == "arn:aws:kms:us-east-1:123456789012:key/k");
  CHECK(created.state->tags.value().empty());
  CHECK(created.state->tags_all.value() == Tags{{"team", "ops"}});
  f.cloud.vaults.clear();
  auto gone = f.h.Read(*created.state);
  CHECK_MESSAGE(gone.ok(), gone.diags.ToString());
  CHECK_FALSE(gone.state.has_value());
  // Any other refusal is an error, and the state stays.
  f.cloud.vaults.insert("vault");
  f.cloud.errors["DescribeBackupVault"] = {{400, "InvalidParameterValueException"}};
  auto refused = f.h.Read(*created.state);
  CHECK_FALSE(refused.ok());
}

}  // namespace polybackup::resources::aws
