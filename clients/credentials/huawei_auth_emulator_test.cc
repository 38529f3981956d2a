// HuaweiAuthorizer against the local CSBS and IAM emulators: a signed AK/SK
// request and a Keystone-token request both list policies; a wrong secret
// gets the API gateway's own error. Label "emulator" (needs node).
#include <doctest/doctest.h>

#include "acceptance/harness/emulators.h"
#include "clients/core/cloud_error.h"
#include "clients/core/error_mappers.h"
#include "clients/credentials/huawei_auth.h"
#include "clients/http/curl_transport.h"

namespace polybackup::clients::credentials {
namespace {

constexpr char kProjectId[] = "0a1b2c3d4e5f40718293a4b5c6d7e8f9";

absl::StatusOr<http::HttpResponse> ListPolicies(acceptance::Emulators& e, HuaweiAuthorizer& auth,
                                                http::HttpTransport& transport) {
  absl::StatusOr<std::string> project = auth.ProjectId();
  if (!project.ok()) return project.status();
  http::HttpRequest r;
  r.method = "GET";
  r.url = e.Url("huaweicloud_csbs") + "/v1/" + *project + "/policies";
  r.headers = {{"Content-Type", "application/json"}};
  absl::Status authorized = auth.Authorize(r);
  if (!authorized.ok()) return authorized;
  absl::StatusOr<http::HttpResponse> answer = transport.Send(r, {});
  if (!answer.ok()) return answer.status();
  absl::Status mapped = MapHuaweiError(*answer);
  if (!mapped.ok()) return mapped;
  return answer;
}

TEST_CASE("AK/SK and Keystone token requests reach CSBS") {
  std::string error;
  acceptance::Emulators* e = acceptance::Emulators::Shared(&error);
  REQUIRE_MESSAGE(e != nullptr, error);
  e->Reset();
  auto transport = http::NewCurlTransport(http::TlsOptions{});

  ResolvedHuawei aksk;
  aksk.mode = HuaweiAuthMode::kAkSk;
  aksk.access_key = acceptance::kTestAccessKey;
  aksk.secret_key = acceptance::kTestSecretKey;
  aksk.project_id = kProjectId;
  aksk.region = "eu-de";
  HuaweiAuthorizer signed_auth(aksk, transport, SystemClock(), SystemRandom());
  auto listed = ListPolicies(*e, signed_auth, *transport);
  REQUIRE_MESSAGE(listed.ok(), UserMessage(listed.status()));
  CHECK(listed->body.find("policies") != std::string::npos);

  aksk.secret_key = "wrong";
  HuaweiAuthorizer wrong(aksk, transport, SystemClock(), SystemRandom());
  CHECK(ListPolicies(*e, wrong, *transport).status().code() == absl::StatusCode::kUnauthenticated);

  ResolvedHuawei password;
  password.mode = HuaweiAuthMode::kPassword;
  password.auth_url = e->Url("huaweicloud_iam") + "/v3";
  password.user_name = "pbtest-user";
  password.password = "pbtest-Passw0rd!";
  password.domain_name = "pbtest-domain";
  password.project_name = "eu-de";
  password.region = "eu-de";
  HuaweiAuthorizer token_auth(password, transport, SystemClock(), SystemRandom());
  CHECK(*token_auth.ProjectId() == kProjectId);
  auto with_token = ListPolicies(*e, token_auth, *transport);
  CHECK_MESSAGE(with_token.ok(), UserMessage(with_token.status()));
}

}  // namespace
}  // namespace polybackup::clients::credentials
