// The debug-level request log of the retry loop: one line per attempt sent
// and one per answer, with attempt numbers, redacted headers and request ids.
// Nothing is built when debug logging is off. Bodies are never logged (they
// may carry passwords, e.g. DBS source endpoint credentials).
#ifndef POLYBACKUP_CLIENTS_CORE_REQUEST_LOG_H_
#define POLYBACKUP_CLIENTS_CORE_REQUEST_LOG_H_

#include <chrono>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "clients/http/http.h"

namespace polybackup::clients {

// Logs "cloud request" with operation, attempt, method, URL and the headers
// after http::RedactHeadersForLog (Authorization, tokens removed).
void LogRequest(std::string_view operation, int attempt, const http::HttpRequest& request);

// Logs "cloud response" with operation, attempt, HTTP status (when an answer
// arrived), request id, the mapped status and the attempt's duration.
void LogResponse(std::string_view operation, int attempt, const http::HttpResponse* response,
                 const absl::Status& status, std::chrono::milliseconds took);

// The request id of an answer, whichever cloud's header carries it
// (x-acs-request-id, x-amzn-requestid, x-amz-request-id, x-request-id,
// x-openstack-request-id); empty when none.
std::string ResponseRequestId(const http::HttpResponse& response);

}  // namespace polybackup::clients

#endif  // POLYBACKUP_CLIENTS_CORE_REQUEST_LOG_H_
