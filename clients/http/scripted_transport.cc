#include "clients/http/scripted_transport.h"

#include "absl/strings/str_cat.h"
#include "clients/http/text.h"

namespace polybackup::clients::http {

void ScriptedTransport::Respond(int status, std::string body, Headers headers) {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  for (auto& [name, value] : headers) {
    response.headers.emplace_back(ToLowerAscii(name), std::move(value));
  }
  Push(std::move(response));
}

void ScriptedTransport::Push(HttpResponse response) {
  std::lock_guard<std::mutex> lock(mu_);
  queue_.emplace_back(std::move(response));
}

void ScriptedTransport::Fail(absl::Status status) {
  std::lock_guard<std::mutex> lock(mu_);
  queue_.emplace_back(std::move(status));
}

void ScriptedTransport::SetHandler(Handler handler) {
  std::lock_guard<std::mutex> lock(mu_);
  handler_ = std::move(handler);
}

absl::StatusOr<HttpResponse> ScriptedTransport::Send(const HttpRequest& request,
                                                     const SendOptions& options) {
  Handler handler;
  {
    std::lock_guard<std::mutex> lock(mu_);
    requests_.push_back(request);
    options_.push_back(options);
    if (options.cancel != nullptr && options.cancel->cancelled()) {
      return absl::CancelledError(options.cancel->reason());
    }
    if (!queue_.empty()) {
      absl::StatusOr<HttpResponse> next = std::move(queue_.front());
      queue_.pop_front();
      return next;
    }
    handler = handler_;
  }
  // The handler runs unlocked so it may itself queue answers or inspect requests().
  if (handler) return handler(request);
  return absl::FailedPreconditionError(
      absl::StrCat("ScriptedTransport: no answer queued for ", request.method, " ", request.url));
}

std::vector<HttpRequest> ScriptedTransport::requests() const {
  std::lock_guard<std::mutex> lock(mu_);
  return requests_;
}

std::vector<SendOptions> ScriptedTransport::options() const {
  std::lock_guard<std::mutex> lock(mu_);
  return options_;
}

std::size_t ScriptedTransport::pending() const {
  std::lock_guard<std::mutex> lock(mu_);
  return queue_.size();
}

}  // namespace polybackup::clients::http
