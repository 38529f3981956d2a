#include "clients/signing/aws_sigv4.h"

#include <array>

#include "absl/strings/str_cat.h"
#include "clients/http/text.h"
#include "clients/http/url.h"
#include "clients/signing/canonical.h"
#include "clients/signing/crypto.h"

namespace polybackup::clients::signing {
namespace {

using http::Av;

constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";

// Headers the AWS SDKs never sign (@smithy/signature-v4 ALWAYS_UNSIGNABLE_HEADERS):
// proxies and the HTTP stack may add or change them in flight.
constexpr std::array<std::string_view, 15> kUnsignable = {
    "authorization", "cache-control",     "connection", "expect",     "from",
    "keep-alive",    "max-forwards",      "pragma",     "referer",    "te",
    "trailer",       "transfer-encoding", "upgrade",    "user-agent", "x-amzn-trace-id"};

bool Signable(const std::string& lower_name) {
  for (std::string_view h : kUnsignable) {
    if (lower_name == h) return false;
  }
  return true;
}

// SigV4 header value: trimmed, runs of spaces collapsed to one (also inside
// quotes, per the suite's get-header-value-trim).
std::string CanonicalValue(std::string_view value) {
  std::string out;
  bool space = false;
  for (char c : http::TrimAscii(value)) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

}  // namespace

absl::Status SignAwsSigV4(http::HttpRequest& request, const AwsCredentials& creds,
                          std::string_view region, std::string_view service,
                          std::chrono::system_clock::time_point now, const AwsSigV4Options& options,
                          SigningDetails* details) {
  if (creds.access_key_id.empty() || creds.secret_access_key.empty()) {
    return absl::InvalidArgumentError("AWS credentials have no access key or secret key");
  }
  absl::StatusOr<http::Url> url = http::ParseUrl(request.url);
  if (!url.ok()) return url.status();
  absl::StatusOr<std::string> query = CanonicalQuery(url->query);
  if (!query.ok()) return query.status();

  const std::string amz_date = FormatUtc(now, "%Y%m%dT%H%M%SZ");
  const std::string date = amz_date.substr(0, 8);
  http::Headers headers = request.headers;
  http::SetHeader(headers, "host", url->HostHeader());
  http::SetHeader(headers, "x-amz-date", amz_date);
  // A caller-provided x-amz-content-sha256 (e.g. UNSIGNED-PAYLOAD) is the
  // payload hash by definition; otherwise hash the body.
  std::string payload_hash(http::FindHeader(headers, "x-amz-content-sha256"));
  if (payload_hash.empty()) {
    payload_hash = Sha256Hex(request.body);
    if (options.add_content_sha256) http::SetHeader(headers, "x-amz-content-sha256", payload_hash);
  }
  if (!creds.session_token.empty() && options.sign_session_token) {
    http::SetHeader(headers, "x-amz-security-token", creds.session_token);
  }

  HeaderGroups groups = GroupHeaders(headers, Signable);
  std::string canonical_headers, signed_headers;
  for (const auto& [name, values] : groups) {
    absl::StrAppend(&canonical_headers, name, ":");
    for (size_t i = 0; i < values.size(); ++i) {
      absl::StrAppend(&canonical_headers, i > 0 ? "," : "", CanonicalValue(values[i]));
    }
    canonical_headers.push_back('\n');
    absl::StrAppend(&signed_headers, signed_headers.empty() ? "" : ";", name);
  }
  // Every service but S3 signs the path URI-encoded once more than it travels
  // ("double encoding"), after removing dot segments and duplicate slashes.
  std::string path = options.normalize_path ? NormalizePath(url->path) : url->path;
  std::string canonical_request =
      absl::StrCat(request.method, "\n", http::PercentEncodePath(path), "\n", *query, "\n",
                   canonical_headers, "\n", signed_headers, "\n", payload_hash);
  std::string scope = absl::StrCat(date, "/", Av(region), "/", Av(service), "/aws4_request");
  std::string string_to_sign =
      absl::StrCat(Av(kAlgorithm), "\n", amz_date, "\n", scope, "\n", Sha256Hex(canonical_request));
  std::string key = HmacSha256(absl::StrCat("AWS4", creds.secret_access_key), date);
  key = HmacSha256(key, region);
  key = HmacSha256(key, service);
  key = HmacSha256(key, "aws4_request");
  std::string signature = HexEncode(HmacSha256(key, string_to_sign));

  TraceCanonicalRequest("aws-sigv4", canonical_request);
  if (!creds.session_token.empty() && !options.sign_session_token) {
    http::SetHeader(headers, "x-amz-security-token", creds.session_token);
  }
  http::SetHeader(headers, "Authorization",
                  absl::StrCat(Av(kAlgorithm), " Credential=", creds.access_key_id, "/", scope,
                               ", SignedHeaders=", signed_headers, ", Signature=", signature));
  request.headers = std::move(headers);
  if (details != nullptr) {
    details->canonical_request = std::move(canonical_request);
    details->string_to_sign = std::move(string_to_sign);
    details->signed_headers = std::move(signed_headers);
  }
  return absl::OkStatus();
}

}  // namespace polybackup::clients::signing
