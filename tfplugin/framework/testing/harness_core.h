// HarnessCore: the untyped half of ResourceHarness (resource_harness.h): a
// ProviderService holding one resource and the given provider data, driven
// RPC by RPC as Terraform core would. Values are objects of the resource's
// schema type; diagnostics of each call are appended to `diags`.
#ifndef POLYBACKUP_TFPLUGIN_FRAMEWORK_TESTING_HARNESS_CORE_H_
#define POLYBACKUP_TFPLUGIN_FRAMEWORK_TESTING_HARNESS_CORE_H_

#include <any>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "tfplugin/framework/planning.h"
#include "tfplugin/framework/resource_base.h"
#include "tfplugin/framework/service.h"

namespace polybackup::framework::testing {

struct HarnessOptions {
  // The provider's ProviderDefinition::describe_status (clients::UserMessage
  // for polybackup's resources); empty = the status message.
  diag::StatusDescriber describe_status;
  Clock* clock = nullptr;  // the timeouts' deadlines; null = SystemClock()
  // Called after each RPC the harness makes into the provider, with its name
  // ("ValidateResourceConfig", "PlanResourceChange", ...) and how long the
  // provider took to answer it, the harness's own encoding and decoding
  // excluded (bench/ measures per-RPC overhead with it).
  std::function<void(std::string_view rpc, std::chrono::nanoseconds took)> on_rpc;
};

class HarnessCore {
 public:
  HarnessCore(std::shared_ptr<ResourceBase> resource, std::any provider_data,
              HarnessOptions options);

  struct Planned {
    cty::Value planned;
    bool changes = false;
    std::vector<std::string> replace_paths;
  };

  diag::Diagnostics Validate(const cty::Value& config, const ValidateOptions& core);
  // PlanResourceChange with the proposed new state core would compute.
  Planned Plan(const cty::Value& prior, const cty::Value& config, diag::Diagnostics* diags);
  // ApplyResourceChange; returns the new state (null = none).
  cty::Value Apply(const cty::Value& prior, const cty::Value& planned, const cty::Value& config,
                   diag::Diagnostics* diags);
  // Plans and applies the deletion of `state`.
  cty::Value Destroy(const cty::Value& state, diag::Diagnostics* diags);
  cty::Value Read(const cty::Value& state, diag::Diagnostics* diags);
  // ImportResourceState, then the ReadResource core runs right after it.
  cty::Value Import(const std::string& id, diag::Diagnostics* diags);

  const std::string& private_bytes() const { return private_; }
  ProviderService& service() { return *service_; }
  const cty::Type& type() const { return type_; }

 private:
  // Runs `call` (one RPC into service_) and reports its duration to on_rpc_.
  template <class F>
  void Timed(std::string_view rpc, F&& call);

  std::string type_name_;
  cty::Type type_;
  std::function<void(std::string_view, std::chrono::nanoseconds)> on_rpc_;
  std::unique_ptr<ProviderService> service_;
  std::string private_;          // what Terraform stores beside the state
  std::string planned_private_;  // from the last plan, for its apply
};

// What core proposes as the new state (objchange.ProposedNew): the
// configuration, with each computed attribute that is null in it taken from
// `prior`, recursing into nested blocks (LIST by position, SINGLE/GROUP).
cty::Value ProposedNewState(const schema::Block& block, const cty::Value& prior,
                            const cty::Value& config);

}  // namespace polybackup::framework::testing

#endif  // POLYBACKUP_TFPLUGIN_FRAMEWORK_TESTING_HARNESS_CORE_H_
