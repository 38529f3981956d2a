// ResourceHarness<R>: a resource's whole lifecycle in-process, on typed
// models, through the real framework code (ProviderService's RPC handlers,
// planning rules, encoding) with no Terraform and no network: the provider
// data is given, so its clients can answer from a scripted transport.
//
//   ResourceHarness<PolicyResource> h(std::make_shared<PolicyResource>(), data,
//                                     {.describe_status = &clients::UserMessage});
//   PolicyModel config;  config.instance_id = "r-1";  config.backup_time = "02:00Z-03:00Z";
//   auto created = h.Create(config);           // validate → plan → apply, like `apply`
//   REQUIRE(created.ok());
//   auto read = h.Read(*created.state);        // refresh
//   CHECK_FALSE(h.Plan(created.state, config).changes);
//   auto gone = h.Destroy(*created.state);
//
// It plays Terraform's part the way core does: the proposed new state is
// the configuration with computed values taken from the prior state (for
// attributes, and for nested blocks matched by position), and the private
// state returned by each step is sent with the next one. Not thread-safe;
// one harness drives one object.
#ifndef POLYBACKUP_TFPLUGIN_FRAMEWORK_TESTING_RESOURCE_HARNESS_H_
#define POLYBACKUP_TFPLUGIN_FRAMEWORK_TESTING_RESOURCE_HARNESS_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tfplugin/framework/resource.h"
#include "tfplugin/framework/testing/harness_core.h"

namespace polybackup::framework::testing {

template <class R>
class ResourceHarness {
 public:
  using M = typename R::Model;

  // The outcome of one step: diagnostics, and the typed state (nullopt =
  // null: nothing in state) when the step has one.
  struct Step {
    diag::Diagnostics diags;
    std::optional<M> state;
    bool ok() const { return !diags.HasError(); }
  };
  struct PlanStep : Step {
    bool changes = false;                    // planned differs from prior
    std::vector<std::string> replace_paths;  // requires_replace, rendered
    cty::Value planned;                      // raw, for Apply
  };

  template <class T>
  ResourceHarness(std::shared_ptr<R> resource, std::shared_ptr<T> provider_data,
                  HarnessOptions options = {})
      : resource_(resource), core_(resource, std::any(std::move(provider_data)), options) {}

  // ValidateResourceConfig, by a core with the given capabilities.
  diag::Diagnostics Validate(const M& config, const ValidateOptions& core = {}) {
    return core_.Validate(Encode(config), core);
  }
  PlanStep Plan(const std::optional<M>& prior, const M& config) {
    PlanStep out;
    HarnessCore::Planned p = core_.Plan(Encode(prior), Encode(config), &out.diags);
    out.changes = p.changes;
    out.replace_paths = std::move(p.replace_paths);
    out.planned = p.planned;
    out.state = Decode(p.planned, out.diags);
    return out;
  }
  Step Apply(const std::optional<M>& prior, const PlanStep& plan, const M& config) {
    Step out;
    out.state =
        Decode(core_.Apply(Encode(prior), plan.planned, Encode(config), &out.diags), out.diags);
    return out;
  }
  // What `terraform apply` does for a new object: validate, plan, apply.
  Step Create(const M& config) { return PlanAndApply(std::nullopt, config); }
  // What `terraform apply` does after a configuration change.
  Step Update(const M& state, const M& config) { return PlanAndApply(state, config); }
  // `terraform destroy`: plan the deletion, apply it.
  Step Destroy(const M& state) {
    Step out;
    out.state = Decode(core_.Destroy(Encode(state), &out.diags), out.diags);
    return out;
  }
  Step Read(const M& state) {
    Step out;
    out.state = Decode(core_.Read(Encode(state), &out.diags), out.diags);
    return out;
  }
  Step Import(const std::string& id) {
    Step out;
    out.state = Decode(core_.Import(id, &out.diags), out.diags);
    return out;
  }

  // The private state Terraform holds for the object now (JSON text).
  const std::string& private_state() const { return core_.private_bytes(); }
  HarnessCore& core() { return core_; }

 private:
  Step PlanAndApply(const std::optional<M>& prior, const M& config) {
    Step out;
    out.diags = Validate(config);
    if (out.diags.HasError()) return out;
    PlanStep plan = Plan(prior, config);
    out.diags.Append(plan.diags);
    if (plan.diags.HasError()) return out;
    Step applied = Apply(prior, plan, config);
    out.diags.Append(applied.diags);
    out.state = std::move(applied.state);
    return out;
  }
  cty::Value Encode(const std::optional<M>& m) const {
    const auto& s = resource_->model_schema();
    return m ? s.Encode(*m) : cty::Value::Null(s.Type());
  }
  std::optional<M> Decode(const cty::Value& v, diag::Diagnostics& diags) const {
    if (v.is_null()) return std::nullopt;
    M m{};
    resource_->model_schema().Decode(v, {}, diags, &m);
    return m;
  }

  std::shared_ptr<R> resource_;
  HarnessCore core_;
};

}  // namespace polybackup::framework::testing

#endif  // POLYBACKUP_TFPLUGIN_FRAMEWORK_TESTING_RESOURCE_HARNESS_H_
