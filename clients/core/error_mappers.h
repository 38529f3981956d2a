// One error mapper per cloud: turns an HTTP answer (any status) into an
// absl::Status with a CloudError payload (see cloud_error.h for the codes).
//
// The transport treats every HTTP status as a successful send; calling one of
// these is the separate, explicit step that decides whether the answer was an
// error. Each returns OK for a success answer and never throws: a body that is
// empty, truncated, HTML from a proxy or otherwise not the cloud's JSON still
// maps by HTTP status, with the start of the body as the message.
#ifndef POLYBACKUP_CLIENTS_CORE_ERROR_MAPPERS_H_
#define POLYBACKUP_CLIENTS_CORE_ERROR_MAPPERS_H_

#include <string_view>

#include "absl/status/status.h"
#include "clients/http/http.h"

namespace polybackup::clients {

// AWS JSON protocols (restJson1 as used by AWS Backup, and awsJson1.x). The
// code comes from the `x-amzn-errortype` header or the body's `__type` /
// `code` (anything before '#' and after ':' stripped); the message from
// `message` / `Message`; the request id from `x-amzn-requestid`. OK for 2xx.
absl::Status MapAwsError(const http::HttpResponse& response);

// Alibaba Cloud RPC/ROA APIs (R-kvstore, DBS). Errors carry `Code`, `Message`,
// `RequestId` in the body. DBS answers HTTP 200 with an envelope
// {"Success": false, "ErrCode": ..., "ErrMessage": ...} for some failures, so
// a 2xx whose body says Success=false is an error too. OK otherwise.
absl::Status MapAlicloudError(const http::HttpResponse& response);

// Huawei Cloud / Open Telekom Cloud (CSBS, Keystone, API gateway). Bodies vary:
// {"error_code","error_msg"}, {"error":{"code","message"}}, or Keystone's
// {"error":{"code":401,"title","message"}}; the HTTP status decides the
// canonical code (409 = busy → FailedPrecondition, 429 → ResourceExhausted).
// Request id from `x-request-id` / `x-openstack-request-id`. OK for 2xx.
absl::Status MapHuaweiError(const http::HttpResponse& response);

// The canonical code for a bare HTTP status, used when a cloud code is
// unknown: 400 InvalidArgument, 401 Unauthenticated, 403 PermissionDenied,
// 404 NotFound, 409 FailedPrecondition, 429 ResourceExhausted, 5xx and
// other unexpected statuses Unavailable/Unknown.
absl::StatusCode CodeForHttpStatus(int http_status);

// The first `max` bytes of `body` for use as a message when a body is not
// the expected JSON, with control characters replaced.
std::string BodySnippet(std::string_view body, size_t max = 200);

}  // namespace polybackup::clients

#endif  // POLYBACKUP_CLIENTS_CORE_ERROR_MAPPERS_H_
