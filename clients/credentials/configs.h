// Plain configuration structs the provider block maps onto, one per cloud,
// and the resolved credentials the chains produce from them.
//
// Attribute names follow the reference providers (terraform-provider-aws,
// -alicloud, -huaweicloud, -opentelekomcloud) so users can move blocks over.
// An empty string / nullopt means "not set in the block": the chain then
// looks at the environment (see chains.h for the exact order).
#ifndef POLYBACKUP_CLIENTS_CREDENTIALS_CONFIGS_H_
#define POLYBACKUP_CLIENTS_CREDENTIALS_CONFIGS_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "clients/signing/alicloud_signature.h"
#include "clients/signing/aws_sigv4.h"

namespace polybackup::clients::credentials {

// Shared by every cloud's block.
struct TransportConfig {
  // Service name -> endpoint override ("backup", "r_kvstore", "dbs", "csbs",
  // "iam"). A value is a URL or a bare host (https assumed).
  std::map<std::string, std::string> endpoints;
  bool insecure = false;           // skip TLS verification (explicit opt-in only)
  std::string ca_bundle;           // PEM file replacing the system CAs
  std::optional<int> max_retries;  // retries after the first attempt; unset = default
};

struct AwsConfig {
  std::string access_key;
  std::string secret_key;
  std::string token;  // session token
  std::string profile;
  std::string region;
  std::vector<std::string> shared_credentials_files;  // default ~/.aws/credentials
  std::vector<std::string> shared_config_files;       // default ~/.aws/config
  TransportConfig transport;
  // The provider's default_tags: merged under every taggable object's own
  // tags (not credentials, but part of the AWS block all the same).
  std::map<std::string, std::string> default_tags;
};

struct AlicloudConfig {
  std::string access_key;
  std::string secret_key;
  std::string security_token;
  std::string region;
  TransportConfig transport;
};

struct HuaweiConfig {
  // AK/SK signing.
  std::string access_key;
  std::string secret_key;
  std::string security_token;
  // A Keystone token obtained elsewhere (cannot be renewed here).
  std::string token;
  // Keystone password authentication.
  std::string auth_url;  // "https://iam.eu-de.otc.t-systems.com/v3"; "" = the region's
  std::string user_name;
  std::string password;
  std::string domain_name;
  std::string project_name;
  std::string project_id;
  std::string region;
  // Domain of the public endpoints ("otc.t-systems.com"); "" = from the region.
  std::string cloud;
  TransportConfig transport;
};

// Where a resolved value came from, for debug logs and error messages
// ("provider block", "environment", "shared credentials file (profile x)").
struct Resolved {
  std::string source;
};

struct ResolvedAws : Resolved {
  signing::AwsCredentials credentials;
  std::string region;
};

struct ResolvedAlicloud : Resolved {
  signing::AlicloudCredentials credentials;
  std::string region;
};

enum class HuaweiAuthMode { kAkSk, kPassword, kToken };

struct ResolvedHuawei : Resolved {
  HuaweiAuthMode mode = HuaweiAuthMode::kAkSk;
  std::string access_key;
  std::string secret_key;
  std::string security_token;
  std::string token;  // kToken
  std::string cloud;
  std::string auth_url;
  std::string user_name;
  std::string password;
  std::string domain_name;
  std::string project_name;
  std::string project_id;
  std::string region;
};

}  // namespace polybackup::clients::credentials

#endif  // POLYBACKUP_CLIENTS_CREDENTIALS_CONFIGS_H_
