#include "clients/signing/canonical.h"

#include <algorithm>

#include "base/logging.h"
#include "clients/http/text.h"
#include "clients/http/url.h"
#include "clients/signing/crypto.h"

namespace polybackup::clients::signing {

HeaderGroups SortGroups(HeaderGroups groups) {
  std::sort(groups.begin(), groups.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  return groups;
}

std::string LowerName(std::string_view name) { return http::ToLowerAscii(name); }

std::string NormalizePath(std::string_view path) {
  std::vector<std::string_view> segments;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    std::string_view segment = path.substr(start, slash - start);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
    start = slash + 1;
  }
  std::string out = "/";
  for (size_t i = 0; i < segments.size(); ++i) {
    if (i > 0) out.push_back('/');
    out.append(segments[i]);
  }
  if (!segments.empty() && !path.empty() && path.back() == '/') out.push_back('/');
  return out;
}

absl::StatusOr<std::string> CanonicalQuery(std::string_view raw_query) {
  absl::StatusOr<http::QueryParams> params = http::ParseQuery(raw_query);
  if (!params.ok()) return params.status();
  std::vector<std::pair<std::string, std::string>> encoded;
  encoded.reserve(params->size());
  for (const auto& [key, value] : *params) {
    encoded.emplace_back(http::PercentEncode(key), http::PercentEncode(value));
  }
  std::sort(encoded.begin(), encoded.end());
  std::string out;
  for (const auto& [key, value] : encoded) {
    if (!out.empty()) out.push_back('&');
    out.append(key).append("=").append(value);
  }
  return out;
}

void TraceCanonicalRequest(std::string_view scheme, std::string_view canonical_request) {
  if (!log::Enabled(log::Level::kTrace)) return;
  log::Trace("signed request", {{"scheme", std::string(scheme)},
                                {"canonical_request_sha256", Sha256Hex(canonical_request)}});
}

}  // namespace polybackup::clients::signing
