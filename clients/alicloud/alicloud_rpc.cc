#include "clients/alicloud/alicloud_rpc.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "clients/core/error_mappers.h"
#include "clients/core/idempotency.h"

namespace polybackup::clients::alicloud {

std::string NormalizeEndpoint(std::string_view endpoint) {
  std::string out(endpoint);
  while (!out.empty() && out.back() == '/') out.pop_back();
  if (!out.empty() && !absl::StrContains(out, "://")) out = absl::StrCat("https://", out);
  return out;
}

std::string DbsEndpoint(std::string_view region) {
  static constexpr std::string_view kServedFromHangzhou[] = {
      "cn-hangzhou",           "cn-shanghai",          "cn-qingdao",  "cn-beijing",
      "cn-shenzhen",           "cn-zhangjiakou",       "cn-hongkong", "cn-hangzhou-finance",
      "cn-shanghai-finance-1", "cn-shenzhen-finance-1"};
  for (std::string_view r : kServedFromHangzhou) {
    if (region == r) return "https://dbs-api.cn-hangzhou.aliyuncs.com";
  }
  if (region == "us-east-1" || region == "us-west-1") return "https://dbs.cn-hangzhou.aliyuncs.com";
  return "https://dbs-api." + std::string(region) + ".aliyuncs.com";
}

AlicloudRpc::AlicloudRpc(AlicloudClientOptions options, std::string product, std::string version,
                         std::string default_endpoint)
    : options_(std::move(options)), product_(std::move(product)), version_(std::move(version)) {
  if (options_.clock == nullptr) options_.clock = &SystemClock();
  if (options_.random == nullptr) options_.random = &SystemRandom();
  endpoint_ = NormalizeEndpoint(options_.endpoint.empty() ? default_endpoint : options_.endpoint);
  loop_ = std::make_unique<RetryLoop>(options_.transport, *options_.clock, *options_.random,
                                      options_.retry, options_.backoff);
}

absl::StatusOr<nlohmann::json> AlicloudRpc::Call(std::string_view action, http::QueryParams params,
                                                 const CallOptions& options,
                                                 const RpcCallSpec& spec) const {
  bool has_region = false;
  for (const auto& [name, value] : params) has_region |= (name == "RegionId");
  if (!has_region && !options_.region.empty()) params.emplace_back("RegionId", options_.region);
  const std::string url = http::WithQuery(endpoint_ + "/", params);
  const std::string operation = product_ + " " + std::string(action);

  HttpCall call;
  call.operation = operation;
  call.idempotency = spec.idempotency;
  call.map_error = MapAlicloudError;
  call.build = [&](int) -> absl::StatusOr<http::HttpRequest> {
    if (!options_.credentials) {
      return absl::UnauthenticatedError("no Alibaba Cloud credentials are configured");
    }
    absl::StatusOr<signing::AlicloudCredentials> creds = options_.credentials();
    if (!creds.ok()) return creds.status();
    http::HttpRequest request;
    request.method = "POST";
    request.url = url;
    request.headers = {{"accept", "application/json"}};
    // A fresh date and nonce per attempt: the gateway rejects a reused nonce
    // (SignatureNonceUsed) for 15 minutes.
    absl::Status signed_ok = signing::SignAlicloudAcs3(
        request, *creds, action, version_, options_.clock->Now(), NewUuidV4(*options_.random));
    if (!signed_ok.ok()) return signed_ok;
    return request;
  };
  absl::StatusOr<http::HttpResponse> answer;
  if (spec.extra_retryable_codes.empty()) {
    answer = loop_->Run(call, options);
  } else {
    RetryPolicy retry = options_.retry;
    for (const std::string& code : spec.extra_retryable_codes) {
      retry.extra_retryable_codes.push_back(code);
    }
    answer = RetryLoop(options_.transport, *options_.clock, *options_.random, std::move(retry),
                       options_.backoff)
                 .Run(call, options);
  }
  if (!answer.ok()) return answer.status();
  nlohmann::json body = nlohmann::json::parse(answer->body, nullptr, false);
  if (!body.is_object()) {
    return absl::InternalError(absl::StrCat(
        operation, ": the answer is not valid JSON (truncated or not from the API?); HTTP ",
        answer->status, ", ", answer->body.size(),
        " bytes, starting: ", BodySnippet(answer->body)));
  }
  return body;
}

}  // namespace polybackup::clients::alicloud
