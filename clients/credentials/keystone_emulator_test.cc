// KeystoneTokenSource against the local IAM emulator (Keystone v3 subset):
// real curl transport, password auth scoped by project name and by id, and
// Keystone's own 401 for a wrong password. Label "emulator" (needs node).
#include <doctest/doctest.h>

#include "acceptance/harness/emulators.h"
#include "clients/core/cloud_error.h"
#include "clients/credentials/keystone_token.h"
#include "clients/http/curl_transport.h"

namespace polybackup::clients::credentials {
namespace {

constexpr char kProjectId[] = "0a1b2c3d4e5f40718293a4b5c6d7e8f9";

TEST_CASE("password tokens from the IAM emulator") {
  std::string error;
  acceptance::Emulators* e = acceptance::Emulators::Shared(&error);
  REQUIRE_MESSAGE(e != nullptr, error);
  e->Reset();
  auto transport = http::NewCurlTransport(http::TlsOptions{});
  KeystoneAuth auth{.auth_url = e->Url("huaweicloud_iam") + "/v3",
                    .user_name = "pbtest-user",
                    .password = "pbtest-Passw0rd!",
                    .domain_name = "pbtest-domain",
                    .project_name = "eu-de"};
  KeystoneTokenSource by_name(auth, transport, SystemClock(), SystemRandom());
  auto token = by_name.Token();
  REQUIRE_MESSAGE(token.ok(), UserMessage(token.status()));
  CHECK_FALSE(token->token.empty());
  CHECK(token->project_id == kProjectId);
  CHECK(token->expires_at > SystemClock().Now() + std::chrono::hours(1));
  CHECK(by_name.Token()->token == token->token);  // cached

  auth.project_name.clear();
  auth.project_id = kProjectId;
  KeystoneTokenSource by_id(auth, transport, SystemClock(), SystemRandom());
  REQUIRE(by_id.Token().ok());
  CHECK(by_id.Token()->project_id == kProjectId);

  auth.password = "wrong";
  KeystoneTokenSource wrong(auth, transport, SystemClock(), SystemRandom());
  auto denied = wrong.Token();
  CHECK(denied.status().code() == absl::StatusCode::kUnauthenticated);
  CHECK(UserMessage(denied.status()).find("password") != std::string::npos);
}

}  // namespace
}  // namespace polybackup::clients::credentials
