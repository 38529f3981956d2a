// HTTP messages and the transport seam every cloud client sends through.
//
// The transport only moves bytes: any HTTP status (404, 500, ...) is a
// successful send and comes back as an HttpResponse; turning a status code
// into an absl::Status is a separate step (clients/core/error_mappers.h).
// A non-OK Status means the exchange itself failed:
//   Unavailable        connect refused/reset, DNS failure, TLS handshake failure,
//                      broken read (worth a retry)
//   FailedPrecondition the server's certificate was rejected (retrying cannot help)
//   DeadlineExceeded   connect_timeout or total_timeout elapsed
//   Cancelled          SendOptions::cancel fired while the call was in flight
//   InvalidArgument    the URL or method cannot be sent
//   ResourceExhausted  the response body exceeds the transport's limit
#ifndef POLYBACKUP_CLIENTS_HTTP_HTTP_H_
#define POLYBACKUP_CLIENTS_HTTP_HTTP_H_

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "base/cancellation.h"

namespace polybackup::clients::http {

// Ordered (name, value) pairs. Order is kept because signers and tests care;
// lookups are case-insensitive.
using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method;  // "GET", "PUT", ... (upper case)
  std::string url;     // absolute, query already percent-encoded
  Headers headers;     // names as the caller spelt them
  std::string body;
};

struct HttpResponse {
  int status = 0;
  Headers headers;  // names in lower case; repeated headers stay separate entries
  std::string body;

  // The first value of header `name` (case-insensitive), or "" when absent.
  std::string Header(std::string_view name) const;
};

struct SendOptions {
  std::chrono::milliseconds connect_timeout{10000};
  std::chrono::milliseconds total_timeout{60000};
  // Not owned; may be null. Checked before sending and while the call is in
  // flight (libcurl progress callback), so Cancel() ends a blocked call.
  const Cancellation* cancel = nullptr;
};

class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  // Sends `request` and waits for the whole response. See the file comment
  // for the meaning of the returned status. Implementations are thread-safe:
  // one transport is shared by every client of the provider.
  virtual absl::StatusOr<HttpResponse> Send(const HttpRequest& request,
                                            const SendOptions& options) = 0;
};

// The value of the first header called `name` (case-insensitive), or "".
std::string_view FindHeader(const Headers& headers, std::string_view name);
// Replaces every header called `name` (case-insensitive) by one `name: value`
// appended at the end, or appends it when absent.
void SetHeader(Headers& headers, std::string_view name, std::string_view value);
// Removes every header called `name` (case-insensitive).
void RemoveHeader(Headers& headers, std::string_view name);

}  // namespace polybackup::clients::http

#endif  // POLYBACKUP_CLIENTS_HTTP_HTTP_H_
