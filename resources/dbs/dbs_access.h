// The DBS client a resource or data source uses, written once: the
// provider data, the region (the configured one, else the provider's), the
// client of that region.
#ifndef POLYBACKUP_RESOURCES_DBS_DBS_ACCESS_H_
#define POLYBACKUP_RESOURCES_DBS_DBS_ACCESS_H_

#include <memory>
#include <string>

#include "resources/common/provider_data.h"

namespace polybackup::resources::dbs {

struct DbsAccess {
  std::shared_ptr<const clients::alicloud::DbsClient> client;  // null: an error was added
  std::string region;
  clients::CallOptions options;  // the context's cancellation and deadline
  explicit operator bool() const { return client != nullptr; }
  const clients::alicloud::DbsClient* operator->() const { return client.get(); }
};

// The client for `region` (unset: the provider's `alicloud` region). On
// failure (provider not configured, no `alicloud` block, credentials) the
// result is empty and the context has the error.
inline DbsAccess DbsFor(framework::Context& ctx, const schema::String& region) {
  DbsAccess a;
  auto* data = ctx.ProviderData<ProviderData>();
  if (data == nullptr) return a;
  a.region = data->Region(Cloud::kAlicloud, region);
  a.client = data->Dbs(ctx, a.region);
  a.options = ProviderData::CallOptionsFor(ctx);
  return a;
}

}  // namespace polybackup::resources::dbs

#endif  // POLYBACKUP_RESOURCES_DBS_DBS_ACCESS_H_
