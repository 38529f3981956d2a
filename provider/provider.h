// The polybackup provider: its schema and the explicit list of every
// resource and data source it offers.
#ifndef POLYBACKUP_PROVIDER_PROVIDER_H_
#define POLYBACKUP_PROVIDER_PROVIDER_H_

#include <string>

#include "tfplugin/framework/provider.h"

namespace polybackup::provider {

inline constexpr char kProviderVersion[] = "0.1.0";

// The provider with every resource and data source it offers. The test build
// of the binary adds the framework's in-memory test resources to the builder
// (tfplugin/framework/testing) before building.
framework::ProviderBuilder NewProviderBuilder();
inline framework::ProviderDefinition BuildProvider() { return NewProviderBuilder().Build(); }

}  // namespace polybackup::provider

#endif  // POLYBACKUP_PROVIDER_PROVIDER_H_
