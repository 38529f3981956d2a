// Where the CSBS acceptance scenarios run: the CSBS and IAM emulators (the
// default), or a real Huawei Cloud / Open Telekom Cloud project when
// POLYBACKUP_ACC_REAL=1, with the HW_* / OS_* credentials of the chosen
// mode in the environment and POLYBACKUP_ACC_CSBS_SERVER_IDS naming three
// servers (comma-separated) the tests may put in backup policies.
//
// Each target authenticates one way, chosen in the provider block: AK/SK
// signing, or a Keystone token requested with a user name and password.
// On the emulators the project ID is left out, so it is looked up (IAM's
// project list for AK/SK, the token's scope for a password). Steps only an
// emulator can do (holding a policy in "creating", expiring tokens mid-apply,
// injecting 409s, small list pages, counting requests) are skipped on a real
// project, and say so.
#ifndef POLYBACKUP_ACCEPTANCE_HUAWEICLOUD_CSBS_TARGET_H_
#define POLYBACKUP_ACCEPTANCE_HUAWEICLOUD_CSBS_TARGET_H_

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "acceptance/harness/steps.h"

namespace polybackup::acceptance {

enum class CsbsAuth { kAkSk, kPassword };

// A policy as the cloud holds it.
struct CsbsCloudPolicy {
  bool exists = false;
  std::string name, status, operation_id, trigger_pattern;
  // operation_definition with native numbers; on the emulator it also holds
  // what the API never returns (week_backups, timezone, ...).
  nlohmann::json definition = nlohmann::json::object();
  std::vector<std::string> server_ids;
};

class CsbsTarget {
 public:
  virtual ~CsbsTarget() = default;
  // The target for this run, or nullptr after reporting why the scenario
  // cannot run (which fails it when POLYBACKUP_ACC_REQUIRED is set).
  static std::unique_ptr<CsbsTarget> Get(CsbsAuth auth);

  virtual bool emulated() const = 0;
  virtual std::string ProviderBlock() const = 0;
  virtual std::map<std::string, std::string> Env() const = 0;
  ScenarioTarget scenario_target() const { return {emulated(), Env()}; }
  // Servers policies may back up (i = 0, 1, 2; one policy each at most).
  virtual std::string ServerId(int i) const = 0;

  virtual CsbsCloudPolicy Read(const std::string& policy_id) const = 0;
  virtual std::vector<std::string> PolicyIds() const = 0;
  // Out of band: the policy's max_backups (drift), its deletion.
  virtual void SetMaxBackups(const std::string& policy_id, int max_backups) = 0;
  virtual void Delete(const std::string& policy_id) = 0;

  // Emulator only (a real project: FAIL).
  // New policies stay "creating" (true) or settle after a second (false).
  virtual void HoldCreating(bool hold) = 0;
  // Ends the "creating" of one policy at once.
  virtual void Settle(const std::string& policy_id) = 0;
  // The next `count` DeletePolicy calls are answered 409 (busy).
  virtual void RefuseDeletes(int count) = 0;
  // The next `route` call made with a Keystone token finds it expired.
  virtual void ExpireTokensOn(const std::string& route) = 0;
  // List pages of at most `limit` policies (0: the service's own).
  virtual void SetPageLimit(int limit) = 0;
  // The requests received so far: {route, HTTP status} in order.
  virtual std::vector<std::pair<std::string, int>> Requests() const = 0;
};

}  // namespace polybackup::acceptance

#endif  // POLYBACKUP_ACCEPTANCE_HUAWEICLOUD_CSBS_TARGET_H_
