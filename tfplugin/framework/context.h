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
#include "tfplugin/diag/diagnostics.h"

namespace polybackup::framework {

class Context {
 public:
  // `provider_data` holds a std::shared_ptr<T> set by the provider's
  // configure function, or is empty. `deferred` are the configure errors held
  // back because the provider configuration was not yet known (protocol doc
  // §4.2: plan may run with unknown provider config).
  Context(std::string rpc, std::string type_name, std::any provider_data,
          diag::Diagnostics deferred, CancellationPtr cancellation, Clock* clock);

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
  // Adds FromStatus(status, summary) unless OK; returns status.ok().
  bool AddStatus(const absl::Status& status, std::string summary) {
    return diags_.AddStatus(status, std::move(summary));
  }
  bool HasError() const { return diags_.HasError(); }

  // Shared with StopProvider and the deadline; pass it to clients.
  const CancellationPtr& cancellation() const { return cancellation_; }
  bool cancelled() const { return cancellation_ && cancellation_->cancelled(); }
  Clock& clock() const { return *clock_; }
  // Absent when the operation has no timeout (validate, plan, import).
  std::optional<std::chrono::steady_clock::time_point> deadline() const { return deadline_; }
  void set_deadline(std::chrono::steady_clock::time_point d) { deadline_ = d; }

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
  std::optional<std::chrono::steady_clock::time_point> deadline_;
  nlohmann::json private_ = nlohmann::json::object();
  diag::Diagnostics diags_;
};

}  // namespace polybackup::framework

#endif  // POLYBACKUP_TFPLUGIN_FRAMEWORK_CONTEXT_H_
