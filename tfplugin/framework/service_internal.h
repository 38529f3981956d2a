// Internals shared by service.cc and service_resource.cc; not an API.
#ifndef POLYBACKUP_TFPLUGIN_FRAMEWORK_SERVICE_INTERNAL_H_
#define POLYBACKUP_TFPLUGIN_FRAMEWORK_SERVICE_INTERNAL_H_

#include <exception>
#include <memory>
#include <string>

#include "base/logging.h"
#include "tfplugin/framework/convert.h"
#include "tfplugin/framework/service.h"

namespace polybackup::framework {

// Per-RPC bookkeeping: a registered Context, released on scope exit.
class ProviderService::Call {
 public:
  Call(ProviderService* service, const std::string& rpc, const std::string& type_name)
      : service_(service), ctx_(service->NewContext(rpc, type_name)) {}
  ~Call() { service_->Release(*ctx_); }
  Call(const Call&) = delete;
  Call& operator=(const Call&) = delete;
  Context& ctx() { return *ctx_; }

 private:
  ProviderService* service_;
  std::unique_ptr<Context> ctx_;
};

namespace internal {

void AddInternalError(const char* rpc, const std::string& what, diag::Diagnostics& diags);

// Runs `fn(diags)` and writes `diags` into response->mutable_diagnostics().
// The last-resort catch: an exception becomes an "Internal provider error"
// diagnostic and the RPC still answers OK (protocol doc §1.4: gRPC errors
// are not part of the contract).
template <class Response, class Fn>
grpc::Status Guarded(const char* rpc, Response* response, Fn&& fn) {
  diag::Diagnostics diags;
  log::Trace("handling RPC", {{"tf_rpc", rpc}});
  try {
    fn(diags);
  } catch (const std::exception& e) {
    AddInternalError(rpc, e.what(), diags);
  } catch (...) {
    AddInternalError(rpc, "unknown exception", diags);
  }
  ToProto(diags, response->mutable_diagnostics());
  if (diags.HasError()) {
    log::Debug("RPC returned errors", {{"tf_rpc", rpc}, {"diagnostics", diags.ToString()}});
  }
  return grpc::Status::OK;
}

// "The provider polybackup does not support resource type X".
void UnknownType(const char* kind, const std::string& type_name, diag::Diagnostics& diags);

}  // namespace internal
}  // namespace polybackup::framework

#endif  // POLYBACKUP_TFPLUGIN_FRAMEWORK_SERVICE_INTERNAL_H_
