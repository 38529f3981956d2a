// The error model shared by every cloud client.
//
// Every failure below the resource layer is an absl::Status with a canonical
// code that says what the caller can do about it:
//   NotFound            the object does not exist (Read drops it, Delete succeeds)
//   ResourceExhausted   throttled, or a quota is exhausted
//   Unavailable         transient: 5xx, connection reset, service busy for now
//   Unauthenticated     the credentials are wrong (bad key, bad signature, expired token)
//   PermissionDenied    the credentials are valid but not allowed
//   InvalidArgument     the request was rejected as malformed or out of range
//   AlreadyExists       a create collided with an existing object
//   FailedPrecondition  the object is busy or in the wrong state for this call
//   DeadlineExceeded    the operation ran out of time
//   Cancelled           Terraform asked the provider to stop
//   Internal            the cloud answered something we cannot parse
// When the cloud answered, a CloudError payload carries what it said (its own
// error code, message, HTTP status and request id) so diagnostics can quote it
// and per-cloud rules (retry, not-found quirks) can look at the cloud's code.
#ifndef POLYBACKUP_CLIENTS_CORE_CLOUD_ERROR_H_
#define POLYBACKUP_CLIENTS_CORE_CLOUD_ERROR_H_

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace polybackup::clients {

// Cloud names used in CloudError::cloud.
inline constexpr std::string_view kCloudAws = "aws";
inline constexpr std::string_view kCloudAlicloud = "alicloud";
inline constexpr std::string_view kCloudHuawei = "huawei";

struct CloudError {
  std::string cloud;       // kCloudAws, kCloudAlicloud, kCloudHuawei
  std::string code;        // the cloud's own code, e.g. "Throttling.User"; may be empty
  std::string message;     // the cloud's own message (already redacted of secrets)
  std::string request_id;  // for support tickets; may be empty
  int http_status = 0;     // 0 when the error did not come from an HTTP answer
  std::string operation;   // "R-kvstore ModifyBackupPolicy"; filled by the retry loop
  int attempts = 0;        // attempts made before giving up; filled by the retry loop
};

// Returns a status with `code`, a message built from `error` ("<cloud> <code>
// (HTTP n): <message> [request id r]") and `error` attached as payload.
// `code` must not be OK.
absl::Status MakeCloudStatus(absl::StatusCode code, const CloudError& error);

// Returns the CloudError attached to `status`, or nullopt (OK status, or a
// failure that never reached the cloud, e.g. a connection error).
std::optional<CloudError> GetCloudError(const absl::Status& status);

// Returns `status` with its payload replaced by `error` (same code; the
// message is rebuilt). Used by the retry loop to record attempts/operation.
absl::Status WithCloudError(const absl::Status& status, const CloudError& error);

// True when the cloud's error code denotes throttling (AWS ThrottlingException
// and friends, Alibaba Throttling*, Huawei HTTP 429 / APIGW.0308).
bool IsThrottlingError(const CloudError& error);

// Plain-language text for a user diagnostic: for an error the cloud sent, a
// short cause first ("the access key is not valid", "throttled after 5
// attempts", "not found"), then what the cloud said and its request id; for
// a transport failure "the service is temporarily unavailable: ..." /
// "timed out: ..." / "cancelled: ..."; for our own errors (missing
// credentials, bad settings, unparseable answers) the status message as is.
// Never contains secrets (the logger's redaction list is applied).
std::string UserMessage(const absl::Status& status);

}  // namespace polybackup::clients

#endif  // POLYBACKUP_CLIENTS_CORE_CLOUD_ERROR_H_
