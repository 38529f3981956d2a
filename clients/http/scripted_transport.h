// A fake HttpTransport for unit tests: it records every request and answers
// with responses or errors queued in advance (first in, first out), or with a
// handler for tests that need to look at the request first.
//
//   auto fake = std::make_shared<ScriptedTransport>();
//   fake->Respond(200, R"({"Id":"x"})");
//   fake->Fail(absl::UnavailableError("connection reset"));
//   ... run the client ...
//   CHECK(fake->requests().size() == 2);
#ifndef POLYBACKUP_CLIENTS_HTTP_SCRIPTED_TRANSPORT_H_
#define POLYBACKUP_CLIENTS_HTTP_SCRIPTED_TRANSPORT_H_

#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "clients/http/http.h"

namespace polybackup::clients::http {

class ScriptedTransport : public HttpTransport {
 public:
  using Handler = std::function<absl::StatusOr<HttpResponse>(const HttpRequest&)>;

  // Queues an answer. Header names are lower-cased as a real transport would.
  void Respond(int status, std::string body = "", Headers headers = {});
  void Push(HttpResponse response);
  // Queues a transport failure (Unavailable, DeadlineExceeded, ...).
  void Fail(absl::Status status);
  // Used once the queue is empty. Without a handler, an empty queue answers
  // FailedPrecondition naming the unexpected request, so a test fails loudly.
  void SetHandler(Handler handler);

  // Records the request, then: Cancelled if options.cancel already fired
  // (without consuming a queued answer), else the next queued answer.
  // Thread-safe.
  absl::StatusOr<HttpResponse> Send(const HttpRequest& request,
                                    const SendOptions& options) override;

  std::vector<HttpRequest> requests() const;
  std::vector<SendOptions> options() const;
  std::size_t pending() const;  // queued answers not yet consumed

 private:
  mutable std::mutex mu_;
  std::deque<absl::StatusOr<HttpResponse>> queue_;
  Handler handler_;
  std::vector<HttpRequest> requests_;
  std::vector<SendOptions> options_;
};

}  // namespace polybackup::clients::http

#endif  // POLYBACKUP_CLIENTS_HTTP_SCRIPTED_TRANSPORT_H_
