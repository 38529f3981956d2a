// MapHuaweiError: Huawei Cloud / Open Telekom Cloud error answers.
//
// Bodies seen from these services: CSBS and most v1 services
// {"error_code":"CSBS.1001","error_msg":"..."}; some wrap as
// {"error":{"code":"...","message":"..."}}; Keystone answers
// {"error":{"code":401,"title":"Unauthorized","message":"..."}}; the API
// gateway (AK/SK failures) {"error_code":"APIGW.0301","error_msg":...,
// "request_id":...}. The HTTP status is the reliable signal; the code and
// message are kept for diagnostics.
#include <nlohmann/json.hpp>

#include "absl/strings/match.h"
#include "clients/core/cloud_error.h"
#include "clients/core/error_mappers.h"

namespace polybackup::clients {
namespace {

std::string Text(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<long long>());
  return "";
}

}  // namespace

absl::Status MapHuaweiError(const http::HttpResponse& response) {
  if (response.status >= 200 && response.status < 300) return absl::OkStatus();
  CloudError e;
  e.cloud = std::string(kCloudHuawei);
  e.http_status = response.status;
  nlohmann::json body = nlohmann::json::parse(response.body, nullptr, false);
  if (body.is_object()) {
    e.code = Text(body, "error_code");
    e.message = Text(body, "error_msg");
    e.request_id = Text(body, "request_id");
    if (auto it = body.find("error"); it != body.end() && it->is_object()) {
      if (e.code.empty()) e.code = Text(*it, "code");
      if (e.message.empty()) e.message = Text(*it, "message");
      if (std::string title = Text(*it, "title"); !title.empty() && e.message.empty()) {
        e.message = title;
      }
    }
    if (e.code.empty()) e.code = Text(body, "code");
    if (e.message.empty()) e.message = Text(body, "message");
  } else if (!response.body.empty()) {
    e.message = "unreadable error body: " + BodySnippet(response.body);
  }
  if (e.request_id.empty()) e.request_id = std::string(response.Header("x-request-id"));
  if (e.request_id.empty()) {
    e.request_id = std::string(response.Header("x-openstack-request-id"));
  }
  absl::StatusCode code = CodeForHttpStatus(e.http_status);
  // API gateway codes: 0101/0301/0303 are authentication failures whatever the
  // HTTP status; 0308 is throttling.
  if (e.code == "APIGW.0101" || e.code == "APIGW.0301" || e.code == "APIGW.0303") {
    code = absl::StatusCode::kUnauthenticated;
  } else if (IsThrottlingError(e)) {
    code = absl::StatusCode::kResourceExhausted;
  }
  return MakeCloudStatus(code, e);
}

}  // namespace polybackup::clients
