// The local cloud emulators (acceptance/emulators/run) as seen from a C++
// acceptance test: started once per test process, reset between tests, and
// driven through their control API (fixtures, out-of-band drift, faults).
#ifndef POLYBACKUP_ACCEPTANCE_HARNESS_EMULATORS_H_
#define POLYBACKUP_ACCEPTANCE_HARNESS_EMULATORS_H_

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "acceptance/harness/process.h"

namespace polybackup::acceptance {

// The fixed identity every emulator accepts (acceptance/emulators/README.md).
inline constexpr char kTestAccessKey[] = "PBTESTAKID00000000001";
inline constexpr char kTestSecretKey[] = "pbtest/Secret/Key/For/Local/Emulators/Only";

class Emulators {
 public:
  // Starts `node acceptance/emulators/run` (POLYBACKUP_SOURCE_DIR locates the
  // repository) or returns the already running instance. Returns nullptr,
  // with the reason in *error, when they cannot start.
  static Emulators* Shared(std::string* error);

  // Base URL of a service: "aws_backup", "alicloud_kvstore", "alicloud_dbs",
  // "huaweicloud_csbs", "huaweicloud_iam", "control".
  std::string Url(const std::string& service) const;

  // POST /reset: every service back to its initial state.
  void Reset();
  // Calls the control API; throws std::runtime_error on a non-2xx answer so a
  // broken fixture fails the test loudly.
  nlohmann::json Control(const std::string& method, const std::string& path,
                         const nlohmann::json& body = nlohmann::json::object());
  // POST /services/<service>/<op>.
  nlohmann::json ServiceOp(const std::string& service, const std::string& op,
                           const nlohmann::json& body);

  // Environment for `terraform` runs: credentials for every cloud.
  std::map<std::string, std::string> ProviderEnv() const;

 private:
  Emulators() = default;
  std::unique_ptr<BackgroundProcess> process_;
  nlohmann::json urls_;
};

// One HTTP exchange with a JSON body (test-side helper, libcurl).
struct HttpResult {
  long status = 0;
  std::string body;
  std::string error;
};
HttpResult HttpJson(const std::string& method, const std::string& url, const std::string& body);

}  // namespace polybackup::acceptance

#endif  // POLYBACKUP_ACCEPTANCE_HARNESS_EMULATORS_H_
