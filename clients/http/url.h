// URL helpers: RFC 3986 percent-encoding, parsing and query building.
//
// Every signer depends on these being byte-exact: AWS SigV4, Alibaba ACS3
// and RPC V1, and Huawei AK/SK all percent-encode with the RFC 3986
// unreserved set (A-Z a-z 0-9 - _ . ~) and upper-case hex digits.
#ifndef POLYBACKUP_CLIENTS_HTTP_URL_H_
#define POLYBACKUP_CLIENTS_HTTP_URL_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

namespace polybackup::clients::http {

using QueryParams = std::vector<std::pair<std::string, std::string>>;

// Encodes every byte outside the unreserved set as %XX (upper-case hex);
// space becomes %20, never '+'. UTF-8 is encoded byte by byte.
std::string PercentEncode(std::string_view text);
// Like PercentEncode but keeps '/' (for paths: "/v1/{project}/policies").
std::string PercentEncodePath(std::string_view path);
// Decodes %XX sequences. With `plus_as_space`, '+' decodes to ' ' (HTML form
// encoding). InvalidArgument for a truncated or non-hex escape.
absl::StatusOr<std::string> PercentDecode(std::string_view text, bool plus_as_space = false);

struct Url {
  std::string scheme;  // lower case: "https"
  std::string host;    // lower case; IPv6 literals keep their brackets
  int port = 0;        // as written; 0 when absent
  std::string path;    // as written (encoded); "/" when absent
  std::string query;   // as written (encoded), without '?'; "" when absent

  // The effective port: `port`, else 443 for https, 80 for http.
  int EffectivePort() const;
  // host, plus ":port" when a port is written and is not the scheme default;
  // the value signers put in the Host header.
  std::string HostHeader() const;
  // scheme://host[:port]
  std::string Origin() const;
};

// Parses an absolute http(s) URL. A fragment is dropped. InvalidArgument for
// a missing scheme or host, a bad port, user info, or an unsupported scheme.
absl::StatusOr<Url> ParseUrl(std::string_view url);

// "k1=v1&k2=v2" with both sides PercentEncode()d, in the given order.
std::string BuildQuery(const QueryParams& params);
// Splits a raw query into decoded pairs in order ("a" alone gives ("a","")).
// '+' is kept as '+' (RFC 3986), unless `plus_as_space`. InvalidArgument on a
// bad escape.
absl::StatusOr<QueryParams> ParseQuery(std::string_view query, bool plus_as_space = false);
// `base` (no query) + "?" + BuildQuery(params), or `base` when params is empty.
std::string WithQuery(std::string_view base, const QueryParams& params);

}  // namespace polybackup::clients::http

#endif  // POLYBACKUP_CLIENTS_HTTP_URL_H_
