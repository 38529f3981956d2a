// KvstoreClient: ApsaraDB for Redis / Tair (product "R-kvstore", API version
// 2015-01-01) — the backup policy and the instance calls a backup policy
// resource needs.
//
// Every call is an ACS3-signed RPC POST through the shared retry loop (see
// alicloud_rpc.h). Errors are mapped statuses (clients/core/cloud_error.h);
// the ones callers act on:
//   NotFound            InvalidInstanceId.NotFound — the instance is gone
//   FailedPrecondition  IncorrectDBInstanceState — the instance is busy
//                       applying a change; NOT retried here: wait until
//                       DescribeInstanceAttribute reports "Normal", then call
//                       again (what the reference provider does).
//   ResourceExhausted   Throttling.* after the retry policy's attempts
// Thread-safe: calls may run concurrently on one client.
#ifndef POLYBACKUP_CLIENTS_ALICLOUD_KVSTORE_CLIENT_H_
#define POLYBACKUP_CLIENTS_ALICLOUD_KVSTORE_CLIENT_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "clients/alicloud/alicloud_rpc.h"

namespace polybackup::clients::alicloud {

struct KvstoreBackupPolicy {
  std::string preferred_backup_time;                 // "02:00Z-03:00Z", UTC, one hour
  std::vector<std::string> preferred_backup_period;  // {"Monday", "Wednesday"}, API order
  // Answered as a string ("7"); nullopt when absent or not a number.
  std::optional<long long> backup_retention_period;
  std::optional<bool> enable_backup_log;   // answered as 0/1
  std::string preferred_next_backup_time;  // "2024-05-01T02:00Z"; informational
  std::string request_id;
};

struct ModifyKvstoreBackupPolicyRequest {
  std::string instance_id;
  // Both required by the API: "HH:00Z-HH+1:00Z" and at least one weekday.
  // The last window is sent as "23:00Z-24:00Z" (DocumentedBackupWindow).
  std::string preferred_backup_time;
  std::vector<std::string> preferred_backup_period;
  std::optional<long long> backup_retention_period;  // 7..730 days; omitted when unset
  std::optional<bool> enable_backup_log;             // sent as 0/1; omitted when unset
};

struct KvstoreInstance {
  std::string instance_id;
  std::string instance_name;
  std::string region_id;
  std::string zone_id;
  std::string instance_status;  // "Normal", "Changing", "Creating", ...
  std::string instance_type;    // engine: "Redis", "Memcache", "Tair"
  std::string engine_version;   // "5.0"
  std::string instance_class;
  std::optional<long long> capacity;  // MB
  std::string network_type;
  std::string vpc_id;
  std::string charge_type;
};

struct DescribeKvstoreInstancesRequest {
  std::vector<std::string> instance_ids;  // sent comma-joined; empty = all
  std::string instance_status;            // filter; "" = any
  std::string instance_type;              // "Redis" / "Memcache"; "" = any
  std::string search_key;                 // id or name substring
  int page_number = 1;                    // 1-based
  int page_size = 30;                     // 1..100 (the API's range)
};

struct KvstoreInstancePage {
  std::vector<KvstoreInstance> instances;
  long long page_number = 0;
  long long page_size = 0;
  long long total_count = -1;  // -1 when the answer omits it
};

class KvstoreClient {
 public:
  // The endpoint is options.endpoint, else kKvstoreEndpoint (the API serves
  // most regions from that central host; RegionId selects the region).
  explicit KvstoreClient(AlicloudClientOptions options);

  // The instance's backup policy. NotFound when the instance does not exist.
  absl::StatusOr<KvstoreBackupPolicy> DescribeBackupPolicy(const std::string& instance_id,
                                                           const CallOptions& options = {}) const;

  // Replaces the policy. InvalidArgument locally (no call) when the time or
  // period is empty, since the API requires both. The instance turns
  // "Changing" for a while afterwards. Retried on throttling and 5xx: the call
  // sets absolute values, so repeating it is harmless.
  absl::Status ModifyBackupPolicy(const ModifyKvstoreBackupPolicyRequest& request,
                                  const CallOptions& options = {}) const;

  // One instance's attributes (InstanceStatus tells when a change finished).
  // NotFound when it does not exist.
  absl::StatusOr<KvstoreInstance> DescribeInstanceAttribute(const std::string& instance_id,
                                                            const CallOptions& options = {}) const;

  // One page of instances in the client's region.
  absl::StatusOr<KvstoreInstancePage> DescribeInstances(
      const DescribeKvstoreInstancesRequest& request, const CallOptions& options = {}) const;

  // Every page of DescribeInstances (request.page_number is the first page).
  absl::StatusOr<std::vector<KvstoreInstance>> DescribeAllInstances(
      DescribeKvstoreInstancesRequest request, const CallOptions& options = {}) const;

  // Polls DescribeInstanceAttribute every `interval` until InstanceStatus
  // equals `status` (after ModifyBackupPolicy the instance is "Changing" for
  // a while; the reference provider waits for "Normal" before anything else).
  // Errors: NotFound if the instance disappears; DeadlineExceeded at
  // options.deadline naming the last status seen; Cancelled.
  absl::Status WaitForInstanceStatus(const std::string& instance_id, const std::string& status,
                                     std::chrono::milliseconds interval,
                                     const CallOptions& options = {}) const;

  // ModifyBackupPolicy as a finished change (kvstore_wait.cc): sends it,
  // and while the instance is busy (FailedPrecondition:
  // IncorrectDBInstanceState, LockTimeout) waits for "Normal", pauses one
  // `interval` (a lock held elsewhere can outlive "Normal") and sends again;
  // then waits for "Normal" once more so the next call, and a read-back,
  // see the new policy. Errors: those of the calls and of
  // WaitForInstanceStatus (NotFound, DeadlineExceeded, Cancelled).
  absl::Status ModifyBackupPolicyAndWait(const ModifyKvstoreBackupPolicyRequest& request,
                                         std::chrono::milliseconds interval,
                                         const CallOptions& options = {}) const;

  const std::string& endpoint() const { return rpc_.endpoint(); }

 private:
  AlicloudRpc rpc_;
};

// The spelling R-kvstore is sent for a backup window: "23:00Z-00:00Z"
// becomes "23:00Z-24:00Z", the one the Alibaba provider has always sent and
// sibling Alibaba database APIs list (the R-kvstore reference spells neither;
// acceptance/emulators/README.md, "The last window of the day", has the
// sources). Any other string is returned unchanged.
std::string DocumentedBackupWindow(std::string_view window);

// "Monday,Tuesday" <-> {"Monday","Tuesday"} (blanks trimmed, empties dropped).
std::vector<std::string> SplitWeekdays(std::string_view joined);
std::string JoinWeekdays(const std::vector<std::string>& days);

}  // namespace polybackup::clients::alicloud

#endif  // POLYBACKUP_CLIENTS_ALICLOUD_KVSTORE_CLIENT_H_
