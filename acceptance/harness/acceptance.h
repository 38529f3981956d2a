// Shared set-up of acceptance tests: skip (with the reason printed) when the
// Terraform CLI or the emulators are missing, so a machine without them
// reports it instead of failing for the wrong cause. CI installs both, and
// POLYBACKUP_ACC_REQUIRED=1 (set by CTest) turns a skip into a failure.
#ifndef POLYBACKUP_ACCEPTANCE_HARNESS_ACCEPTANCE_H_
#define POLYBACKUP_ACCEPTANCE_HARNESS_ACCEPTANCE_H_

#include <doctest/doctest.h>

#include <cstdlib>
#include <string>

#include "acceptance/harness/emulators.h"
#include "acceptance/harness/terraform.h"

namespace polybackup::acceptance {

// True when the Terraform CLI can run; false after reporting why not.
inline bool AcceptanceTerraform() {
  if (TerraformAvailable()) return true;
  if (std::getenv("POLYBACKUP_ACC_REQUIRED") != nullptr) FAIL("the Terraform CLI is not available");
  MESSAGE("skipped: the Terraform CLI is not available");
  return false;
}

// Returns the emulators (reset to their initial state), or nullptr after
// reporting why the test cannot run.
inline Emulators* AcceptanceEmulators() {
  bool required = std::getenv("POLYBACKUP_ACC_REQUIRED") != nullptr;
  if (!AcceptanceTerraform()) return nullptr;
  std::string error;
  Emulators* emulators = Emulators::Shared(&error);
  if (emulators == nullptr) {
    if (required) FAIL(error);
    MESSAGE("skipped: " << error);
    return nullptr;
  }
  emulators->Reset();
  return emulators;
}

// REQUIREs a command to have succeeded, printing its output when it did not.
#define ACC_REQUIRE_OK(result)                        \
  do {                                                \
    const auto& acc_r_ = (result);                    \
    INFO(::polybackup::acceptance::Describe(acc_r_)); \
    REQUIRE(acc_r_.exit_code == 0);                   \
  } while (0)

// REQUIREs `terraform plan -detailed-exitcode` to report no changes.
#define ACC_REQUIRE_EMPTY_PLAN(ws)                                                  \
  do {                                                                              \
    auto acc_p_ = (ws).Plan();                                                      \
    INFO("expected an empty plan\n" << ::polybackup::acceptance::Describe(acc_p_)); \
    REQUIRE(acc_p_.exit_code == 0);                                                 \
  } while (0)

}  // namespace polybackup::acceptance

#endif  // POLYBACKUP_ACCEPTANCE_HARNESS_ACCEPTANCE_H_
