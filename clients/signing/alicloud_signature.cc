#include "clients/signing/alicloud_signature.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "clients/http/text.h"
#include "clients/signing/canonical.h"
#include "clients/signing/crypto.h"

namespace polybackup::clients::signing {
namespace {

using http::Av;

constexpr std::string_view kAcs3 = "ACS3-HMAC-SHA256";
// Both signatures date requests as ISO 8601 UTC without fractions.
constexpr char kIsoFormat[] = "%Y-%m-%dT%H:%M:%SZ";

// ACS3 signs the x-acs-* headers, host and content-type (openapi-util
// getAuthorizationHeaders); anything else may be added by proxies.
bool SignedByAcs3(const std::string& lower_name) {
  return lower_name.rfind("x-acs-", 0) == 0 || lower_name == "host" || lower_name == "content-type";
}

}  // namespace

absl::Status SignAlicloudAcs3(http::HttpRequest& request, const AlicloudCredentials& creds,
                              std::string_view action, std::string_view version,
                              std::chrono::system_clock::time_point now, std::string_view nonce,
                              SigningDetails* details) {
  if (creds.access_key_id.empty() || creds.access_key_secret.empty()) {
    return absl::InvalidArgumentError("Alibaba Cloud credentials have no AccessKey ID or secret");
  }
  absl::StatusOr<http::Url> url = http::ParseUrl(request.url);
  if (!url.ok()) return url.status();
  absl::StatusOr<std::string> query = CanonicalQuery(url->query);
  if (!query.ok()) return query.status();

  http::Headers headers = request.headers;
  const std::string payload_hash = Sha256Hex(request.body);
  http::SetHeader(headers, "host", url->HostHeader());
  http::SetHeader(headers, "x-acs-action", action);
  http::SetHeader(headers, "x-acs-version", version);
  http::SetHeader(headers, "x-acs-date", FormatUtc(now, kIsoFormat));
  http::SetHeader(headers, "x-acs-signature-nonce", nonce);
  http::SetHeader(headers, "x-acs-content-sha256", payload_hash);
  if (!creds.security_token.empty()) {
    // The official clients (openapi-core doRequest) send the key id next to
    // an STS token; both are x-acs-* headers, so both are signed.
    http::SetHeader(headers, "x-acs-accesskey-id", creds.access_key_id);
    http::SetHeader(headers, "x-acs-security-token", creds.security_token);
  }

  // Repeated headers: values trimmed, sorted and joined with ',' (the
  // official signer's rule, which differs from SigV4's request order).
  HeaderGroups groups = GroupHeaders(headers, SignedByAcs3);
  std::string canonical_headers, signed_headers;
  for (auto& [name, values] : groups) {
    for (auto& v : values) v = std::string(http::TrimAscii(v));
    std::sort(values.begin(), values.end());
    absl::StrAppend(&canonical_headers, name, ":");
    for (size_t i = 0; i < values.size(); ++i) {
      absl::StrAppend(&canonical_headers, i > 0 ? "," : "", values[i]);
    }
    canonical_headers.push_back('\n');
    absl::StrAppend(&signed_headers, signed_headers.empty() ? "" : ";", name);
  }
  // The canonical URI is the path as sent (already encoded); RPC-style APIs
  // always use "/".
  std::string canonical_request =
      absl::StrCat(request.method, "\n", url->path, "\n", *query, "\n", canonical_headers, "\n",
                   signed_headers, "\n", payload_hash);
  std::string string_to_sign = absl::StrCat(Av(kAcs3), "\n", Sha256Hex(canonical_request));
  std::string signature = HexEncode(HmacSha256(creds.access_key_secret, string_to_sign));
  TraceCanonicalRequest("alicloud-acs3", canonical_request);

  http::SetHeader(headers, "Authorization",
                  absl::StrCat(Av(kAcs3), " Credential=", creds.access_key_id,
                               ",SignedHeaders=", signed_headers, ",Signature=", signature));
  request.headers = std::move(headers);
  if (details != nullptr) {
    details->canonical_request = std::move(canonical_request);
    details->string_to_sign = std::move(string_to_sign);
    details->signed_headers = std::move(signed_headers);
  }
  return absl::OkStatus();
}

std::string AlicloudRpcV1Signature(std::string_view method, const http::QueryParams& params,
                                   std::string_view secret) {
  http::QueryParams sorted = params;
  std::sort(sorted.begin(), sorted.end());
  std::string canonical = http::BuildQuery(sorted);
  std::string string_to_sign =
      absl::StrCat(Av(method), "&", http::PercentEncode("/"), "&", http::PercentEncode(canonical));
  TraceCanonicalRequest("alicloud-rpc-v1", string_to_sign);
  return Base64Encode(HmacSha1(absl::StrCat(Av(secret), "&"), string_to_sign));
}

absl::StatusOr<http::HttpRequest> BuildAlicloudRpcV1Request(
    const AlicloudRpcV1Call& call, const AlicloudCredentials& creds,
    std::chrono::system_clock::time_point now, std::string_view nonce) {
  if (creds.access_key_id.empty() || creds.access_key_secret.empty()) {
    return absl::InvalidArgumentError("Alibaba Cloud credentials have no AccessKey ID or secret");
  }
  absl::StatusOr<http::Url> url = http::ParseUrl(call.endpoint);
  if (!url.ok()) return url.status();

  http::QueryParams common = {
      {"Action", call.action},          {"Format", "JSON"},
      {"Version", call.version},        {"AccessKeyId", creds.access_key_id},
      {"SignatureMethod", "HMAC-SHA1"}, {"Timestamp", FormatUtc(now, kIsoFormat)},
      {"SignatureVersion", "1.0"},      {"SignatureNonce", std::string(nonce)}};
  if (!creds.security_token.empty()) common.emplace_back("SecurityToken", creds.security_token);

  http::QueryParams all = common;
  all.insert(all.end(), call.params.begin(), call.params.end());
  std::string signature = AlicloudRpcV1Signature(call.method, all, creds.access_key_secret);

  http::HttpRequest request;
  request.method = call.method;
  http::QueryParams query = call.form_body ? common : all;
  query.emplace_back("Signature", signature);
  request.url = http::WithQuery(url->Origin() + "/", query);
  if (call.form_body) {
    request.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    request.body = http::BuildQuery(call.params);
  }
  return request;
}

}  // namespace polybackup::clients::signing
