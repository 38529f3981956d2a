#include "resources/kvstore/instance_waiter.h"

#include "resources/common/provider_data.h"

namespace polybackup::resources::kvstore {
namespace {

// A policy change takes the instance out of "Normal" for seconds to minutes;
// the reference provider polls every 60 s, which makes every apply slow.
constexpr std::chrono::seconds kPoll{2};

// Sleeps `d` unless that would pass the deadline; false when there is no time
// left or the call was cancelled (the status says which).
absl::Status Pause(framework::Context& ctx, std::chrono::steady_clock::duration d,
                   const std::string& waiting_for) {
  if (auto deadline = ctx.deadline()) {
    if (ctx.clock().Monotonic() + d > *deadline) {
      return absl::DeadlineExceededError("timed out waiting for " + waiting_for);
    }
  }
  if (ctx.clock().Sleep(d, ctx.cancellation().get())) {
    return absl::CancelledError("stopped while waiting for " + waiting_for +
                                " (Terraform asked the provider to stop)");
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status WaitForNormal(const clients::alicloud::KvstoreClient& client,
                           const std::string& instance_id, framework::Context& ctx) {
  return client.WaitForInstanceStatus(instance_id, "Normal", kPoll,
                                      ProviderData::CallOptionsFor(ctx));
}

absl::Status ModifyAndWait(const clients::alicloud::KvstoreClient& client,
                           const clients::alicloud::ModifyKvstoreBackupPolicyRequest& request,
                           framework::Context& ctx) {
  while (true) {
    absl::Status sent = client.ModifyBackupPolicy(request, ProviderData::CallOptionsFor(ctx));
    if (sent.ok()) break;
    // Busy: another change is still being applied. Wait for it, then resend.
    if (sent.code() != absl::StatusCode::kFailedPrecondition) return sent;
    ctx.Log(log::Level::kDebug, "instance busy; waiting before changing the backup policy",
            {{"instance_id", request.instance_id}});
    absl::Status normal = WaitForNormal(client, request.instance_id, ctx);
    if (!normal.ok()) return normal;
    // WaitForNormal can return at once when the busy state was a lock held
    // elsewhere; pause so a lock that lingers is not hammered.
    absl::Status paused = Pause(ctx, kPoll, "the instance lock to be released");
    if (!paused.ok()) return paused;
  }
  return WaitForNormal(client, request.instance_id, ctx);
}

}  // namespace polybackup::resources::kvstore
