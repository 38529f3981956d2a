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
// ReleaseBackupPlan carry a ClientToken, made once per step before its first
// attempt (or given by the caller), so a retried attempt is recognised by
// DBS rather than creating a second plan or order.
// Waits (dbs_wait.cc) poll on the injected clock, bounded by
// CallOptions::deadline and cancellation, never by a fixed sleep. Thread-safe.
#ifndef POLYBACKUP_CLIENTS_ALICLOUD_DBS_CLIENT_H_
#define POLYBACKUP_CLIENTS_ALICLOUD_DBS_CLIENT_H_

#include <chrono>
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
  // doc); ConfigureBackupPlanWhenReady waits that out.
  absl::StatusOr<CreateDbsBackupPlanResult> CreateBackupPlan(
      const CreateDbsBackupPlanRequest& request, const CallOptions& options = {}) const;

  // Sets source, objects, schedule and retention: one call, retried only
  // for transport and throttling failures. FailedPrecondition with code
  // BackupPlanNotCreate when it comes too soon after create.
  absl::Status ConfigureBackupPlan(const ConfigureDbsBackupPlanRequest& request,
                                   const CallOptions& options = {}) const;
  // ConfigureBackupPlan, sent again every `interval` while DBS answers
  // BackupPlanNotCreate, until options.deadline (DeadlineExceeded, naming
  // the wait) or cancellation. Any other error is returned at once.
  absl::Status ConfigureBackupPlanWhenReady(const ConfigureDbsBackupPlanRequest& request,
                                            std::chrono::milliseconds interval,
                                            const CallOptions& options = {}) const;

  // Starts (status "running") or pauses (StopMethod "ALL" pauses the plan,
  // "PLAN" only the schedule) a configured plan. `client_token` "" = a new
  // one for this call.
  absl::Status StartBackupPlan(const std::string& backup_plan_id, const CallOptions& options = {},
                               const std::string& client_token = "") const;
  absl::Status StopBackupPlan(const std::string& backup_plan_id, const std::string& stop_method,
                              const CallOptions& options = {},
                              const std::string& client_token = "") const;
  // Start, then wait until the plan is "running": FailedPrecondition when it
  // stops instead (with DBS's ErrMessage), NotFound when it vanishes,
  // DeadlineExceeded at options.deadline. One ClientToken for the step.
  absl::Status StartBackupPlanAndWait(const std::string& backup_plan_id,
                                      std::chrono::milliseconds interval,
                                      const CallOptions& options = {}) const;
  // StopMethod ALL, then wait until the plan is "pause"; errors as above.
  absl::Status StopBackupPlanAndWait(const std::string& backup_plan_id,
                                     std::chrono::milliseconds interval,
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

  // How the plan is billed. NotFound (InvalidJobId) when DBS does not know
  // the plan.
  absl::StatusOr<DbsBilling> DescribeBackupPlanBilling(const std::string& backup_plan_id,
                                                       const CallOptions& options = {}) const;

  // Releases (deletes) the plan. NotFound when it is already gone; callers
  // deleting treat that as success.
  absl::Status ReleaseBackupPlan(const std::string& backup_plan_id, const CallOptions& options = {},
                                 const std::string& client_token = "") const;
  // Release, then wait until DescribeBackupPlanList no longer lists the
  // plan. A plan already gone is success. One ClientToken for the step.
  absl::Status ReleaseBackupPlanAndWait(const std::string& backup_plan_id,
                                        std::chrono::milliseconds interval,
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
