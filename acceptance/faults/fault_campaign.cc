#include "acceptance/faults/fault_campaign.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

namespace polybackup::acceptance {
namespace {

using nlohmann::json;

// The faults of one phase, by kind, as the emulator numbered them.
struct Armed {
  std::string phase;
  std::chrono::steady_clock::time_point at;
  std::map<std::string, std::vector<std::string>> ids;     // kind → fault ids
  std::vector<std::pair<std::string, std::string>> drops;  // write route → fault id
};

class CampaignRunner {
 public:
  CampaignRunner(Emulators& emulators, const Campaign& campaign)
      : emulators_(emulators), campaign_(campaign) {}

  void Run() {
    std::vector<Step> steps;
    for (size_t i = 0; i < campaign_.applies.size(); ++i) {
      const CampaignApply& apply = campaign_.applies[i];
      const std::string phase = i == 0 ? "create" : "update " + std::to_string(i);
      steps.push_back({.kind = Basic{.config = apply.config}, .before = [this, i, phase, &apply] {
                         if (i == 0 && campaign_.prepare) campaign_.prepare();
                         Arm(phase, apply.writes);
                       }});
    }
    RunScenario(campaign_.target,
                {.address = campaign_.address,
                 .steps = std::move(steps),
                 .cloud_matches_state = [this](const json& state) { AfterPhase(state); },
                 .before_destroy = [this] { Arm("destroy", campaign_.destroy_writes); }});
    CHECK(phases_checked_ == campaign_.applies.size() + 1);
  }

 private:
  // Injects the phase's faults; the emulator tries them in this order, one
  // fault per request at most.
  void Arm(const std::string& phase, const std::vector<std::string>& writes) {
    emulators_.Control("DELETE", "/faults");
    armed_ = Armed{.phase = phase, .at = std::chrono::steady_clock::now()};
    auto add = [&](const std::string& kind, json spec) {
      spec["service"] = campaign_.service;
      if (!spec.contains("route")) spec["route"] = "*";
      const std::string id = emulators_.Control("POST", "/faults", spec)["id"];
      armed_.ids[kind].push_back(id);
      return id;
    };
    for (const std::string& route : writes) {
      armed_.drops.emplace_back(
          route, add("dropped after commit", {{"route", route}, {"drop_after_commit", true}}));
    }
    add("throttling burst", {{"throttle", true}, {"fraction", 0.5}, {"duration_ms", 1500}});
    add("5xx", {{"status", 500}, {"fraction", 0.125}, {"count", 100000}});
    add("5xx", {{"status", 503}, {"fraction", 1.0 / 7}, {"count", 100000}});
    add("latency spike",
        {{"latency_ms", 400}, {"fraction", 1.0 / 3}, {"duration_ms", 3000}, {"count", 100000}});
    emulators_.Control("DELETE", "/requests");
  }

  // Faults off, then: every kind was applied, every write's answer was
  // dropped once, and the cloud holds what the state records.
  void AfterPhase(const json& state) {
    emulators_.Control("DELETE", "/faults");
    INFO("fault campaign on " << campaign_.service << ", phase " << armed_.phase);
    std::map<std::string, std::string> kind_of;
    for (const auto& [kind, ids] : armed_.ids) {
      for (const std::string& id : ids) kind_of[id] = kind;
    }
    std::map<std::string, int> applied;
    std::set<std::string> dropped;
    int requests = 0;
    for (const json& r : emulators_.Control("GET", "/requests")) {
      if (r.value("service", "") != campaign_.service) continue;
      ++requests;
      if (!r["fault"].is_string()) continue;
      ++applied[kind_of[r["fault"].get<std::string>()]];
      if (r["status"] == "dropped") dropped.insert(r["fault"].get<std::string>());
    }
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - armed_.at;
    MESSAGE(campaign_.service << " " << armed_.phase << ": " << took.count() << " s, " << requests
                              << " requests; faults " << json(applied).dump());
    for (const auto& [kind, ids] : armed_.ids) {
      CHECK_MESSAGE(applied[kind] > 0, "no " << kind << " fault was applied");
    }
    for (const auto& [route, id] : armed_.drops) {
      CHECK_MESSAGE(dropped.count(id) == 1, "no answer to " << route << " was dropped");
    }
    ++phases_checked_;
    campaign_.cloud_matches_state(state);
  }

  Emulators& emulators_;
  const Campaign& campaign_;
  Armed armed_;
  size_t phases_checked_ = 0;
};

}  // namespace

void RunCampaign(Emulators& emulators, const Campaign& campaign) {
  CampaignRunner(emulators, campaign).Run();
}

std::vector<std::string> StateValues(const json& state, const std::string& type,
                                     const std::string& attribute) {
  std::vector<std::string> out;
  if (!state.is_object() || !state.contains("values")) return out;
  const json& module = state["values"].value("root_module", json::object());
  for (const json& r : module.value("resources", json::array())) {
    if (r.value("mode", "") != "managed" || r.value("type", "") != type) continue;
    const json& v = r["values"].value(attribute, json());
    out.push_back(v.is_string() ? v.get<std::string>() : v.dump());
  }
  std::sort(out.begin(), out.end());
  return out;
}

AwsBackupObjects AwsBackupHolds(Emulators& emulators) {
  const json aws = emulators.Control("GET", "/state")["aws_backup"];
  AwsBackupObjects out;
  for (const auto& [id, plan] : aws["plans"].items()) {
    if (plan.value("deletedAt", json()).is_null()) out.plans.push_back(id);
  }
  for (const auto& [key, vault] : aws["vaults"].items()) out.vaults.push_back(vault["name"]);
  for (const auto& [id, selection] : aws["selections"].items()) out.selections.push_back(id);
  for (auto* v : {&out.plans, &out.vaults, &out.selections}) std::sort(v->begin(), v->end());
  return out;
}

}  // namespace polybackup::acceptance
