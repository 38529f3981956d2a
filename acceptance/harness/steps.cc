#include "acceptance/harness/steps.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

#include "acceptance/harness/terraform.h"

namespace polybackup::acceptance {
namespace {

using nlohmann::json;

constexpr const char* kKindNames[] = {"basic",      "import", "update-in-place", "replace",
                                      "disappears", "drift",  "expect-error"};
static_assert(std::size(kKindNames) == std::variant_size_v<decltype(Step::kind)>);

std::string Show(const std::optional<json>& v) { return v ? v->dump() : "nothing (absent)"; }

// Runs one scenario in one workspace. Failures of the harness's own checks
// are reported with `label_` ("step 3/7 (drift)") in front; a command's
// output is attached where the command is the cause.
class Runner {
 public:
  Runner(const ScenarioTarget& target, const Scenario& scenario)
      : target_(target), scenario_(scenario), ws_(Options()), address_(scenario.address) {}

  void Run() {
    try {
      if (ws_.init()) RequireOk(*ws_.init(), "init (extra providers)");
      for (size_t i = 0; i < scenario_.steps.size(); ++i) RunStep(i, scenario_.steps[i]);
      label_ = "destroy-check";
      DestroyCheck();
    } catch (const std::exception& e) {
      // E.g. an emulator's control API refusing a fixture: name the step.
      const std::string failed = label_;
      CleanUpAfterFailure();
      FAIL(failed << ": " << e.what());
    } catch (...) {  // doctest's REQUIRE and FAIL: already reported
      CleanUpAfterFailure();
      throw;
    }
    RunCleanup();
  }

  void operator()(const Basic& step) {
    SetConfig(step.config);
    ProcessResult applied = ws_.Apply();
    RequireOk(applied, "apply");
    CheckState(ws_, step.checks);
    Call(step.cloud);
    const std::string log = applied.out + applied.err;
    for (size_t i = 0; i < step.log_has.size(); ++i) {
      if (log.find(step.log_has[i]) == std::string::npos) {
        Fail("the apply output lacks \"" + step.log_has[i] + "\"");
      }
    }
    // Neither the entry nor the output is printed: it may be a secret.
    for (size_t i = 0; i < step.log_lacks.size(); ++i) {
      if (log.find(step.log_lacks[i]) != std::string::npos) {
        Fail("the apply output contains log_lacks[" + std::to_string(i) + "]");
      }
    }
    RequireEmptyPlan(ws_, "apply");
  }

  void operator()(const Import& step) {
    const std::optional<json> before = ws_.Resource(address_);
    std::string id = step.id;
    if (id.empty() && step.id_fn) {
      if (!before) Abort("no import ID: " + address_ + " is not in state");
      id = step.id_fn(*before);
    } else if (id.empty()) {
      std::optional<json> from = before ? AttrPath(*before, step.id_from) : std::nullopt;
      if (!from || !from->is_string()) {
        Abort("no import ID: " + step.id_from + " of " + address_ + " in state is " + Show(from));
      }
      id = from->get<std::string>();
    }
    std::unique_ptr<Workspace> scratch;
    Workspace* ws = &ws_;
    if (step.into == ImportInto::kScratchWorkspace) {
      scratch = std::make_unique<Workspace>(Options());
      if (scratch->init()) RequireOk(*scratch->init(), "init (extra providers)");
      scratch->SetConfig(step.config.empty() ? config_ : step.config);
      ws = scratch.get();
    } else {
      SetConfig(step.config);
      if (before) RequireOk(ws_.Run({"state", "rm", "-no-color", address_}), "state rm");
    }
    RequireOk(ws->Import(address_, id), "import " + address_ + " " + id);
    const json state = ws->State();
    const std::optional<json> imported = FindResource(state, address_);
    if (!imported) Abort(address_ + " is not in state after the import");
    if (step.verify && !before) {
      Fail("verify: " + address_ + " was not in state before the import");
    } else if (step.verify) {
      for (const std::string& path : Differences(*before, *imported, step.verify_ignore)) {
        Fail("verify: " + path + " is " + Show(AttrPath(*imported, path)) + " after the import, " +
             Show(AttrPath(*before, path)) + " before");
      }
    }
    CheckState(state, step.checks);
    RequireEmptyPlan(*ws, "import");
  }

  void operator()(const UpdateInPlace& step) {
    PlannedChange(step.config, /*replace=*/false, step.attributes, step.plan_check);
    ApplyAndCheck(step.checks, step.cloud);
  }

  void operator()(const Replace& step) {
    PlannedChange(step.config, /*replace=*/true, {}, nullptr);
    ApplyAndCheck(step.checks, step.cloud);
  }

  void operator()(const Disappears& step) {
    Call(step.remove);
    Workspace::SavedPlan plan = ws_.PlanSaved();
    ExpectAction(plan, {json::array({"create"})});
    RequireOk(ws_.Run({"apply", "-refresh-only", "-auto-approve", "-no-color", "-input=false"}),
              "apply -refresh-only");
    if (ws_.Resource(address_)) {
      Fail(address_ + " is still in state after apply -refresh-only");
    }
  }

  void operator()(const Drift& step) {
    Call(step.change);
    Workspace::SavedPlan refresh = ws_.PlanSaved({"-refresh-only"});
    if (refresh.run.exit_code != 2) {
      Fail("the -refresh-only plan should report the drift (exit code 2)\n" +
           Describe(refresh.run));
    }
    if (step.drifted && step.drifted->is_string() &&
        refresh.run.out.find(step.drifted->get<std::string>()) == std::string::npos) {
      Fail("the -refresh-only plan does not show " + step.drifted->dump() + "\n" +
           Describe(refresh.run));
    }
    std::optional<json> drift = FindChange(refresh.json, address_, "resource_drift");
    if (!drift) {
      Fail("the -refresh-only plan has no resource_drift entry for " + address_);
    } else {
      ExpectValue((*drift)["change"], "before", step.attribute, step.configured,
                  "the -refresh-only plan's drift");
      ExpectValue((*drift)["change"], "after", step.attribute, step.drifted,
                  "the -refresh-only plan's drift");
      if (step.drift_check) {
        INFO(label_ << "\n" << refresh.run.out);
        step.drift_check((*drift)["change"], refresh.run.out);
      }
    }
    Workspace::SavedPlan plan = ws_.PlanSaved();
    json change = ExpectAction(plan, {json::array({"update"})});
    ExpectValue(change, "before", step.attribute, step.drifted, "the plan");
    ExpectValue(change, "after", step.attribute, step.configured, "the plan");
    if (step.apply) ApplyAndCheck({}, step.cloud);
  }

  void operator()(const ExpectError& step) {
    const bool count = step.api_calls != nullptr && target_.emulated;
    if (step.api_calls != nullptr && !target_.emulated) {
      MESSAGE(label_ << ": real account: API requests are not counted");
    }
    const int calls_before = count ? step.api_calls() : 0;
    const std::string kept = config_;
    SetConfig(step.config);
    const char* names[] = {"validate", "plan", "apply"};
    const char* name = names[static_cast<int>(step.at)];
    ProcessResult r = step.at == Command::kValidate ? ws_.Validate()
                      : step.at == Command::kPlan   ? ws_.Plan()
                                                    : ws_.Apply();
    if (r.exit_code != 1) Fail(std::string(name) + " should fail (exit code 1)\n" + Describe(r));
    for (const std::string& message : step.messages) {
      if (r.err.find(message) == std::string::npos) {
        Fail("the " + std::string(name) + " errors lack \"" + message + "\"\n" + Describe(r));
      }
    }
    if (count && step.api_calls() != calls_before) {
      Fail(std::to_string(step.api_calls() - calls_before) + " API request(s) during " + name +
           ", expected none");
    }
    config_ = kept;
    ws_.SetConfig(kept);
  }

 private:
  WorkspaceOptions Options() const {
    return {.env = target_.env, .providers = target_.providers, .mirror = target_.mirror};
  }

  void RunStep(size_t i, const Step& step) {
    label_ = "step " + std::to_string(i + 1) + "/" + std::to_string(scenario_.steps.size()) + " (" +
             kKindNames[step.kind.index()] + ")";
    address_ = step.address.empty() ? scenario_.address : step.address;
    if (!step.emulator_only.empty() && !target_.emulated) {
      MESSAGE(label_ << ": skipped on a real account: " << step.emulator_only);
      return;
    }
    Call(step.before);
    std::visit(*this, step.kind);
    if (scenario_.cloud_matches_state) CloudMatchesState(ws_.State());
  }

  void DestroyCheck() {
    Call(scenario_.before_destroy);
    RequireOk(ws_.Destroy(), "destroy");
    const json state = ws_.State();
    for (const std::string& address : ManagedResources(state)) {
      Fail(address + " is still in state after destroy");
    }
    Call(scenario_.check_destroy);
    CloudMatchesState(state);
  }

  void CloudMatchesState(const json& state) {
    if (!scenario_.cloud_matches_state) return;
    INFO(label_ << ": the cloud against the state");
    scenario_.cloud_matches_state(state);
  }

  // Leaves nothing behind, on a real account above all; the failure that got
  // us here is the one to report, so a failing destroy is only a message.
  void CleanUpAfterFailure() {
    ProcessResult destroyed = ws_.Destroy();
    if (destroyed.exit_code != 0) {
      MESSAGE("destroy after the failure failed\n" << Describe(destroyed));
    }
    RunCleanup();
  }

  void RunCleanup() {
    if (!scenario_.cleanup) return;
    label_ = "cleanup";
    Call(scenario_.cleanup);
  }

  // Plans `config` and requires a replacement or an in-place update of the
  // resource touching exactly `attributes` (when given).
  void PlannedChange(const std::string& config, bool replace,
                     const std::vector<std::string>& attributes, const PlanCheck& plan_check) {
    SetConfig(config);
    Workspace::SavedPlan plan = ws_.PlanSaved();
    json change = replace ? ExpectAction(plan, {json::array({"delete", "create"}),
                                                json::array({"create", "delete"})})
                          : ExpectAction(plan, {json::array({"update"})});
    if (plan_check) {
      INFO(label_ << "\n" << plan.run.out);
      plan_check(change, plan.run.out);
    }
    if (attributes.empty()) return;
    TouchedPaths touched = Touched(change);
    auto under = [](const std::string& path, const std::vector<std::string>& prefixes) {
      return std::any_of(prefixes.begin(), prefixes.end(),
                         [&](const std::string& p) { return PathUnder(path, p); });
    };
    for (const std::string& path : touched.changed) {
      if (!under(path, attributes)) Fail("the plan also changes " + path + "\n" + plan.run.out);
    }
    for (const std::string& attribute : attributes) {
      bool touches = std::any_of(touched.changed.begin(), touched.changed.end(),
                                 [&](const std::string& p) { return PathUnder(p, attribute); }) ||
                     under(attribute, touched.unknown);
      if (!touches) Fail("the plan does not change " + attribute + "\n" + plan.run.out);
    }
  }

  // Requires the plan to succeed with changes, the resource's actions to be
  // one of `allowed`, and no other managed resource to change. Returns the
  // resource's change ({"before", "after", "after_unknown", …}).
  json ExpectAction(const Workspace::SavedPlan& plan, const std::vector<json>& allowed) {
    if (plan.run.exit_code != 2) {
      Abort("expected a plan with changes (exit code 2)\n" + Describe(plan.run));
    }
    std::optional<json> entry = FindChange(plan.json, address_);
    if (!entry) Abort("the plan has no change for " + address_ + "\n" + plan.run.out);
    const json& actions = (*entry)["change"]["actions"];
    // Fatal: applying a plan of another kind would only cascade into
    // failures of the steps after.
    if (std::find(allowed.begin(), allowed.end(), actions) == allowed.end()) {
      Abort("expected the actions " + (allowed.size() == 1 ? "" : std::string("(one of) ")) +
            json(allowed).dump() + " for " + address_ + ", the plan has " + actions.dump() + "\n" +
            plan.run.out);
    }
    for (const std::string& other : ChangedAddresses(plan.json)) {
      if (other != address_) Fail("the plan also changes " + other + "\n" + plan.run.out);
    }
    return (*entry)["change"];
  }

  void ExpectValue(const json& change, const char* side, const std::string& attribute,
                   const std::optional<json>& expected, const std::string& where) {
    if (!expected) return;
    std::optional<json> value = AttrPath(change.value(side, json()), attribute);
    if (value != expected) {
      Fail(where + ": " + side + "." + attribute + " is " + Show(value) + ", expected " +
           expected->dump());
    }
  }

  void ApplyAndCheck(const std::vector<AttrCheck>& checks, const Callback& cloud) {
    RequireOk(ws_.Apply(), "apply");
    CheckState(ws_, checks);
    Call(cloud);
    RequireEmptyPlan(ws_, "apply");
  }

  void CheckState(Workspace& ws, const std::vector<AttrCheck>& checks) {
    if (!checks.empty()) CheckState(ws.State(), checks);
  }
  void CheckState(const json& state, const std::vector<AttrCheck>& checks) {
    std::vector<std::string> failures = EvaluateChecks(state, address_, checks);
    for (const std::string& failure : failures) Fail(failure);
  }

  // An empty config keeps the current one (steps that only add checks).
  void SetConfig(const std::string& config) {
    if (config.empty()) return;
    config_ = config;
    ws_.SetConfig(config);
  }

  void RequireEmptyPlan(Workspace& ws, const std::string& after) {
    ProcessResult plan = ws.Plan();
    if (plan.exit_code != 0) Abort("expected an empty plan after " + after + "\n" + Describe(plan));
  }

  void RequireOk(const ProcessResult& r, const std::string& what) {
    if (r.exit_code != 0) Abort("terraform " + what + " failed\n" + Describe(r));
  }

  // Callbacks assert with doctest themselves: the label says where they were.
  void Call(const Callback& callback) {
    if (!callback) return;
    INFO(label_);
    callback();
  }

  void Fail(const std::string& message) { FAIL_CHECK(label_ << ": " << message); }
  [[noreturn]] void Abort(const std::string& message) {
    FAIL(label_ << ": " << message);
    throw std::logic_error("not reached: doctest's FAIL throws");
  }

  const ScenarioTarget& target_;
  const Scenario& scenario_;
  Workspace ws_;
  std::string config_;
  std::string label_;
  std::string address_;  // the resource the current step is about
};

}  // namespace

void RunScenario(const ScenarioTarget& target, const Scenario& scenario) {
  Runner(target, scenario).Run();
}

}  // namespace polybackup::acceptance
