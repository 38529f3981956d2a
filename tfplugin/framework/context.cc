#include "tfplugin/framework/context.h"

#include <utility>

namespace polybackup::framework {

Context::Context(std::string rpc, std::string type_name, std::any provider_data,
                 diag::Diagnostics deferred, CancellationPtr cancellation, Clock* clock,
                 diag::StatusDescriber describe_status)
    : rpc_(std::move(rpc)),
      type_name_(std::move(type_name)),
      provider_data_(std::move(provider_data)),
      deferred_(std::move(deferred)),
      cancellation_(cancellation ? std::move(cancellation) : std::make_shared<Cancellation>()),
      clock_(clock != nullptr ? clock : &SystemClock()),
      describe_status_(std::move(describe_status)) {}

bool Context::AddStatus(const absl::Status& status, std::string what) {
  if (status.ok()) return true;
  diags_.Add(diag::FromStatus(status, std::move(what), describe_status_));
  return false;
}

void Context::ReportMissingProviderData() {
  if (deferred_.HasError()) {
    // Held back by ConfigureProvider while the configuration was unknown;
    // now a resource really needs the provider, so they matter.
    diags_.Append(deferred_);
    return;
  }
  diags_.AddError("Provider not configured",
                  "The " + type_name_ +
                      " operation needs the provider configuration, but the provider has not "
                      "been configured (or its configuration failed). This is a bug in the "
                      "provider if no other error was reported.");
}

void Context::Log(log::Level level, std::string_view message, log::Fields fields) const {
  if (!log::Enabled(level)) return;
  fields.emplace_back("tf_rpc", rpc_);
  if (!type_name_.empty()) fields.emplace_back("tf_resource_type", type_name_);
  log::Write(level, message, fields);
}

}  // namespace polybackup::framework
