#include "clients/huaweicloud/huawei_factory.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "clients/core/cloud_error.h"
#include "clients/core/error_mappers.h"
#include "clients/core/json_fields.h"
#include "clients/credentials/chains.h"
#include "clients/http/curl_transport.h"
#include "clients/http/url.h"
#include "clients/huaweicloud/csbs_codec.h"
#include "clients/signing/huawei_aksk.h"

namespace polybackup::clients::huaweicloud {
namespace {

std::string Override(const credentials::HuaweiConfig& config, const std::string& key) {
  auto it = config.transport.endpoints.find(key);
  return it == config.transport.endpoints.end() ? "" : it->second;
}

// ".../v3" with a scheme; an override may be a bare host or lack the /v3.
std::string IamBase(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  if (!absl::StrContains(url, "://")) url = "https://" + url;
  if (!absl::EndsWith(url, "/v3")) url += "/v3";
  return url;
}

// GET /v3/projects?name=<name>, AK/SK-signed: the project id a path needs.
absl::StatusOr<std::string> LookupProjectId(const RetryLoop& loop, const std::string& iam,
                                            const credentials::ResolvedHuawei& r,
                                            const std::string& name, Clock& clock,
                                            const CallOptions& options) {
  HttpCall call;
  call.operation = "IAM KeystoneListProjects";
  call.map_error = MapHuaweiError;
  call.build = [&](int) -> absl::StatusOr<http::HttpRequest> {
    http::HttpRequest request{.method = "GET",
                              .url = http::WithQuery(iam + "/projects", {{"name", name}})};
    absl::Status s =
        signing::SignHuaweiAkSk(request, r.access_key, r.secret_key, clock.Now(), r.security_token);
    if (!s.ok()) return s;
    return request;
  };
  absl::StatusOr<http::HttpResponse> answer = loop.Run(call, options);
  if (!answer.ok()) return answer.status();
  nlohmann::json body = nlohmann::json::parse(answer->body, nullptr, false);
  const nlohmann::json& projects = Member(body, "projects");
  if (projects.is_array()) {
    for (const nlohmann::json& p : projects) {
      if (StringField(p, "name") == name && !StringField(p, "id").empty()) {
        return StringField(p, "id");
      }
    }
  }
  return absl::NotFoundError(absl::StrCat("IAM knows no project named \"", name,
                                          "\" for these keys: set project_id (HW_PROJECT_ID)"));
}

}  // namespace

absl::StatusOr<HuaweiClients> NewHuaweiClients(const credentials::HuaweiConfig& config,
                                               const credentials::Environment& env,
                                               std::shared_ptr<http::HttpTransport> transport,
                                               Clock* clock, RandomSource* random,
                                               const CallOptions& options) {
  absl::StatusOr<credentials::ResolvedHuawei> resolved = credentials::ResolveHuawei(config, env);
  if (!resolved.ok()) return resolved.status();
  const credentials::ResolvedHuawei& r = *resolved;
  if (transport == nullptr) {
    transport = http::NewCurlTransport(http::TlsOptions{.ca_bundle = config.transport.ca_bundle,
                                                        .insecure = config.transport.insecure});
  }
  Clock& clk = clock ? *clock : SystemClock();
  RandomSource& rnd = random ? *random : SystemRandom();
  HuaweiClientOptions o;
  o.region = r.region;
  o.transport = transport;
  o.clock = &clk;
  o.random = &rnd;
  if (config.transport.max_retries && *config.transport.max_retries >= 0) {
    o.retry.max_attempts = *config.transport.max_retries + 1;
  }
  o.endpoint = Override(config, "csbs");
  if (o.endpoint.empty() && !r.cloud.empty())
    o.endpoint = "https://csbs." + r.region + "." + r.cloud;
  const std::string iam_override = Override(config, "iam");
  const std::string iam = IamBase(!iam_override.empty() ? iam_override
                                  : !r.auth_url.empty() ? r.auth_url
                                                        : DefaultIamEndpoint(r.region, r.cloud));
  const std::string project_name = r.project_name.empty() ? r.region : r.project_name;

  HuaweiClients out;
  out.region = r.region;
  out.credentials_source = r.source;
  out.mode = r.mode;
  out.project_id = r.project_id;
  if (r.mode == credentials::HuaweiAuthMode::kToken) {
    // A token given by the user: sent as it is, never renewed (a 401 with
    // it is final); its scope names the project when none is configured.
    const std::string token = r.token;
    o.auth.token = [token]() -> absl::StatusOr<std::string> { return token; };
    if (out.project_id.empty()) {
      RetryLoop loop(transport, clk, rnd, o.retry, o.backoff);
      absl::StatusOr<credentials::KeystoneToken> scope =
          credentials::InspectKeystoneToken(iam, token, loop, options);
      if (!scope.ok()) return scope.status();
      if (scope->project_id.empty()) {
        return absl::InvalidArgumentError(
            "the Huawei Cloud token is not scoped to a project: set project_id");
      }
      out.project_id = scope->project_id;
    }
  } else if (r.mode == credentials::HuaweiAuthMode::kPassword) {
    out.keystone = std::make_shared<credentials::KeystoneTokenSource>(
        credentials::KeystoneAuth{.auth_url = iam,
                                  .user_name = r.user_name,
                                  .password = r.password,
                                  .domain_name = r.domain_name,
                                  .project_id = r.project_id,
                                  .project_name = r.project_id.empty() ? project_name : ""},
        transport, clk, rnd, o.retry, o.backoff);
    if (out.project_id.empty()) {
      absl::StatusOr<credentials::KeystoneToken> token = out.keystone->Token(options);
      if (!token.ok()) return token.status();
      out.project_id = token->project_id;
    }
    o.auth = KeystoneTokenAuth(out.keystone);
  } else {
    HuaweiAkSk keys{r.access_key, r.secret_key, r.security_token};
    o.auth.aksk = [keys]() -> absl::StatusOr<HuaweiAkSk> { return keys; };
    if (out.project_id.empty()) {
      RetryLoop loop(transport, clk, rnd, o.retry, o.backoff);
      absl::StatusOr<std::string> id = LookupProjectId(loop, iam, r, project_name, clk, options);
      if (!id.ok()) return id.status();
      out.project_id = *id;
    }
  }
  o.project_id = out.project_id;
  out.csbs = std::make_unique<CsbsClient>(std::move(o));
  return out;
}

}  // namespace polybackup::clients::huaweicloud
