// Where the DBS backup plan scenarios run: the DBS emulator (the default),
// or a real Alibaba Cloud account when POLYBACKUP_ACC_REAL=1, with
// ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET /
// ALIBABA_CLOUD_REGION_ID set and POLYBACKUP_ACC_DBS_RDS_INSTANCE_ID,
// POLYBACKUP_ACC_DBS_USER, POLYBACKUP_ACC_DBS_PASSWORD and
// POLYBACKUP_ACC_DBS_DATABASE naming a MySQL database on ApsaraDB RDS the
// plans may back up (pay-as-you-go plans are created and released; they
// cost money while they exist). Steps only an emulator can do (injected
// faults, counting API calls, seeing the password DBS received) are skipped
// on a real account, and say so.
#ifndef POLYBACKUP_ACCEPTANCE_ALICLOUD_DBS_TARGET_H_
#define POLYBACKUP_ACCEPTANCE_ALICLOUD_DBS_TARGET_H_

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "acceptance/harness/steps.h"

namespace polybackup::acceptance {

// The database the plans back up.
struct DbsSource {
  std::string region;
  std::string instance_id;
  std::string user;
  std::string password;
  std::string database;
};

class DbsTarget {
 public:
  virtual ~DbsTarget() = default;
  // The target for this run, or nullptr after reporting why the scenario
  // cannot run (which fails it when POLYBACKUP_ACC_REQUIRED is set).
  static std::unique_ptr<DbsTarget> Get();

  virtual bool emulated() const = 0;
  virtual std::string ProviderBlock() const = 0;
  virtual std::map<std::string, std::string> Env() const = 0;
  ScenarioTarget scenario_target() const { return {emulated(), Env()}; }
  virtual const DbsSource& source() const = 0;

  // Emulator: the source database is known to DBS's precheck with its
  // password, and configure is refused for `configure_delay_seconds` after
  // create. Real: nothing to do.
  virtual void Prepare(int configure_delay_seconds) = 0;
  // Emulator only: the source database's password changes (DBS's precheck
  // then passes only with the new one).
  virtual void ChangeDatabasePassword(const std::string& password) = 0;
  // The plans the cloud holds whose name starts with `prefix`, as
  // DescribeBackupPlanList answers them (API field names).
  virtual std::vector<nlohmann::json> Plans(const std::string& prefix) const = 0;
  // The password DBS received for the plan (emulator only; "" on a real
  // account, which never returns it).
  virtual std::string PasswordReceived(const std::string& plan_id) const = 0;
  // An out-of-band change of the start time (drift), and release.
  virtual void ChangeStartTimeOutOfBand(const std::string& plan_id, const std::string& time) = 0;
  virtual void ReleaseOutOfBand(const std::string& plan_id) = 0;
  // Emulator only: the next `route` request fails with `code`, and the
  // number of DBS requests (of `route`, when given) received so far (a real
  // account answers 0).
  virtual void FailNext(const std::string& route, const std::string& code) = 0;
  virtual int ApiCalls(const std::string& route = "") const = 0;
};

}  // namespace polybackup::acceptance

#endif  // POLYBACKUP_ACCEPTANCE_ALICLOUD_DBS_TARGET_H_
