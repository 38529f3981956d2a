#include "clients/credentials/chains.h"

#include <doctest/doctest.h>

#include "base/logging.h"
#include "clients/credentials/ini_file.h"

namespace polybackup::clients::credentials {
namespace {

constexpr char kCredentialsFile[] = R"(
# comment
[default]
aws_access_key_id = AKIDDEFAULT
aws_secret_access_key = secretDefault

[work]
aws_access_key_id=AKIDWORK
aws_secret_access_key=secretWork
aws_session_token = tokenWork
)";

constexpr char kConfigFile[] = R"(
[default]
region = eu-west-1
[profile work]
region = us-east-2
s3 =
  max_concurrent_requests = 10
[profile cfgonly]
aws_access_key_id = AKIDCFG
aws_secret_access_key = secretCfg
region = ap-south-1
)";

FakeEnvironment Home() {
  FakeEnvironment env;
  env.Set("HOME", "/home/u")
      .AddFile("/home/u/.aws/credentials", kCredentialsFile)
      .AddFile("/home/u/.aws/config", kConfigFile);
  return env;
}

TEST_CASE("AWS: the block wins over everything") {
  FakeEnvironment env = Home();
  env.Set("AWS_ACCESS_KEY_ID", "AKIDENV").Set("AWS_SECRET_ACCESS_KEY", "secretEnv");
  auto r = ResolveAws(
      {.access_key = "AKIDBLOCK", .secret_key = "secretBlock", .token = "t", .region = "us-west-2"},
      env);
  REQUIRE(r.ok());
  CHECK(r->credentials.access_key_id == "AKIDBLOCK");
  CHECK(r->credentials.session_token == "t");
  CHECK(r->region == "us-west-2");
  CHECK(r->source == "provider block");
}

TEST_CASE("AWS: environment keys beat the default profile; region from AWS_REGION") {
  FakeEnvironment env = Home();
  env.Set("AWS_ACCESS_KEY_ID", "AKIDENV")
      .Set("AWS_SECRET_ACCESS_KEY", "secretEnv")
      .Set("AWS_SESSION_TOKEN", "tokEnv")
      .Set("AWS_REGION", "eu-central-1")
      .Set("AWS_DEFAULT_REGION", "ignored-1");
  auto r = ResolveAws({}, env);
  REQUIRE(r.ok());
  CHECK(r->credentials.access_key_id == "AKIDENV");
  CHECK(r->credentials.session_token == "tokEnv");
  CHECK(r->region == "eu-central-1");
  CHECK(r->source == "environment");
}

TEST_CASE("AWS: a profile named in the block beats environment keys") {
  FakeEnvironment env = Home();
  env.Set("AWS_ACCESS_KEY_ID", "AKIDENV").Set("AWS_SECRET_ACCESS_KEY", "secretEnv");
  auto r = ResolveAws({.profile = "work"}, env);
  REQUIRE(r.ok());
  CHECK(r->credentials.access_key_id == "AKIDWORK");
  CHECK(r->credentials.session_token == "tokenWork");
  CHECK(r->region == "us-east-2");  // "[profile work]" in the config file
}

TEST_CASE("AWS: AWS_PROFILE, default profile, config-file keys, custom file paths") {
  FakeEnvironment env = Home();
  env.Set("AWS_PROFILE", "work");
  auto r = ResolveAws({}, env);
  REQUIRE(r.ok());
  CHECK(r->credentials.access_key_id == "AKIDWORK");

  auto d = ResolveAws({}, Home());
  REQUIRE(d.ok());
  CHECK(d->credentials.access_key_id == "AKIDDEFAULT");
  CHECK(d->region == "eu-west-1");
  CHECK(d->source == "shared credentials file (profile default)");

  auto c = ResolveAws({.profile = "cfgonly"}, Home());
  REQUIRE(c.ok());
  CHECK(c->credentials.access_key_id == "AKIDCFG");
  CHECK(c->region == "ap-south-1");

  FakeEnvironment custom;
  custom.Set("AWS_SHARED_CREDENTIALS_FILE", "/etc/creds")
      .Set("AWS_CONFIG_FILE", "/etc/conf")
      .AddFile("/etc/creds", "[default]\naws_access_key_id=A1\naws_secret_access_key=S1\n")
      .AddFile("/etc/conf", "[default]\nregion=sa-east-1\n");
  auto e = ResolveAws({}, custom);
  REQUIRE(e.ok());
  CHECK(e->credentials.access_key_id == "A1");
  CHECK(e->region == "sa-east-1");

  auto b = ResolveAws({.region = "x-1", .shared_credentials_files = {"/etc/creds"}}, custom);
  REQUIRE(b.ok());
  CHECK(b->credentials.access_key_id == "A1");
}

TEST_CASE("AWS: errors name the problem") {
  CHECK(ResolveAws({.access_key = "A"}, FakeEnvironment()).status().code() ==
        absl::StatusCode::kInvalidArgument);
  FakeEnvironment half;
  half.Set("AWS_ACCESS_KEY_ID", "A");
  CHECK(ResolveAws({}, half).status().message().find("AWS_ACCESS_KEY_ID") !=
        std::string_view::npos);
  CHECK(ResolveAws({.profile = "nope"}, Home()).status().message().find("\"nope\" was not found") !=
        std::string_view::npos);
  FakeEnvironment named = Home();
  named.Set("AWS_PROFILE", "missing");
  CHECK(ResolveAws({}, named).status().code() == absl::StatusCode::kInvalidArgument);
  auto none = ResolveAws({}, FakeEnvironment());
  CHECK(none.status().code() == absl::StatusCode::kUnauthenticated);
  CHECK(none.status().message().find("no AWS credentials found") != std::string_view::npos);
  FakeEnvironment no_region;
  no_region.Set("AWS_ACCESS_KEY_ID", "A").Set("AWS_SECRET_ACCESS_KEY", "S");
  CHECK(ResolveAws({}, no_region).status().message().find("no AWS region") !=
        std::string_view::npos);
}

TEST_CASE("Alibaba: block, then ALIBABA_CLOUD_*, then ALICLOUD_*") {
  FakeEnvironment env;
  env.Set("ALIBABA_CLOUD_ACCESS_KEY_ID", "new-ak")
      .Set("ALICLOUD_ACCESS_KEY", "old-ak")
      .Set("ALICLOUD_SECRET_KEY", "old-secret")
      .Set("ALICLOUD_SECURITY_TOKEN", "old-token")
      .Set("ALICLOUD_REGION", "cn-shanghai");
  auto r = ResolveAlicloud({}, env);
  REQUIRE(r.ok());
  CHECK(r->credentials.access_key_id == "new-ak");
  CHECK(r->credentials.access_key_secret == "old-secret");
  CHECK(r->credentials.security_token == "old-token");
  CHECK(r->region == "cn-shanghai");
  env.Set("ALIBABA_CLOUD_REGION_ID", "cn-beijing");
  CHECK(ResolveAlicloud({}, env)->region == "cn-beijing");
  auto b =
      ResolveAlicloud({.access_key = "blk", .secret_key = "blks", .region = "ap-southeast-1"}, env);
  CHECK(b->credentials.access_key_id == "blk");
  CHECK(b->region == "ap-southeast-1");
  CHECK(b->source == "environment");  // the token still came from the environment
  CHECK(ResolveAlicloud({.access_key = "a"}, FakeEnvironment()).status().code() ==
        absl::StatusCode::kUnauthenticated);
  CHECK(
      ResolveAlicloud({.access_key = "a", .secret_key = "s"}, FakeEnvironment()).status().code() ==
      absl::StatusCode::kInvalidArgument);
}

TEST_CASE("Huawei: AK/SK from HW_* before OS_*; password mode completeness") {
  FakeEnvironment env;
  env.Set("HW_ACCESS_KEY", "hw-ak")
      .Set("OS_ACCESS_KEY", "os-ak")
      .Set("OS_SECRET_KEY", "os-sk")
      .Set("OS_REGION_NAME", "eu-de")
      .Set("OS_PROJECT_ID", "p-1");
  auto r = ResolveHuawei({}, env);
  REQUIRE(r.ok());
  CHECK(r->mode == HuaweiAuthMode::kAkSk);
  CHECK(r->access_key == "hw-ak");
  CHECK(r->secret_key == "os-sk");
  CHECK(r->region == "eu-de");
  CHECK(r->project_id == "p-1");

  FakeEnvironment pw;
  pw.Set("OS_USERNAME", "user")
      .Set("OS_PASSWORD", "pass-word")
      .Set("OS_AUTH_URL", "https://iam.eu-de.otc.t-systems.com/v3")
      .Set("OS_DOMAIN_NAME", "OTC-EU-DE-000")
      .Set("OS_PROJECT_NAME", "eu-de_proj")
      .Set("HW_REGION_NAME", "eu-de");
  auto p = ResolveHuawei({}, pw);
  REQUIRE(p.ok());
  CHECK(p->mode == HuaweiAuthMode::kPassword);
  CHECK(p->project_name == "eu-de_proj");
  CHECK(p->source == "environment (password)");

  FakeEnvironment incomplete;
  incomplete.Set("HW_USER_NAME", "u").Set("HW_USER_PASSWORD", "p").Set("HW_REGION_NAME", "r");
  auto i = ResolveHuawei({}, incomplete);
  CHECK(i.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(i.status().message().find("domain_name") != std::string_view::npos);
  // auth_url and the project are not required: they default to the region's.
  CHECK(i.status().message().find("auth_url") == std::string_view::npos);
  CHECK(ResolveHuawei({.access_key = "a", .region = "r"}, FakeEnvironment()).status().code() ==
        absl::StatusCode::kInvalidArgument);
  CHECK(ResolveHuawei({.region = "r"}, FakeEnvironment()).status().code() ==
        absl::StatusCode::kUnauthenticated);
}

TEST_CASE("Huawei: the mode the block names wins over the environment; tokens") {
  FakeEnvironment env;
  env.Set("HW_ACCESS_KEY", "env-ak")
      .Set("HW_SECRET_KEY", "env-sk")
      .Set("OS_REGION", "eu-nl")
      .Set("OS_PROJECT_DOMAIN_NAME", "OTC-EU-NL-000");
  // A password block where AK/SK variables are set: the block's choice.
  auto pw = ResolveHuawei({.user_name = "u", .password = "p"}, env);
  REQUIRE_MESSAGE(pw.ok(), pw.status().ToString());
  CHECK(pw->mode == HuaweiAuthMode::kPassword);
  CHECK(pw->source == "provider block (password)");
  CHECK(pw->region == "eu-nl");               // OTC's OS_REGION
  CHECK(pw->domain_name == "OTC-EU-NL-000");  // OTC's OS_PROJECT_DOMAIN_NAME
  // Nothing in the block: the environment's keys.
  CHECK(ResolveHuawei({}, env)->mode == HuaweiAuthMode::kAkSk);
  // A token in the block.
  auto tok = ResolveHuawei({.token = "given-token"}, env);
  REQUIRE(tok.ok());
  CHECK(tok->mode == HuaweiAuthMode::kToken);
  CHECK(tok->token == "given-token");
  // A token from the environment (Huawei's HW_AUTH_TOKEN, OTC's OS_TOKEN).
  FakeEnvironment t;
  t.Set("OS_TOKEN", "os-token").Set("HW_REGION_NAME", "eu-de").Set("HW_CLOUD", "example.com");
  auto from_env = ResolveHuawei({}, t);
  REQUIRE(from_env.ok());
  CHECK(from_env->mode == HuaweiAuthMode::kToken);
  CHECK(from_env->source == "environment (token)");
  CHECK(from_env->cloud == "example.com");
  // Huawei's password variable is HW_USER_PASSWORD.
  FakeEnvironment hw;
  hw.Set("HW_USER_NAME", "u")
      .Set("HW_USER_PASSWORD", "secret-pw")
      .Set("HW_DOMAIN_NAME", "d")
      .Set("HW_REGION_NAME", "cn-north-4");
  CHECK(ResolveHuawei({}, hw)->password == "secret-pw");
}

TEST_CASE("resolved secrets are registered for log redaction") {
  FakeEnvironment env;
  env.Set("ALIBABA_CLOUD_ACCESS_KEY_ID", "ak")
      .Set("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "VerySecretAlibabaValue")
      .Set("ALIBABA_CLOUD_REGION_ID", "cn-hangzhou");
  REQUIRE(ResolveAlicloud({}, env).ok());
  CHECK(log::Redact("x VerySecretAlibabaValue y").find("VerySecretAlibabaValue") ==
        std::string::npos);
}

TEST_CASE("transport settings from each cloud's environment; the block wins") {
  FakeEnvironment env;
  env.Set("AWS_CA_BUNDLE", "/etc/aws-ca.pem")
      .Set("AWS_MAX_ATTEMPTS", "4")
      .Set("HW_MAX_RETRIES", "7")
      .Set("OS_INSECURE", "true");
  TransportConfig aws = ResolveTransport({}, "aws", env);
  CHECK(aws.ca_bundle == "/etc/aws-ca.pem");
  CHECK(aws.max_retries == 3);
  CHECK_FALSE(aws.insecure);
  TransportConfig hw = ResolveTransport({}, "huawei", env);
  CHECK(hw.max_retries == 7);
  CHECK(hw.insecure);
  TransportConfig block =
      ResolveTransport({.ca_bundle = "/mine.pem", .max_retries = 1}, "aws", env);
  CHECK(block.ca_bundle == "/mine.pem");
  CHECK(block.max_retries == 1);
  FakeEnvironment junk;
  junk.Set("AWS_MAX_ATTEMPTS", "many");
  CHECK_FALSE(ResolveTransport({}, "aws", junk).max_retries.has_value());
  CHECK(ResolveTransport({}, "alicloud", env).ca_bundle.empty());
}

TEST_CASE("INI parsing tolerates junk") {
  IniFile f = ParseIni("junk\n[a]\nk = v = w\n[broken\nx=1\n[b]\n  nested = 1\nK2=\n");
  CHECK(f["a"]["k"] == "v = w");
  CHECK(f["b"].count("nested") == 0);
  CHECK(f["b"]["k2"].empty());
}

}  // namespace
}  // namespace polybackup::clients::credentials
