// BackupClient: recovery points (the calls a vault's force_destroy needs).
#include "clients/aws/backup_client.h"
#include "clients/aws/backup_codec.h"
#include "clients/aws/backup_paging.h"

namespace polybackup::clients::aws {
namespace {

using internal::All;
using internal::Label;
using internal::PageQuery;
using internal::ParsePage;
using nlohmann::json;

std::string PointsPath(const std::string& vault_name) {
  return "/backup-vaults/" + Label(vault_name) + "/recovery-points/";
}

}  // namespace

absl::StatusOr<AwsPage<RecoveryPoint>> BackupClient::ListRecoveryPointsByBackupVault(
    const std::string& vault_name, const std::string& next_token, int max_results,
    const CallOptions& options) const {
  absl::StatusOr<json> j =
      Call("ListRecoveryPointsByBackupVault", "GET", PointsPath(vault_name),
           PageQuery(next_token, max_results), nullptr, Idempotency::kIdempotent, options);
  if (!j.ok()) return j.status();
  return ParsePage<RecoveryPoint>(*j, "RecoveryPoints", ParseRecoveryPoint);
}

absl::StatusOr<std::vector<RecoveryPoint>> BackupClient::ListAllRecoveryPointsByBackupVault(
    const std::string& vault_name, const CallOptions& options) const {
  return All<RecoveryPoint>([&](const std::string& token) {
    return ListRecoveryPointsByBackupVault(vault_name, token, 0, options);
  });
}

absl::StatusOr<RecoveryPoint> BackupClient::DescribeRecoveryPoint(
    const std::string& vault_name, const std::string& arn, const CallOptions& options) const {
  // The ARN is one path label: its ':' and '/' are percent-encoded.
  absl::StatusOr<json> j = Call("DescribeRecoveryPoint", "GET", PointsPath(vault_name) + Label(arn),
                                {}, nullptr, Idempotency::kIdempotent, options);
  if (!j.ok()) return j.status();
  return ParseRecoveryPoint(*j);
}

absl::Status BackupClient::DeleteRecoveryPoint(const std::string& vault_name,
                                               const std::string& arn,
                                               const CallOptions& options) const {
  return Call("DeleteRecoveryPoint", "DELETE", PointsPath(vault_name) + Label(arn), {}, nullptr,
              Idempotency::kIdempotent, options)
      .status();
}

}  // namespace polybackup::clients::aws
