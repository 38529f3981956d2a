// Resources for the acceptance harness, built only into a test build of the
// provider (target tfplugin_framework_testing):
//
//  * polybackup_test_thing (resource and data source): an in-memory object
//    with name (required, replaces on change), size (optional number), tier
//    (optional+computed, default "standard" from the server), id (computed),
//    tags (map of string), secret (write-only string: only its length is
//    stored), rule (LIST block of {name, days}); import by id. A name
//    starting with "partial-" fails create after a Checkpoint.
//    Objects live in a process-global map persisted to the JSON file named by
//    env POLYBACKUP_TEST_STORE, so successive Terraform runs (each a new
//    provider process) see the same objects. Unset: memory only.
//  * polybackup_test_broken_plan: plans `value` different from the config,
//    so Terraform reports "Provider produced invalid plan".
//  * polybackup_test_broken_apply: returns a `value` different from the plan,
//    so Terraform reports "Provider produced inconsistent result after apply".
#ifndef POLYBACKUP_TFPLUGIN_FRAMEWORK_TESTING_TEST_RESOURCES_H_
#define POLYBACKUP_TFPLUGIN_FRAMEWORK_TESTING_TEST_RESOURCES_H_

#include <string>

#include "nlohmann/json.hpp"
#include "tfplugin/framework/provider.h"

namespace polybackup::framework::testing {

// Adds the test resources and data source to `builder`.
void RegisterTestResources(ProviderBuilder& builder);

// The store file in use ("" = memory only); for tests of the store itself.
std::string TestStorePath();
// Forgets every object (memory and file). Unit tests only.
void ResetTestStore();
// The stored JSON of object `id` (null if none). Unit tests only.
nlohmann::json TestStoreObject(const std::string& id);

}  // namespace polybackup::framework::testing

#endif  // POLYBACKUP_TFPLUGIN_FRAMEWORK_TESTING_TEST_RESOURCES_H_
