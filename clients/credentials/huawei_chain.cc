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
  return Pick(config.region, env, {"HW_REGION_NAME", "OS_REGION_NAME"});
}

absl::StatusOr<ResolvedHuawei> ResolveHuawei(const HuaweiConfig& c, const Environment& env) {
  ResolvedHuawei out;
  out.access_key = Pick(c.access_key, env, {"HW_ACCESS_KEY", "OS_ACCESS_KEY"});
  out.secret_key = Pick(c.secret_key, env, {"HW_SECRET_KEY", "OS_SECRET_KEY"});
  out.security_token = Pick(c.security_token, env, {"HW_SECURITY_TOKEN", "OS_SECURITY_TOKEN"});
  out.region = ResolveHuaweiRegion(c, env);
  out.project_id = Pick(c.project_id, env, {"HW_PROJECT_ID", "OS_PROJECT_ID", "OS_TENANT_ID"});
  out.project_name =
      Pick(c.project_name, env, {"HW_PROJECT_NAME", "OS_PROJECT_NAME", "OS_TENANT_NAME"});
  out.auth_url = Pick(c.auth_url, env, {"HW_AUTH_URL", "OS_AUTH_URL"});
  out.user_name = Pick(c.user_name, env, {"HW_USER_NAME", "OS_USERNAME"});
  out.password = Pick(c.password, env, {"HW_PASSWORD", "OS_PASSWORD"});
  out.domain_name =
      Pick(c.domain_name, env, {"HW_DOMAIN_NAME", "OS_DOMAIN_NAME", "OS_USER_DOMAIN_NAME"});
  bool block_keys = !c.access_key.empty() || !c.secret_key.empty();
  bool block_password = !c.user_name.empty() || !c.password.empty();

  if (out.access_key.empty() != out.secret_key.empty()) {
    return absl::InvalidArgumentError(
        std::string("Huawei Cloud: only the ") +
        (out.access_key.empty() ? "secret key" : "access key") +
        " is set; AK/SK authentication needs both (access_key/secret_key, HW_ACCESS_KEY/"
        "HW_SECRET_KEY or OS_ACCESS_KEY/OS_SECRET_KEY)");
  }
  if (out.region.empty()) {
    return absl::InvalidArgumentError(
        "no Huawei Cloud region: set `region` in the provider block, HW_REGION_NAME or "
        "OS_REGION_NAME");
  }
  if (!out.access_key.empty()) {
    out.mode = HuaweiAuthMode::kAkSk;
    out.source = block_keys ? "provider block (AK/SK)" : "environment (AK/SK)";
  } else if (!out.user_name.empty() || !out.password.empty()) {
    std::vector<std::string> missing;
    if (out.user_name.empty()) missing.push_back("user_name (HW_USER_NAME/OS_USERNAME)");
    if (out.password.empty()) missing.push_back("password (HW_PASSWORD/OS_PASSWORD)");
    if (out.auth_url.empty()) missing.push_back("auth_url (HW_AUTH_URL/OS_AUTH_URL)");
    if (out.domain_name.empty()) missing.push_back("domain_name (HW_DOMAIN_NAME/OS_DOMAIN_NAME)");
    if (out.project_id.empty() && out.project_name.empty()) {
      missing.push_back("project_id or project_name");
    }
    if (!missing.empty()) {
      return absl::InvalidArgumentError("Huawei Cloud password authentication is missing " +
                                        absl::StrJoin(missing, ", "));
    }
    out.mode = HuaweiAuthMode::kPassword;
    out.source = block_password ? "provider block (password)" : "environment (password)";
  } else {
    return absl::UnauthenticatedError(
        "no Huawei Cloud credentials: set access_key/secret_key (HW_ACCESS_KEY/HW_SECRET_KEY, "
        "OS_ACCESS_KEY/OS_SECRET_KEY) or user_name/password with auth_url and domain_name");
  }
  log::RegisterSecret(out.secret_key);
  log::RegisterSecret(out.security_token);
  log::RegisterSecret(out.password);
  return out;
}

}  // namespace polybackup::clients::credentials
