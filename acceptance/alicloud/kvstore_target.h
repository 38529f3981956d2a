// Where the kvstore acceptance scenarios run: the R-kvstore emulator (the
// default), or a real Alibaba Cloud account when POLYBACKUP_ACC_REAL=1, with
// ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET /
// ALIBABA_CLOUD_REGION_ID set and POLYBACKUP_ACC_KVSTORE_INSTANCE_ID naming a
// Redis or Memcache instance the tests may change (its policy is restored at
// the end of each scenario). Steps only an emulator can do (deleting the
// instance out of band, counting API calls) are skipped on a real account,
// and say so.
#ifndef POLYBACKUP_ACCEPTANCE_ALICLOUD_KVSTORE_TARGET_H_
#define POLYBACKUP_ACCEPTANCE_ALICLOUD_KVSTORE_TARGET_H_

#include <map>
#include <memory>
#include <string>

#include "acceptance/harness/steps.h"

namespace polybackup::acceptance {

struct KvPolicy {
  std::string time;    // "01:00Z-02:00Z"
  std::string period;  // "Tuesday,Thursday", week order
  bool log = false;
};

class KvstoreTarget {
 public:
  virtual ~KvstoreTarget() = default;
  // The target for this run, or nullptr after reporting why the scenario
  // cannot run (which fails it when POLYBACKUP_ACC_REQUIRED is set).
  static std::unique_ptr<KvstoreTarget> Get();

  virtual bool emulated() const = 0;
  virtual std::string instance_id() const = 0;
  virtual std::string ProviderBlock() const = 0;
  virtual std::map<std::string, std::string> Env() const = 0;
  // What RunScenario needs to know of this target.
  ScenarioTarget scenario_target() const { return {emulated(), Env()}; }

  // The instance exists with `policy` (emulator: seeded; real: set).
  virtual void Prepare(const KvPolicy& policy) = 0;
  // The policy the cloud holds now.
  virtual KvPolicy Read() const = 0;
  // An out-of-band change of the backup window (drift).
  virtual void ChangeWindowOutOfBand(const std::string& window) = 0;
  // Emulator only: deletion, and the number of R-kvstore requests received
  // so far (a real account answers 0).
  virtual void DeleteInstance() = 0;
  virtual int ApiCalls() const = 0;
};

}  // namespace polybackup::acceptance

#endif  // POLYBACKUP_ACCEPTANCE_ALICLOUD_KVSTORE_TARGET_H_
