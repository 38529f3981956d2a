// ResolveHuawei: the Huawei Cloud / Open Telekom Cloud chain (chains.h).
// HW_* names come from terraform-provider-huaweicloud, OS_* from
// terraform-provider-opentelekomcloud (and OpenStack's openrc convention).
#include "absl/strings/str_join.h"
#include "base/logging.h"
#include "clients/credentials/chains.h"

namespace polybackup::clients::credentials {
namespace {

std::string Pick(const std::string& block, const Environment& env,
                 std::initializer_list<std::string_view> names) {
  return block.empty() ? env.FirstOf(names) : block;
}

}  // namespace

std::string ResolveHuaweiRegion(const HuaweiConfig& config, const Environment& env) {
  return Pick(config.region, env, {"HW_REGION_NAME", "OS_REGION_NAME", "OS_REGION"});
}

absl::StatusOr<ResolvedHuawei> ResolveHuawei(const HuaweiConfig& c, const Environment& env) {
  ResolvedHuawei out;
  out.access_key = Pick(c.access_key, env, {"HW_ACCESS_KEY", "OS_ACCESS_KEY"});
  out.secret_key = Pick(c.secret_key, env, {"HW_SECRET_KEY", "OS_SECRET_KEY"});
  out.security_token = Pick(c.security_token, env, {"HW_SECURITY_TOKEN", "OS_SECURITY_TOKEN"});
  out.token = Pick(c.token, env, {"HW_AUTH_TOKEN", "OS_AUTH_TOKEN", "OS_TOKEN"});
  out.region = ResolveHuaweiRegion(c, env);
  // Not OS_CLOUD: the OTC provider reads it as a clouds.yaml entry name.
  out.cloud = Pick(c.cloud, env, {"HW_CLOUD"});
  out.project_id = Pick(c.project_id, env, {"HW_PROJECT_ID", "OS_PROJECT_ID", "OS_TENANT_ID"});
  out.project_name =
      Pick(c.project_name, env, {"HW_PROJECT_NAME", "OS_PROJECT_NAME", "OS_TENANT_NAME"});
  out.auth_url = Pick(c.auth_url, env, {"HW_AUTH_URL", "OS_AUTH_URL"});
  out.user_name = Pick(c.user_name, env, {"HW_USER_NAME", "OS_USERNAME"});
  out.password = Pick(c.password, env, {"HW_USER_PASSWORD", "OS_PASSWORD"});
  out.domain_name = Pick(c.domain_name, env,
                         {"HW_DOMAIN_NAME", "OS_DOMAIN_NAME", "OS_USER_DOMAIN_NAME",
                          "OS_PROJECT_DOMAIN_NAME", "OS_DEFAULT_DOMAIN"});
  const bool block_keys = !c.access_key.empty() || !c.secret_key.empty();
  const bool block_token = !c.token.empty();
  const bool block_password = !c.user_name.empty() || !c.password.empty();

  if (out.region.empty()) {
    return absl::InvalidArgumentError(
        "no Huawei Cloud region: set `region` in the provider block, HW_REGION_NAME or "
        "OS_REGION_NAME");
  }
  // What the block names wins over the environment, so a block written for
  // a password can be used where AK/SK variables are set, and vice versa.
  if (block_keys) {
    out.mode = HuaweiAuthMode::kAkSk;
    out.source = "provider block (AK/SK)";
  } else if (block_token) {
    out.mode = HuaweiAuthMode::kToken;
    out.source = "provider block (token)";
  } else if (block_password) {
    out.mode = HuaweiAuthMode::kPassword;
    out.source = "provider block (password)";
  } else if (!out.access_key.empty() || !out.secret_key.empty()) {
    out.mode = HuaweiAuthMode::kAkSk;
    out.source = "environment (AK/SK)";
  } else if (!out.token.empty()) {
    out.mode = HuaweiAuthMode::kToken;
    out.source = "environment (token)";
  } else if (!out.user_name.empty() || !out.password.empty()) {
    out.mode = HuaweiAuthMode::kPassword;
    out.source = "environment (password)";
  } else {
    return absl::UnauthenticatedError(
        "no Huawei Cloud credentials: set access_key/secret_key (HW_ACCESS_KEY/HW_SECRET_KEY, "
        "OS_ACCESS_KEY/OS_SECRET_KEY), a token (HW_AUTH_TOKEN, OS_AUTH_TOKEN) or "
        "user_name/password with domain_name");
  }
  if (out.mode == HuaweiAuthMode::kAkSk && out.access_key.empty() != out.secret_key.empty()) {
    return absl::InvalidArgumentError(
        std::string("Huawei Cloud: only the ") +
        (out.access_key.empty() ? "secret key" : "access key") +
        " is set; AK/SK authentication needs both (access_key/secret_key, HW_ACCESS_KEY/"
        "HW_SECRET_KEY or OS_ACCESS_KEY/OS_SECRET_KEY)");
  }
  if (out.mode == HuaweiAuthMode::kPassword) {
    std::vector<std::string> missing;
    if (out.user_name.empty()) missing.push_back("user_name (HW_USER_NAME/OS_USERNAME)");
    if (out.password.empty()) missing.push_back("password (HW_USER_PASSWORD/OS_PASSWORD)");
    if (out.domain_name.empty()) missing.push_back("domain_name (HW_DOMAIN_NAME/OS_DOMAIN_NAME)");
    if (!missing.empty()) {
      return absl::InvalidArgumentError("Huawei Cloud password authentication is missing " +
                                        absl::StrJoin(missing, ", "));
    }
  }
  log::RegisterSecret(out.secret_key);
  log::RegisterSecret(out.security_token);
  log::RegisterSecret(out.password);
  log::RegisterSecret(out.token);
  return out;
}

}  // namespace polybackup::clients::credentials
