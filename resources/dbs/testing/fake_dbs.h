// A fake DBS for in-process resource tests and the bench: answers the
// calls the resources make from memory, instantly, through a
// ScriptedTransport (resources/common/scripted_cloud.h). Test use only.
#ifndef POLYBACKUP_RESOURCES_DBS_TESTING_FAKE_DBS_H_
#define POLYBACKUP_RESOURCES_DBS_TESTING_FAKE_DBS_H_

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "clients/http/scripted_transport.h"
#include "clients/http/url.h"

namespace polybackup::resources::dbs {

// DBS for the calls the resource makes, with plans held as the API's JSON.
struct FakeDbs {
  using json = nlohmann::json;

  std::map<std::string, json> plans;
  std::map<std::string, std::string> pay;        // plan → BuyChargeType
  int too_soon = 2;                              // BackupPlanNotCreate answers per plan
  std::map<std::string, std::string> fail_once;  // action → ErrCode
  std::vector<std::string> actions;
  std::map<std::string, std::map<std::string, std::string>> last;  // action → params
  int created = 0;

  static clients::http::HttpResponse Ok(json body) {
    body["Success"] = true;
    body["HttpStatusCode"] = 200;
    return {200, {}, body.dump()};
  }
  static clients::http::HttpResponse Err(const std::string& code, int status = 400) {
    return {200,
            {},
            json{{"Success", false},
                 {"ErrCode", code},
                 {"HttpStatusCode", status},
                 {"ErrMessage", "scripted " + code},
                 {"RequestId", "R"}}
                .dump()};
  }

  clients::http::HttpResponse Answer(const clients::http::HttpRequest& r) {
    const std::string action(clients::http::FindHeader(r.headers, "x-acs-action"));
    actions.push_back(action);
    std::map<std::string, std::string> p;
    const auto url = clients::http::ParseUrl(r.url);
    const auto query = clients::http::ParseQuery(url->query);
    for (const auto& [k, v] : *query) p[k] = v;
    last[action] = p;
    if (auto it = fail_once.find(action); it != fail_once.end()) {
      std::string code = it->second;
      fail_once.erase(it);
      return Err(code);
    }
    const std::string id = p["BackupPlanId"];
    if (action == "CreateBackupPlan") {
      const std::string made = "dbs" + std::to_string(++created);
      plans[made] = {{"BackupPlanId", made},
                     {"BackupPlanName", made},
                     {"BackupPlanStatus", "wait"},
                     {"DatabaseType", p["DatabaseType"]},
                     {"InstanceClass", p["InstanceClass"]},
                     {"BackupMethod", p["BackupMethod"]},
                     {"BackupRetentionPeriod", 730},
                     {"DuplicationInfrequentAccessPeriod", 180},
                     {"DuplicationArchivePeriod", 365},
                     {"EnableBackupLog", false},
                     {"ResourceGroupId", "rg-default"},
                     {"BackupGatewayId", 0}};
      pay[made] = p["PayType"] == "postpay" ? "POSTPAY" : "PREPAY";
      return Ok({{"BackupPlanId", made}, {"OrderId", "1"}});
    }
    if (action == "DescribeBackupPlanList") {
      json items = json::array();
      if (plans.count(id)) items.push_back(plans[id]);
      return Ok({{"Items", {{"BackupPlanDetail", items}}}, {"TotalElements", items.size()}});
    }
    if (!plans.count(id)) {
      return Err(action == "DescribeBackupPlanBilling" ? "InvalidJobId" : "Param.NotFound", 404);
    }
    json& plan = plans[id];
    if (action == "DescribeBackupPlanBilling") return Ok({{"Item", {{"BuyChargeType", pay[id]}}}});
    if (action == "ConfigureBackupPlan") {
      if (too_soon > 0) {
        --too_soon;
        return Err("BackupPlanNotCreate");
      }
      plan["BackupPlanName"] = p["BackupPlanName"];
      Source(plan, p);
      plan["BackupObjects"] = p["BackupObjects"];
      plan["BackupPeriod"] = absl::AsciiStrToUpper(p["BackupPeriod"]);
      plan["BackupStartTime"] = p["BackupStartTime"];
      if (p.count("BackupRetentionPeriod")) {
        plan["BackupRetentionPeriod"] = std::stoi(p["BackupRetentionPeriod"]);
      }
      plan["BackupStorageType"] = p["BackupStorageType"];
      plan["OSSBucketName"] = "dbs-bucket";
      plan["BackupPlanStatus"] = "check_pass";
      return Ok({{"BackupPlanId", id}});
    }
    if (action == "StartBackupPlan") plan["BackupPlanStatus"] = "running";
    if (action == "StopBackupPlan") plan["BackupPlanStatus"] = "pause";
    if (action == "ModifyBackupPlanName") plan["BackupPlanName"] = p["BackupPlanName"];
    if (action == "ModifyBackupStrategy") {
      plan["BackupPeriod"] = absl::AsciiStrToUpper(p["BackupPeriod"]);
      plan["BackupStartTime"] = p["BackupStartTime"];
    }
    if (action == "ModifyBackupSourceEndpoint") {
      Source(plan, p);
      plan["BackupPlanStatus"] = "check_pass";
    }
    if (action == "ReleaseBackupPlan") plans.erase(id);
    return Ok({{"BackupPlanId", id}});
  }
  static void Source(json& plan, std::map<std::string, std::string>& p) {
    plan["SourceEndpointInstanceType"] = absl::AsciiStrToLower(p["SourceEndpointInstanceType"]);
    plan["SourceEndpointRegion"] = p["SourceEndpointRegion"];
    plan["SourceEndpointInstanceID"] = p["SourceEndpointInstanceID"];
    plan["SourceEndpointUserName"] = p["SourceEndpointUserName"];
  }
  int Count(const std::string& action) const {
    return static_cast<int>(std::count(actions.begin(), actions.end(), action));
  }
};

}  // namespace polybackup::resources::dbs

#endif  // POLYBACKUP_RESOURCES_DBS_TESTING_FAKE_DBS_H_
