// A fake AWS Backup for in-process resource tests and the bench: answers the
// calls the resources make from memory, instantly, through a
// ScriptedTransport (resources/common/scripted_cloud.h). Test use only.
#ifndef POLYBACKUP_RESOURCES_AWS_TESTING_FAKE_BACKUP_H_
#define POLYBACKUP_RESOURCES_AWS_TESTING_FAKE_BACKUP_H_

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "clients/http/scripted_transport.h"

namespace polybackup::resources::aws {

// One plan ("p-1"), its selections, vaults and tags, answering the calls the
// resources make.
struct FakeBackup {
  using json = nlohmann::json;
  using Tags = std::map<std::string, std::string>;

  std::optional<json> plan;  // the BackupPlan document
  int version = 0;
  bool plan_deleted = false;
  int referenced = 0;  // DeleteBackupPlan refusals left (selections)
  std::set<std::string> vaults;
  std::map<std::string, json> selections;  // by SelectionId: the BackupSelection
  int selections_created = 0;
  std::map<std::string, Tags> tags;  // by ARN
  // Errors the next calls of an operation answer: {HTTP status, type}.
  std::map<std::string, std::vector<std::pair<int, std::string>>> errors;
  std::vector<std::string> calls;

  static constexpr char kArn[] = "arn:aws:backup:us-east-1:123456789012:backup-plan:p-1";

  static clients::http::HttpResponse Json(int status, const json& body) {
    return {status, {}, body.dump()};
  }
  static clients::http::HttpResponse Error(int status, const std::string& type,
                                           const std::string& message) {
    return {status,
            {{"x-amzn-errortype", type + ":http://internal.amazon.com/coral/"}},
            json({{"__type", type}, {"Message", message}}).dump()};
  }

  // The operation a request names ("CreateBackupPlan", ...; "Unknown").
  static std::string Op(const clients::http::HttpRequest& r, const std::string& path);
  // Answers one request as AWS Backup would, recording its operation.
  clients::http::HttpResponse Answer(const clients::http::HttpRequest& r);
  clients::http::HttpResponse AnswerSelection(const std::string& op, const std::string& path,
                                              const json& body);
  int Count(const std::string& op) const {
    return static_cast<int>(std::count(calls.begin(), calls.end(), op));
  }
};

}  // namespace polybackup::resources::aws

#endif  // POLYBACKUP_RESOURCES_AWS_TESTING_FAKE_BACKUP_H_
