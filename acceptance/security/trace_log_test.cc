// A full run at TF_LOG=trace leaks no secret: every resource type is
// created, updated, imported (state rm + import) and destroyed, and every
// provider function called, by the real Terraform CLI against the
// emulators, with Terraform's and the provider's logs in one TF_LOG_PATH
// file. Nothing any command printed, nothing in that log and nothing in the
// state may hold a secret the run used: the AK/SK secret, an AWS session
// token and an Alibaba STS token (a temporary key registered for the run),
// the Keystone password and every token IAM issued, the DBS source
// password; nor a signature or an Authorization value. It replaces the
// TRACE steps the kvstore and DBS scenarios had (one apply each).
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "acceptance/aws/backup_configs.h"
#include "acceptance/aws/backup_target.h"
#include "acceptance/harness/acceptance.h"

using namespace polybackup::acceptance;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// A temporary key, as STS hands them out: it only works with its token.
constexpr char kTempKeyId[] = "PBTESTTEMPKEY0000001";
constexpr char kTempSecret[] = "pbtest/Temporary/Secret/Key/For/Trace";
constexpr char kSessionToken[] = "pbtest-session-token-IQoJb3JpZ2luX2VjEJr//////////wEaCXVz";
constexpr char kKeystonePassword[] = "pbtest-Passw0rd!";
constexpr char kDbsPassword[] = "Tr4ce-Db-Passw0rd!";
constexpr char kKvInstance[] = "r-trace000000001";
constexpr char kServers[2][37] = {"3c2f0a4e-0b4d-4f5e-9a7b-1c2d3e4f5a6b",
                                  "7d1e2c3b-4a59-4687-9a0b-c1d2e3f4a5b6"};

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// Where `marker` (lower case) occurs in `text` followed by a value that is
// not "[REDACTED]": the offsets, for the message (never the value).
std::vector<size_t> Unredacted(const std::string& text, const std::string& marker) {
  const std::string lower = Lower(text);
  std::vector<size_t> found;
  for (size_t at = lower.find(marker); at != std::string::npos; at = lower.find(marker, at + 1)) {
    size_t v = at + marker.size();
    while (v < text.size() && (text[v] == ' ' || text[v] == '"' || text[v] == '\\')) ++v;
    if (v < text.size() && text.compare(v, 10, "[REDACTED]") != 0) found.push_back(at);
  }
  return found;
}

// A CSBS policy of server `server`, through `provider` ("": the default).
std::string CsbsPolicy(const std::string& label, const std::string& provider,
                       const std::string& server, bool updated) {
  return Fill(R"hcl(
resource "polybackup_csbs_policy" "@LABEL@" {
  @PROVIDER@
  name = "tf-trace-@LABEL@"
  resource {
    id   = "@SERVER@"
    type = "OS::Nova::Server"
    name = "server-@LABEL@"
  }
  scheduled_operation {
    name            = "mybackup"
    enabled         = true
    operation_type  = "backup"
    max_backups     = "@MAX@"
    trigger_pattern = local.backups.csbs_trigger_pattern
  }
}
)hcl",
              {{"LABEL", label},
               {"PROVIDER", provider.empty() ? "" : "provider = " + provider},
               {"SERVER", server},
               {"MAX", updated ? "5" : "2"}});
}

std::string Config(const Emulators& e, const std::map<std::string, std::string>& aws_names,
                   const std::string& version) {
  const bool updated = version == "updated";
  std::string hcl = R"hcl(
provider "polybackup" {
  aws {
    region = "us-east-1"
    endpoints {
      backup = "@AWS@"
    }
  }
  alicloud {
    region = "cn-hangzhou"
    endpoints {
      r_kvstore = "@KVSTORE@"
      dbs       = "@DBS@"
    }
  }
  huaweicloud {
    region = "eu-de"
    endpoints {
      csbs = "@CSBS@"
      iam  = "@IAM@"
    }
  }
}

# The same cloud with a Keystone password: a token is requested and used.
provider "polybackup" {
  alias = "keystone"
  huaweicloud {
    region      = "eu-de"
    auth_url    = "@IAM@/v3"
    user_name   = "pbtest-user"
    password    = "@KEYSTONE_PASSWORD@"
    domain_name = "pbtest-domain"
    endpoints {
      csbs = "@CSBS@"
      iam  = "@IAM@"
    }
  }
}

locals {
  backups = provider::polybackup::schedule(@DAYS@, "03:00")
  weekly  = provider::polybackup::parse_aws_cron("cron(0 5 ? * MON *)")
  thu     = provider::polybackup::parse_csbs_rrule("FREQ=WEEKLY;BYDAY=TH;BYHOUR=12;BYMINUTE=0")
}

output "next_runs" {
  value = provider::polybackup::next_runs(local.backups.aws_cron, 2, "2026-12-02T00:00:00Z")
}

output "weekly_days" {
  value = [local.weekly.dbs_period, local.thu.aws_cron]
}

resource "polybackup_kvstore_backup_policy" "trace" {
  instance_id   = "@KV_INSTANCE@"
  backup_time   = local.backups.kvstore_time
  backup_period = local.backups.kvstore_period
}

resource "polybackup_dbs_backup_plan" "trace" {
  backup_plan_name              = "@DBS_NAME@"
  payment_type                  = "PayAsYouGo"
  instance_class                = "xlarge"
  backup_method                 = "logical"
  database_type                 = "MySQL"
  database_region               = "cn-hangzhou"
  storage_region                = "cn-hangzhou"
  instance_type                 = "RDS"
  source_endpoint_instance_type = "RDS"
  source_endpoint_region        = "cn-hangzhou"
  source_endpoint_instance_id   = "rm-trace0001"
  source_endpoint_user_name     = "backup"
  source_endpoint_password      = "@DBS_PASSWORD@"
  backup_objects                = "[{\"DBName\":\"orders\"}]"
  backup_period                 = local.backups.dbs_period
  backup_start_time             = local.backups.dbs_start_time
}

)hcl";
  hcl = Fill(hcl, {{"AWS", e.Url("aws_backup")},
                   {"KVSTORE", e.Url("alicloud_kvstore")},
                   {"DBS", e.Url("alicloud_dbs")},
                   {"CSBS", e.Url("huaweicloud_csbs")},
                   {"IAM", e.Url("huaweicloud_iam")},
                   {"KEYSTONE_PASSWORD", kKeystonePassword},
                   {"DBS_PASSWORD", kDbsPassword},
                   {"KV_INSTANCE", kKvInstance},
                   {"DAYS", updated ? R"(["Tuesday", "Friday"])" : R"(["Monday", "Thursday"])"},
                   {"DBS_NAME", updated ? "tf-trace-dbs-renamed" : "tf-trace-dbs"}});
  // A CSBS policy on each Huawei provider; the AWS vault, plan and
  // selection wired together (hashicorp/aws's shape).
  hcl += CsbsPolicy("aksk", "", kServers[0], updated) +
         CsbsPolicy("keystone", "polybackup.keystone", kServers[1], updated);
  return hcl +
         Fill(Renamed(WiredConfig(updated ? "cron(0 6 ? * 2 *)" : "cron(0 5 ? * 1 *)")), aws_names);
}

// Import IDs of every resource in `state`, by address.
std::map<std::string, std::string> ImportIds(const json& state) {
  std::map<std::string, std::string> ids;
  for (const std::string& address : ManagedResources(state)) {
    const json values = *FindResource(state, address);
    ids[address] =
        address.rfind("polybackup_aws_backup_selection.", 0) == 0
            ? values["plan_id"].get<std::string>() + "|" + values["id"].get<std::string>()
            : values["id"].get<std::string>();
  }
  return ids;
}

}  // namespace

TEST_CASE("a full run at TF_LOG=trace leaks no key, secret, password, token or signature") {
  auto t = BackupTarget::Get();      // resets the emulators, seeds the backup role
  if (!t || !t->emulated()) return;  // the secrets scanned for are the emulators' own
  Emulators& e = *t->emulators();
  e.Control(
      "POST", "/credentials",
      {{"access_key_id", kTempKeyId}, {"secret", kTempSecret}, {"security_token", kSessionToken}});
  e.ServiceOp("alicloud_kvstore", "seed_instance", {{"instance_id", kKvInstance}});
  e.ServiceOp("alicloud_dbs", "seed_database",
              {{"instance_id", "rm-trace0001"}, {"password", kDbsPassword}});
  e.ServiceOp("alicloud_dbs", "settings", {{"configure_delay_seconds", 0}});
  e.ServiceOp("huaweicloud_csbs", "seed_server", {{"id", kServers[1]}, {"name", "pbtest-ecs-2"}});
  e.ServiceOp("huaweicloud_csbs", "settings", {{"creating_seconds", 1}});

  const fs::path log_dir =
      fs::temp_directory_path() / ("polybackup-trace-" + std::to_string(getpid()));
  fs::create_directories(log_dir);
  std::map<std::string, std::string> env = e.ProviderEnv();
  env.erase("HW_PROJECT_ID");  // looked up through IAM: more of the run is logged
  env["AWS_ACCESS_KEY_ID"] = env["ALIBABA_CLOUD_ACCESS_KEY_ID"] = kTempKeyId;
  env["AWS_SECRET_ACCESS_KEY"] = env["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = kTempSecret;
  env["AWS_SESSION_TOKEN"] = env["ALIBABA_CLOUD_SECURITY_TOKEN"] = kSessionToken;
  env["TF_LOG"] = "trace";
  env["TF_LOG_PATH"] = (log_dir / "terraform.log").string();
  Workspace ws(env);
  const auto names = Names(*t, "trace");

  std::string printed;  // every command's stdout and stderr
  auto run = [&](const std::string& what, ProcessResult r) {
    printed += r.out + r.err;
    INFO(what << "\n" << Describe(r).substr(0, 20000));
    REQUIRE(r.exit_code == 0);
  };
  ws.SetConfig(Config(e, names, "created"));
  run("apply (create)", ws.Apply());
  ws.SetConfig(Config(e, names, "updated"));
  run("apply (update)", ws.Apply());
  const std::map<std::string, std::string> ids = ImportIds(ws.State());
  CHECK(ids.size() == 7);  // kvstore, DBS, two CSBS, vault, plan, selection
  for (const auto& [address, id] : ids) {
    run("state rm " + address, ws.Run({"state", "rm", "-no-color", address}));
    run("import " + address, ws.Import(address, id));
  }
  run("destroy", ws.Destroy());

  const std::string log = ReadFile(log_dir / "terraform.log");
  std::string state_files;
  for (const auto& f : fs::directory_iterator(ws.dir())) {
    if (f.path().filename().string().rfind("terraform.tfstate", 0) == 0) {
      state_files += ReadFile(f.path());
    }
  }
  MESSAGE("scanned: " << log.size() / 1024 << " KiB of TRACE log, " << printed.size() / 1024
                      << " KiB of command output, " << state_files.size() / 1024
                      << " KiB of state files");

  // The log is the real thing: the provider logged the calls of every
  // resource's create, update, import and delete, with their headers.
  for (const char* operation :
       {"CreateBackupVault", "CreateBackupPlan", "UpdateBackupPlan", "CreateBackupSelection",
        "DeleteBackupSelection", "DeleteBackupVault", "ModifyBackupPolicy", "DescribeBackupPolicy",
        "ConfigureBackupPlan", "ModifyBackupPlanName", "ReleaseBackupPlan", "CreatePolicy",
        "UpdatePolicy", "DeletePolicy", "ShowPolicy", "IAM CreateToken", "CallFunction"}) {
    CHECK_MESSAGE(log.find(operation) != std::string::npos, "the log lacks " << operation);
  }
  for (const char* header : {"Authorization: [REDACTED]", "X-Amz-Security-Token: [REDACTED]",
                             "X-Auth-Token: [REDACTED]"}) {
    CHECK_MESSAGE(Lower(log).find(Lower(header)) != std::string::npos, "the log lacks " << header);
  }

  // No secret anywhere. Tokens IAM issued during the run are secrets too.
  std::vector<std::pair<std::string, std::string>> secrets = {
      {"the AK/SK secret", kTestSecretKey},
      {"the temporary key's secret", kTempSecret},
      {"the session token", kSessionToken},
      {"the Keystone password", kKeystonePassword},
      {"the DBS source password", kDbsPassword},
      // Key IDs are no secret on their own, but the logs hide them anyway
      // (a V1 request's AccessKeyId parameter always was).
      {"the AK/SK key ID", kTestAccessKey},
      {"the temporary key's ID", kTempKeyId}};
  int tokens = 0;
  const json iam = e.Control("GET", "/state")["huaweicloud_iam"];  // named: the loop reads it
  for (const auto& [token, record] : iam["tokens"].items()) {
    secrets.emplace_back("an IAM token", token);
    ++tokens;
  }
  CHECK(tokens > 0);
  for (const auto& [where, text] : {std::pair<std::string, const std::string&>{"the log", log},
                                    {"the command output", printed},
                                    {"the state", state_files}}) {
    for (const auto& [what, secret] : secrets) {
      CHECK_MESSAGE(text.find(secret) == std::string::npos, where << " holds " << what);
    }
    for (const char* marker : {"signature=", "authorization:", "x-auth-token:", "x-subject-token:",
                               "x-amz-security-token:", "x-security-token:"}) {
      for (size_t at : Unredacted(text, marker)) {
        FAIL_CHECK(where << " holds an unredacted " << marker << " value at offset " << at);
      }
    }
  }
  if (std::getenv("POLYBACKUP_KEEP_WORKSPACES") == nullptr) fs::remove_all(log_dir);
}
