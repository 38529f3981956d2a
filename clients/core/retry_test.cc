#include "clients/core/retry.h"

#include <doctest/doctest.h>

#include <atomic>
#include <deque>
#include <functional>
#include <thread>

#include "clients/core/cloud_error.h"
#include "clients/core/error_mappers.h"
#include "clients/http/scripted_transport.h"

namespace polybackup::clients {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

// A minimal queue-driven transport, local so this test depends only on http.h.
class QueueTransport : public http::HttpTransport {
 public:
  void Answer(int status, std::string body,
              std::vector<std::pair<std::string, std::string>> headers = {}) {
    http::HttpResponse r;
    r.status = status;
    r.body = std::move(body);
    r.headers = std::move(headers);
    queue_.push_back(std::move(r));
  }
  void Fail(absl::Status s) { queue_.push_back(std::move(s)); }
  absl::StatusOr<http::HttpResponse> Send(const http::HttpRequest& request,
                                          const http::SendOptions& options) override {
    sent_.push_back(request);
    timeouts_.push_back(options.total_timeout);
    cancels_.push_back(options.cancel);
    if (on_send) on_send();
    if (queue_.empty()) return absl::InternalError("no scripted answer");
    auto next = queue_.front();
    queue_.pop_front();
    return next;
  }
  std::vector<http::HttpRequest> sent_;
  std::vector<milliseconds> timeouts_;
  std::vector<const Cancellation*> cancels_;
  std::function<void()> on_send;  // runs while the request is "in flight"

 private:
  std::deque<absl::StatusOr<http::HttpResponse>> queue_;
};

struct Fixture {
  std::shared_ptr<QueueTransport> transport = std::make_shared<QueueTransport>();
  FakeClock clock;
  FakeRandom random{{~0ULL}};  // always the maximum jitter: delays are the caps
  int builds = 0;

  HttpCall Call(Idempotency idempotency = Idempotency::kIdempotent) {
    HttpCall call;
    call.operation = "Test Op";
    call.build = [this](int attempt) -> absl::StatusOr<http::HttpRequest> {
      ++builds;
      http::HttpRequest r;
      r.method = "POST";
      r.url = "https://example.test/";
      r.headers = {{"x-attempt", std::to_string(attempt)}};
      return r;
    };
    call.map_error = MapAlicloudError;
    call.idempotency = idempotency;
    return call;
  }
  RetryLoop Loop(RetryPolicy retry = {}) {
    return RetryLoop(
        transport, clock, random, std::move(retry),
        BackoffPolicy{.initial_delay = milliseconds(100), .max_delay = milliseconds(1000)});
  }
};

constexpr char kThrottled[] =
    R"({"Code":"Throttling.User","Message":"flow control","RequestId":"t"})";

TEST_CASE("throttling is retried with growing backoff and each attempt is re-signed") {
  Fixture f;
  f.transport->Answer(400, kThrottled);
  f.transport->Answer(400, kThrottled);
  f.transport->Answer(200, R"({"RequestId":"ok"})");
  auto answer = f.Loop().Run(f.Call(), {});
  REQUIRE(answer.ok());
  CHECK(answer->body == R"({"RequestId":"ok"})");
  CHECK(f.builds == 3);
  REQUIRE(f.transport->sent_.size() == 3);
  CHECK(f.transport->sent_[2].headers[0].second == "3");
  auto sleeps = f.clock.sleeps();
  REQUIRE(sleeps.size() == 2);
  CHECK(sleeps[0] == milliseconds(100));
  CHECK(sleeps[1] == milliseconds(200));
}

TEST_CASE("jitter draws from the injected random source within [0, cap]") {
  Fixture f;
  FakeRandom zero({0});
  f.transport->Answer(400, kThrottled);
  f.transport->Answer(200, "{}");
  RetryLoop loop(f.transport, f.clock, zero, {}, {.initial_delay = milliseconds(100)});
  REQUIRE(loop.Run(f.Call(), {}).ok());
  CHECK(f.clock.sleeps() == std::vector<std::chrono::steady_clock::duration>{milliseconds(0)});
  BackoffPolicy b{.initial_delay = milliseconds(100), .max_delay = milliseconds(1000)};
  FakeRandom big({~0ULL});
  CHECK(b.Delay(10, big) == milliseconds(1000));  // capped
}

TEST_CASE("giving up after max attempts reports the attempts") {
  Fixture f;
  for (int i = 0; i < 3; ++i) f.transport->Answer(503, R"({"Code":"ServiceUnavailable"})");
  auto answer = f.Loop({.max_attempts = 3}).Run(f.Call(), {});
  REQUIRE_FALSE(answer.ok());
  CHECK(answer.status().code() == absl::StatusCode::kUnavailable);
  auto e = GetCloudError(answer.status());
  CHECK(e->attempts == 3);
  CHECK(e->operation == "Test Op");
  CHECK(UserMessage(answer.status()).find("after 3 attempts") != std::string::npos);

  Fixture g;
  for (int i = 0; i < 4; ++i) g.transport->Answer(400, kThrottled);
  auto throttled = g.Loop({.max_attempts = 3, .max_throttled_attempts = 4}).Run(g.Call(), {});
  CHECK(throttled.status().code() == absl::StatusCode::kResourceExhausted);
  CHECK(UserMessage(throttled.status()).rfind("throttled after 4 attempts", 0) == 0);
}

TEST_CASE("throttled answers have a budget of their own: a burst is waited out") {
  // Found by the fault campaigns (acceptance/faults/): a throttling burst
  // plus a few 5xx used up five attempts and failed a DBS create.
  Fixture f;
  for (int i = 0; i < 2; ++i) f.transport->Answer(503, R"({"Code":"ServiceUnavailable"})");
  for (int i = 0; i < 10; ++i) f.transport->Answer(400, kThrottled);
  f.transport->Answer(500, R"({"Code":"InternalError"})");
  f.transport->Answer(200, R"({"RequestId":"ok"})");
  // Three failures of three allowed would end it; ten throttles do not count.
  auto answer = f.Loop({.max_attempts = 4}).Run(f.Call(Idempotency::kTokenized), {});
  REQUIRE(answer.ok());
  CHECK(f.transport->sent_.size() == 14);
  // The backoff grows with every attempt, throttled or not, to its cap.
  CHECK(f.clock.sleeps().back() == milliseconds(1000));

  // The default budget is hashicorp/aws's: 25 throttled attempts.
  Fixture g;
  for (int i = 0; i < 25; ++i) g.transport->Answer(400, kThrottled);
  CHECK(g.Loop().Run(g.Call(), {}).status().code() == absl::StatusCode::kResourceExhausted);
  CHECK(g.transport->sent_.size() == 25);

  // max_attempts = 1 (the provider's max_retries = 0) turns every retry off.
  Fixture h;
  h.transport->Answer(400, kThrottled);
  CHECK(h.Loop({.max_attempts = 1}).Run(h.Call(), {}).status().code() ==
        absl::StatusCode::kResourceExhausted);
  CHECK(h.transport->sent_.size() == 1);
}

TEST_CASE("final errors are not retried") {
  Fixture f;
  f.transport->Answer(404, R"({"Code":"InvalidInstanceId.NotFound","Message":"no"})");
  auto answer = f.Loop().Run(f.Call(), {});
  CHECK(answer.status().code() == absl::StatusCode::kNotFound);
  CHECK(f.transport->sent_.size() == 1);
  CHECK(f.clock.sleeps().empty());
}

TEST_CASE("extra retryable codes: a busy instance is waited out") {
  Fixture f;
  f.transport->Answer(403, R"({"Code":"IncorrectDBInstanceState"})");
  f.transport->Answer(200, "{}");
  CHECK(f.Loop({.extra_retryable_codes = {"IncorrectDBInstanceState"}}).Run(f.Call(), {}).ok());
  Fixture g;
  g.transport->Answer(403, R"({"Code":"IncorrectDBInstanceState"})");
  CHECK(g.Loop().Run(g.Call(), {}).status().code() == absl::StatusCode::kFailedPrecondition);
}

TEST_CASE("extra retryable HTTP statuses: a 409 busy answer is waited out") {
  Fixture f;
  f.transport->Answer(409, R"({"Code":"Busy"})");
  f.transport->Answer(200, "{}");
  CHECK(f.Loop({.extra_retryable_http_statuses = {409}}).Run(f.Call(), {}).ok());
  CHECK(f.transport->sent_.size() == 2);
}

TEST_CASE("transport failures are retried; the message names the operation") {
  Fixture f;
  f.transport->Fail(absl::UnavailableError("connection reset"));
  f.transport->Fail(absl::UnavailableError("connection reset"));
  auto answer = f.Loop({.max_attempts = 2}).Run(f.Call(), {});
  CHECK(answer.status().code() == absl::StatusCode::kUnavailable);
  CHECK(answer.status().message() == "Test Op: connection reset (after 2 attempts)");
  Fixture g;
  g.transport->Fail(absl::InvalidArgumentError("bad url"));
  CHECK(g.Loop().Run(g.Call(), {}).status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(g.transport->sent_.size() == 1);
}

TEST_CASE("Retry-After longer than the backoff is honoured") {
  Fixture f;
  f.transport->Answer(503, R"({"Code":"ServiceUnavailable"})", {{"retry-after", "7"}});
  f.transport->Answer(200, "{}");
  REQUIRE(f.Loop().Run(f.Call(), {}).ok());
  CHECK(f.clock.sleeps() == std::vector<std::chrono::steady_clock::duration>{seconds(7)});
  CHECK(ParseRetryAfter(" 3 ") == milliseconds(3000));
  CHECK_FALSE(ParseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT").has_value());
  CHECK_FALSE(ParseRetryAfter("-1").has_value());
}

TEST_CASE("the deadline bounds waits and per-attempt timeouts") {
  Fixture f;
  f.transport->Answer(503, R"({"Code":"ServiceUnavailable"})", {{"retry-after", "30"}});
  CallOptions options;
  options.deadline = f.clock.Monotonic() + seconds(10);
  auto answer = f.Loop().Run(f.Call(), options);
  CHECK(answer.status().code() == absl::StatusCode::kUnavailable);
  CHECK(f.clock.sleeps().empty());  // a 30 s wait would pass the deadline: give up now
  CHECK(f.transport->timeouts_[0] == milliseconds(10000));

  Fixture g;
  CallOptions past;
  past.deadline = g.clock.Monotonic();
  CHECK(g.Loop().Run(g.Call(), past).status().code() == absl::StatusCode::kDeadlineExceeded);
  CHECK(g.transport->sent_.empty());
}

TEST_CASE("cancellation stops the loop before an attempt") {
  Fixture f;
  Cancellation cancel;
  cancel.Cancel("Terraform asked the provider to stop");
  auto answer = f.Loop().Run(f.Call(), {.cancel = &cancel});
  CHECK(answer.status().code() == absl::StatusCode::kCancelled);
  CHECK(answer.status().message().find("asked the provider to stop") != std::string_view::npos);
  CHECK(f.transport->sent_.empty());
}

TEST_CASE("a create already sent is waited out: a stop or the deadline does not abandon it") {
  // Found by the Ctrl-C acceptance test (acceptance/faults/interrupt_test.cc):
  // creates cut off by StopProvider were carried out by the cloud anyway,
  // and no state recorded them.
  for (Idempotency idempotency : {Idempotency::kTokenized, Idempotency::kNonIdempotent}) {
    CAPTURE(static_cast<int>(idempotency));
    Fixture f;
    Cancellation cancel;
    f.transport->on_send = [&] { cancel.Cancel("Terraform asked the provider to stop"); };
    f.transport->Answer(200, R"({"Id":"made"})");
    CallOptions options{.cancel = &cancel, .deadline = f.clock.Monotonic() + seconds(2)};
    auto answer = f.Loop().Run(f.Call(idempotency), options);
    REQUIRE(answer.ok());
    CHECK(answer->body == R"({"Id":"made"})");
    CHECK(f.transport->cancels_[0] == nullptr);
    CHECK(f.transport->timeouts_[0] == options.send.total_timeout);  // not the 2 s left

    // Its failure is not retried after the stop.
    Fixture g;
    g.transport->Answer(400, kThrottled);
    g.transport->Answer(200, "{}");
    Cancellation again;
    g.transport->on_send = [&] { again.Cancel("Terraform asked the provider to stop"); };
    CHECK(g.Loop().Run(g.Call(idempotency), {.cancel = &again}).status().code() ==
          absl::StatusCode::kCancelled);
    CHECK(g.transport->sent_.size() == 1);
  }
  // A read is abandoned at once: nothing is lost by not waiting for it.
  Fixture r;
  Cancellation cancel;
  r.transport->Answer(200, "{}");
  CHECK(r.Loop().Run(r.Call(Idempotency::kIdempotent), {.cancel = &cancel}).ok());
  CHECK(r.transport->cancels_[0] == &cancel);
}

TEST_CASE("non-idempotent calls: resent after throttling, not after a 5xx") {
  Fixture f;
  f.transport->Answer(400, kThrottled);
  f.transport->Answer(200, "{}");
  CHECK(f.Loop().Run(f.Call(Idempotency::kNonIdempotent), {}).ok());

  Fixture g;
  g.transport->Answer(503, R"({"Code":"ServiceUnavailable"})");
  CHECK(g.Loop().Run(g.Call(Idempotency::kNonIdempotent), {}).status().code() ==
        absl::StatusCode::kUnavailable);
  CHECK(g.transport->sent_.size() == 1);

  Fixture t;  // with a token the same 5xx is retried
  t.transport->Answer(503, R"({"Code":"ServiceUnavailable"})");
  t.transport->Answer(200, "{}");
  CHECK(t.Loop().Run(t.Call(Idempotency::kTokenized), {}).ok());
}

TEST_CASE("non-idempotent calls: recover decides") {
  Fixture f;
  f.transport->Fail(absl::UnavailableError("reset after send"));
  HttpCall call = f.Call(Idempotency::kNonIdempotent);
  int checks = 0;
  call.recover = [&]() -> absl::StatusOr<std::optional<http::HttpResponse>> {
    ++checks;
    http::HttpResponse found;
    found.status = 200;
    found.body = R"({"Id":"created-by-first-attempt"})";
    return std::optional<http::HttpResponse>(found);
  };
  auto answer = f.Loop().Run(call, {});
  REQUIRE(answer.ok());
  CHECK(answer->body == R"({"Id":"created-by-first-attempt"})");
  CHECK(checks == 1);
  CHECK(f.transport->sent_.size() == 1);

  Fixture g;
  g.transport->Fail(absl::UnavailableError("refused"));
  g.transport->Answer(200, "{}");
  HttpCall resend = g.Call(Idempotency::kNonIdempotent);
  resend.recover = []() -> absl::StatusOr<std::optional<http::HttpResponse>> {
    return std::optional<http::HttpResponse>();
  };
  CHECK(g.Loop().Run(resend, {}).ok());
  CHECK(g.transport->sent_.size() == 2);
}

TEST_CASE("a build failure ends the loop with that error") {
  Fixture f;
  HttpCall call = f.Call();
  call.build = [](int) -> absl::StatusOr<http::HttpRequest> {
    return absl::UnauthenticatedError("no credentials");
  };
  auto answer = f.Loop().Run(call, {});
  CHECK(answer.status().code() == absl::StatusCode::kUnauthenticated);
  CHECK(f.transport->sent_.empty());
}

TEST_CASE("one loop serves concurrent calls; the cancellation reaches the transport") {
  auto transport = std::make_shared<http::ScriptedTransport>();
  std::atomic<int> served{0};
  transport->SetHandler([&](const http::HttpRequest&) -> absl::StatusOr<http::HttpResponse> {
    http::HttpResponse r;
    // Every other answer is a throttle, so each call retries at least once.
    r.status = (served++ % 2 == 0) ? 400 : 200;
    r.body = r.status == 200 ? "{}" : kThrottled;
    return r;
  });
  FakeClock clock;
  FakeRandom random;
  RetryLoop loop(transport, clock, random, {.max_attempts = 50});
  Cancellation cancel;
  HttpCall call;
  call.operation = "Concurrent";
  call.map_error = MapAlicloudError;
  call.build = [](int) -> absl::StatusOr<http::HttpRequest> {
    http::HttpRequest r;
    r.method = "GET";
    r.url = "https://example.test/";
    return r;
  };
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 25; ++i) ok += loop.Run(call, {.cancel = &cancel}).ok() ? 1 : 0;
    });
  }
  for (auto& t : threads) t.join();
  CHECK(ok == 100);
  for (const http::SendOptions& o : transport->options()) CHECK(o.cancel == &cancel);
}

}  // namespace
}  // namespace polybackup::clients
