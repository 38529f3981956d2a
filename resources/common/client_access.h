// The cloud client a resource or data source uses, written once: the
// provider data, the region (the configured one, else the provider's for the
// cloud), the client of that region, and the call options of the context.
//
//   const auto csbs = ClientFor(ctx, Cloud::kHuawei, state.region, &ProviderData::Csbs);
//   if (!csbs) return Failed();  // the context has the error
//   auto policy = csbs->ShowPolicy(id, csbs.options);
#ifndef POLYBACKUP_RESOURCES_COMMON_CLIENT_ACCESS_H_
#define POLYBACKUP_RESOURCES_COMMON_CLIENT_ACCESS_H_

#include <memory>
#include <string>

#include "resources/common/provider_data.h"

namespace polybackup::resources {

template <class C>
struct ClientAccess {
  std::shared_ptr<const C> client;  // null: an error was added to the context
  std::string region;
  clients::CallOptions options;  // the context's cancellation and deadline
  explicit operator bool() const { return client != nullptr; }
  const C* operator->() const { return client.get(); }
};

// The client of `cloud` for `region` (unset: the provider's region for the
// cloud), from ProviderData's `getter` (&ProviderData::Csbs, ...). On failure
// (provider not configured, no block for the cloud, credentials) the result
// is empty and the context has the error.
template <class C>
ClientAccess<C> ClientFor(framework::Context& ctx, Cloud cloud, const schema::String& region,
                          std::shared_ptr<const C> (ProviderData::*getter)(framework::Context&,
                                                                           const std::string&)) {
  ClientAccess<C> a;
  auto* data = ctx.ProviderData<ProviderData>();
  if (data == nullptr) return a;
  a.region = data->Region(cloud, region);
  a.client = (data->*getter)(ctx, a.region);
  a.options = ProviderData::CallOptionsFor(ctx);
  return a;
}

}  // namespace polybackup::resources

#endif  // POLYBACKUP_RESOURCES_COMMON_CLIENT_ACCESS_H_
