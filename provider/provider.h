// The polybackup provider: its schema and the explicit list of every
// resource and data source it offers.
#ifndef POLYBACKUP_PROVIDER_PROVIDER_H_
#define POLYBACKUP_PROVIDER_PROVIDER_H_

#include <string>

#include "tfplugin/framework/provider.h"

namespace polybackup::provider {

inline constexpr char kProviderVersion[] = "0.1.0";

// `with_test_resources` adds the framework's in-memory test resources
// (polybackup_test_*) — only in the test build used by the acceptance suite.
framework::ProviderDefinition BuildProvider(bool with_test_resources = false);

}  // namespace polybackup::provider

#endif  // POLYBACKUP_PROVIDER_PROVIDER_H_
