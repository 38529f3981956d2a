// MapAlicloudError: Alibaba Cloud RPC API error answers.
//
// Error bodies are {"RequestId","HostId","Code","Message","Recommend"}; some
// gateways answer lower-case keys. DBS (2019-03-06) additionally reports many
// failures as HTTP 200 with {"Success":false,"ErrCode","ErrMessage",
// "HttpStatusCode"} (alibaba-cloud-sdk-go services/dbs response structs).
// Code families follow the Terraform provider's NeedRetry / NotFoundError
// helpers (aliyun/terraform-provider-alicloud alicloud/errors.go).
#include <nlohmann/json.hpp>

#include "absl/strings/match.h"
#include "clients/core/cloud_error.h"
#include "clients/core/error_mappers.h"

namespace polybackup::clients {
namespace {

std::string Field(const nlohmann::json& j, std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    auto it = j.find(key);
    if (it == j.end()) continue;
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number_integer()) return std::to_string(it->get<long long>());
  }
  return "";
}

bool IsFalse(const nlohmann::json& v) {
  return (v.is_boolean() && !v.get<bool>()) || (v.is_string() && v.get<std::string>() == "false");
}

absl::StatusCode CodeForAlicloud(const std::string& code, int http_status) {
  using absl::EndsWith;
  using absl::StartsWith;
  using absl::StrContains;
  CloudError probe{.cloud = std::string(kCloudAlicloud), .code = code, .http_status = http_status};
  if (IsThrottlingError(probe)) return absl::StatusCode::kResourceExhausted;
  if (StartsWith(code, "InvalidAccessKeyId") || StartsWith(code, "SignatureDoesNotMatch") ||
      StartsWith(code, "IncompleteSignature") || StartsWith(code, "InvalidSecurityToken") ||
      code == "MissingSecurityToken" || code == "InvalidTimeStamp.Expired") {
    return absl::StatusCode::kUnauthenticated;
  }
  if (code == "Forbidden.InstanceNotFound" || EndsWith(code, ".NotFound") ||
      EndsWith(code, "NotExist") || EndsWith(code, ".NotExists") || code == "InvalidJobId") {
    return absl::StatusCode::kNotFound;
  }
  if (StartsWith(code, "Forbidden") || StartsWith(code, "NoPermission")) {
    return absl::StatusCode::kPermissionDenied;
  }
  if (StartsWith(code, "IncorrectDBInstanceState") || StartsWith(code, "IncorrectInstanceStatus") ||
      StartsWith(code, "IncorrectStatus") || code == "LockTimeout" ||
      StartsWith(code, "OperationDenied") || code == "TaskConflict" ||
      // DBS: a plan not ready yet after create, or in a status refusing the call.
      code == "BackupPlanNotCreate" || code == "BackupPlanStatusNotSupport") {
    return absl::StatusCode::kFailedPrecondition;
  }
  if (code == "ServiceUnavailable" || code == "InternalError" || code == "UnknownError" ||
      StartsWith(code, "ServiceUnavailable")) {
    return absl::StatusCode::kUnavailable;
  }
  if (StrContains(code, "AlreadyExist") || StartsWith(code, "Duplicate")) {
    return absl::StatusCode::kAlreadyExists;
  }
  if (StartsWith(code, "InvalidParameter") || StartsWith(code, "MissingParameter") ||
      StartsWith(code, "Missing") || StartsWith(code, "Invalid")) {
    return absl::StatusCode::kInvalidArgument;
  }
  return CodeForHttpStatus(http_status);
}

}  // namespace

absl::Status MapAlicloudError(const http::HttpResponse& response) {
  bool http_ok = response.status >= 200 && response.status < 300;
  nlohmann::json body = nlohmann::json::parse(response.body, nullptr, false);
  if (http_ok) {
    // Success answers are parsed by the service client; only the DBS envelope
    // can turn a 200 into an error here.
    if (!body.is_object() || !body.contains("Success") || !IsFalse(body["Success"])) {
      return absl::OkStatus();
    }
  }
  CloudError e;
  e.cloud = std::string(kCloudAlicloud);
  e.http_status = response.status;
  if (body.is_object()) {
    e.code = Field(body, {"Code", "code", "ErrCode", "errCode"});
    e.message = Field(body, {"Message", "message", "ErrMessage", "errMessage"});
    e.request_id = Field(body, {"RequestId", "requestId"});
    if (http_ok) {
      // The envelope's HttpStatusCode is what the failure would have been.
      std::string inner = Field(body, {"HttpStatusCode"});
      if (!inner.empty() && inner.find_first_not_of("0123456789") == std::string::npos &&
          inner.size() <= 3) {
        e.http_status = std::stoi(inner);
      }
    }
  } else if (!response.body.empty()) {
    e.message = "unreadable error body: " + BodySnippet(response.body);
  }
  if (e.request_id.empty()) e.request_id = std::string(response.Header("x-acs-request-id"));
  absl::StatusCode code = CodeForAlicloud(e.code, e.http_status);
  return MakeCloudStatus(code, e);
}

}  // namespace polybackup::clients
