// Credential chains: how each cloud's provider block, environment variables
// and shared files combine, in the same order users of the reference
// providers expect. Every secret resolved (secret keys, session/security
// tokens, passwords) is passed to log::RegisterSecret before returning.
// All reads go through `env`, so precedence is unit-tested with
// FakeEnvironment. Thread-safe (no state).
//
// An empty value counts as unset everywhere.
#ifndef POLYBACKUP_CLIENTS_CREDENTIALS_CHAINS_H_
#define POLYBACKUP_CLIENTS_CREDENTIALS_CHAINS_H_

#include "absl/status/statusor.h"
#include "clients/credentials/configs.h"
#include "clients/credentials/environment.h"

namespace polybackup::clients::credentials {

// AWS (terraform-provider-aws "Authentication and Configuration" order):
//   1. block access_key + secret_key (+ token)
//   2. when the block names a profile: that profile in the shared files
//   3. AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN)
//   4. profile AWS_PROFILE (else "default") in the shared credentials file
//      (block shared_credentials_files, else AWS_SHARED_CREDENTIALS_FILE,
//      else ~/.aws/credentials), then in the shared config file
//      (shared_config_files, else AWS_CONFIG_FILE, else ~/.aws/config;
//      section "[profile name]", or "[default]")
// Region: block, AWS_REGION, AWS_DEFAULT_REGION, the profile's `region` in
// the config file.
// Errors: InvalidArgument when only half of a key pair is given at a step
// (naming the step), when a named profile does not exist, or when no region
// is found; Unauthenticated "no AWS credentials found" listing what was
// tried. Container/instance-metadata credentials are not supported.
absl::StatusOr<ResolvedAws> ResolveAws(const AwsConfig& config, const Environment& env);
// Only the region step of that chain ("" when none is found; an unreadable
// shared file counts as none): resources need the region at plan time.
std::string ResolveAwsRegion(const AwsConfig& config, const Environment& env);

// Alibaba Cloud (terraform-provider-alicloud): each field from the block,
// else ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET /
// ALIBABA_CLOUD_SECURITY_TOKEN / ALIBABA_CLOUD_REGION_ID, else the older
// ALICLOUD_ACCESS_KEY / ALICLOUD_SECRET_KEY / ALICLOUD_SECURITY_TOKEN /
// ALICLOUD_REGION.
// Errors: Unauthenticated when the key or secret is missing; InvalidArgument
// when no region is found.
absl::StatusOr<ResolvedAlicloud> ResolveAlicloud(const AlicloudConfig& config,
                                                 const Environment& env);
// Only the region step of that chain ("" when none is found): resources need
// the region at plan time, before (and without) credentials.
std::string ResolveAlicloudRegion(const AlicloudConfig& config, const Environment& env);

// Huawei Cloud / Open Telekom Cloud (terraform-provider-huaweicloud and
// -opentelekomcloud): each field from the block, else HW_* then OS_*:
//   access_key HW_ACCESS_KEY, OS_ACCESS_KEY; secret_key HW_SECRET_KEY,
//   OS_SECRET_KEY; security_token HW_SECURITY_TOKEN, OS_SECURITY_TOKEN;
//   token HW_AUTH_TOKEN, OS_AUTH_TOKEN, OS_TOKEN; region HW_REGION_NAME,
//   OS_REGION_NAME, OS_REGION; cloud HW_CLOUD; project_id HW_PROJECT_ID,
//   OS_PROJECT_ID, OS_TENANT_ID; project_name HW_PROJECT_NAME,
//   OS_PROJECT_NAME, OS_TENANT_NAME; auth_url HW_AUTH_URL, OS_AUTH_URL;
//   user_name HW_USER_NAME, OS_USERNAME; password HW_USER_PASSWORD,
//   OS_PASSWORD; domain_name HW_DOMAIN_NAME, OS_DOMAIN_NAME,
//   OS_USER_DOMAIN_NAME, OS_PROJECT_DOMAIN_NAME, OS_DEFAULT_DOMAIN.
// Mode: what the block names first (keys, else a token, else a user or
// password), then the environment in the same order. Password mode needs a
// user name, password and domain; the project (id or name) and auth_url
// default to the region's (huawei_factory.h).
// Errors: InvalidArgument for half a key pair, an incomplete password set
// (naming what is missing) or no region; Unauthenticated when no mode has
// anything.
absl::StatusOr<ResolvedHuawei> ResolveHuawei(const HuaweiConfig& config, const Environment& env);
// Only the region step of that chain ("" when none is found).
std::string ResolveHuaweiRegion(const HuaweiConfig& config, const Environment& env);

// Transport settings left unset in a block, from each cloud's environment:
//   "aws"       ca_bundle AWS_CA_BUNDLE; max_retries AWS_MAX_ATTEMPTS - 1
//   "huawei"    max_retries HW_MAX_RETRIES; ca_bundle OS_CACERT; insecure
//               OS_INSECURE ("true"/"1")
//   "alicloud"  nothing (the reference provider reads none of these)
// An unparsable number is ignored (the block's or the default applies).
TransportConfig ResolveTransport(TransportConfig config, std::string_view cloud,
                                 const Environment& env);

}  // namespace polybackup::clients::credentials

#endif  // POLYBACKUP_CLIENTS_CREDENTIALS_CHAINS_H_
