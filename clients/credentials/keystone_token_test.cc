#include "clients/credentials/keystone_token.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "base/logging.h"
#include "clients/http/scripted_transport.h"

namespace polybackup::clients::credentials {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

// FakeClock starts at 1700000000 = 2023-11-14T22:13:20Z.
constexpr char kOneHour[] =
    R"({"token":{"expires_at":"2023-11-14T23:13:20.000000Z","project":{"id":"proj-1","name":"eu-de"},
       "catalog":[{"type":"data-protect","endpoints":[{"interface":"public","region":"eu-de",
       "url":"https://csbs.eu-de.otc.t-systems.com/v1/proj-1"}]}]}})";

struct Fixture {
  std::shared_ptr<http::ScriptedTransport> transport = std::make_shared<http::ScriptedTransport>();
  FakeClock clock;
  FakeRandom random;
  KeystoneAuth auth{.auth_url = "https://iam.eu-de.otc.t-systems.com/v3/",
                    .user_name = "alice",
                    .password = "KeystonePassw0rd!",
                    .domain_name = "OTC-EU-DE-1",
                    .project_name = "eu-de"};
  KeystoneTokenSource Source() {
    return KeystoneTokenSource(auth, transport, clock, random, {.max_attempts = 3},
                               {.initial_delay = std::chrono::milliseconds(10)});
  }
  void Issue(const std::string& token, const char* body = kOneHour) {
    transport->Respond(201, body, {{"X-Subject-Token", token}});
  }
};

TEST_CASE("password auth request shape and token parsing") {
  Fixture f;
  f.Issue("tok-1");
  KeystoneTokenSource source = f.Source();
  auto t = source.Token();
  REQUIRE(t.ok());
  CHECK(t->token == "tok-1");
  CHECK(t->project_id == "proj-1");
  REQUIRE(t->catalog.size() == 1);
  CHECK(t->catalog[0].type == "data-protect");
  CHECK(t->expires_at == f.clock.Now() + hours(1));

  auto r = f.transport->requests().at(0);
  CHECK(r.method == "POST");
  CHECK(r.url == "https://iam.eu-de.otc.t-systems.com/v3/auth/tokens");
  nlohmann::json body = nlohmann::json::parse(r.body);
  CHECK(body["auth"]["identity"]["methods"][0] == "password");
  CHECK(body["auth"]["identity"]["password"]["user"]["name"] == "alice");
  CHECK(body["auth"]["identity"]["password"]["user"]["domain"]["name"] == "OTC-EU-DE-1");
  CHECK(body["auth"]["scope"]["project"]["name"] == "eu-de");
  CHECK(body["auth"]["scope"]["project"]["domain"]["name"] == "OTC-EU-DE-1");
  CHECK(log::Redact("x KeystonePassw0rd! tok-1").find("KeystonePassw0rd!") == std::string::npos);
}

TEST_CASE("project id scope wins over the name") {
  Fixture f;
  f.auth.project_id = "pid-9";
  f.Issue("tok");
  REQUIRE(f.Source().Token().ok());
  nlohmann::json body = nlohmann::json::parse(f.transport->requests()[0].body);
  CHECK(body["auth"]["scope"]["project"]["id"] == "pid-9");
  CHECK_FALSE(body["auth"]["scope"]["project"].contains("name"));
}

TEST_CASE("cached until the renew margin, then renewed; Invalidate forces a fetch") {
  Fixture f;
  f.Issue("tok-1");
  f.Issue("tok-2");
  f.Issue("tok-3");
  KeystoneTokenSource source = f.Source();
  CHECK(source.Token()->token == "tok-1");
  f.clock.Advance(minutes(49));
  CHECK(source.Token()->token == "tok-1");
  CHECK(f.transport->requests().size() == 1);
  f.clock.Advance(minutes(2));  // 9 minutes left < 10 minute margin
  CHECK(source.Token()->token == "tok-2");
  source.Invalidate();
  CHECK(source.Token()->token == "tok-3");
  CHECK(f.transport->requests().size() == 3);
}

TEST_CASE("concurrent callers share one fetch") {
  Fixture f;
  f.Issue("only");
  KeystoneTokenSource source = f.Source();
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      if (auto t = source.Token(); t.ok() && t->token == "only") ++ok;
    });
  }
  for (auto& t : threads) t.join();
  CHECK(ok == 8);
  CHECK(f.transport->requests().size() == 1);
}

TEST_CASE("errors: wrong password, no header, truncated body, 5xx retried") {
  Fixture f;
  f.transport->Respond(401, R"({"error":{"code":401,"title":"Unauthorized",
                               "message":"The username or password is wrong."}})");
  auto bad = f.Source().Token();
  CHECK(bad.status().code() == absl::StatusCode::kUnauthenticated);

  f.transport->Respond(201, kOneHour);
  CHECK(f.Source().Token().status().code() == absl::StatusCode::kInternal);

  f.transport->Respond(201, R"({"token":{"expires_at":"2023-11-14T23:1)",
                       {{"x-subject-token", "t"}});
  auto truncated = f.Source().Token();
  CHECK(truncated.status().code() == absl::StatusCode::kInternal);
  CHECK(truncated.status().message().find("expires_at") != std::string_view::npos);

  f.transport->Respond(503, "upstream down");
  f.Issue("after-retry");
  CHECK(f.Source().Token()->token == "after-retry");
}

TEST_CASE("Keystone time formats") {
  auto t = ParseKeystoneTime("2023-11-14T22:13:20.123456Z");
  REQUIRE(t);
  CHECK(*t == std::chrono::system_clock::from_time_t(1700000000));
  CHECK(ParseKeystoneTime("2023-11-14T22:13:20Z") == t);
  CHECK(ParseKeystoneTime("2023-11-14T22:13:20+00:00") == t);
  CHECK_FALSE(ParseKeystoneTime("yesterday"));
  CHECK_FALSE(ParseKeystoneTime("2023-13-14T22:13:20Z"));
  CHECK_FALSE(ParseKeystoneTime("2023-11-14T22:13:20+02:00"));
}

}  // namespace
}  // namespace polybackup::clients::credentials
