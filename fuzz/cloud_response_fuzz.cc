// Every cloud's answers, as the clients read them: byte 0 picks the call,
// byte 1 the HTTP status, the rest is the body, served by a scripted
// transport. Whatever the cloud (or a proxy in between) answers, a client
// returns a value or a Status — never a crash, never an error that says
// nothing (its text reaches a diagnostic).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/clock.h"
#include "clients/alicloud/dbs_client.h"
#include "clients/alicloud/kvstore_client.h"
#include "clients/aws/backup_client.h"
#include "clients/core/cloud_error.h"
#include "clients/http/scripted_transport.h"
#include "clients/huaweicloud/csbs_client.h"

namespace {

using namespace polybackup;
using namespace polybackup::clients;

struct Clients {
  std::shared_ptr<http::ScriptedTransport> transport = std::make_shared<http::ScriptedTransport>();
  FakeClock clock;
  FakeRandom random;
  RetryPolicy once{.max_attempts = 1};
  alicloud::KvstoreClient kvstore{Alicloud()};
  alicloud::DbsClient dbs{Alicloud()};
  aws::BackupClient backup{Aws()};
  huaweicloud::CsbsClient csbs{Huawei()};

  alicloud::AlicloudClientOptions Alicloud() {
    alicloud::AlicloudClientOptions o;
    o.region = "cn-hangzhou";
    o.endpoint = "http://fuzz.test";
    o.credentials = [] {
      return absl::StatusOr<signing::AlicloudCredentials>(
          signing::AlicloudCredentials{"AK", "SK", ""});
    };
    o.transport = transport;
    o.clock = &clock;
    o.random = &random;
    o.retry = once;
    return o;
  }
  aws::AwsClientOptions Aws() {
    aws::AwsClientOptions o;
    o.region = "eu-west-1";
    o.endpoint = "http://fuzz.test";
    o.credentials = [] {
      return absl::StatusOr<signing::AwsCredentials>(signing::AwsCredentials{"AK", "SK", ""});
    };
    o.transport = transport;
    o.clock = &clock;
    o.random = &random;
    o.retry = once;
    return o;
  }
  huaweicloud::HuaweiClientOptions Huawei() {
    huaweicloud::HuaweiClientOptions o;
    o.region = "eu-de";
    o.project_id = "p";
    o.endpoint = "http://fuzz.test";
    o.auth.aksk = [] {
      return absl::StatusOr<huaweicloud::HuaweiAkSk>(huaweicloud::HuaweiAkSk{"AK", "SK", ""});
    };
    o.transport = transport;
    o.clock = &clock;
    o.random = &random;
    o.retry = once;
    return o;
  }
};

// One call of each shape of answer the clients parse.
const std::vector<std::function<absl::Status(Clients&)>>& Calls() {
  static const auto* calls = new std::vector<std::function<absl::Status(Clients&)>>{
      [](Clients& c) { return c.kvstore.DescribeBackupPolicy("r-1").status(); },
      [](Clients& c) { return c.kvstore.DescribeInstanceAttribute("r-1").status(); },
      [](Clients& c) { return c.kvstore.DescribeInstances({}).status(); },
      [](Clients& c) { return c.dbs.DescribeBackupPlan("p-1").status(); },
      [](Clients& c) { return c.dbs.DescribeBackupPlanList({}).status(); },
      [](Clients& c) { return c.backup.GetBackupPlan("p-1").status(); },
      [](Clients& c) { return c.backup.ListBackupPlans().status(); },
      [](Clients& c) { return c.backup.DescribeBackupVault("v").status(); },
      [](Clients& c) { return c.backup.GetBackupSelection("p-1", "s-1").status(); },
      [](Clients& c) {
        return c.backup.ListTags("arn:aws:backup:eu-west-1:1:backup-plan:p").status();
      },
      [](Clients& c) { return c.csbs.ShowPolicy("x").status(); },
      [](Clients& c) { return c.csbs.ListPolicies().status(); },
  };
  return *calls;
}

constexpr int kStatuses[] = {200, 200, 200, 400, 401, 403, 404, 409, 429, 500, 503};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  // Fresh clients each time: the scripted transport records every request,
  // and a heap that only grows makes the leak checker ever slower.
  auto clients = std::make_unique<Clients>();
  const auto& call = Calls()[data[0] % Calls().size()];
  const int status = kStatuses[data[1] % (sizeof(kStatuses) / sizeof(kStatuses[0]))];
  clients->transport->Respond(status,
                              std::string(reinterpret_cast<const char*>(data) + 2, size - 2),
                              {{"content-type", "application/json"}});
  absl::Status s = call(*clients);
  // Error text may quote the answer's bytes (diagnostics are mended into
  // UTF-8 on their way to Terraform); it must say something.
  if (!s.ok() && UserMessage(s).empty()) {
    std::fprintf(stderr, "cloud_response_fuzz: an error without a message\n");
    std::abort();
  }
  return 0;
}
