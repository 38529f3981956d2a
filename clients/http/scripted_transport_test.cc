#include "clients/http/scripted_transport.h"

#include <doctest/doctest.h>

namespace polybackup::clients::http {

TEST_CASE("ScriptedTransport answers in order and records requests") {
  ScriptedTransport fake;
  fake.Respond(200, "first", {{"X-Amzn-RequestId", "req-1"}});
  fake.Fail(absl::UnavailableError("connection reset"));
  CHECK(fake.pending() == 2);

  SendOptions options;
  options.total_timeout = std::chrono::milliseconds(1234);
  absl::StatusOr<HttpResponse> first = fake.Send({"GET", "https://h/a", {}, ""}, options);
  REQUIRE(first.ok());
  CHECK(first->status == 200);
  CHECK(first->body == "first");
  CHECK(first->Header("x-amzn-requestid") == "req-1");
  CHECK(first->headers[0].first == "x-amzn-requestid");  // lower-cased like a real transport

  absl::StatusOr<HttpResponse> second = fake.Send({"PUT", "https://h/b", {}, "{}"}, {});
  CHECK(second.status().code() == absl::StatusCode::kUnavailable);

  absl::StatusOr<HttpResponse> third = fake.Send({"GET", "https://h/c", {}, ""}, {});
  CHECK(third.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(third.status().message().find("https://h/c") != std::string_view::npos);

  std::vector<HttpRequest> requests = fake.requests();
  REQUIRE(requests.size() == 3);
  CHECK(requests[1].method == "PUT");
  CHECK(requests[1].body == "{}");
  CHECK(fake.options()[0].total_timeout.count() == 1234);
  CHECK(fake.pending() == 0);
}

TEST_CASE("ScriptedTransport handler and cancellation") {
  ScriptedTransport fake;
  fake.SetHandler([](const HttpRequest& request) {
    return HttpResponse{404, {}, "no " + request.url};
  });
  absl::StatusOr<HttpResponse> answer = fake.Send({"GET", "u", {}, ""}, {});
  REQUIRE(answer.ok());
  CHECK(answer->status == 404);
  CHECK(answer->body == "no u");

  fake.Respond(200);
  Cancellation cancel;
  cancel.Cancel("provider stopping");
  SendOptions options;
  options.cancel = &cancel;
  absl::StatusOr<HttpResponse> cancelled = fake.Send({"GET", "u", {}, ""}, options);
  CHECK(cancelled.status().code() == absl::StatusCode::kCancelled);
  CHECK(cancelled.status().message() == "provider stopping");
  CHECK(fake.pending() == 1);  // the queued answer is kept for the next call
}

TEST_CASE("header helpers are case-insensitive") {
  Headers headers = {{"Content-Type", "a"}, {"X-One", "1"}, {"content-type", "b"}};
  CHECK(FindHeader(headers, "CONTENT-TYPE") == "a");
  CHECK(FindHeader(headers, "missing").empty());
  SetHeader(headers, "Content-type", "c");
  CHECK(headers == Headers{{"X-One", "1"}, {"Content-type", "c"}});
  RemoveHeader(headers, "x-one");
  CHECK(headers == Headers{{"Content-type", "c"}});
  HttpResponse response{200, {{"x-a", "1"}}, ""};
  CHECK(response.Header("X-A") == "1");
  CHECK(response.Header("x-b").empty());
}

}  // namespace polybackup::clients::http
