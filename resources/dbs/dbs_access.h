// The DBS client a resource or data source uses (resources/common/client_access.h):
// the provider data, the region (the configured one, else the provider's),
// the client of that region.
#ifndef POLYBACKUP_RESOURCES_DBS_DBS_ACCESS_H_
#define POLYBACKUP_RESOURCES_DBS_DBS_ACCESS_H_

#include "resources/common/client_access.h"

namespace polybackup::resources::dbs {

using DbsAccess = ClientAccess<clients::alicloud::DbsClient>;

// The client for `region` (unset: the provider's `alicloud` region). On
// failure (provider not configured, no `alicloud` block, credentials) the
// result is empty and the context has the error.
inline DbsAccess DbsFor(framework::Context& ctx, const schema::String& region) {
  return ClientFor(ctx, Cloud::kAlicloud, region, &ProviderData::Dbs);
}

}  // namespace polybackup::resources::dbs

#endif  // POLYBACKUP_RESOURCES_DBS_DBS_ACCESS_H_
