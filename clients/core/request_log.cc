#include "clients/core/request_log.h"

#include "absl/strings/str_cat.h"
#include "base/logging.h"
#include "clients/http/redact.h"

namespace polybackup::clients {

std::string ResponseRequestId(const http::HttpResponse& response) {
  for (const char* name : {"x-acs-request-id", "x-amzn-requestid", "x-amz-request-id",
                           "x-request-id", "x-openstack-request-id"}) {
    std::string id(response.Header(name));
    if (!id.empty()) return id;
  }
  return "";
}

void LogRequest(std::string_view operation, int attempt, const http::HttpRequest& request) {
  if (!log::Enabled(log::Level::kDebug)) return;
  log::Debug("cloud request", {{"operation", std::string(operation)},
                               {"attempt", std::to_string(attempt)},
                               {"method", request.method},
                               {"url", http::RedactUrlForLog(request.url)},
                               {"headers", http::RedactHeadersForLog(request.headers)}});
}

void LogResponse(std::string_view operation, int attempt, const http::HttpResponse* response,
                 const absl::Status& status, std::chrono::milliseconds took) {
  if (!log::Enabled(log::Level::kDebug)) return;
  log::Fields fields = {{"operation", std::string(operation)},
                        {"attempt", std::to_string(attempt)},
                        {"duration_ms", std::to_string(took.count())}};
  if (response != nullptr) {
    fields.emplace_back("http_status", std::to_string(response->status));
    fields.emplace_back("request_id", ResponseRequestId(*response));
  }
  fields.emplace_back("result", status.ok() ? "ok" : status.ToString());
  log::Debug("cloud response", fields);
}

}  // namespace polybackup::clients
