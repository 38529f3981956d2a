// ProviderService: the tfplugin6.Provider gRPC service for a
// ProviderDefinition. Hand it to tfplugin/server ServeMain().
//
// Every handler is short: decode the request (convert.h), run the shared
// semantics (planning.h, the resource's hooks), encode the response. Every
// problem is answered as a Diagnostic inside an OK gRPC status — never a gRPC
// error, never a crash: each handler has a last-resort catch that turns any
// exception into an "internal provider error" diagnostic (protocol doc §1.4).
// RPCs of features polybackup does not have (ephemeral, list,
// actions, state stores, config generation, identity upgrade) answer with a
// clear "not supported by this provider" error diagnostic.
//
// Thread-safe: gRPC calls handlers concurrently. StopProvider cancels every
// in-flight call's Cancellation (and those started afterwards).
#ifndef POLYBACKUP_TFPLUGIN_FRAMEWORK_SERVICE_H_
#define POLYBACKUP_TFPLUGIN_FRAMEWORK_SERVICE_H_

#include <any>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "base/cancellation.h"
#include "base/clock.h"
#include "tfplugin/framework/deadline_watcher.h"
#include "tfplugin/framework/provider.h"
#include "tfplugin/proto/tfplugin6.grpc.pb.h"

namespace polybackup::framework {

class ProviderService final : public tfplugin6::Provider::Service {
 public:
  // `clock` (not owned, must outlive the service) gives the deadlines of
  // the timeouts block; nullptr = SystemClock().
  explicit ProviderService(ProviderDefinition definition, Clock* clock = nullptr);
  ~ProviderService() override;

  const ProviderDefinition& definition() const { return def_; }

#define POLYBACKUP_UNARY(Rpc, Msg)                                                       \
  grpc::Status Rpc(grpc::ServerContext* context, const tfplugin6::Msg::Request* request, \
                   tfplugin6::Msg::Response* response) override
  POLYBACKUP_UNARY(GetMetadata, GetProviderMetadata);
  POLYBACKUP_UNARY(GetProviderSchema, GetProviderSchema);
  POLYBACKUP_UNARY(GetResourceIdentitySchemas, GetResourceIdentitySchemas);
  POLYBACKUP_UNARY(ValidateProviderConfig, ValidateProviderConfig);
  POLYBACKUP_UNARY(ConfigureProvider, ConfigureProvider);
  POLYBACKUP_UNARY(StopProvider, StopProvider);
  POLYBACKUP_UNARY(ValidateResourceConfig, ValidateResourceConfig);
  POLYBACKUP_UNARY(ValidateDataResourceConfig, ValidateDataResourceConfig);
  POLYBACKUP_UNARY(UpgradeResourceState, UpgradeResourceState);
  POLYBACKUP_UNARY(ReadResource, ReadResource);
  POLYBACKUP_UNARY(PlanResourceChange, PlanResourceChange);
  POLYBACKUP_UNARY(ApplyResourceChange, ApplyResourceChange);
  POLYBACKUP_UNARY(ImportResourceState, ImportResourceState);
  POLYBACKUP_UNARY(MoveResourceState, MoveResourceState);
  POLYBACKUP_UNARY(ReadDataSource, ReadDataSource);
  POLYBACKUP_UNARY(GetFunctions, GetFunctions);
  POLYBACKUP_UNARY(CallFunction, CallFunction);
  // Not supported: one error diagnostic each.
  POLYBACKUP_UNARY(UpgradeResourceIdentity, UpgradeResourceIdentity);
  POLYBACKUP_UNARY(GenerateResourceConfig, GenerateResourceConfig);
  POLYBACKUP_UNARY(ValidateEphemeralResourceConfig, ValidateEphemeralResourceConfig);
  POLYBACKUP_UNARY(OpenEphemeralResource, OpenEphemeralResource);
  POLYBACKUP_UNARY(RenewEphemeralResource, RenewEphemeralResource);
  POLYBACKUP_UNARY(CloseEphemeralResource, CloseEphemeralResource);
  POLYBACKUP_UNARY(ValidateListResourceConfig, ValidateListResourceConfig);
  POLYBACKUP_UNARY(ValidateStateStoreConfig, ValidateStateStore);
  POLYBACKUP_UNARY(ConfigureStateStore, ConfigureStateStore);
  POLYBACKUP_UNARY(LockState, LockState);
  POLYBACKUP_UNARY(UnlockState, UnlockState);
  POLYBACKUP_UNARY(GetStates, GetStates);
  POLYBACKUP_UNARY(DeleteState, DeleteState);
  POLYBACKUP_UNARY(PlanAction, PlanAction);
  POLYBACKUP_UNARY(ValidateActionConfig, ValidateActionConfig);
#undef POLYBACKUP_UNARY
  grpc::Status ListResource(grpc::ServerContext* context,
                            const tfplugin6::ListResource::Request* request,
                            grpc::ServerWriter<tfplugin6::ListResource::Event>* writer) override;
  grpc::Status InvokeAction(grpc::ServerContext* context,
                            const tfplugin6::InvokeAction::Request* request,
                            grpc::ServerWriter<tfplugin6::InvokeAction::Event>* writer) override;
  grpc::Status ReadStateBytes(
      grpc::ServerContext* context, const tfplugin6::ReadStateBytes::Request* request,
      grpc::ServerWriter<tfplugin6::ReadStateBytes::Response>* writer) override;
  grpc::Status WriteStateBytes(grpc::ServerContext* context,
                               grpc::ServerReader<tfplugin6::WriteStateBytes::RequestChunk>* reader,
                               tfplugin6::WriteStateBytes::Response* response) override;

 private:
  class Call;  // per-RPC bookkeeping (service.cc)

  ResourceBase* FindResource(const std::string& type_name) const;
  DataSourceBase* FindDataSource(const std::string& type_name) const;
  // A Context for one call, registered so StopProvider can cancel it.
  std::unique_ptr<Context> NewContext(const std::string& rpc, const std::string& type_name);
  void Release(const Context& ctx);

  const ProviderDefinition def_;
  Clock* clock_;
  std::map<std::string, ResourceBase*> resources_;
  std::map<std::string, DataSourceBase*> data_sources_;
  std::map<std::string, const Function*> functions_;
  DeadlineWatcher watcher_;

  mutable std::mutex mu_;
  bool stopped_ = false;
  std::any provider_data_;
  diag::Diagnostics deferred_configure_errors_;
  std::set<CancellationPtr> in_flight_;
};

}  // namespace polybackup::framework

#endif  // POLYBACKUP_TFPLUGIN_FRAMEWORK_SERVICE_H_
