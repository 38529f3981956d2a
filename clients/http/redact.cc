#include "clients/http/redact.h"

#include <array>

#include "absl/strings/str_cat.h"
#include "clients/http/text.h"
#include "clients/http/url.h"

namespace polybackup::clients::http {
namespace {

// x-acs-accesskey-id is ACS3's header form of the AccessKeyId parameter
// below: a log that hides one hides the other (found by the TRACE scan,
// acceptance/security/trace_log_test.cc).
constexpr std::array<std::string_view, 7> kSecretHeaders = {
    "authorization",   "x-amz-security-token", "x-security-token",  "x-auth-token",
    "x-subject-token", "x-acs-security-token", "x-acs-accesskey-id"};

// Alibaba RPC V1 puts AccessKeyId, SecurityToken and Signature in the query;
// SigV4 presigned URLs carry the X-Amz-* equivalents.
constexpr std::array<std::string_view, 6> kSecretParams = {
    "signature",       "accesskeyid",      "securitytoken",
    "x-amz-signature", "x-amz-credential", "x-amz-security-token"};

// Blanks the values of secret parameters in a raw "k=v&k=v" string without
// decoding or re-encoding anything else, so the log shows what was sent.
std::string RedactParams(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  bool first = true;
  while (true) {
    size_t amp = raw.find('&');
    std::string_view part = raw.substr(0, amp);
    if (!first) out.push_back('&');
    first = false;
    size_t eq = part.find('=');
    std::string_view name = part.substr(0, eq);
    absl::StatusOr<std::string> decoded = PercentDecode(name, true);
    if (eq != std::string_view::npos && IsSecretParam(decoded.ok() ? *decoded : name)) {
      absl::StrAppend(&out, Av(name), "=", Av(kRedacted));
    } else {
      out.append(part);
    }
    if (amp == std::string_view::npos) break;
    raw = raw.substr(amp + 1);
  }
  return out;
}

}  // namespace

bool IsSecretHeader(std::string_view name) {
  for (std::string_view secret : kSecretHeaders) {
    if (EqualsIgnoreCase(name, secret)) return true;
  }
  return false;
}

bool IsSecretParam(std::string_view name) {
  for (std::string_view secret : kSecretParams) {
    if (EqualsIgnoreCase(name, secret)) return true;
  }
  return false;
}

std::string RedactUrlForLog(std::string_view url) {
  size_t q = url.find('?');
  if (q == std::string_view::npos) return std::string(url);
  size_t hash = url.find('#', q);
  std::string_view query = url.substr(q + 1, hash == std::string_view::npos ? hash : hash - q - 1);
  std::string out = absl::StrCat(Av(url.substr(0, q + 1)), RedactParams(query));
  if (hash != std::string_view::npos) out.append(url.substr(hash));
  return out;
}

std::string RedactHeadersForLog(const Headers& headers) {
  std::string out;
  for (const auto& [name, value] : headers) {
    if (!out.empty()) out.append("; ");
    absl::StrAppend(&out, name, ": ", IsSecretHeader(name) ? Av(kRedacted) : Av(value));
  }
  return out;
}

HttpRequest RedactHeadersForLog(const HttpRequest& request) {
  HttpRequest out;
  out.method = request.method;
  out.url = RedactUrlForLog(request.url);
  out.headers.reserve(request.headers.size());
  for (const auto& [name, value] : request.headers) {
    out.headers.emplace_back(name, IsSecretHeader(name) ? std::string(kRedacted) : value);
  }
  bool form = StartsWithIgnoreCase(FindHeader(request.headers, "content-type"),
                                   "application/x-www-form-urlencoded");
  out.body = form && !request.body.empty() ? RedactParams(request.body) : request.body;
  return out;
}

}  // namespace polybackup::clients::http
