#include "clients/aws/backup_client.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "clients/aws/backup_codec.h"
#include "clients/aws/backup_paging.h"
#include "clients/core/cloud_error.h"
#include "clients/core/error_mappers.h"
#include "clients/core/idempotency.h"
#include "clients/core/json_fields.h"
#include "clients/core/pagination.h"

namespace polybackup::clients::aws {
namespace {

using internal::All;
using internal::Label;
using internal::PageQuery;
using internal::ParsePage;
using nlohmann::json;

constexpr char kService[] = "backup";
// CreatorRequestId: 1-50 characters (botocore model); "pb-" + a UUID fits.
constexpr size_t kCreatorRequestIdMax = 50;

std::string NormalizeEndpoint(std::string_view endpoint) {
  std::string out(endpoint);
  while (!out.empty() && out.back() == '/') out.pop_back();
  if (!out.empty() && out.find("://") == std::string::npos) out = "https://" + out;
  return out;
}

absl::Status ValidatePlan(const BackupPlanDocument& plan) {
  if (plan.backup_plan_name.empty())
    return absl::InvalidArgumentError("a backup plan needs a name");
  if (plan.rules.empty())
    return absl::InvalidArgumentError("a backup plan needs at least one rule");
  return absl::OkStatus();
}

}  // namespace

std::string DefaultBackupEndpoint(std::string_view region) {
  // The China partition has its own DNS suffix (botocore endpoints.json).
  const std::string r(region);
  const char* suffix = r.rfind("cn-", 0) == 0 ? ".amazonaws.com.cn" : ".amazonaws.com";
  return "https://backup." + r + suffix;
}

BackupClient::BackupClient(AwsClientOptions options) : options_(std::move(options)) {
  if (options_.clock == nullptr) options_.clock = &SystemClock();
  if (options_.random == nullptr) options_.random = &SystemRandom();
  endpoint_ = NormalizeEndpoint(options_.endpoint.empty() ? DefaultBackupEndpoint(options_.region)
                                                          : options_.endpoint);
  loop_ = std::make_unique<RetryLoop>(options_.transport, *options_.clock, *options_.random,
                                      options_.retry, options_.backoff);
}

std::string BackupClient::NewCreatorRequestId() const {
  return NewIdempotencyToken(*options_.random, "pb-", kCreatorRequestIdMax);
}

absl::StatusOr<json> BackupClient::Call(std::string_view operation, std::string_view method,
                                        const std::string& path, const http::QueryParams& query,
                                        const json* body, Idempotency idempotency,
                                        const CallOptions& options) const {
  const std::string url = http::WithQuery(endpoint_ + path, query);
  const std::string payload = body == nullptr ? std::string() : body->dump();
  const std::string name = "Backup " + std::string(operation);
  HttpCall call;
  call.operation = name;
  call.idempotency = idempotency;
  call.map_error = MapAwsError;
  call.build = [&](int) -> absl::StatusOr<http::HttpRequest> {
    if (!options_.credentials)
      return absl::UnauthenticatedError("no AWS credentials are configured");
    absl::StatusOr<signing::AwsCredentials> creds = options_.credentials();
    if (!creds.ok()) return creds.status();
    http::HttpRequest request{.method = std::string(method), .url = url, .body = payload};
    if (body != nullptr) request.headers.emplace_back("content-type", "application/json");
    // Signed per attempt: x-amz-date must be within 15 minutes of AWS's clock.
    absl::Status s =
        signing::SignAwsSigV4(request, *creds, options_.region, kService, options_.clock->Now());
    if (!s.ok()) return s;
    return request;
  };
  absl::StatusOr<http::HttpResponse> answer = loop_->Run(call, options);
  if (!answer.ok()) return answer.status();
  if (answer->body.empty()) return json::object();  // DeleteBackupVault, TagResource: no body
  json parsed = json::parse(answer->body, nullptr, false);
  if (!parsed.is_object()) {
    return absl::InternalError(
        absl::StrCat(name, ": the answer is not valid JSON (truncated or not from the API?); HTTP ",
                     answer->status, ", ", answer->body.size(),
                     " bytes, starting: ", BodySnippet(answer->body)));
  }
  return parsed;
}

absl::StatusOr<BackupPlanRef> BackupClient::CreateBackupPlan(const CreateBackupPlanRequest& request,
                                                             const CallOptions& options) const {
  if (absl::Status s = ValidatePlan(request.plan); !s.ok()) return s;
  json body = {{"BackupPlan", BackupPlanDocumentToJson(request.plan)}};
  if (!request.tags.empty()) body["BackupPlanTags"] = request.tags;
  // Made once, outside the retry loop: every attempt carries the same token,
  // so AWS answers a retried create with the plan the first attempt made.
  body["CreatorRequestId"] =
      request.creator_request_id.empty() ? NewCreatorRequestId() : request.creator_request_id;
  absl::StatusOr<json> j = Call("CreateBackupPlan", "PUT", "/backup/plans/", {}, &body,
                                Idempotency::kTokenized, options);
  if (!j.ok()) return j.status();
  return ParseBackupPlanRef(*j);
}

absl::StatusOr<BackupPlan> BackupClient::GetBackupPlan(const std::string& plan_id,
                                                       const std::string& version_id,
                                                       const CallOptions& options) const {
  http::QueryParams q;
  if (!version_id.empty()) q.emplace_back("versionId", version_id);
  absl::StatusOr<json> j = Call("GetBackupPlan", "GET", "/backup/plans/" + Label(plan_id) + "/", q,
                                nullptr, Idempotency::kIdempotent, options);
  if (!j.ok()) return j.status();
  return ParseBackupPlan(*j);
}

absl::StatusOr<BackupPlanRef> BackupClient::UpdateBackupPlan(const std::string& plan_id,
                                                             const BackupPlanDocument& plan,
                                                             const CallOptions& options) const {
  if (absl::Status s = ValidatePlan(plan); !s.ok()) return s;
  json body = {{"BackupPlan", BackupPlanDocumentToJson(plan)}};
  // Sending the same document twice only adds a version with equal content.
  absl::StatusOr<json> j = Call("UpdateBackupPlan", "POST", "/backup/plans/" + Label(plan_id), {},
                                &body, Idempotency::kIdempotent, options);
  if (!j.ok()) return j.status();
  return ParseBackupPlanRef(*j);
}

absl::StatusOr<BackupPlanRef> BackupClient::DeleteBackupPlan(const std::string& plan_id,
                                                             const CallOptions& options) const {
  absl::StatusOr<json> j = Call("DeleteBackupPlan", "DELETE", "/backup/plans/" + Label(plan_id), {},
                                nullptr, Idempotency::kIdempotent, options);
  if (!j.ok()) return j.status();
  return ParseBackupPlanRef(*j);
}

absl::StatusOr<AwsPage<BackupPlanSummary>> BackupClient::ListBackupPlans(
    const std::string& next_token, int max_results, bool include_deleted,
    const CallOptions& options) const {
  http::QueryParams q = PageQuery(next_token, max_results);
  if (include_deleted) q.emplace_back("includeDeleted", "true");
  absl::StatusOr<json> j = Call("ListBackupPlans", "GET", "/backup/plans/", q, nullptr,
                                Idempotency::kIdempotent, options);
  if (!j.ok()) return j.status();
  return ParsePage<BackupPlanSummary>(*j, "BackupPlansList", ParseBackupPlanSummary);
}

absl::StatusOr<std::vector<BackupPlanSummary>> BackupClient::ListAllBackupPlans(
    bool include_deleted, const CallOptions& options) const {
  return All<BackupPlanSummary>([&](const std::string& token) {
    return ListBackupPlans(token, 0, include_deleted, options);
  });
}

absl::StatusOr<AwsPage<BackupPlanSummary>> BackupClient::ListBackupPlanVersions(
    const std::string& plan_id, const std::string& next_token, int max_results,
    const CallOptions& options) const {
  absl::StatusOr<json> j =
      Call("ListBackupPlanVersions", "GET", "/backup/plans/" + Label(plan_id) + "/versions/",
           PageQuery(next_token, max_results), nullptr, Idempotency::kIdempotent, options);
  if (!j.ok()) return j.status();
  return ParsePage<BackupPlanSummary>(*j, "BackupPlanVersionsList", ParseBackupPlanSummary);
}

absl::StatusOr<std::vector<BackupPlanSummary>> BackupClient::ListAllBackupPlanVersions(
    const std::string& plan_id, const CallOptions& options) const {
  return All<BackupPlanSummary>(
      [&](const std::string& token) { return ListBackupPlanVersions(plan_id, token, 0, options); });
}

}  // namespace polybackup::clients::aws
