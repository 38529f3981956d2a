#include "resources/aws/testing/fake_backup.h"

#include "clients/http/url.h"

namespace polybackup::resources::aws {
namespace {

namespace http = clients::http;
using nlohmann::json;

constexpr char kVaultArnPrefix[] = "arn:aws:backup:us-east-1:123456789012:backup-vault:";

}  // namespace

std::string FakeBackup::Op(const http::HttpRequest& r, const std::string& path) {
  const bool plans = path.rfind("/backup/plans/", 0) == 0;
  if (plans && path.find("/selections/") != std::string::npos) {
    return r.method == "PUT"   ? "CreateBackupSelection"
           : r.method == "GET" ? "GetBackupSelection"
                               : "DeleteBackupSelection";
  }
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

http::HttpResponse FakeBackup::Answer(const http::HttpRequest& r) {
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
    plan_deleted = false;
    version = 1;
    tags[kArn] = body.value("BackupPlanTags", Tags{});
    return Json(200, {{"BackupPlanId", "p-1"}, {"BackupPlanArn", kArn}, {"VersionId", "v1"}});
  }
  if (op.find("Selection") != std::string::npos) return AnswerSelection(op, path, body);
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
    tags[kVaultArnPrefix + vault] = body.value("BackupVaultTags", Tags{});
    return Json(200, {{"BackupVaultName", vault}, {"BackupVaultArn", kVaultArnPrefix + vault}});
  }
  if (op == "DescribeBackupVault") {
    // AWS's answer for a vault that does not exist.
    if (!vaults.count(vault)) return Error(403, "AccessDeniedException", "Insufficient privileges");
    return Json(200, {{"BackupVaultName", vault},
                      {"BackupVaultArn", kVaultArnPrefix + vault},
                      {"EncryptionKeyArn", "arn:aws:kms:us-east-1:123456789012:key/k"},
                      {"NumberOfRecoveryPoints", 0}});
  }
  if (op == "DeleteBackupVault") {
    if (vaults.erase(vault) == 0) return Error(404, "ResourceNotFoundException", "no such vault");
    return Json(200, json::object());
  }
  return Error(400, "UnknownOperationException", op);
}

http::HttpResponse FakeBackup::AnswerSelection(const std::string& op, const std::string& path,
                                               const json& body) {
  // /backup/plans/{plan}/selections/[{selection}]
  const size_t plan_at = std::string("/backup/plans/").size();
  const std::string plan_id = path.substr(plan_at, path.find('/', plan_at) - plan_at);
  if (plan_id != "p-1" || !plan || plan_deleted) {
    // AWS's answer under a plan that is gone (the emulator's README).
    return Error(400, "InvalidParameterValueException",
                 "Cannot find Backup plan with ID " + plan_id);
  }
  std::string id = path.substr(path.find("/selections/") + std::string("/selections/").size());
  if (!id.empty() && id.back() == '/') id.pop_back();
  const json info = {{"SelectionId", id}, {"BackupPlanId", plan_id}, {"CreationDate", 1.7e9}};
  if (op == "CreateBackupSelection") {
    const std::string made = "s-" + std::to_string(++selections_created);
    selections[made] = body["BackupSelection"];
    return Json(200, {{"SelectionId", made}, {"BackupPlanId", plan_id}, {"CreationDate", 1.7e9}});
  }
  auto it = selections.find(id);
  if (it == selections.end()) return Error(404, "ResourceNotFoundException", "no such selection");
  if (op == "GetBackupSelection") {
    json out = info;
    out["BackupSelection"] = it->second;
    out["CreatorRequestId"] = "";
    return Json(200, out);
  }
  selections.erase(it);
  return Json(200, json::object());
}

}  // namespace polybackup::resources::aws
