#include "clients/alicloud/kvstore_client.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "clients/core/cloud_error.h"
#include "clients/core/json_fields.h"
#include "clients/core/pagination.h"
#include "clients/core/poll.h"

namespace polybackup::clients::alicloud {
namespace {

constexpr char kProduct[] = "R-kvstore";
constexpr char kVersion[] = "2015-01-01";

KvstoreInstance ParseInstance(const nlohmann::json& j) {
  KvstoreInstance out;
  out.instance_id = StringField(j, "InstanceId");
  out.instance_name = StringField(j, "InstanceName");
  out.region_id = StringField(j, "RegionId");
  out.zone_id = StringField(j, "ZoneId");
  out.instance_status = StringField(j, "InstanceStatus");
  out.instance_type = StringField(j, "InstanceType");
  out.engine_version = StringField(j, "EngineVersion");
  out.instance_class = StringField(j, "InstanceClass");
  out.capacity = IntField(j, "Capacity");
  out.network_type = StringField(j, "NetworkType");
  out.vpc_id = StringField(j, "VpcId");
  out.charge_type = StringField(j, "ChargeType");
  return out;
}

}  // namespace

std::string DocumentedBackupWindow(std::string_view window) {
  if (window == "23:00Z-00:00Z") return "23:00Z-24:00Z";
  return std::string(window);
}

std::vector<std::string> SplitWeekdays(std::string_view joined) {
  std::vector<std::string> out;
  for (absl::string_view part :
       absl::StrSplit(absl::string_view(joined.data(), joined.size()), ',')) {
    absl::string_view day = absl::StripAsciiWhitespace(part);
    if (!day.empty()) out.emplace_back(day);
  }
  return out;
}

std::string JoinWeekdays(const std::vector<std::string>& days) { return absl::StrJoin(days, ","); }

KvstoreClient::KvstoreClient(AlicloudClientOptions options)
    : rpc_(std::move(options), kProduct, kVersion, std::string(kKvstoreEndpoint)) {}

absl::StatusOr<KvstoreBackupPolicy> KvstoreClient::DescribeBackupPolicy(
    const std::string& instance_id, const CallOptions& options) const {
  absl::StatusOr<nlohmann::json> body =
      rpc_.Call("DescribeBackupPolicy", {{"InstanceId", instance_id}}, options);
  if (!body.ok()) return body.status();
  KvstoreBackupPolicy out;
  out.preferred_backup_time = StringField(*body, "PreferredBackupTime");
  out.preferred_backup_period = SplitWeekdays(StringField(*body, "PreferredBackupPeriod"));
  out.backup_retention_period = IntField(*body, "BackupRetentionPeriod");
  out.enable_backup_log = BoolField(*body, "EnableBackupLog");
  out.preferred_next_backup_time = StringField(*body, "PreferredNextBackupTime");
  out.request_id = StringField(*body, "RequestId");
  return out;
}

absl::Status KvstoreClient::ModifyBackupPolicy(const ModifyKvstoreBackupPolicyRequest& request,
                                               const CallOptions& options) const {
  if (request.instance_id.empty()) return absl::InvalidArgumentError("instance_id is empty");
  if (request.preferred_backup_time.empty() || request.preferred_backup_period.empty()) {
    // The API documents both as required; sending an empty period is the
    // reference provider's latent bug (reference-providers.md §1).
    return absl::InvalidArgumentError(
        "R-kvstore ModifyBackupPolicy needs both a backup time and at least one backup day");
  }
  http::QueryParams params = {
      {"InstanceId", request.instance_id},
      {"PreferredBackupTime", DocumentedBackupWindow(request.preferred_backup_time)},
      {"PreferredBackupPeriod", JoinWeekdays(request.preferred_backup_period)}};
  if (request.backup_retention_period) {
    params.emplace_back("BackupRetentionPeriod", std::to_string(*request.backup_retention_period));
  }
  if (request.enable_backup_log) {
    params.emplace_back("EnableBackupLog", *request.enable_backup_log ? "1" : "0");
  }
  return rpc_.Call("ModifyBackupPolicy", std::move(params), options).status();
}

absl::StatusOr<KvstoreInstance> KvstoreClient::DescribeInstanceAttribute(
    const std::string& instance_id, const CallOptions& options) const {
  absl::StatusOr<nlohmann::json> body =
      rpc_.Call("DescribeInstanceAttribute", {{"InstanceId", instance_id}}, options);
  if (!body.ok()) return body.status();
  const nlohmann::json& list = WrappedList(*body, "Instances", "DBInstanceAttribute");
  for (const nlohmann::json& item : list) {
    KvstoreInstance instance = ParseInstance(item);
    if (instance.instance_id == instance_id || list.size() == 1) return instance;
  }
  // An empty list for an unknown id: treat exactly like the API's own
  // InvalidInstanceId.NotFound so callers have one rule.
  CloudError e{.cloud = std::string(kCloudAlicloud),
               .code = "InvalidInstanceId.NotFound",
               .message = "DescribeInstanceAttribute returned no instance " + instance_id,
               .request_id = StringField(*body, "RequestId"),
               .http_status = 200,
               .operation = "R-kvstore DescribeInstanceAttribute"};
  return MakeCloudStatus(absl::StatusCode::kNotFound, e);
}

absl::StatusOr<KvstoreInstancePage> KvstoreClient::DescribeInstances(
    const DescribeKvstoreInstancesRequest& request, const CallOptions& options) const {
  http::QueryParams params = {{"PageNumber", std::to_string(request.page_number)},
                              {"PageSize", std::to_string(request.page_size)}};
  if (!request.instance_ids.empty()) {
    params.emplace_back("InstanceIds", absl::StrJoin(request.instance_ids, ","));
  }
  if (!request.instance_status.empty())
    params.emplace_back("InstanceStatus", request.instance_status);
  if (!request.instance_type.empty()) params.emplace_back("InstanceType", request.instance_type);
  if (!request.search_key.empty()) params.emplace_back("SearchKey", request.search_key);
  absl::StatusOr<nlohmann::json> body = rpc_.Call("DescribeInstances", std::move(params), options);
  if (!body.ok()) return body.status();
  KvstoreInstancePage page;
  for (const nlohmann::json& item : WrappedList(*body, "Instances", "KVStoreInstance")) {
    page.instances.push_back(ParseInstance(item));
  }
  page.page_number = IntField(*body, "PageNumber").value_or(request.page_number);
  page.page_size = IntField(*body, "PageSize").value_or(request.page_size);
  page.total_count = IntField(*body, "TotalCount").value_or(-1);
  return page;
}

absl::StatusOr<std::vector<KvstoreInstance>> KvstoreClient::DescribeAllInstances(
    DescribeKvstoreInstancesRequest request, const CallOptions& options) const {
  const int first = request.page_number;
  std::function<absl::StatusOr<Page<KvstoreInstance>>(const std::string&)> fetch =
      [&](const std::string& cursor) -> absl::StatusOr<Page<KvstoreInstance>> {
    request.page_number = cursor.empty() ? first : std::stoi(cursor);
    absl::StatusOr<KvstoreInstancePage> page = DescribeInstances(request, options);
    if (!page.ok()) return page.status();
    Page<KvstoreInstance> out;
    out.next = NextAlibabaPage(request.page_number, request.page_size, page->instances.size(),
                               page->total_count);
    out.items = std::move(page->instances);
    return out;
  };
  return PaginateAll<KvstoreInstance>(fetch);
}

absl::Status KvstoreClient::WaitForInstanceStatus(const std::string& instance_id,
                                                  const std::string& status,
                                                  std::chrono::milliseconds interval,
                                                  const CallOptions& options) const {
  const PollOptions poll =
      PollOptionsFor(interval, options, "R-kvstore instance " + instance_id + " to be " + status);
  return PollUntil(rpc_.clock(), poll, [&](std::string* progress) -> absl::StatusOr<bool> {
    absl::StatusOr<KvstoreInstance> instance = DescribeInstanceAttribute(instance_id, options);
    if (!instance.ok()) return instance.status();
    *progress = instance->instance_status;
    return instance->instance_status == status;
  });
}

}  // namespace polybackup::clients::alicloud
