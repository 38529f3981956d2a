// BackupClient: vaults, selections and tags (plans are in backup_client.cc).
#include "absl/strings/str_cat.h"
#include "clients/aws/backup_client.h"
#include "clients/aws/backup_codec.h"
#include "clients/aws/backup_paging.h"
#include "clients/core/cloud_error.h"
#include "clients/core/json_fields.h"
#include "clients/core/pagination.h"

namespace polybackup::clients::aws {
namespace {

using internal::All;
using internal::Label;
using internal::PageQuery;
using internal::ParsePage;
using nlohmann::json;

std::string SelectionsPath(const std::string& plan_id) {
  return "/backup/plans/" + Label(plan_id) + "/selections/";
}

}  // namespace

absl::StatusOr<BackupVault> BackupClient::CreateBackupVault(const CreateBackupVaultRequest& request,
                                                            const CallOptions& options) const {
  if (request.backup_vault_name.empty()) return absl::InvalidArgumentError("a vault needs a name");
  json body = json::object();
  if (!request.tags.empty()) body["BackupVaultTags"] = request.tags;
  if (!request.encryption_key_arn.empty()) body["EncryptionKeyArn"] = request.encryption_key_arn;
  body["CreatorRequestId"] =
      request.creator_request_id.empty() ? NewCreatorRequestId() : request.creator_request_id;
  absl::StatusOr<json> j =
      Call("CreateBackupVault", "PUT", "/backup-vaults/" + Label(request.backup_vault_name), {},
           &body, Idempotency::kTokenized, options);
  if (!j.ok()) return j.status();
  return ParseBackupVault(*j);
}

absl::StatusOr<BackupVault> BackupClient::DescribeBackupVault(const std::string& name,
                                                              const CallOptions& options) const {
  absl::StatusOr<json> j = Call("DescribeBackupVault", "GET", "/backup-vaults/" + Label(name), {},
                                nullptr, Idempotency::kIdempotent, options);
  if (!j.ok()) {
    // AWS answers DescribeBackupVault on a vault that does not exist with
    // AccessDeniedException, not ResourceNotFoundException (terraform-
    // provider-aws backup/vault.go reads both as "gone"). The cloud's code
    // stays in the payload.
    std::optional<CloudError> e = GetCloudError(j.status());
    if (e && e->code == "AccessDeniedException") {
      return MakeCloudStatus(absl::StatusCode::kNotFound, *e);
    }
    return j.status();
  }
  return ParseBackupVault(*j);
}

absl::Status BackupClient::DeleteBackupVault(const std::string& name,
                                             const CallOptions& options) const {
  return Call("DeleteBackupVault", "DELETE", "/backup-vaults/" + Label(name), {}, nullptr,
              Idempotency::kIdempotent, options)
      .status();
}

absl::StatusOr<AwsPage<BackupVault>> BackupClient::ListBackupVaults(
    const std::string& next_token, int max_results, const CallOptions& options) const {
  absl::StatusOr<json> j =
      Call("ListBackupVaults", "GET", "/backup-vaults/", PageQuery(next_token, max_results),
           nullptr, Idempotency::kIdempotent, options);
  if (!j.ok()) return j.status();
  return ParsePage<BackupVault>(*j, "BackupVaultList", ParseBackupVault);
}

absl::StatusOr<std::vector<BackupVault>> BackupClient::ListAllBackupVaults(
    const CallOptions& options) const {
  return All<BackupVault>(
      [&](const std::string& token) { return ListBackupVaults(token, 0, options); });
}

absl::StatusOr<BackupSelectionInfo> BackupClient::CreateBackupSelection(
    const std::string& plan_id, const BackupSelection& selection,
    const std::string& creator_request_id, const CallOptions& options) const {
  if (selection.selection_name.empty() || selection.iam_role_arn.empty()) {
    return absl::InvalidArgumentError("a backup selection needs a name and an IAM role ARN");
  }
  json body = {{"BackupSelection", BackupSelectionToJson(selection)},
               {"CreatorRequestId",
                creator_request_id.empty() ? NewCreatorRequestId() : creator_request_id}};
  absl::StatusOr<json> j = Call("CreateBackupSelection", "PUT", SelectionsPath(plan_id), {}, &body,
                                Idempotency::kTokenized, options);
  if (!j.ok()) return j.status();
  BackupSelectionInfo info = ParseBackupSelectionInfo(*j);
  info.selection = selection;  // the answer has ids and a date only
  return info;
}

absl::StatusOr<BackupSelectionInfo> BackupClient::GetBackupSelection(
    const std::string& plan_id, const std::string& selection_id, const CallOptions& options) const {
  absl::StatusOr<json> j =
      Call("GetBackupSelection", "GET", SelectionsPath(plan_id) + Label(selection_id), {}, nullptr,
           Idempotency::kIdempotent, options);
  if (!j.ok()) return j.status();
  return ParseBackupSelectionInfo(*j);
}

absl::Status BackupClient::DeleteBackupSelection(const std::string& plan_id,
                                                 const std::string& selection_id,
                                                 const CallOptions& options) const {
  return Call("DeleteBackupSelection", "DELETE", SelectionsPath(plan_id) + Label(selection_id), {},
              nullptr, Idempotency::kIdempotent, options)
      .status();
}

absl::StatusOr<AwsPage<BackupSelectionSummary>> BackupClient::ListBackupSelections(
    const std::string& plan_id, const std::string& next_token, int max_results,
    const CallOptions& options) const {
  absl::StatusOr<json> j =
      Call("ListBackupSelections", "GET", SelectionsPath(plan_id),
           PageQuery(next_token, max_results), nullptr, Idempotency::kIdempotent, options);
  if (!j.ok()) return j.status();
  return ParsePage<BackupSelectionSummary>(*j, "BackupSelectionsList", ParseBackupSelectionSummary);
}

absl::StatusOr<std::vector<BackupSelectionSummary>> BackupClient::ListAllBackupSelections(
    const std::string& plan_id, const CallOptions& options) const {
  return All<BackupSelectionSummary>(
      [&](const std::string& token) { return ListBackupSelections(plan_id, token, 0, options); });
}

absl::Status BackupClient::TagResource(const std::string& arn, const Tags& tags,
                                       const CallOptions& options) const {
  if (tags.empty()) return absl::OkStatus();  // the API rejects an empty Tags map
  json body = {{"Tags", tags}};
  return Call("TagResource", "POST", "/tags/" + Label(arn), {}, &body, Idempotency::kIdempotent,
              options)
      .status();
}

absl::Status BackupClient::UntagResource(const std::string& arn,
                                         const std::vector<std::string>& keys,
                                         const CallOptions& options) const {
  if (keys.empty()) return absl::OkStatus();
  json body = {{"TagKeyList", keys}};
  return Call("UntagResource", "POST", "/untag/" + Label(arn), {}, &body, Idempotency::kIdempotent,
              options)
      .status();
}

absl::StatusOr<Tags> BackupClient::ListTags(const std::string& arn,
                                            const CallOptions& options) const {
  Tags all;
  absl::StatusOr<std::vector<Tags>> pages =
      All<Tags>([&](const std::string& token) -> absl::StatusOr<AwsPage<Tags>> {
        absl::StatusOr<json> j =
            Call("ListTags", "GET", "/tags/" + Label(arn) + "/", PageQuery(token, 0), nullptr,
                 Idempotency::kIdempotent, options);
        if (!j.ok()) return j.status();
        return AwsPage<Tags>{.items = {StringMapField(*j, "Tags")},
                             .next_token = StringField(*j, "NextToken", JsonTypes::kStrict)};
      });
  if (!pages.ok()) return pages.status();
  for (const Tags& page : *pages) all.insert(page.begin(), page.end());
  return all;
}

}  // namespace polybackup::clients::aws
