#include "clients/core/cloud_error.h"

#include <nlohmann/json.hpp>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "base/logging.h"

namespace polybackup::clients {
namespace {

// absl::string_view: the Debian abseil is built without std::string_view aliasing.
constexpr absl::string_view kPayloadUrl = "type.polybackup.dev/polybackup.clients.CloudError";

std::string Describe(const CloudError& e) {
  std::string out;
  if (!e.operation.empty()) absl::StrAppend(&out, e.operation, ": ");
  absl::StrAppend(&out, e.cloud, " error");
  if (!e.code.empty()) absl::StrAppend(&out, " ", e.code);
  if (e.http_status != 0) absl::StrAppend(&out, " (HTTP ", e.http_status, ")");
  if (!e.message.empty()) absl::StrAppend(&out, ": ", e.message);
  if (!e.request_id.empty()) absl::StrAppend(&out, " [request id ", e.request_id, "]");
  if (e.attempts > 1) absl::StrAppend(&out, " after ", e.attempts, " attempts");
  return out;
}

std::string CauseText(const absl::Status& status, const std::optional<CloudError>& e) {
  std::string code = e ? absl::AsciiStrToLower(e->code) : "";
  int attempts = e ? e->attempts : 0;
  std::string after = attempts > 1 ? absl::StrCat(" after ", attempts, " attempts") : "";
  switch (status.code()) {
    case absl::StatusCode::kUnauthenticated:
      if (absl::StrContains(code, "signature")) {
        return "the request signature was rejected (check the secret key)";
      }
      if (absl::StrContains(code, "expired")) return "the security token has expired";
      if (absl::StrContains(code, "token")) return "the security token is not valid";
      return "the access key is not valid";
    case absl::StatusCode::kPermissionDenied:
      return "access denied: the credentials are not allowed to perform this operation";
    case absl::StatusCode::kResourceExhausted:
      if (e && IsThrottlingError(*e)) return absl::StrCat("throttled", after);
      return "a quota or limit is exhausted";
    case absl::StatusCode::kNotFound:
      return "not found";
    case absl::StatusCode::kUnavailable:
      return absl::StrCat("the service is temporarily unavailable", after);
    case absl::StatusCode::kInvalidArgument:
      return "the request was rejected as invalid";
    case absl::StatusCode::kAlreadyExists:
      return "already exists";
    case absl::StatusCode::kFailedPrecondition:
      return "the object is busy or not in a state that allows this operation";
    case absl::StatusCode::kDeadlineExceeded:
      return absl::StrCat("timed out", after);
    case absl::StatusCode::kCancelled:
      return "cancelled";
    default:
      return "unexpected error";
  }
}

}  // namespace

absl::Status MakeCloudStatus(absl::StatusCode code, const CloudError& error) {
  absl::Status status(code, Describe(error));
  nlohmann::json j = {{"cloud", error.cloud},
                      {"code", error.code},
                      {"message", error.message},
                      {"request_id", error.request_id},
                      {"http_status", error.http_status},
                      {"operation", error.operation},
                      {"attempts", error.attempts}};
  // error_handler::replace: a cloud message with broken UTF-8 must not throw.
  status.SetPayload(kPayloadUrl,
                    absl::Cord(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)));
  return status;
}

std::optional<CloudError> GetCloudError(const absl::Status& status) {
  if (status.ok()) return std::nullopt;
  auto payload = status.GetPayload(kPayloadUrl);  // absl::optional here, not std::
  if (!payload) return std::nullopt;
  nlohmann::json j = nlohmann::json::parse(std::string(*payload), nullptr, false);
  if (!j.is_object()) return std::nullopt;
  CloudError e;
  e.cloud = j.value("cloud", "");
  e.code = j.value("code", "");
  e.message = j.value("message", "");
  e.request_id = j.value("request_id", "");
  e.http_status = j.value("http_status", 0);
  e.operation = j.value("operation", "");
  e.attempts = j.value("attempts", 0);
  return e;
}

absl::Status WithCloudError(const absl::Status& status, const CloudError& error) {
  if (status.ok()) return status;
  return MakeCloudStatus(status.code(), error);
}

bool IsThrottlingError(const CloudError& e) {
  if (e.cloud == kCloudAws) {
    return e.code == "ThrottlingException" || e.code == "TooManyRequestsException" ||
           e.code == "ThrottledException" || e.code == "Throttling" ||
           e.code == "RequestLimitExceeded" || e.code == "RequestThrottledException" ||
           e.code == "SlowDown" || e.http_status == 429;
  }
  if (e.cloud == kCloudAlicloud) {
    // Alibaba's family: Throttling, Throttling.User, Throttling.Api, Rejected.Throttling...
    return absl::StrContains(e.code, "Throttling") || e.http_status == 429;
  }
  if (e.cloud == kCloudHuawei) return e.http_status == 429 || e.code == "APIGW.0308";
  return e.http_status == 429;
}

std::string UserMessage(const absl::Status& status) {
  if (status.ok()) return "";
  std::optional<CloudError> e = GetCloudError(status);
  if (!e) {
    // Our own errors (a missing key, a bad setting, an unparseable answer)
    // already say what is wrong; only transport outcomes get a cause prefix.
    switch (status.code()) {
      case absl::StatusCode::kUnavailable:
      case absl::StatusCode::kDeadlineExceeded:
      case absl::StatusCode::kCancelled:
        break;
      default:
        return log::Redact(std::string(status.message()));
    }
  }
  std::string out = CauseText(status, e);
  if (e) {
    std::string said = e->message.empty() ? e->code : e->message;
    if (!said.empty()) absl::StrAppend(&out, ": ", said);
    std::string details;
    if (!e->code.empty() && said != e->code) absl::StrAppend(&details, e->code);
    if (e->http_status != 0) {
      absl::StrAppend(&details, details.empty() ? "" : ", ", "HTTP ", e->http_status);
    }
    if (!e->request_id.empty()) {
      absl::StrAppend(&details, details.empty() ? "" : ", ", "request id ", e->request_id);
    }
    if (!details.empty()) absl::StrAppend(&out, " (", details, ")");
  } else if (!status.message().empty()) {
    absl::StrAppend(&out, ": ", status.message());
  }
  return log::Redact(out);
}

}  // namespace polybackup::clients
