// Checks on the JSON Terraform prints (`terraform show -json` of a state or a
// saved plan), written as data by acceptance scenarios (steps.h) and
// evaluated by the step runner. Every evaluation returns readable failure
// messages instead of asserting, so the runner decides how to report them
// (with the step number and the command output).
#ifndef POLYBACKUP_ACCEPTANCE_HARNESS_CHECKS_H_
#define POLYBACKUP_ACCEPTANCE_HARNESS_CHECKS_H_

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace polybackup::acceptance {

// The pseudo-address of the root module's outputs: checks `On(kOutputs, …)`
// read `values.outputs.<name>.value`.
inline constexpr char kOutputs[] = "outputs";

// One expectation about the attribute at a dotted path (AttrPath syntax:
// "rule.0.name", "tags.env") of one resource in state.
struct AttrCheck {
  std::string address;      // empty: the resource the step is about
  std::string path;         // dotted path inside the resource's values
  std::string expectation;  // for messages, e.g. `= "02:00Z-03:00Z"`, "is set"
  // Whether the value (nullopt: the path is absent) meets the expectation.
  std::function<bool(const std::optional<nlohmann::json>&)> holds;
};

// The value at `path` equals `value` exactly (JSON equality: a list compares
// in order, a number with its type).
AttrCheck Attr(std::string path, nlohmann::json value);
// The value is present, not null and not empty ("", [], {}).
AttrCheck AttrSet(std::string path);
// The path is absent or null.
AttrCheck AttrAbsent(std::string path);
// `predicate` accepts the value (never called for an absent path, which
// fails); `what` says what it checks, for the message ("is a number").
AttrCheck AttrWith(std::string path, std::string what,
                   std::function<bool(const nlohmann::json&)> predicate);
// The same check on another resource (a data source, a dependency) or on the
// outputs (`On(kOutputs, Attr("window", "01:00Z-02:00Z"))`).
AttrCheck On(std::string address, AttrCheck check);

// Evaluates `checks` against a `terraform show -json` document of the state;
// `address` stands for an empty AttrCheck::address. Returns one message per
// failed check (empty: all hold).
std::vector<std::string> EvaluateChecks(const nlohmann::json& state, const std::string& address,
                                        const std::vector<AttrCheck>& checks);

// Dotted paths at which `before` and `after` differ, leaf by leaf (a path
// present on one side only counts, and an empty list or map is a leaf).
// A path equal to an `ignore` entry or below it ("rule" covers "rule.0.name")
// is left out.
std::vector<std::string> Differences(const nlohmann::json& before, const nlohmann::json& after,
                                     const std::vector<std::string>& ignore = {});

// True when `path` is `prefix` or lies below it.
bool PathUnder(const std::string& path, const std::string& prefix);

// What one planned change (an entry of `resource_changes`) touches: paths
// whose known value differs between before and after, and paths that stay
// unknown until apply (computed attributes being recomputed).
struct TouchedPaths {
  std::vector<std::string> changed;
  std::vector<std::string> unknown;
};
TouchedPaths Touched(const nlohmann::json& change);

// The entry of a saved plan's `resource_changes` (or `resource_drift`) list
// for `address`, or nullopt.
std::optional<nlohmann::json> FindChange(const nlohmann::json& plan, const std::string& address,
                                         const char* list = "resource_changes");

// Addresses of the managed resources in a `terraform show -json` state.
std::vector<std::string> ManagedResources(const nlohmann::json& state);

// Addresses of managed resources the plan changes (any action but "no-op"),
// data source reads excluded.
std::vector<std::string> ChangedAddresses(const nlohmann::json& plan);

}  // namespace polybackup::acceptance

#endif  // POLYBACKUP_ACCEPTANCE_HARNESS_CHECKS_H_
