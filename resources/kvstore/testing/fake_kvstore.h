// A fake R-kvstore for in-process resource tests and the bench: answers the
// calls the resources make from memory, instantly, through a
// ScriptedTransport (resources/common/scripted_cloud.h). Test use only.
#ifndef POLYBACKUP_RESOURCES_KVSTORE_TESTING_FAKE_KVSTORE_H_
#define POLYBACKUP_RESOURCES_KVSTORE_TESTING_FAKE_KVSTORE_H_

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "clients/http/scripted_transport.h"
#include "clients/http/url.h"

namespace polybackup::resources::kvstore {

// One R-kvstore instance, "r-1", answering the four calls the resource makes.
struct FakeKvstore {
  using json = nlohmann::json;

  bool exists = true;
  std::string time = "01:00Z-02:00Z";
  std::string period = "Tuesday,Thursday";
  int log = 0;
  // Errors ModifyBackupPolicy answers before it succeeds: {HTTP status, code}.
  std::vector<std::pair<int, std::string>> modify_errors;
  // DescribeBackupPolicy errors, likewise.
  std::vector<std::pair<int, std::string>> describe_errors;
  // Statuses DescribeInstanceAttribute reports after each change, then "Normal".
  std::vector<std::string> after_change = {"Changing"};
  std::vector<std::string> statuses;
  std::vector<std::string> actions;

  static clients::http::HttpResponse Json(int status, std::string body) {
    return clients::http::HttpResponse{status, {}, std::move(body)};
  }
  static clients::http::HttpResponse Error(const std::pair<int, std::string>& e) {
    return Json(e.first, R"({"Code":")" + e.second + R"(","Message":"scripted","RequestId":"E"})");
  }

  clients::http::HttpResponse Answer(const clients::http::HttpRequest& r) {
    const std::string action(clients::http::FindHeader(r.headers, "x-acs-action"));
    actions.push_back(action);
    auto q = clients::http::ParseQuery(clients::http::ParseUrl(r.url)->query);
    auto param = [&](const std::string& name) {
      for (const auto& [k, v] : *q) {
        if (k == name) return v;
      }
      return std::string();
    };
    if (!exists) return Error({404, "InvalidInstanceId.NotFound"});
    if (action == "DescribeBackupPolicy") {
      if (!describe_errors.empty()) {
        auto e = describe_errors.front();
        describe_errors.erase(describe_errors.begin());
        return Error(e);
      }
      return Json(200, R"({"RequestId":"D","PreferredBackupTime":")" + time +
                           R"(","PreferredBackupPeriod":")" + period +
                           R"(","BackupRetentionPeriod":"7","EnableBackupLog":)" +
                           std::to_string(log) +
                           R"(,"PreferredNextBackupTime":"2026-12-03T01:00Z"})");
    }
    if (action == "ModifyBackupPolicy") {
      if (!modify_errors.empty()) {
        auto e = modify_errors.front();
        modify_errors.erase(modify_errors.begin());
        return Error(e);
      }
      time = param("PreferredBackupTime");
      period = param("PreferredBackupPeriod");
      if (!param("EnableBackupLog").empty()) log = std::stoi(param("EnableBackupLog"));
      statuses = after_change;
      return Json(200, R"({"RequestId":"M"})");
    }
    if (action == "DescribeInstanceAttribute") {
      std::string status = "Normal";
      if (!statuses.empty()) {
        status = statuses.front();
        statuses.erase(statuses.begin());
      }
      return Json(200, R"({"Instances":{"DBInstanceAttribute":[{"InstanceId":"r-1",)"
                       R"("InstanceStatus":")" +
                           status + R"("}]}})");
    }
    return Error({400, "UnexpectedAction." + action});
  }
  int Count(const std::string& action) const {
    return static_cast<int>(std::count(actions.begin(), actions.end(), action));
  }
};

}  // namespace polybackup::resources::kvstore

#endif  // POLYBACKUP_RESOURCES_KVSTORE_TESTING_FAKE_KVSTORE_H_
