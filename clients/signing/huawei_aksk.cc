#include "clients/signing/huawei_aksk.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "clients/http/text.h"
#include "clients/http/url.h"
#include "clients/signing/canonical.h"
#include "clients/signing/crypto.h"

namespace polybackup::clients::signing {
namespace {

using http::Av;

constexpr std::string_view kAlgorithm = "SDK-HMAC-SHA256";

// Each path segment decoded then RFC 3986-encoded, and always a trailing
// '/': the SDK signers encode the raw segment values and append the slash
// even though the request line has none (huaweicloud-sdk-core AKSKSigner
// CanonicalURI).
std::string CanonicalUri(std::string_view path) {
  std::string out;
  size_t start = 0;
  while (true) {
    size_t slash = path.find('/', start);
    std::string_view segment = path.substr(
        start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    absl::StatusOr<std::string> raw = http::PercentDecode(segment);
    out.append(http::PercentEncode(raw.ok() ? *raw : std::string(segment)));
    if (slash == std::string_view::npos) break;
    out.push_back('/');
    start = slash + 1;
  }
  if (out.empty() || out.back() != '/') out.push_back('/');
  return out;
}

}  // namespace

absl::Status SignHuaweiAkSk(http::HttpRequest& request, std::string_view ak, std::string_view sk,
                            std::chrono::system_clock::time_point now,
                            std::string_view security_token, SigningDetails* details) {
  if (ak.empty() || sk.empty()) {
    return absl::InvalidArgumentError("Huawei Cloud credentials have no AK or SK");
  }
  absl::StatusOr<http::Url> url = http::ParseUrl(request.url);
  if (!url.ok()) return url.status();
  absl::StatusOr<std::string> query = CanonicalQuery(url->query);
  if (!query.ok()) return query.status();

  const std::string sdk_date = FormatUtc(now, "%Y%m%dT%H%M%SZ");
  http::Headers headers = request.headers;
  http::RemoveHeader(headers, "Authorization");
  http::SetHeader(headers, "X-Sdk-Date", sdk_date);
  http::SetHeader(headers, "Host", url->HostHeader());
  if (!security_token.empty()) http::SetHeader(headers, "X-Security-Token", security_token);
  // X-Sdk-Content-Sha256 (e.g. UNSIGNED-PAYLOAD) replaces the body hash.
  std::string payload_hash(http::FindHeader(headers, "X-Sdk-Content-Sha256"));
  if (payload_hash.empty()) payload_hash = Sha256Hex(request.body);

  // Every header is signed, values as they are (the SDK neither trims nor
  // folds them).
  HeaderGroups groups = GroupHeaders(headers, [](const std::string&) { return true; });
  std::string canonical_headers, signed_headers;
  for (const auto& [name, values] : groups) {
    for (const std::string& value : values)
      absl::StrAppend(&canonical_headers, name, ":", value, "\n");
    absl::StrAppend(&signed_headers, signed_headers.empty() ? "" : ";", name);
  }
  std::string canonical_request =
      absl::StrCat(request.method, "\n", CanonicalUri(url->path), "\n", *query, "\n",
                   canonical_headers, "\n", signed_headers, "\n", payload_hash);
  std::string string_to_sign =
      absl::StrCat(Av(kAlgorithm), "\n", sdk_date, "\n", Sha256Hex(canonical_request));
  // One HMAC with the SK itself: no derived signing key, unlike SigV4.
  std::string signature = HexEncode(HmacSha256(sk, string_to_sign));
  TraceCanonicalRequest("huawei-aksk", canonical_request);

  http::SetHeader(headers, "Authorization",
                  absl::StrCat(Av(kAlgorithm), " Access=", Av(ak),
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
