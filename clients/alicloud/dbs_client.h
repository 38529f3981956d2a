// DbsClient: Alibaba Cloud Database Backup (product "Dbs", API 2019-03-06),
// the backup plan lifecycle.
//
// Calls are ACS3-signed RPC POSTs through the shared retry loop, sent to
// options.endpoint or "https://dbs-api.<region>.aliyuncs.com". DBS reports
// most business failures as HTTP 200 with {"Success":false,"ErrCode",...};
// MapAlicloudError turns those into statuses like any other error:
//   NotFound            Param.NotFound / InvalidJobId / an id absent from
//                       DescribeBackupPlanList
//   FailedPrecondition  BackupPlanNotCreate (configure too soon after
//                       create), BackupPlanStatusNotSupport
//   InvalidArgument     InvalidParameter and Missing* (request problems)
// Idempotency: CreateBackupPlan, StartBackupPlan, StopBackupPlan and
// ReleaseBackupPlan carry a ClientToken made once per call, before the
// first attempt, so a retried attempt is recognised by DBS rather than
// creating a second plan. Thread-safe.
#ifndef POLYBACKUP_CLIENTS_ALICLOUD_DBS_CLIENT_H_
#define POLYBACKUP_CLIENTS_ALICLOUD_DBS_CLIENT_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "clients/alicloud/alicloud_rpc.h"
#include "clients/alicloud/dbs_types.h"

namespace polybackup::clients::alicloud {

class DbsClient {
 public:
  explicit DbsClient(AlicloudClientOptions options);

  // Creates an unconfigured plan (status "wait"). DBS needs about five
  // seconds before ConfigureBackupPlan accepts it (the CreateBackupPlan
  // doc); ConfigureBackupPlan below waits that out by retrying
  // BackupPlanNotCreate.
  absl::StatusOr<CreateDbsBackupPlanResult> CreateBackupPlan(
      const CreateDbsBackupPlanRequest& request, const CallOptions& options = {}) const;

  // Sets source, objects, schedule and retention. Retries
  // BackupPlanNotCreate within the retry policy (attempts/elapsed time).
  absl::Status ConfigureBackupPlan(const ConfigureDbsBackupPlanRequest& request,
                                   const CallOptions& options = {}) const;

  // Starts (status "running") or pauses (StopMethod "ALL" pauses the plan,
  // "PLAN" only the schedule) a configured plan.
  absl::Status StartBackupPlan(const std::string& backup_plan_id,
                               const CallOptions& options = {}) const;
  absl::Status StopBackupPlan(const std::string& backup_plan_id, const std::string& stop_method,
                              const CallOptions& options = {}) const;

  // One page (PageNum is 0-based).
  absl::StatusOr<DbsBackupPlanPage> DescribeBackupPlanList(
      const DescribeDbsBackupPlanListRequest& request, const CallOptions& options = {}) const;
  // All pages from request.page_num on.
  absl::StatusOr<std::vector<DbsBackupPlan>> DescribeAllBackupPlans(
      DescribeDbsBackupPlanListRequest request, const CallOptions& options = {}) const;
  // The plan with this id; NotFound when DBS does not list it (also for the
  // InvalidParameterValid error the API gives for unknown ids).
  absl::StatusOr<DbsBackupPlan> DescribeBackupPlan(const std::string& backup_plan_id,
                                                   const CallOptions& options = {}) const;

  absl::Status ModifyBackupPlanName(const std::string& backup_plan_id, const std::string& name,
                                    const CallOptions& options = {}) const;
  absl::Status ModifyBackupStrategy(const ModifyDbsBackupStrategyRequest& request,
                                    const CallOptions& options = {}) const;
  absl::Status ModifyBackupSourceEndpoint(const ModifyDbsBackupSourceEndpointRequest& request,
                                          const CallOptions& options = {}) const;
  absl::Status ModifyBackupObjects(const std::string& backup_plan_id,
                                   const std::string& backup_objects,
                                   const CallOptions& options = {}) const;

  // Retention and archive periods in place (instead of a replacement).
  absl::Status ModifyStorageStrategy(const ModifyDbsStorageStrategyRequest& request,
                                     const CallOptions& options = {}) const;
  // EnableBackupLog / DisableBackupLog.
  absl::Status SetBackupLog(const std::string& backup_plan_id, bool enabled,
                            const CallOptions& options = {}) const;

  // Releases (deletes) the plan. NotFound when it is already gone; callers
  // deleting treat that as success.
  absl::Status ReleaseBackupPlan(const std::string& backup_plan_id,
                                 const CallOptions& options = {}) const;

  // Polls DescribeBackupPlan every `interval` until the plan's status is
  // `status`. FailedPrecondition as soon as it shows one of `failed_states`
  // (e.g. "init" when the precheck failed: the plan's ErrMessage is quoted);
  // NotFound if it vanishes; DeadlineExceeded at options.deadline; Cancelled.
  absl::Status WaitForPlanStatus(const std::string& backup_plan_id, const std::string& status,
                                 const std::vector<std::string>& failed_states,
                                 std::chrono::milliseconds interval,
                                 const CallOptions& options = {}) const;

  // Polls until DescribeBackupPlan says NotFound (after ReleaseBackupPlan).
  absl::Status WaitForPlanGone(const std::string& backup_plan_id,
                               std::chrono::milliseconds interval,
                               const CallOptions& options = {}) const;

  const std::string& endpoint() const { return rpc_.endpoint(); }

 private:
  std::string Token() const;  // a fresh ClientToken
  AlicloudRpc rpc_;
};

// Parses one BackupPlanDetail object (defensively: numbers as strings,
// booleans as strings). Exposed for the data source tests.
DbsBackupPlan ParseDbsBackupPlan(const nlohmann::json& detail);

}  // namespace polybackup::clients::alicloud

#endif  // POLYBACKUP_CLIENTS_ALICLOUD_DBS_CLIENT_H_
