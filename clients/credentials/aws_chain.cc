// ResolveAws: the AWS credential and region chain (see chains.h).
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/logging.h"
#include "clients/credentials/chains.h"
#include "clients/credentials/ini_file.h"

namespace polybackup::clients::credentials {
namespace {

struct SharedFiles {
  IniFile credentials;  // sections named "<profile>"
  IniFile config;       // sections named "profile <profile>" or "default"
};

absl::StatusOr<IniFile> ReadIniFiles(const std::vector<std::string>& paths,
                                     const Environment& env) {
  IniFile merged;
  for (const std::string& path : paths) {
    absl::StatusOr<std::string> text = env.ReadFile(env.ExpandHome(path));
    if (absl::IsNotFound(text.status())) continue;
    if (!text.ok()) return text.status();
    for (auto& [name, section] : ParseIni(*text)) {
      for (auto& [k, v] : section) merged[name][k] = v;  // later files win
    }
  }
  return merged;
}

absl::StatusOr<SharedFiles> LoadShared(const AwsConfig& config, const Environment& env) {
  std::vector<std::string> creds = config.shared_credentials_files;
  if (creds.empty()) {
    creds.push_back(env.GetNonEmpty("AWS_SHARED_CREDENTIALS_FILE").value_or("~/.aws/credentials"));
  }
  std::vector<std::string> conf = config.shared_config_files;
  if (conf.empty()) conf.push_back(env.GetNonEmpty("AWS_CONFIG_FILE").value_or("~/.aws/config"));
  SharedFiles out;
  absl::StatusOr<IniFile> c = ReadIniFiles(creds, env);
  if (!c.ok()) return c.status();
  out.credentials = std::move(*c);
  absl::StatusOr<IniFile> f = ReadIniFiles(conf, env);
  if (!f.ok()) return f.status();
  out.config = std::move(*f);
  return out;
}

const IniSection* ConfigSection(const SharedFiles& files, const std::string& profile) {
  auto it = files.config.find(profile == "default" ? "default" : "profile " + profile);
  if (it == files.config.end() && profile == "default") it = files.config.find("profile default");
  return it == files.config.end() ? nullptr : &it->second;
}

std::string Value(const IniSection* section, const std::string& key) {
  if (section == nullptr) return "";
  auto it = section->find(key);
  return it == section->end() ? "" : it->second;
}

absl::Status CheckPair(const std::string& key, const std::string& secret,
                       const std::string& where) {
  if (key.empty() != secret.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(where, " sets only ", key.empty() ? "the secret key" : "the access key",
                     "; both the access key and the secret key are needed"));
  }
  return absl::OkStatus();
}

// Fills `out` from `profile` in the shared files. Returns false when the
// profile has no keys; NotFound-ish InvalidArgument when it does not exist
// and `must_exist`.
absl::StatusOr<bool> FromProfile(const SharedFiles& files, const std::string& profile,
                                 bool must_exist, ResolvedAws& out) {
  auto cred_it = files.credentials.find(profile);
  const IniSection* cred = cred_it == files.credentials.end() ? nullptr : &cred_it->second;
  const IniSection* conf = ConfigSection(files, profile);
  if (cred == nullptr && conf == nullptr) {
    if (must_exist) {
      return absl::InvalidArgumentError(absl::StrCat(
          "AWS profile \"", profile, "\" was not found in the shared credentials or config files"));
    }
    return false;
  }
  for (const IniSection* section : {cred, conf}) {
    std::string key = Value(section, "aws_access_key_id");
    std::string secret = Value(section, "aws_secret_access_key");
    absl::Status pair = CheckPair(key, secret, absl::StrCat("AWS profile \"", profile, "\""));
    if (!pair.ok()) return pair;
    if (key.empty()) continue;
    out.credentials = {key, secret, Value(section, "aws_session_token")};
    out.source = absl::StrCat("shared ", section == cred ? "credentials" : "config",
                              " file (profile ", profile, ")");
    return true;
  }
  if (must_exist) {
    return absl::InvalidArgumentError(
        absl::StrCat("AWS profile \"", profile,
                     "\" has no aws_access_key_id/aws_secret_access_key"
                     " (role, SSO and process credentials are not supported)"));
  }
  return false;
}

}  // namespace

std::string ResolveAwsRegion(const AwsConfig& config, const Environment& env) {
  if (!config.region.empty()) return config.region;
  std::string region = env.FirstOf({"AWS_REGION", "AWS_DEFAULT_REGION"});
  if (!region.empty()) return region;
  absl::StatusOr<SharedFiles> files = LoadShared(config, env);
  if (!files.ok()) return "";
  const std::string profile =
      config.profile.empty() ? env.GetNonEmpty("AWS_PROFILE").value_or("default") : config.profile;
  return Value(ConfigSection(*files, profile), "region");
}

absl::StatusOr<ResolvedAws> ResolveAws(const AwsConfig& config, const Environment& env) {
  ResolvedAws out;
  absl::StatusOr<SharedFiles> files = LoadShared(config, env);
  if (!files.ok()) return files.status();
  std::string profile = config.profile;
  bool block_profile = !profile.empty();
  if (profile.empty()) profile = env.GetNonEmpty("AWS_PROFILE").value_or("default");
  std::vector<std::string> tried;

  absl::Status pair = CheckPair(config.access_key, config.secret_key, "the provider block");
  if (!pair.ok()) return pair;
  bool found = false;
  if (!config.access_key.empty()) {
    out.credentials = {config.access_key, config.secret_key, config.token};
    out.source = "provider block";
    found = true;
  }
  tried.push_back("provider block access_key/secret_key");
  if (!found && block_profile) {
    absl::StatusOr<bool> p = FromProfile(*files, profile, /*must_exist=*/true, out);
    if (!p.ok()) return p.status();
    found = *p;
  }
  if (!found) {
    std::string key = env.GetNonEmpty("AWS_ACCESS_KEY_ID").value_or("");
    std::string secret = env.GetNonEmpty("AWS_SECRET_ACCESS_KEY").value_or("");
    pair = CheckPair(key, secret, "the environment (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY)");
    if (!pair.ok()) return pair;
    if (!key.empty()) {
      out.credentials = {key, secret, env.GetNonEmpty("AWS_SESSION_TOKEN").value_or("")};
      out.source = "environment";
      found = true;
    }
    tried.push_back("AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY");
  }
  if (!found) {
    bool named = block_profile || env.GetNonEmpty("AWS_PROFILE").has_value();
    absl::StatusOr<bool> p = FromProfile(*files, profile, /*must_exist=*/named, out);
    if (!p.ok()) return p.status();
    found = *p;
    tried.push_back(absl::StrCat("shared files profile \"", profile, "\""));
  }
  if (!found) {
    return absl::UnauthenticatedError(
        absl::StrCat("no AWS credentials found (tried: ", absl::StrJoin(tried, ", "), ")"));
  }

  out.region = ResolveAwsRegion(config, env);
  if (out.region.empty()) {
    return absl::InvalidArgumentError(
        "no AWS region: set `region` in the provider block, AWS_REGION or AWS_DEFAULT_REGION, or "
        "`region` in the profile of the shared config file");
  }
  log::RegisterSecret(out.credentials.secret_access_key);
  log::RegisterSecret(out.credentials.session_token);
  return out;
}

}  // namespace polybackup::clients::credentials
