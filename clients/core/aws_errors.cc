// MapAwsError: AWS JSON-protocol error answers (restJson1 / awsJson1.x).
//
// Smithy's error shape: the type comes from `x-amzn-errortype` (value like
// "ResourceNotFoundException:http://internal.amazon.com/...") or from the body's
// `__type` ("com.amazonaws.backup#ResourceNotFoundException") / `code`.
#include <nlohmann/json.hpp>

#include "absl/strings/match.h"
#include "clients/core/cloud_error.h"
#include "clients/core/error_mappers.h"

namespace polybackup::clients {
namespace {

std::string CleanAwsCode(std::string code) {
  if (size_t colon = code.find(':'); colon != std::string::npos) code.resize(colon);
  if (size_t hash = code.rfind('#'); hash != std::string::npos) code.erase(0, hash + 1);
  return code;
}

std::string StringField(const nlohmann::json& j, const char* a, const char* b) {
  for (const char* key : {a, b}) {
    auto it = j.find(key);
    if (it != j.end() && it->is_string()) return it->get<std::string>();
  }
  return "";
}

absl::StatusCode CodeForAws(const std::string& code, int http_status) {
  static constexpr std::string_view kUnauthenticated[] = {"UnrecognizedClientException",
                                                          "InvalidClientTokenId",
                                                          "InvalidSignatureException",
                                                          "SignatureDoesNotMatch",
                                                          "IncompleteSignature",
                                                          "MissingAuthenticationToken",
                                                          "MissingAuthenticationTokenException",
                                                          "ExpiredTokenException",
                                                          "ExpiredToken",
                                                          "InvalidAccessKeyId",
                                                          "AuthFailure"};
  for (std::string_view c : kUnauthenticated) {
    if (code == c) return absl::StatusCode::kUnauthenticated;
  }
  if (code == "AccessDeniedException" || code == "AccessDenied") {
    return absl::StatusCode::kPermissionDenied;
  }
  if (code == "ResourceNotFoundException" || code == "NotFoundException") {
    return absl::StatusCode::kNotFound;
  }
  if (code == "AlreadyExistsException" || code == "ResourceAlreadyExistsException") {
    return absl::StatusCode::kAlreadyExists;
  }
  if (code == "InvalidParameterValueException" || code == "MissingParameterValueException" ||
      code == "InvalidRequestException" || code == "ValidationException" ||
      code == "SerializationException") {
    return absl::StatusCode::kInvalidArgument;
  }
  if (code == "ConflictException" || code == "InvalidResourceStateException") {
    return absl::StatusCode::kFailedPrecondition;
  }
  CloudError probe{.cloud = std::string(kCloudAws), .code = code, .http_status = http_status};
  if (IsThrottlingError(probe) || code == "LimitExceededException") {
    return absl::StatusCode::kResourceExhausted;
  }
  if (code == "ServiceUnavailableException" || code == "InternalFailure" ||
      code == "InternalServerError" || code == "InternalServerException" ||
      code == "ServiceUnavailable") {
    return absl::StatusCode::kUnavailable;
  }
  return CodeForHttpStatus(http_status);
}

}  // namespace

absl::Status MapAwsError(const http::HttpResponse& response) {
  if (response.status >= 200 && response.status < 300) return absl::OkStatus();
  CloudError e;
  e.cloud = std::string(kCloudAws);
  e.http_status = response.status;
  e.request_id = std::string(response.Header("x-amzn-requestid"));
  if (e.request_id.empty()) e.request_id = std::string(response.Header("x-amz-request-id"));
  e.code = CleanAwsCode(std::string(response.Header("x-amzn-errortype")));
  nlohmann::json body = nlohmann::json::parse(response.body, nullptr, false);
  if (body.is_object()) {
    if (e.code.empty()) e.code = CleanAwsCode(StringField(body, "__type", "code"));
    if (e.code.empty()) e.code = CleanAwsCode(StringField(body, "Code", "Type"));
    e.message = StringField(body, "message", "Message");
  } else if (!response.body.empty()) {
    e.message = "unreadable error body: " + BodySnippet(response.body);
  }
  absl::StatusCode code = CodeForAws(e.code, e.http_status);
  if (code == absl::StatusCode::kOk) code = absl::StatusCode::kUnknown;
  return MakeCloudStatus(code, e);
}

}  // namespace polybackup::clients
