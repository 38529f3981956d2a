#include "clients/huaweicloud/csbs_client.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "clients/core/cloud_error.h"
#include "clients/core/error_mappers.h"
#include "clients/core/json_fields.h"
#include "clients/core/pagination.h"
#include "clients/http/url.h"
#include "clients/huaweicloud/csbs_codec.h"
#include "clients/signing/huawei_aksk.h"

namespace polybackup::clients::huaweicloud {
namespace {

using nlohmann::json;

// How far the service's clock may lag ours before a policy found after a
// lost create answer is taken for an older one.
constexpr std::chrono::minutes kCreateSkewMargin(5);

std::string NormalizeEndpoint(std::string endpoint, const std::string& project_id) {
  while (!endpoint.empty() && endpoint.back() == '/') endpoint.pop_back();
  if (!endpoint.empty() && !absl::StrContains(endpoint, "://")) endpoint = "https://" + endpoint;
  // Catalog entries name the project too ("<url>/v1/<project_id>"); the
  // client adds both itself.
  for (const std::string& suffix : {"/v1/" + project_id, std::string("/v1")}) {
    if (!project_id.empty() && absl::EndsWith(endpoint, suffix)) {
      endpoint.resize(endpoint.size() - suffix.size());
      break;
    }
  }
  return endpoint;
}

absl::StatusOr<json> ParseBody(const std::string& operation, const http::HttpResponse& answer) {
  json body = json::parse(answer.body, nullptr, false);
  if (!body.is_object()) {
    return absl::InternalError(absl::StrCat(
        operation, ": the answer is not valid JSON (truncated or not from the API?); HTTP ",
        answer.status, ", ", answer.body.size(), " bytes, starting: ", BodySnippet(answer.body)));
  }
  return body;
}

absl::StatusOr<CsbsPolicy> PolicyFrom(const std::string& operation,
                                      const absl::StatusOr<http::HttpResponse>& answer) {
  if (!answer.ok()) return answer.status();
  absl::StatusOr<json> body = ParseBody(operation, *answer);
  if (!body.ok()) return body.status();
  const json& policy = Member(*body, "policy");
  if (!policy.is_object()) {
    return absl::InternalError(absl::StrCat(operation, ": the answer has no \"policy\" object"));
  }
  return ParsePolicy(policy);
}

bool IsHttp401(const absl::Status& status) {
  std::optional<CloudError> e = GetCloudError(status);
  return e && e->http_status == 401;
}

}  // namespace

HuaweiAuth KeystoneTokenAuth(std::shared_ptr<credentials::KeystoneTokenSource> source) {
  HuaweiAuth auth;
  auth.token = [source]() -> absl::StatusOr<std::string> {
    absl::StatusOr<credentials::KeystoneToken> token = source->Token();
    if (!token.ok()) return token.status();
    return token->token;
  };
  auth.invalidate_token = [source]() { source->Invalidate(); };
  return auth;
}

CsbsClient::CsbsClient(HuaweiClientOptions options) : options_(std::move(options)) {
  if (options_.clock == nullptr) options_.clock = &SystemClock();
  if (options_.random == nullptr) options_.random = &SystemRandom();
  endpoint_ = NormalizeEndpoint(
      options_.endpoint.empty() ? DefaultCsbsEndpoint(options_.region) : options_.endpoint,
      options_.project_id);
  loop_ = std::make_unique<RetryLoop>(options_.transport, *options_.clock, *options_.random,
                                      options_.retry, options_.backoff);
}

std::string CsbsClient::PoliciesUrl() const {
  return endpoint_ + "/v1/" + http::PercentEncode(options_.project_id) + "/policies";
}

HttpCall CsbsClient::MakeCall(std::string_view operation, std::string_view method, std::string url,
                              std::string body) const {
  HttpCall call;
  call.operation = absl::StrCat("CSBS ", std::string(operation));
  call.map_error = MapHuaweiError;
  call.build = [this, method = std::string(method), url = std::move(url),
                body = std::move(body)](int) -> absl::StatusOr<http::HttpRequest> {
    http::HttpRequest request{.method = method, .url = url, .body = body};
    if (!body.empty()) request.headers.emplace_back("Content-Type", "application/json");
    const HuaweiAuth& auth = options_.auth;
    if (auth.aksk) {
      absl::StatusOr<HuaweiAkSk> keys = auth.aksk();
      if (!keys.ok()) return keys.status();
      // X-Project-Id is signed with the rest (the gateway checks it against
      // the path's project: APIGW.0306 on a mismatch).
      request.headers.emplace_back("X-Project-Id", options_.project_id);
      absl::Status s = signing::SignHuaweiAkSk(request, keys->access_key, keys->secret_key,
                                               options_.clock->Now(), keys->security_token);
      if (!s.ok()) return s;
      return request;
    }
    if (!auth.token)
      return absl::UnauthenticatedError("no Huawei Cloud credentials are configured");
    absl::StatusOr<std::string> token = auth.token();
    if (!token.ok()) return token.status();
    request.headers.emplace_back("X-Auth-Token", *token);
    return request;
  };
  return call;
}

absl::StatusOr<http::HttpResponse> CsbsClient::Send(HttpCall call,
                                                    const CallOptions& options) const {
  absl::StatusOr<http::HttpResponse> answer = loop_->Run(call, options);
  // A Keystone token can expire (or be revoked) between fetch and use: the
  // gateway answers 401 APIGW.0307. Forget it and try once with a new one.
  if (!answer.ok() && !options_.auth.aksk && options_.auth.invalidate_token &&
      IsHttp401(answer.status())) {
    options_.auth.invalidate_token();
    answer = loop_->Run(call, options);
  }
  return answer;
}

absl::StatusOr<CsbsPolicy> CsbsClient::CreatePolicy(const CreateCsbsPolicyRequest& request,
                                                    const CallOptions& options) const {
  if (request.name.empty()) return absl::InvalidArgumentError("a CSBS policy needs a name");
  HttpCall call = MakeCall("CreatePolicy", "POST", PoliciesUrl(), CreatePolicyBody(request).dump());
  call.idempotency = Idempotency::kNonIdempotent;
  // No idempotency token exists for CSBS: after a lost answer or a 5xx, look
  // for the policy by its (project-unique) name before sending again.
  const auto started = options_.clock->Now();
  call.recover = [this, &request, &options,
                  started]() -> absl::StatusOr<std::optional<http::HttpResponse>> {
    http::QueryParams q = {{"name", request.name}};
    absl::StatusOr<http::HttpResponse> listed =
        Send(MakeCall("ListPolicies", "GET", http::WithQuery(PoliciesUrl(), q), ""), options);
    if (!listed.ok()) return listed.status();
    absl::StatusOr<json> body = ParseBody("CSBS ListPolicies", *listed);
    if (!body.ok()) return body.status();
    const json& policies = Member(*body, "policies");
    if (!policies.is_array()) return std::nullopt;
    for (const json& p : policies) {
      if (StringField(p, "name") != request.name) continue;
      // A policy of that name made well before this call is someone else's:
      // the lost attempt was refused (CSBS.9007) and resending cannot help.
      // The margin absorbs clock skew between us and the service.
      std::optional<std::chrono::system_clock::time_point> created =
          ParseCsbsTime(StringField(p, "created_at"));
      if (created && *created < started - kCreateSkewMargin) {
        return absl::AlreadyExistsError(
            absl::StrCat("a CSBS policy named \"", request.name, "\" already exists (id ",
                         StringField(p, "id"), ", created ", StringField(p, "created_at"), ")"));
      }
      http::HttpResponse found{.status = 200, .headers = listed->headers};
      found.body = json({{"policy", p}}).dump();
      return found;
    }
    return std::nullopt;
  };
  return PolicyFrom("CSBS CreatePolicy", Send(std::move(call), options));
}

absl::StatusOr<CsbsPolicy> CsbsClient::ShowPolicy(const std::string& policy_id,
                                                  const CallOptions& options) const {
  return PolicyFrom(
      "CSBS ShowPolicy",
      Send(MakeCall("ShowPolicy", "GET", PoliciesUrl() + "/" + http::PercentEncode(policy_id), ""),
           options));
}

absl::StatusOr<CsbsPolicy> CsbsClient::UpdatePolicy(const std::string& policy_id,
                                                    const UpdateCsbsPolicyRequest& request,
                                                    const CallOptions& options) const {
  // A PUT of absolute values: repeating it is harmless.
  return PolicyFrom(
      "CSBS UpdatePolicy",
      Send(MakeCall("UpdatePolicy", "PUT", PoliciesUrl() + "/" + http::PercentEncode(policy_id),
                    UpdatePolicyBody(request).dump()),
           options));
}

absl::Status CsbsClient::DeletePolicy(const std::string& policy_id,
                                      const CallOptions& options) const {
  return Send(MakeCall("DeletePolicy", "DELETE",
                       PoliciesUrl() + "/" + http::PercentEncode(policy_id), ""),
              options)
      .status();
}

absl::StatusOr<CsbsPolicyPage> CsbsClient::ListPolicies(const ListCsbsPoliciesRequest& request,
                                                        const CallOptions& options) const {
  http::QueryParams q;
  if (request.limit > 0) q.emplace_back("limit", std::to_string(request.limit));
  if (!request.marker.empty()) q.emplace_back("marker", request.marker);
  if (!request.sort.empty()) q.emplace_back("sort", request.sort);
  if (!request.name.empty()) q.emplace_back("name", request.name);
  absl::StatusOr<http::HttpResponse> answer =
      Send(MakeCall("ListPolicies", "GET", http::WithQuery(PoliciesUrl(), q), ""), options);
  if (!answer.ok()) return answer.status();
  absl::StatusOr<json> body = ParseBody("CSBS ListPolicies", *answer);
  if (!body.ok()) return body.status();
  CsbsPolicyPage page;
  const json& policies = Member(*body, "policies");
  if (policies.is_array()) {
    for (const json& p : policies) page.policies.push_back(ParsePolicy(p));
  }
  if (!page.policies.empty()) page.next_marker = NextMarkerFromLinks(*body);
  return page;
}

absl::StatusOr<std::vector<CsbsPolicy>> CsbsClient::ListAllPolicies(
    ListCsbsPoliciesRequest request, const CallOptions& options) const {
  const std::string first = request.marker;
  return PaginateAll<CsbsPolicy>(
      [&](const std::string& cursor) -> absl::StatusOr<Page<CsbsPolicy>> {
        request.marker = cursor.empty() ? first : cursor;
        absl::StatusOr<CsbsPolicyPage> page = ListPolicies(request, options);
        if (!page.ok()) return page.status();
        Page<CsbsPolicy> out{.items = std::move(page->policies)};
        if (!page->next_marker.empty()) out.next = page->next_marker;
        return out;
      });
}

}  // namespace polybackup::clients::huaweicloud
