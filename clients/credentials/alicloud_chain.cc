// ResolveAlicloud: the Alibaba Cloud credential and region chain (chains.h).
// Each attribute falls back on its own, as the reference provider's schema
// defaults do, so a key in the block and its secret in the environment work.
#include "base/logging.h"
#include "clients/credentials/chains.h"

namespace polybackup::clients::credentials {
namespace {

std::string Pick(const std::string& block, const Environment& env,
                 std::initializer_list<std::string_view> names, bool& from_env) {
  if (!block.empty()) return block;
  std::string v = env.FirstOf(names);
  if (!v.empty()) from_env = true;
  return v;
}

}  // namespace

std::string ResolveAlicloudRegion(const AlicloudConfig& config, const Environment& env) {
  bool unused = false;
  return Pick(config.region, env, {"ALIBABA_CLOUD_REGION_ID", "ALICLOUD_REGION"}, unused);
}

absl::StatusOr<ResolvedAlicloud> ResolveAlicloud(const AlicloudConfig& config,
                                                 const Environment& env) {
  ResolvedAlicloud out;
  bool from_env = false;
  out.credentials.access_key_id = Pick(
      config.access_key, env, {"ALIBABA_CLOUD_ACCESS_KEY_ID", "ALICLOUD_ACCESS_KEY"}, from_env);
  out.credentials.access_key_secret = Pick(
      config.secret_key, env, {"ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALICLOUD_SECRET_KEY"}, from_env);
  out.credentials.security_token =
      Pick(config.security_token, env, {"ALIBABA_CLOUD_SECURITY_TOKEN", "ALICLOUD_SECURITY_TOKEN"},
           from_env);
  out.region = ResolveAlicloudRegion(config, env);
  out.source = from_env ? "environment" : "provider block";

  if (out.credentials.access_key_id.empty() || out.credentials.access_key_secret.empty()) {
    return absl::UnauthenticatedError(
        std::string("no Alibaba Cloud ") +
        (out.credentials.access_key_id.empty() ? "access key" : "secret key") +
        ": set access_key/secret_key in the provider block, or ALIBABA_CLOUD_ACCESS_KEY_ID/"
        "ALIBABA_CLOUD_ACCESS_KEY_SECRET (or ALICLOUD_ACCESS_KEY/ALICLOUD_SECRET_KEY)");
  }
  if (out.region.empty()) {
    return absl::InvalidArgumentError(
        "no Alibaba Cloud region: set `region` in the provider block, ALIBABA_CLOUD_REGION_ID or "
        "ALICLOUD_REGION");
  }
  log::RegisterSecret(out.credentials.access_key_secret);
  log::RegisterSecret(out.credentials.security_token);
  return out;
}

}  // namespace polybackup::clients::credentials
