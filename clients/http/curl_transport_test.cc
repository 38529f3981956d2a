// Transport tests against LocalHttpServer on 127.0.0.1 (no outside network).
#include "clients/http/curl_transport.h"

#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <thread>

#include "clients/http/curl_library.h"
#include "clients/http/local_http_server.h"

namespace polybackup::clients::http {
namespace {

int UnusedPort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
  socklen_t len = sizeof(addr);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);  // nothing listens there any more: connect is refused
  return ntohs(addr.sin_port);
}

// Sets an environment variable for one test and restores it afterwards.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old, had_ = true;
    value ? ::setenv(name, value, 1) : ::unsetenv(name);
  }
  ~ScopedEnv() { had_ ? ::setenv(name_, old_.c_str(), 1) : ::unsetenv(name_); }

 private:
  const char* name_;
  std::string old_;
  bool had_ = false;
};

}  // namespace

TEST_CASE("libcurl is loaded once, at the first transport, with every function resolved") {
  absl::StatusOr<const CurlLibrary*> first = LoadCurl();
  REQUIRE_MESSAGE(first.ok(), first.status().ToString());
  CHECK(bool((*first)->multi_poll));
  CHECK(bool((*first)->slist_free_all));
  absl::StatusOr<const CurlLibrary*> again = LoadCurl();
  REQUIRE(again.ok());
  CHECK(*again == *first);
}

TEST_CASE("sends method, headers and body; any status is a successful send") {
  LocalHttpServer server([](const ReceivedRequest& r) {
    return ServerReply{.status = r.method == "DELETE" ? 404 : 200,
                       .body = "echo:" + r.body,
                       .headers = {{"X-Amzn-RequestId", "req-7"}}};
  });
  auto transport = NewCurlTransport(TlsOptions{});
  absl::StatusOr<HttpResponse> put = transport->Send({"PUT",
                                                      server.BaseUrl() + "/backup/plans/?a=1",
                                                      {{"X-Custom", "v"}, {"X-Empty", ""}},
                                                      R"({"BackupPlan":{}})"},
                                                     {});
  REQUIRE(put.ok());
  CHECK(put->status == 200);
  CHECK(put->body == R"(echo:{"BackupPlan":{}})");
  CHECK(put->Header("x-amzn-requestid") == "req-7");
  CHECK(put->headers.front().first == "content-length");  // names lower-cased

  absl::StatusOr<HttpResponse> del =
      transport->Send({"DELETE", server.BaseUrl() + "/x", {}, ""}, {});
  REQUIRE(del.ok());
  CHECK(del->status == 404);

  absl::StatusOr<HttpResponse> post = transport->Send(
      {"POST", server.BaseUrl() + "/", {{"Content-Type", "application/json"}}, ""}, {});
  REQUIRE(post.ok());

  std::vector<ReceivedRequest> got = server.requests();
  REQUIRE(got.size() == 3);
  CHECK(got[0].method == "PUT");
  CHECK(got[0].target == "/backup/plans/?a=1");
  CHECK(got[0].body == R"({"BackupPlan":{}})");
  CHECK(FindHeader(got[0].headers, "x-custom") == "v");
  bool has_empty = false;
  for (const auto& h : got[0].headers) has_empty |= h.first == "x-empty" && h.second.empty();
  CHECK(has_empty);
  // Headers the signer never saw must not be added by libcurl.
  CHECK(FindHeader(got[0].headers, "content-type").empty());
  CHECK(FindHeader(got[0].headers, "expect").empty());
  CHECK(FindHeader(got[0].headers, "user-agent") == "terraform-provider-polybackup");
  CHECK(got[1].method == "DELETE");
  CHECK(got[2].method == "POST");
  CHECK(FindHeader(got[2].headers, "content-length") == "0");
  CHECK(FindHeader(got[2].headers, "content-type") == "application/json");
}

TEST_CASE("1000 sequential calls reuse one connection") {
  LocalHttpServer server;
  auto transport = NewCurlTransport(TlsOptions{});
  int ok = 0;
  for (int i = 0; i < 1000; ++i) {
    absl::StatusOr<HttpResponse> r = transport->Send({"GET", server.BaseUrl() + "/p", {}, ""}, {});
    ok += r.ok() && r->status == 200;
  }
  CHECK(ok == 1000);
  CHECK(server.request_count() == 1000);
  MESSAGE("connections accepted for 1000 sequential calls: ", server.connections_accepted());
  CHECK(server.connections_accepted() == 1);
}

TEST_CASE("concurrent callers share the pool and the connection cache") {
  LocalHttpServer server;
  auto transport = NewCurlTransport(TlsOptions{});
  constexpr int kThreads = 4, kCalls = 100;
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kCalls; ++i) {
        auto r = transport->Send({"POST", server.BaseUrl() + "/", {}, "body"}, {});
        if (r.ok() && r->status == 200) ++ok;
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(ok == kThreads * kCalls);
  MESSAGE("connections accepted for 4x100 concurrent calls: ", server.connections_accepted());
  CHECK(server.connections_accepted() <= kThreads);
}

TEST_CASE("Cancel() ends a call blocked on a silent server") {
  LocalHttpServer server([](const ReceivedRequest&) {
    return ServerReply{.body = "late", .delay = std::chrono::seconds(30)};
  });
  auto transport = NewCurlTransport(TlsOptions{});
  Cancellation cancel;
  SendOptions options;
  options.cancel = &cancel;
  options.total_timeout = std::chrono::seconds(60);
  std::thread canceller([&] {
    while (server.request_count() == 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    cancel.Cancel("Terraform asked the provider to stop");
  });
  absl::StatusOr<HttpResponse> r =
      transport->Send({"GET", server.BaseUrl() + "/slow", {}, ""}, options);
  canceller.join();
  CHECK(r.status().code() == absl::StatusCode::kCancelled);
  CHECK(r.status().message() == "Terraform asked the provider to stop");

  // Already cancelled: nothing is sent.
  int before = server.request_count();
  CHECK(transport->Send({"GET", server.BaseUrl() + "/", {}, ""}, options).status().code() ==
        absl::StatusCode::kCancelled);
  CHECK(server.request_count() == before);
}

TEST_CASE("a request whose answer was lost is never sent again behind the caller's back") {
  // libcurl resends a request on its own when a reused connection closes
  // without an answer; the server may have carried it out (the fault
  // campaigns' dropped answers found it: a replayed signature nonce, a
  // create sent twice). The caller's retry loop decides instead.
  LocalHttpServer server([](const ReceivedRequest& r) {
    return ServerReply{.body = "made", .drop = r.target == "/create"};
  });
  auto transport = NewCurlTransport(TlsOptions{});
  REQUIRE(transport->Send({"POST", server.BaseUrl() + "/warm-up", {}, "{}"}, {}).ok());
  absl::StatusOr<HttpResponse> lost =
      transport->Send({"POST", server.BaseUrl() + "/create", {}, R"({"Name":"x"})"}, {});
  CHECK(lost.status().code() == absl::StatusCode::kUnavailable);
  CHECK(lost.status().message().find("may have been carried out") != std::string_view::npos);
  CHECK(server.request_count() == 2);  // sent once
  // The transport goes on working, on a new connection.
  CHECK(transport->Send({"GET", server.BaseUrl() + "/after", {}, ""}, {}).ok());
  CHECK(server.request_count() == 3);
}

TEST_CASE("transport failures map to canonical codes") {
  auto transport = NewCurlTransport(TlsOptions{});
  SUBCASE("total timeout") {
    LocalHttpServer server(
        [](const ReceivedRequest&) { return ServerReply{.delay = std::chrono::seconds(30)}; });
    SendOptions options;
    options.total_timeout = std::chrono::milliseconds(200);
    CHECK(transport->Send({"GET", server.BaseUrl(), {}, ""}, options).status().code() ==
          absl::StatusCode::kDeadlineExceeded);
  }
  SUBCASE("connection refused") {
    std::string url = "http://127.0.0.1:" + std::to_string(UnusedPort()) + "/";
    CHECK(transport->Send({"GET", url, {}, ""}, {}).status().code() ==
          absl::StatusCode::kUnavailable);
  }
  SUBCASE("oversized response body") {
    LocalHttpServer server(
        [](const ReceivedRequest&) { return ServerReply{.body = std::string(5000, 'x')}; });
    CurlTransportOptions small;
    small.max_response_bytes = 4096;
    CHECK(NewCurlTransport(small)->Send({"GET", server.BaseUrl(), {}, ""}, {}).status().code() ==
          absl::StatusCode::kResourceExhausted);
    small.max_response_bytes = 5000;
    CHECK(NewCurlTransport(small)->Send({"GET", server.BaseUrl(), {}, ""}, {}).ok());
  }
  SUBCASE("bad URL or method") {
    CHECK(transport->Send({"GET", "not a url", {}, ""}, {}).status().code() ==
          absl::StatusCode::kInvalidArgument);
    CHECK(transport->Send({"GET", "file:///etc/passwd", {}, ""}, {}).status().code() ==
          absl::StatusCode::kInvalidArgument);
    CHECK(transport->Send({"GE T", "http://127.0.0.1/", {}, ""}, {}).status().code() ==
          absl::StatusCode::kInvalidArgument);
  }
  SUBCASE("unreadable CA bundle is a TLS setup failure, not a retryable one") {
    LocalHttpServer server;
    auto strict = NewCurlTransport(TlsOptions{.ca_bundle = "/nonexistent/ca.pem"});
    std::string url = "https://127.0.0.1:" + std::to_string(server.port()) + "/";
    CHECK(strict->Send({"GET", url, {}, ""}, {}).status().code() ==
          absl::StatusCode::kFailedPrecondition);
  }
}

TEST_CASE("TLS: verified by default, custom CA bundle, explicit insecure") {
  LocalHttpServer server([](const ReceivedRequest&) { return ServerReply{.body = "secure"}; },
                         /*tls=*/true);
  REQUIRE(server.BaseUrl().rfind("https://localhost:", 0) == 0);
  const std::string url = server.BaseUrl() + "/backup/plans/";

  SUBCASE("the system store does not trust a self-signed certificate") {
    auto strict = NewCurlTransport(TlsOptions{});
    CHECK(strict->Send({"GET", url, {}, ""}, {}).status().code() ==
          absl::StatusCode::kFailedPrecondition);
  }
  SUBCASE("a CA bundle naming it does, and 1000 calls share one TLS connection") {
    auto trusting = NewCurlTransport(TlsOptions{.ca_bundle = server.ca_file()});
    int ok = 0;
    for (int i = 0; i < 1000; ++i) {
      auto r = trusting->Send({"GET", url, {}, ""}, {});
      ok += r.ok() && r->body == "secure";
    }
    CHECK(ok == 1000);
    MESSAGE("TLS connections accepted for 1000 sequential calls: ", server.connections_accepted());
    CHECK(server.connections_accepted() == 1);
  }
  SUBCASE("the host name is verified too") {
    auto trusting = NewCurlTransport(TlsOptions{.ca_bundle = server.ca_file()});
    // The certificate names localhost only; the same server as 127.0.0.1 fails.
    std::string by_ip = "https://127.0.0.1:" + std::to_string(server.port()) + "/";
    CHECK(trusting->Send({"GET", by_ip, {}, ""}, {}).status().code() ==
          absl::StatusCode::kFailedPrecondition);
  }
  SUBCASE("insecure skips verification only when asked") {
    auto insecure = NewCurlTransport(TlsOptions{.insecure = true});
    absl::StatusOr<HttpResponse> r = insecure->Send({"GET", url, {}, ""}, {});
    REQUIRE(r.ok());
    CHECK(r->body == "secure");
  }
}

TEST_CASE("standard proxy environment variables are honoured") {
  LocalHttpServer proxy([](const ReceivedRequest& r) { return ServerReply{.body = r.target}; });
  auto transport = NewCurlTransport(TlsOptions{});
  SUBCASE("http_proxy routes the call through the proxy") {
    ScopedEnv env("http_proxy", proxy.BaseUrl().c_str());
    ScopedEnv no("no_proxy", nullptr);
    ScopedEnv no_upper("NO_PROXY", nullptr);
    absl::StatusOr<HttpResponse> r =
        transport->Send({"GET", "http://backup.example.invalid/backup/plans/", {}, ""}, {});
    REQUIRE(r.ok());
    CHECK(r->body == "http://backup.example.invalid/backup/plans/");
  }
  SUBCASE("no_proxy bypasses it") {
    LocalHttpServer direct;
    std::string dead = "http://127.0.0.1:" + std::to_string(UnusedPort());
    ScopedEnv env("http_proxy", dead.c_str());
    ScopedEnv no("no_proxy", "127.0.0.1");
    absl::StatusOr<HttpResponse> r = transport->Send({"GET", direct.BaseUrl() + "/d", {}, ""}, {});
    REQUIRE(r.ok());
    CHECK(direct.request_count() == 1);
    CHECK(proxy.request_count() == 0);
  }
}

}  // namespace polybackup::clients::http
