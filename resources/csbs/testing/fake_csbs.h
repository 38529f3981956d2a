// A fake CSBS for in-process resource tests and the bench: answers the
// calls the resources make from memory, instantly, through a
// ScriptedTransport (resources/common/scripted_cloud.h). Test use only.
#ifndef POLYBACKUP_RESOURCES_CSBS_TESTING_FAKE_CSBS_H_
#define POLYBACKUP_RESOURCES_CSBS_TESTING_FAKE_CSBS_H_

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "clients/http/scripted_transport.h"

namespace polybackup::resources::csbs {

// One CSBS project. A new policy answers "creating" to the first
// `creating_reads` GETs (-1: forever), and 409 to PUT/DELETE meanwhile.
struct FakeCsbs {
  using json = nlohmann::json;
  // Where ScriptedCloud::HuaweiData("csbs") sends policy calls (project proj-1).
  static constexpr char kBase[] = "http://csbs.test/v1/proj-1/policies";

  std::map<std::string, json> policies;
  int creating_reads = 1;
  int delete_conflicts = 0;  // 409s DELETE answers before it succeeds
  std::vector<std::string> calls;
  std::vector<json> bodies;  // of POST and PUT

  static clients::http::HttpResponse Json(int status, const json& body) {
    return {status, {}, body.dump()};
  }
  static clients::http::HttpResponse Error(int status, const std::string& code) {
    return Json(status, {{"error", {{"code", code}, {"message", code}}}});
  }
  std::string Status() const { return creating_reads != 0 ? "creating" : "suspended"; }

  clients::http::HttpResponse Answer(const clients::http::HttpRequest& r) {
    std::string path = r.url.substr(std::string(kBase).size());
    calls.push_back(r.method + " " + (path.empty() ? "/" : path));
    if (r.method == "POST") {
      json p = json::parse(r.body)["policy"];
      bodies.push_back(p);
      p["id"] = "pol-" + std::to_string(policies.size() + 1);
      p["created_at"] = "2026-01-02T03:04:05.123456";
      auto& op = p["scheduled_operations"][0];
      op["id"] = "op-1";
      op["trigger"]["id"] = "trg-1";
      op["trigger"]["name"] = "default";
      op["trigger"]["type"] = "time";
      for (auto& [k, v] : op["operation_definition"].items()) {
        if (v.is_number()) v = std::to_string(v.get<long long>());  // as OTC answers
      }
      for (const char* hidden :
           {"day_backups", "week_backups", "month_backups", "year_backups", "timezone"}) {
        op["operation_definition"].erase(hidden);
      }
      policies[p["id"]] = p;
      p["status"] = "creating";
      return Json(200, {{"policy", p}});
    }
    const std::string id = path.substr(1);
    auto it = policies.find(id);
    if (it == policies.end()) return Error(404, "CSBS.3000");
    json& p = it->second;
    if (r.method == "GET") {
      json shown = p;
      shown["status"] = Status();
      if (creating_reads > 0) --creating_reads;
      return Json(200, {{"policy", shown}});
    }
    if (creating_reads != 0) return Error(409, "CSBS.2001");
    if (r.method == "PUT") {
      json u = json::parse(r.body)["policy"];
      bodies.push_back(u);
      for (const char* k : {"name", "description", "resources"}) {
        if (u.contains(k)) p[k] = u[k];
      }
      if (u.contains("scheduled_operations")) {
        const json& op = u["scheduled_operations"][0];
        if (op["id"] != p["scheduled_operations"][0]["id"]) return Error(400, "CSBS.9001");
        p["scheduled_operations"][0]["trigger"]["properties"] = op["trigger"]["properties"];
      }
      json shown = p;
      shown["status"] = "suspended";
      return Json(200, {{"policy", shown}});
    }
    if (delete_conflicts > 0) {
      --delete_conflicts;
      return Error(409, "CSBS.2001");
    }
    policies.erase(it);
    return {200, {}, ""};
  }
  int Count(const std::string& call) const {
    return static_cast<int>(std::count(calls.begin(), calls.end(), call));
  }
};

}  // namespace polybackup::resources::csbs

#endif  // POLYBACKUP_RESOURCES_CSBS_TESTING_FAKE_CSBS_H_
