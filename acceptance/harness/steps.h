// Acceptance scenarios as data. A Scenario names the resource under test,
// lists its steps (each a configuration plus what must hold after it) and
// says how to ask the cloud that destroy left nothing behind; RunScenario
// owns the control flow: one workspace, the steps in order, `terraform
// destroy` at the end (after a failure too), and every failure reported with
// its step number and kind ("step 3/7 (drift): …") and the output of the
// terraform command concerned. The concepts are terraform-plugin-testing's
// (TestStep, ImportStateVerify, plan checks, CheckDestroy).
//
//   std::vector<Step> steps = {
//       {Basic{.config = Config("02:00Z-03:00Z"),
//              .checks = {Attr("backup_time", "02:00Z-03:00Z"), AttrSet("region")}}},
//       {Import{.verify_ignore = {"keep_on_destroy"}}},
//       {UpdateInPlace{.config = Config("04:00Z-05:00Z"), .attributes = {"backup_time"}}},
//       {.kind = Disappears{.remove = [&] { cloud.Delete(); }},
//        .emulator_only = "objects cannot be deleted out of band on a real account"},
//   };
//   RunScenario(target, {.address = "polybackup_x.test", .steps = std::move(steps),
//                        .check_destroy = [&] { CHECK_FALSE(cloud.Exists()); }});
//
// Callbacks (cloud checks, out-of-band changes) may use doctest's CHECK and
// REQUIRE. A step without a config keeps the one of the step before.
// acceptance/README.md has a whole example.
#ifndef POLYBACKUP_ACCEPTANCE_HARNESS_STEPS_H_
#define POLYBACKUP_ACCEPTANCE_HARNESS_STEPS_H_

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "acceptance/harness/checks.h"
#include "acceptance/harness/terraform.h"

namespace polybackup::acceptance {

using Callback = std::function<void()>;

// Apply `config`; the state then meets `checks`, the cloud meets `cloud`, the
// apply's output (stdout and stderr) holds every `log_has` and no `log_lacks`
// string, and `plan -detailed-exitcode` is empty.
struct Basic {
  std::string config;
  std::vector<AttrCheck> checks;
  Callback cloud;
  std::vector<std::string> log_has;
  std::vector<std::string> log_lacks;
};

// Where an Import step imports to.
enum class ImportInto {
  kScratchWorkspace,  // a new workspace, thrown away after: the scenario's state is untouched
  kScenarioState,     // the scenario's own state (`state rm` first if there): the import stays
};

// `terraform import` of the resource, with `config`, by `id`, or by the
// value of the `id_from` attribute of the resource in the scenario's state.
// With `verify`, every attribute imported equals the one in the scenario's
// state before, except the paths under `verify_ignore` (attributes only the
// configuration knows). Then `checks` hold and the plan is empty.
struct Import {
  std::string config;
  std::string id;
  std::string id_from = "id";
  // Builds the import ID from the resource's attributes in state when the
  // ID is none of them (e.g. "<plan_id>|<id>"); overrides id_from.
  std::function<std::string(const nlohmann::json& values)> id_fn;
  bool verify = true;
  std::vector<std::string> verify_ignore;
  ImportInto into = ImportInto::kScratchWorkspace;
  std::vector<AttrCheck> checks;
};

// A check of a saved plan: the resource's change ({"actions", "before",
// "after", ...}) and the plan's text as `terraform plan` printed it. Fails
// with doctest's CHECK / FAIL_CHECK.
using PlanCheck = std::function<void(const nlohmann::json& change, const std::string& text)>;

// The plan for `config` updates the resource in place (not a replacement),
// changing exactly the listed `attributes` (paths; empty: any), nothing
// else changes, and `plan_check` holds; then apply, `checks`, `cloud` and
// an empty plan.
struct UpdateInPlace {
  std::string config;
  std::vector<std::string> attributes;
  std::vector<AttrCheck> checks;
  Callback cloud;
  PlanCheck plan_check;
};

// The plan for `config` replaces the resource (delete and create, in either
// order) and nothing else changes; then apply, `checks`, `cloud`, empty plan.
struct Replace {
  std::string config;
  std::vector<AttrCheck> checks;
  Callback cloud;
};

// `remove` deletes the object out of band; the plan then creates it again,
// and `apply -refresh-only` drops it from state.
struct Disappears {
  Callback remove;
};

// `change` edits the object out of band. A `-refresh-only` plan reports the
// drift of `attribute` (from `configured` to `drifted`, where given; a
// `drifted` string must appear in its text) and meets `drift_check`; a
// normal plan updates it back (from `drifted` to `configured`). With
// `apply`, the update is applied, the cloud meets `cloud` and the plan is
// empty.
struct Drift {
  Callback change;
  std::string attribute;
  std::optional<nlohmann::json> drifted;
  std::optional<nlohmann::json> configured;
  bool apply = true;
  Callback cloud;
  // Checks the -refresh-only plan's drift entry and text, for drift a path
  // cannot name (an element of a set, say).
  PlanCheck drift_check;
};

enum class Command { kValidate, kPlan, kApply };

// `config` makes `at` fail (exit code 1) with every `messages` string in its
// error output. With `api_calls` (a count of the requests the emulator
// received so far), no request may be made meanwhile; the count is skipped
// on a real account. The configuration of the step before is restored.
struct ExpectError {
  std::string config;
  Command at = Command::kPlan;
  std::vector<std::string> messages;
  std::function<int()> api_calls;
};

struct Step {
  std::variant<Basic, Import, UpdateInPlace, Replace, Disappears, Drift, ExpectError> kind;
  Callback before;            // out-of-band set-up run first (e.g. seeding an object)
  std::string emulator_only;  // non-empty: skipped on a real account, printing this reason
  // The resource the step is about when not the scenario's (a scenario of
  // several resources wired together, e.g. importing each of them).
  std::string address;
};

struct Scenario {
  std::string address;  // the resource under test, e.g. "polybackup_x.test"
  std::vector<Step> steps;
  // After `terraform destroy` (which must succeed and leave no managed
  // resource in state): asks the cloud that nothing is left behind.
  Callback check_destroy;
  // After every step and after the destroy, with the state then
  // (`terraform show -json`): asks the cloud that it holds exactly the
  // objects the state records — no duplicate, no orphan (the fault
  // campaigns, acceptance/faults/).
  std::function<void(const nlohmann::json& state)> cloud_matches_state;
  // Out-of-band set-up before the final destroy (e.g. injecting faults).
  Callback before_destroy;
  // Always run last, even after a failure (e.g. restoring a real account).
  Callback cleanup;
};

// Where a scenario runs: the emulators or a real account, and the
// environment every terraform command gets (credentials, endpoints).
struct ScenarioTarget {
  bool emulated = true;
  std::map<std::string, std::string> env;
  // Providers besides polybackup the configurations use (e.g. hashicorp/aws
  // for a `moved` block), from the filesystem mirror `mirror`.
  std::vector<ExtraProvider> providers;
  std::string mirror;
};

// Runs `scenario` in a fresh workspace, reporting failures through doctest.
void RunScenario(const ScenarioTarget& target, const Scenario& scenario);

}  // namespace polybackup::acceptance

#endif  // POLYBACKUP_ACCEPTANCE_HARNESS_STEPS_H_
