// Alibaba Cloud request signatures.
//
// ACS3-HMAC-SHA256 (signature V3, what the current SDKs send): request
// headers x-acs-*, host and content-type are signed; docs "Request syntax and
// signature method V3" (alibabacloud.com/help/en/sdk/product-overview/v3-
// request-structure-and-signature). RPC V1 (HMAC-SHA1 over the sorted query,
// what pop-core and the Terraform provider's older clients send): docs
// "Signature method V1 / RPC". Both are verified against vectors generated
// with @alicloud/openapi-util (clients/testdata/alicloud_vectors.json).
#ifndef POLYBACKUP_CLIENTS_SIGNING_ALICLOUD_SIGNATURE_H_
#define POLYBACKUP_CLIENTS_SIGNING_ALICLOUD_SIGNATURE_H_

#include <chrono>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "clients/http/http.h"
#include "clients/http/url.h"
#include "clients/signing/signing_details.h"

namespace polybackup::clients::signing {

struct AlicloudCredentials {
  std::string access_key_id;
  std::string access_key_secret;
  std::string security_token;  // STS token; "" for long-term keys
};

// ACS3-HMAC-SHA256: signs `request` in place. Sets host, x-acs-action,
// x-acs-version, x-acs-date (yyyy-MM-ddTHH:mm:ssZ), x-acs-signature-nonce,
// x-acs-content-sha256, x-acs-accesskey-id and x-acs-security-token (with an
// STS token) and Authorization.
// Action parameters travel in the URL query (already encoded) or the body.
// `nonce` must be unique per request (the server rejects replays): take it
// from the injected RandomSource. InvalidArgument for a bad URL or empty
// key; `request` is unchanged on error. Thread-safe; logs only the canonical
// request hash at trace level.
absl::Status SignAlicloudAcs3(http::HttpRequest& request, const AlicloudCredentials& creds,
                              std::string_view action, std::string_view version,
                              std::chrono::system_clock::time_point now, std::string_view nonce,
                              SigningDetails* details = nullptr);

// The RPC V1 signature: Base64(HMAC-SHA1(secret + "&",
// METHOD & enc("/") & enc(sorted "k=v&..." with k, v encoded))) over every
// parameter in `params` (which must not contain "Signature").
std::string AlicloudRpcV1Signature(std::string_view method, const http::QueryParams& params,
                                   std::string_view secret);

struct AlicloudRpcV1Call {
  std::string method = "POST";
  std::string endpoint;      // "https://r-kvstore.aliyuncs.com"
  std::string action;        // "DescribeBackupPolicy"
  std::string version;       // "2015-01-01"
  http::QueryParams params;  // the action's own parameters (RegionId, InstanceId, ...)
  // false: every parameter in the query string (openapi-client "RPC" style);
  // true: common parameters in the query, action parameters in an
  // application/x-www-form-urlencoded body (pop-core style). Both are signed
  // over the union of all parameters.
  bool form_body = false;
};

// Builds a signed RPC V1 request: adds Action, Version, Format=JSON,
// AccessKeyId, SignatureMethod=HMAC-SHA1, SignatureVersion=1.0,
// SignatureNonce, Timestamp (yyyy-MM-ddTHH:mm:ssZ), SecurityToken (when set)
// and Signature. InvalidArgument for a bad endpoint or empty key.
absl::StatusOr<http::HttpRequest> BuildAlicloudRpcV1Request(
    const AlicloudRpcV1Call& call, const AlicloudCredentials& creds,
    std::chrono::system_clock::time_point now, std::string_view nonce);

}  // namespace polybackup::clients::signing

#endif  // POLYBACKUP_CLIENTS_SIGNING_ALICLOUD_SIGNATURE_H_
