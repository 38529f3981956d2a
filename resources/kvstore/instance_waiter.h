// Changing an R-kvstore backup policy is accepted at once, but the instance
// then leaves the "Normal" status while it applies the change, and refuses a
// second change meanwhile (IncorrectDBInstanceState, or LockTimeout). These
// helpers wait it out, bounded by the operation's deadline (the timeouts
// block) and Terraform's StopProvider.
#ifndef POLYBACKUP_RESOURCES_KVSTORE_INSTANCE_WAITER_H_
#define POLYBACKUP_RESOURCES_KVSTORE_INSTANCE_WAITER_H_

#include <chrono>
#include <string>

#include "absl/status/status.h"
#include "clients/alicloud/kvstore_client.h"
#include "tfplugin/framework/context.h"

namespace polybackup::resources::kvstore {

// Polls DescribeInstanceAttribute every 2 s until the status is "Normal". NotFound when the
// instance is gone; DeadlineExceeded naming the last status seen; Cancelled on StopProvider.
absl::Status WaitForNormal(const clients::alicloud::KvstoreClient& client,
                           const std::string& instance_id, framework::Context& ctx);

// Sends ModifyBackupPolicy, waiting for "Normal" and sending again while the
// instance is busy (FailedPrecondition: IncorrectDBInstanceState,
// LockTimeout), then waits for "Normal" once more so the next operation (and
// the read-back) sees the new policy.
absl::Status ModifyAndWait(const clients::alicloud::KvstoreClient& client,
                           const clients::alicloud::ModifyKvstoreBackupPolicyRequest& request,
                           framework::Context& ctx);

}  // namespace polybackup::resources::kvstore

#endif  // POLYBACKUP_RESOURCES_KVSTORE_INSTANCE_WAITER_H_
