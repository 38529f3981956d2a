// Pieces of canonical requests shared by the signers (internal to
// clients/signing; not part of the clients contract).
#ifndef POLYBACKUP_CLIENTS_SIGNING_CANONICAL_H_
#define POLYBACKUP_CLIENTS_SIGNING_CANONICAL_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "clients/http/http.h"

namespace polybackup::clients::signing {

// (lower-case name, values in request order), sorted by name.
using HeaderGroups = std::vector<std::pair<std::string, std::vector<std::string>>>;

// Groups `headers` by lower-case name, keeping those `keep(name)` accepts.
template <typename Keep>
HeaderGroups GroupHeaders(const http::Headers& headers, Keep keep);

// "/a/./b/../c//" -> "/a/c/": drops "." and empty segments, resolves "..",
// keeps a trailing slash (RFC 3986 5.2.4 plus AWS's duplicate-slash rule).
std::string NormalizePath(std::string_view path);

// The decoded query pairs of `raw_query`, each side PercentEncode()d, sorted
// by (key, value), joined as "k=v&k=v". InvalidArgument on a bad escape.
absl::StatusOr<std::string> CanonicalQuery(std::string_view raw_query);

// Logs the SHA-256 of a canonical request at trace level: enough to compare
// with a server's error message, never a secret.
void TraceCanonicalRequest(std::string_view scheme, std::string_view canonical_request);

// ---- implementation of the template ----
HeaderGroups SortGroups(HeaderGroups groups);
std::string LowerName(std::string_view name);

template <typename Keep>
HeaderGroups GroupHeaders(const http::Headers& headers, Keep keep) {
  HeaderGroups groups;
  for (const auto& [name, value] : headers) {
    std::string lower = LowerName(name);
    if (!keep(lower)) continue;
    auto it = groups.begin();
    while (it != groups.end() && it->first != lower) ++it;
    if (it == groups.end()) {
      groups.emplace_back(lower, std::vector<std::string>{value});
    } else {
      it->second.push_back(value);
    }
  }
  return SortGroups(std::move(groups));
}

}  // namespace polybackup::clients::signing

#endif  // POLYBACKUP_CLIENTS_SIGNING_CANONICAL_H_
