// Context: what every resource, data source and provider call receives.
//
// It carries the provider data made by Provider configure (shared clients),
// the cancellation (fired by StopProvider, and by the deadline watcher when
// the operation's timeout passes), the deadline from the `timeouts` block,
// the resource's private state (a JSON object stored by Terraform beside the
// state, echoed from plan to apply to read), logging tagged with the RPC and
// resource type, and the diagnostics the call reports.
//
// One Context per RPC; it is used by one thread (the handler's), except
// cancellation(), which is thread-safe.
#ifndef POLYBACKUP_TFPLUGIN_FRAMEWORK_CONTEXT_H_
#define POLYBACKUP_TFPLUGIN_FRAMEWORK_CONTEXT_H_

#include <any>
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "base/cancellation.h"
#include "base/clock.h"
#include "base/logging.h"
#include "nlohmann/json.hpp"
#include "tfplugin/cty/value.h"
#include "tfplugin/diag/diagnostics.h"

namespace polybackup::framework {

class Context {
 public:
  // `provider_data` holds a std::shared_ptr<T> set by the provider's
  // configure function, or is empty. `deferred` are the configure errors held
  // back because the provider configuration was not yet known (protocol doc
  // §4.2: plan may run with unknown provider config).
  // `describe_status` turns a Status into the plain-language cause of
  // AddStatus (empty = the status message).
  Context(std::string rpc, std::string type_name, std::any provider_data,
          diag::Diagnostics deferred, CancellationPtr cancellation, Clock* clock,
          diag::StatusDescriber describe_status = nullptr);

  // The provider data as T, or nullptr after adding an error diagnostic
  // (the held-back configure errors, or "provider not configured").
  // Resources that need the cloud call this and return early on nullptr.
  template <class T>
  T* ProviderData() {
    if (auto* p = std::any_cast<std::shared_ptr<T>>(&provider_data_); p && *p) return p->get();
    ReportMissingProviderData();
    return nullptr;
  }
  // The same, without reporting anything when absent.
  template <class T>
  T* ProviderDataIfConfigured() const {
    auto* p = std::any_cast<std::shared_ptr<T>>(&provider_data_);
    return p ? p->get() : nullptr;
  }

  diag::Diagnostics& diagnostics() { return diags_; }
  // Shorthands for diagnostics().
  void AddError(std::string summary, std::string detail = "") {
    diags_.AddError(std::move(summary), std::move(detail));
  }
  void AddWarning(std::string summary, std::string detail = "") {
    diags_.AddWarning(std::move(summary), std::move(detail));
  }
  // The one conversion from absl::Status to a diagnostic: unless `status` is
  // OK, adds an error whose summary is `what` + ": " + the cause, in the AWS
  // provider's shape ("creating R-kvstore Backup Policy (r-123): not found:
  // ..."), the cause being the provider's plain-language text for the status
  // (ProviderDefinition::describe_status) and the detail a hint for codes a
  // user can act on, all redacted of registered secrets (diag::FromStatus).
  // Returns status.ok(): `if (!ctx.AddStatus(s, "reading X (id)")) return Failed();`
  bool AddStatus(const absl::Status& status, std::string what);
  bool HasError() const { return diags_.HasError(); }

  // Shared with StopProvider and the deadline; pass it to clients.
  const CancellationPtr& cancellation() const { return cancellation_; }
  bool cancelled() const { return cancellation_ && cancellation_->cancelled(); }
  Clock& clock() const { return *clock_; }
  // Absent when the operation has no timeout (validate, plan, import).
  std::optional<std::chrono::steady_clock::time_point> deadline() const { return deadline_; }
  void set_deadline(std::chrono::steady_clock::time_point d) { deadline_ = d; }

  // Framework use (Resource<M>::Checkpoint): the object's state so far,
  // recorded when a create or update then fails.
  void set_checkpoint(cty::Value state) { checkpoint_ = std::move(state); }
  const std::optional<cty::Value>& checkpoint() const { return checkpoint_; }
  // Framework use: the request value unbound attributes are carried from
  // when a typed model is encoded (the plan during apply); may be null.
  void set_encode_carry(const cty::Value* v) { encode_carry_ = v; }
  const cty::Value* encode_carry() const { return encode_carry_; }

  // The private state: always a JSON object (empty when none). Writes in
  // plan, create, update and read are returned to Terraform.
  nlohmann::json& private_state() { return private_; }
  const nlohmann::json& private_state() const { return private_; }

  const std::string& rpc() const { return rpc_; }
  const std::string& type_name() const { return type_name_; }
  // Logs with fields "tf_rpc" and "tf_resource_type" added.
  void Log(log::Level level, std::string_view message, log::Fields fields = {}) const;

 private:
  void ReportMissingProviderData();

  std::string rpc_;
  std::string type_name_;
  std::any provider_data_;
  diag::Diagnostics deferred_;
  CancellationPtr cancellation_;
  Clock* clock_;
  diag::StatusDescriber describe_status_;
  std::optional<std::chrono::steady_clock::time_point> deadline_;
  std::optional<cty::Value> checkpoint_;
  const cty::Value* encode_carry_ = nullptr;
  nlohmann::json private_ = nlohmann::json::object();
  diag::Diagnostics diags_;
};

}  // namespace polybackup::framework

#endif  // POLYBACKUP_TFPLUGIN_FRAMEWORK_CONTEXT_H_
