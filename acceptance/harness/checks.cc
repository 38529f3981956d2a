#include "acceptance/harness/checks.h"

#include <algorithm>
#include <map>

#include "acceptance/harness/terraform.h"

namespace polybackup::acceptance {
namespace {

using nlohmann::json;

bool Empty(const json& v) {
  return v.is_null() || ((v.is_string() || v.is_array() || v.is_object()) && v.empty());
}

// The attribute object a check reads: a resource's values, or the outputs
// as {name: value}.
std::optional<json> Subject(const json& state, const std::string& address) {
  if (address != kOutputs) return FindResource(state, address);
  json outputs = json::object();
  if (state.contains("values") && state["values"].contains("outputs")) {
    for (const auto& [name, output] : state["values"]["outputs"].items()) {
      outputs[name] = output.value("value", json());
    }
  }
  return outputs;
}

// Leaves of `v` by dotted path; an empty list or map is a leaf of its own so
// that [] and an absent path differ.
void Flatten(const json& v, const std::string& path, std::map<std::string, json>* out) {
  if ((v.is_object() || v.is_array()) && !v.empty()) {
    size_t i = 0;
    for (const auto& [key, item] : v.items()) {
      std::string name = v.is_array() ? std::to_string(i++) : key;
      Flatten(item, path.empty() ? name : path + "." + name, out);
    }
    return;
  }
  (*out)[path] = v;
}

}  // namespace

AttrCheck Attr(std::string path, json value) {
  std::string expectation = "= " + value.dump();
  return {"", std::move(path), std::move(expectation),
          [value = std::move(value)](const std::optional<json>& v) { return v && *v == value; }};
}

AttrCheck AttrSet(std::string path) {
  return {"", std::move(path), "is set (not null, not empty)",
          [](const std::optional<json>& v) { return v && !Empty(*v); }};
}

AttrCheck AttrAbsent(std::string path) {
  return {"", std::move(path), "is absent or null",
          [](const std::optional<json>& v) { return !v || v->is_null(); }};
}

AttrCheck AttrWith(std::string path, std::string what, std::function<bool(const json&)> predicate) {
  return {"", std::move(path), std::move(what),
          [predicate = std::move(predicate)](const std::optional<json>& v) {
            return v && predicate(*v);
          }};
}

AttrCheck On(std::string address, AttrCheck check) {
  check.address = std::move(address);
  return check;
}

std::vector<std::string> EvaluateChecks(const json& state, const std::string& address,
                                        const std::vector<AttrCheck>& checks) {
  std::vector<std::string> failures;
  for (const auto& check : checks) {
    const std::string& where = check.address.empty() ? address : check.address;
    std::optional<json> subject = Subject(state, where);
    if (!subject) {
      failures.push_back(where + " is not in state (checking " + check.path + " " +
                         check.expectation + ")");
      continue;
    }
    std::optional<json> value = AttrPath(*subject, check.path);
    if (check.holds(value)) continue;
    failures.push_back(where + ": expected " + check.path + " " + check.expectation + ", got " +
                       (value ? value->dump() : "nothing (absent)"));
  }
  return failures;
}

bool PathUnder(const std::string& path, const std::string& prefix) {
  return path == prefix ||
         (path.size() > prefix.size() && path.compare(0, prefix.size(), prefix) == 0 &&
          path[prefix.size()] == '.');
}

std::vector<std::string> Differences(const json& before, const json& after,
                                     const std::vector<std::string>& ignore) {
  std::map<std::string, json> a, b;
  Flatten(before, "", &a);
  Flatten(after, "", &b);
  std::vector<std::string> paths;
  auto differs = [&](const std::string& path) {
    if (std::any_of(ignore.begin(), ignore.end(),
                    [&](const std::string& p) { return PathUnder(path, p); })) {
      return false;
    }
    auto x = a.find(path), y = b.find(path);
    return x == a.end() || y == b.end() || x->second != y->second;
  };
  for (const auto& [path, v] : a) {
    if (differs(path)) paths.push_back(path);
  }
  for (const auto& [path, v] : b) {
    if (!a.count(path) && differs(path)) paths.push_back(path);
  }
  return paths;
}

TouchedPaths Touched(const json& change) {
  std::map<std::string, json> unknown;
  Flatten(change.value("after_unknown", json::object()), "", &unknown);
  TouchedPaths touched;
  for (const auto& [path, is_unknown] : unknown) {
    if (is_unknown == true) touched.unknown.push_back(path);
  }
  // An unknown value is absent (or null) in `after`: not a change of its own.
  touched.changed =
      Differences(change.value("before", json()), change.value("after", json()), touched.unknown);
  return touched;
}

std::optional<json> FindChange(const json& plan, const std::string& address, const char* list) {
  if (!plan.is_object() || !plan.contains(list)) return std::nullopt;
  for (const auto& change : plan[list]) {
    if (change.value("address", "") == address) return change;
  }
  return std::nullopt;
}

std::vector<std::string> ManagedResources(const json& state) {
  std::vector<std::string> addresses;
  if (!state.is_object() || !state.contains("values")) return addresses;
  const json& module = state["values"].value("root_module", json::object());
  for (const auto& r : module.value("resources", json::array())) {
    if (r.value("mode", "") == "managed") addresses.push_back(r.value("address", ""));
  }
  return addresses;
}

std::vector<std::string> ChangedAddresses(const json& plan) {
  std::vector<std::string> addresses;
  if (!plan.is_object() || !plan.contains("resource_changes")) return addresses;
  for (const auto& change : plan["resource_changes"]) {
    if (change.value("mode", "managed") != "managed") continue;
    if (change["change"]["actions"] == json::array({"no-op"})) continue;
    addresses.push_back(change.value("address", ""));
  }
  return addresses;
}

}  // namespace polybackup::acceptance
