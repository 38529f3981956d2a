#include "clients/alicloud/dbs_client.h"

#include "base/logging.h"
#include "clients/core/cloud_error.h"
#include "clients/core/idempotency.h"
#include "clients/core/json_fields.h"
#include "clients/core/pagination.h"

namespace polybackup::clients::alicloud {
namespace {

constexpr char kProduct[] = "Dbs";
constexpr char kVersion[] = "2019-03-06";

// Adds `name=value` only when the value is set.
void Put(http::QueryParams& p, const char* name, const std::string& value) {
  if (!value.empty()) p.emplace_back(name, value);
}
template <typename T>
void Put(http::QueryParams& p, const char* name, const std::optional<T>& value) {
  if (value) p.emplace_back(name, std::to_string(*value));
}
void Put(http::QueryParams& p, const char* name, const std::optional<bool>& value) {
  if (value) p.emplace_back(name, *value ? "true" : "false");
}

void PutSource(http::QueryParams& p, const DbsSourceEndpoint& s) {
  // The password travels in the signed query string; the request log shows
  // URLs, so make sure no log line can ever carry it.
  log::RegisterSecret(s.password);
  Put(p, "SourceEndpointInstanceType", s.instance_type);
  Put(p, "SourceEndpointRegion", s.region);
  Put(p, "SourceEndpointInstanceID", s.instance_id);
  Put(p, "SourceEndpointIP", s.ip);
  Put(p, "SourceEndpointPort", s.port);
  Put(p, "SourceEndpointDatabaseName", s.database_name);
  Put(p, "SourceEndpointUserName", s.user_name);
  Put(p, "SourceEndpointPassword", s.password);
  Put(p, "SourceEndpointOracleSID", s.oracle_sid);
}

absl::Status NotFound(const std::string& id, const std::string& request_id) {
  CloudError e{.cloud = std::string(kCloudAlicloud),
               .code = "Param.NotFound",
               .message = "DescribeBackupPlanList does not list backup plan " + id,
               .request_id = request_id,
               .http_status = 200,
               .operation = "Dbs DescribeBackupPlanList"};
  return MakeCloudStatus(absl::StatusCode::kNotFound, e);
}

}  // namespace

DbsBackupPlan ParseDbsBackupPlan(const nlohmann::json& d) {
  DbsBackupPlan p;
  p.backup_plan_id = StringField(d, "BackupPlanId");
  p.backup_plan_name = StringField(d, "BackupPlanName");
  p.backup_plan_status = StringField(d, "BackupPlanStatus");
  p.database_type = StringField(d, "DatabaseType");
  p.instance_class = StringField(d, "InstanceClass");
  p.backup_method = StringField(d, "BackupMethod");
  p.source_endpoint_instance_type = StringField(d, "SourceEndpointInstanceType");
  p.source_endpoint_region = StringField(d, "SourceEndpointRegion");
  p.source_endpoint_instance_id = StringField(d, "SourceEndpointInstanceID");
  p.source_endpoint_ip_port = StringField(d, "SourceEndpointIpPort");
  p.source_endpoint_database_name = StringField(d, "SourceEndpointDatabaseName");
  p.source_endpoint_user_name = StringField(d, "SourceEndpointUserName");
  p.source_endpoint_oracle_sid = StringField(d, "SourceEndpointOracleSID");
  p.backup_objects = StringField(d, "BackupObjects");
  p.backup_period = StringField(d, "BackupPeriod");
  p.backup_start_time = StringField(d, "BackupStartTime");
  p.backup_retention_period = IntField(d, "BackupRetentionPeriod");
  p.duplication_infrequent_access_period = IntField(d, "DuplicationInfrequentAccessPeriod");
  p.duplication_archive_period = IntField(d, "DuplicationArchivePeriod");
  p.enable_backup_log = BoolField(d, "EnableBackupLog");
  p.backup_storage_type = StringField(d, "BackupStorageType");
  p.backup_strategy_type = StringField(d, "BackupStrategyType");
  p.oss_bucket_name = StringField(d, "OSSBucketName");
  p.oss_bucket_region = StringField(d, "OSSBucketRegion");
  p.resource_group_id = StringField(d, "ResourceGroupId");
  p.backup_gateway_id = IntField(d, "BackupGatewayId");
  if (p.backup_gateway_id == 0) p.backup_gateway_id.reset();  // 0 means "no gateway"
  p.cross_aliyun_id = StringField(d, "CrossAliyunId");
  p.cross_role_name = StringField(d, "CrossRoleName");
  p.create_time_ms = IntField(d, "BackupPlanCreateTime");
  p.err_message = StringField(d, "ErrMessage");
  return p;
}

DbsClient::DbsClient(AlicloudClientOptions options)
    : rpc_(options, kProduct, kVersion, DbsEndpoint(options.region)) {}

std::string DbsClient::Token() const { return NewIdempotencyToken(rpc_.random(), "tf-", 64); }

absl::StatusOr<CreateDbsBackupPlanResult> DbsClient::CreateBackupPlan(
    const CreateDbsBackupPlanRequest& r, const CallOptions& options) const {
  CreateDbsBackupPlanResult out;
  // Made once, here, outside the retry loop: every attempt carries it.
  out.client_token = r.client_token.empty() ? Token() : r.client_token;
  http::QueryParams p;
  Put(p, "Region", r.region.empty() ? rpc_.region() : r.region);
  Put(p, "InstanceClass", r.instance_class);
  Put(p, "DatabaseType", r.database_type);
  Put(p, "BackupMethod", r.backup_method);
  Put(p, "PayType", r.pay_type);
  Put(p, "Period", r.period);
  Put(p, "UsedTime", r.used_time);
  Put(p, "DatabaseRegion", r.database_region);
  Put(p, "StorageRegion", r.storage_region);
  Put(p, "InstanceType", r.instance_type);
  Put(p, "StorageType", r.storage_type);
  Put(p, "ResourceGroupId", r.resource_group_id);
  Put(p, "ClientToken", out.client_token);
  absl::StatusOr<nlohmann::json> body = rpc_.Call("CreateBackupPlan", std::move(p), options,
                                                  {.idempotency = Idempotency::kTokenized});
  if (!body.ok()) return body.status();
  out.backup_plan_id = StringField(*body, "BackupPlanId");
  out.order_id = StringField(*body, "OrderId");
  if (out.backup_plan_id.empty()) {
    return absl::InternalError("Dbs CreateBackupPlan: the answer has no BackupPlanId");
  }
  return out;
}

absl::Status DbsClient::ConfigureBackupPlan(const ConfigureDbsBackupPlanRequest& r,
                                            const CallOptions& options) const {
  http::QueryParams p;
  Put(p, "BackupPlanId", r.backup_plan_id);
  Put(p, "BackupPlanName", r.backup_plan_name);
  PutSource(p, r.source);
  Put(p, "BackupObjects", r.backup_objects);
  Put(p, "BackupPeriod", r.backup_period);
  Put(p, "BackupStartTime", r.backup_start_time);
  Put(p, "EnableBackupLog", r.enable_backup_log);
  Put(p, "BackupLogIntervalSeconds", r.backup_log_interval_seconds);
  Put(p, "BackupRetentionPeriod", r.backup_retention_period);
  Put(p, "DuplicationInfrequentAccessPeriod", r.duplication_infrequent_access_period);
  Put(p, "DuplicationArchivePeriod", r.duplication_archive_period);
  Put(p, "BackupStorageType", r.backup_storage_type);
  Put(p, "BackupStrategyType", r.backup_strategy_type);
  Put(p, "OSSBucketName", r.oss_bucket_name);
  Put(p, "BackupGatewayId", r.backup_gateway_id);
  Put(p, "CrossAliyunId", r.cross_aliyun_id);
  Put(p, "CrossRoleName", r.cross_role_name);
  Put(p, "BackupSpeedLimit", r.backup_speed_limit);
  Put(p, "BackupRateLimit", r.backup_rate_limit);
  Put(p, "AutoStartBackup", r.auto_start_backup);
  return rpc_.Call("ConfigureBackupPlan", std::move(p), options).status();
}

absl::Status DbsClient::StartBackupPlan(const std::string& id, const CallOptions& options,
                                        const std::string& client_token) const {
  return rpc_
      .Call("StartBackupPlan",
            {{"BackupPlanId", id}, {"ClientToken", client_token.empty() ? Token() : client_token}},
            options, {.idempotency = Idempotency::kTokenized})
      .status();
}

absl::Status DbsClient::StopBackupPlan(const std::string& id, const std::string& stop_method,
                                       const CallOptions& options,
                                       const std::string& client_token) const {
  return rpc_
      .Call("StopBackupPlan",
            {{"BackupPlanId", id},
             {"StopMethod", stop_method.empty() ? "ALL" : stop_method},
             {"ClientToken", client_token.empty() ? Token() : client_token}},
            options, {.idempotency = Idempotency::kTokenized})
      .status();
}

absl::StatusOr<DbsBackupPlanPage> DbsClient::DescribeBackupPlanList(
    const DescribeDbsBackupPlanListRequest& r, const CallOptions& options) const {
  http::QueryParams p;
  Put(p, "BackupPlanId", r.backup_plan_id);
  Put(p, "BackupPlanName", r.backup_plan_name);
  Put(p, "BackupPlanStatus", r.backup_plan_status);
  Put(p, "Region", r.region.empty() ? rpc_.region() : r.region);
  Put(p, "ResourceGroupId", r.resource_group_id);
  p.emplace_back("PageNum", std::to_string(r.page_num));
  p.emplace_back("PageSize", std::to_string(r.page_size));
  absl::StatusOr<nlohmann::json> body = rpc_.Call("DescribeBackupPlanList", std::move(p), options);
  if (!body.ok()) return body.status();
  DbsBackupPlanPage page;
  for (const nlohmann::json& item : WrappedList(*body, "Items", "BackupPlanDetail")) {
    page.items.push_back(ParseDbsBackupPlan(item));
  }
  page.page_num = IntField(*body, "PageNum").value_or(r.page_num);
  page.page_size = IntField(*body, "PageSize").value_or(r.page_size);
  page.total_elements = IntField(*body, "TotalElements").value_or(-1);
  page.total_pages = IntField(*body, "TotalPages").value_or(-1);
  return page;
}

absl::StatusOr<std::vector<DbsBackupPlan>> DbsClient::DescribeAllBackupPlans(
    DescribeDbsBackupPlanListRequest request, const CallOptions& options) const {
  const int first = request.page_num;
  std::function<absl::StatusOr<Page<DbsBackupPlan>>(const std::string&)> fetch =
      [&](const std::string& cursor) -> absl::StatusOr<Page<DbsBackupPlan>> {
    request.page_num = cursor.empty() ? first : std::stoi(cursor);
    absl::StatusOr<DbsBackupPlanPage> page = DescribeBackupPlanList(request, options);
    if (!page.ok()) return page.status();
    Page<DbsBackupPlan> out;
    out.next = NextAlibabaPage(request.page_num, request.page_size, page->items.size(),
                               page->total_elements, /*first_page=*/0);
    out.items = std::move(page->items);
    return out;
  };
  return PaginateAll<DbsBackupPlan>(fetch);
}

absl::StatusOr<DbsBackupPlan> DbsClient::DescribeBackupPlan(const std::string& id,
                                                            const CallOptions& options) const {
  absl::StatusOr<DbsBackupPlanPage> page =
      DescribeBackupPlanList({.backup_plan_id = id, .page_size = 10}, options);
  if (!page.ok()) {
    // The reference provider's not-found rule: DBS answers
    // InvalidParameterValid for an id it does not know.
    std::optional<CloudError> e = GetCloudError(page.status());
    if (e && e->code == "InvalidParameterValid") {
      return MakeCloudStatus(absl::StatusCode::kNotFound, *e);
    }
    return page.status();
  }
  for (DbsBackupPlan& plan : page->items) {
    if (plan.backup_plan_id == id) return std::move(plan);
  }
  return NotFound(id, "");
}

absl::Status DbsClient::ModifyBackupPlanName(const std::string& id, const std::string& name,
                                             const CallOptions& options) const {
  return rpc_
      .Call("ModifyBackupPlanName", {{"BackupPlanId", id}, {"BackupPlanName", name}}, options)
      .status();
}

absl::Status DbsClient::ModifyBackupStrategy(const ModifyDbsBackupStrategyRequest& r,
                                             const CallOptions& options) const {
  http::QueryParams p;
  Put(p, "BackupPlanId", r.backup_plan_id);
  Put(p, "BackupPeriod", r.backup_period);
  Put(p, "BackupStartTime", r.backup_start_time);
  Put(p, "BackupStrategyType", r.backup_strategy_type);
  Put(p, "BackupLogIntervalSeconds", r.backup_log_interval_seconds);
  return rpc_.Call("ModifyBackupStrategy", std::move(p), options).status();
}

absl::Status DbsClient::ModifyBackupSourceEndpoint(const ModifyDbsBackupSourceEndpointRequest& r,
                                                   const CallOptions& options) const {
  http::QueryParams p;
  Put(p, "BackupPlanId", r.backup_plan_id);
  PutSource(p, r.source);
  Put(p, "BackupObjects", r.backup_objects);
  Put(p, "BackupGatewayId", r.backup_gateway_id);
  return rpc_.Call("ModifyBackupSourceEndpoint", std::move(p), options).status();
}

absl::Status DbsClient::ModifyBackupObjects(const std::string& id, const std::string& objects,
                                            const CallOptions& options) const {
  return rpc_
      .Call("ModifyBackupObjects", {{"BackupPlanId", id}, {"BackupObjects", objects}}, options)
      .status();
}

absl::Status DbsClient::ModifyStorageStrategy(const ModifyDbsStorageStrategyRequest& r,
                                              const CallOptions& options) const {
  return rpc_
      .Call("ModifyStorageStrategy",
            {{"BackupPlanId", r.backup_plan_id},
             {"BackupRetentionPeriod", std::to_string(r.backup_retention_period)},
             {"DuplicationInfrequentAccessPeriod",
              std::to_string(r.duplication_infrequent_access_period)},
             {"DuplicationArchivePeriod", std::to_string(r.duplication_archive_period)}},
            options)
      .status();
}

absl::Status DbsClient::SetBackupLog(const std::string& id, bool enabled,
                                     const CallOptions& options) const {
  return rpc_
      .Call(enabled ? "EnableBackupLog" : "DisableBackupLog", {{"BackupPlanId", id}}, options)
      .status();
}

absl::StatusOr<DbsBilling> DbsClient::DescribeBackupPlanBilling(const std::string& id,
                                                                const CallOptions& options) const {
  absl::StatusOr<nlohmann::json> body =
      rpc_.Call("DescribeBackupPlanBilling", {{"BackupPlanId", id}}, options);
  if (!body.ok()) return body.status();
  const nlohmann::json& item = Member(*body, "Item");
  DbsBilling out;
  out.buy_charge_type = StringField(item, "BuyChargeType");
  out.buy_spec = StringField(item, "BuySpec");
  out.buy_create_ms = IntField(item, "BuyCreateTimestamp");
  out.buy_expired_ms = IntField(item, "BuyExpiredTimestamp");
  out.is_expired = BoolField(item, "IsExpired");
  if (out.buy_charge_type.empty()) {
    return absl::InternalError(
        "Dbs DescribeBackupPlanBilling: the answer has no Item.BuyChargeType");
  }
  return out;
}

absl::Status DbsClient::ReleaseBackupPlan(const std::string& id, const CallOptions& options,
                                          const std::string& client_token) const {
  return rpc_
      .Call("ReleaseBackupPlan",
            {{"BackupPlanId", id}, {"ClientToken", client_token.empty() ? Token() : client_token}},
            options, {.idempotency = Idempotency::kTokenized})
      .status();
}

}  // namespace polybackup::clients::alicloud
