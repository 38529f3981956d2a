// ResolveTransport: per-cloud environment defaults for TLS and retries
// (chains.h).
#include <charconv>

#include "absl/strings/ascii.h"
#include "clients/credentials/chains.h"

namespace polybackup::clients::credentials {
namespace {

std::optional<int> ParseInt(const std::string& s) {
  int out = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  if (s.empty() || ec != std::errc() || ptr != s.data() + s.size() || out < 0) return std::nullopt;
  return out;
}

}  // namespace

TransportConfig ResolveTransport(TransportConfig config, std::string_view cloud,
                                 const Environment& env) {
  if (cloud == "aws") {
    if (config.ca_bundle.empty()) config.ca_bundle = env.FirstOf({"AWS_CA_BUNDLE"});
    if (!config.max_retries) {
      std::optional<int> attempts = ParseInt(env.FirstOf({"AWS_MAX_ATTEMPTS"}));
      if (attempts && *attempts >= 1) config.max_retries = *attempts - 1;
    }
  } else if (cloud == "huawei") {
    if (!config.max_retries) config.max_retries = ParseInt(env.FirstOf({"HW_MAX_RETRIES"}));
    if (config.ca_bundle.empty()) config.ca_bundle = env.FirstOf({"OS_CACERT"});
    std::string insecure = absl::AsciiStrToLower(env.FirstOf({"OS_INSECURE"}));
    if (insecure == "true" || insecure == "1") config.insecure = true;
  }
  return config;
}

}  // namespace polybackup::clients::credentials
