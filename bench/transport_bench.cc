// Client-side cost of one cloud call: the libcurl transport against a
// loopback server (so the network is ~free and what is measured is our
// stack plus the trivial server), and each signer on a typical request.
// Prints figures; asserts nothing (speed is measured here, not in tests).
//
//   build-*/bench/transport_bench [calls]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "clients/http/curl_transport.h"
#include "clients/http/local_http_server.h"
#include "clients/signing/alicloud_signature.h"
#include "clients/signing/aws_sigv4.h"
#include "clients/signing/huawei_aksk.h"

namespace {

using namespace polybackup::clients;
using Clock = std::chrono::steady_clock;

struct Figure {
  double wall_us;
  double cpu_us;
};

Figure Measure(int n, const std::function<void()>& body) {
  auto start = Clock::now();
  std::clock_t cpu = std::clock();
  for (int i = 0; i < n; ++i) body();
  double wall = std::chrono::duration<double, std::micro>(Clock::now() - start).count();
  double cpu_us = 1e6 * static_cast<double>(std::clock() - cpu) / CLOCKS_PER_SEC;
  return {wall / n, cpu_us / n};
}

void Print(const char* what, int n, Figure f) {
  std::printf("%-58s n=%-6d wall %8.1f us/call   process cpu %8.1f us/call\n", what, n, f.wall_us,
              f.cpu_us);
}

}  // namespace

int main(int argc, char** argv) {
  const int calls = argc > 1 ? std::atoi(argv[1]) : 5000;
  const std::string body(2048, 'x');  // about the size of a CreateBackupPlan body

  {
    http::LocalHttpServer server;
    auto transport = http::NewCurlTransport(http::TlsOptions{});
    http::HttpRequest get{"GET", server.BaseUrl() + "/backup/plans/", {}, ""};
    int failures = 0;
    Figure f = Measure(calls, [&] {
      auto r = transport->Send(get, {});
      failures += !(r.ok() && r->status == 200);
    });
    Print("curl transport, sequential GET, keep-alive", calls, f);
    std::printf("  connections accepted: %d for %d calls (failures %d)\n",
                server.connections_accepted(), calls, failures);

    http::HttpRequest put{
        "PUT", server.BaseUrl() + "/backup/plans/", {{"Content-Type", "application/json"}}, body};
    f = Measure(calls, [&] { (void)transport->Send(put, {}); });
    Print("curl transport, sequential PUT 2 KiB body", calls, f);

    polybackup::Cancellation cancel;
    http::SendOptions with_cancel;
    with_cancel.cancel = &cancel;
    f = Measure(calls, [&] { (void)transport->Send(get, with_cancel); });
    Print("curl transport, sequential GET with a Cancellation", calls, f);

    const int threads = 4, per_thread = calls / 4;
    int before = server.connections_accepted();
    auto start = Clock::now();
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
      workers.emplace_back([&] {
        for (int i = 0; i < per_thread; ++i) (void)transport->Send(get, {});
      });
    }
    for (auto& w : workers) w.join();
    double wall = std::chrono::duration<double, std::micro>(Clock::now() - start).count();
    std::printf("%-58s n=%-6d wall %8.1f us/call (aggregate), new connections %d\n",
                "curl transport, 4 threads sharing one transport", threads * per_thread,
                wall / (threads * per_thread), server.connections_accepted() - before);
  }
  {
    http::LocalHttpServer server(
        [](const http::ReceivedRequest&) { return http::ServerReply{.body = "ok"}; }, /*tls=*/true);
    auto transport = http::NewCurlTransport(http::TlsOptions{.ca_bundle = server.ca_file()});
    http::HttpRequest get{"GET", server.BaseUrl() + "/backup/plans/", {}, ""};
    Figure f = Measure(calls, [&] { (void)transport->Send(get, {}); });
    Print("curl transport over TLS, sequential GET, keep-alive", calls, f);
    std::printf("  TLS connections accepted: %d for %d calls\n", server.connections_accepted(),
                calls);
  }
  {
    http::LocalHttpServer server;
    const int fresh = calls / 10;
    Figure f = Measure(fresh, [&] {
      auto transport = http::NewCurlTransport(http::TlsOptions{});
      (void)transport->Send({"GET", server.BaseUrl() + "/", {}, ""}, {});
    });
    Print("new transport per call (no reuse; for comparison)", fresh, f);
    std::printf("  connections accepted: %d for %d calls\n", server.connections_accepted(), fresh);
  }

  {
    // Cancel() while the server sits on the request: time until Send returns.
    http::LocalHttpServer server([](const http::ReceivedRequest&) {
      return http::ServerReply{.delay = std::chrono::seconds(30)};
    });
    auto transport = http::NewCurlTransport(http::TlsOptions{});
    const int trials = 20;
    double total_ms = 0, worst_ms = 0;
    for (int i = 0; i < trials; ++i) {
      polybackup::Cancellation cancel;
      http::SendOptions options;
      options.cancel = &cancel;
      Clock::time_point cancelled_at;
      std::thread canceller([&] {
        while (server.request_count() <= i)
          std::this_thread::sleep_for(std::chrono::milliseconds(1));
        cancelled_at = Clock::now();
        cancel.Cancel("bench");
      });
      (void)transport->Send({"GET", server.BaseUrl() + "/slow", {}, ""}, options);
      auto returned = Clock::now();
      canceller.join();
      double ms = std::chrono::duration<double, std::milli>(returned - cancelled_at).count();
      total_ms += ms;
      worst_ms = std::max(worst_ms, ms);
    }
    std::printf("%-58s n=%-6d mean %6.1f ms, worst %6.1f ms\n",
                "Cancel() -> Send returns (server silent)", trials, total_ms / trials, worst_ms);
  }

  const auto now = std::chrono::system_clock::now();
  const int signs = calls * 4;
  signing::AwsCredentials aws{"AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                              "session-token"};
  Print("SignAwsSigV4 (PUT, 2 KiB JSON body, session token)", signs, Measure(signs, [&] {
          http::HttpRequest r{"PUT",
                              "https://backup.us-east-1.amazonaws.com/backup/plans/",
                              {{"Content-Type", "application/json"}},
                              body};
          (void)signing::SignAwsSigV4(r, aws, "us-east-1", "backup", now);
        }));
  signing::AlicloudCredentials ali{"LTAI5tExampleKeyId0001", "ExampleSecret0123456789", ""};
  Print("SignAlicloudAcs3 (ModifyBackupPolicy, query params)", signs, Measure(signs, [&] {
          http::HttpRequest r{"POST",
                              "https://r-kvstore.aliyuncs.com/?InstanceId=r-bp1&"
                              "PreferredBackupPeriod=Monday%2CFriday&PreferredBackupTime="
                              "02%3A00Z-03%3A00Z",
                              {},
                              ""};
          (void)signing::SignAlicloudAcs3(r, ali, "ModifyBackupPolicy", "2015-01-01", now,
                                          "0123456789abcdef");
        }));
  Print("BuildAlicloudRpcV1Request (DescribeBackupPolicy)", signs, Measure(signs, [&] {
          signing::AlicloudRpcV1Call call{"POST",
                                          "https://r-kvstore.aliyuncs.com",
                                          "DescribeBackupPolicy",
                                          "2015-01-01",
                                          {{"InstanceId", "r-bp1"}, {"RegionId", "cn-hangzhou"}}};
          (void)signing::BuildAlicloudRpcV1Request(call, ali, now, "0123456789abcdef");
        }));
  Print("SignHuaweiAkSk (POST CSBS policy, 2 KiB body)", signs, Measure(signs, [&] {
          http::HttpRequest r{"POST",
                              "https://csbs.eu-de.otc.t-systems.com/v1/p/policies",
                              {{"Content-Type", "application/json"}, {"X-Project-Id", "p"}},
                              body};
          (void)signing::SignHuaweiAkSk(r, "AK", "SK", now);
        }));
  return 0;
}
