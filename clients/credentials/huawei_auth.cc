#include "clients/credentials/huawei_auth.h"

#include "clients/signing/huawei_aksk.h"

namespace polybackup::clients::credentials {

HuaweiAuthorizer::HuaweiAuthorizer(ResolvedHuawei resolved,
                                   std::shared_ptr<http::HttpTransport> transport, Clock& clock,
                                   RandomSource& random, RetryPolicy retry)
    : resolved_(std::move(resolved)), clock_(clock) {
  if (resolved_.mode == HuaweiAuthMode::kPassword) {
    KeystoneAuth auth{.auth_url = resolved_.auth_url,
                      .user_name = resolved_.user_name,
                      .password = resolved_.password,
                      .domain_name = resolved_.domain_name,
                      .project_id = resolved_.project_id,
                      .project_name = resolved_.project_name};
    keystone_ = std::make_unique<KeystoneTokenSource>(std::move(auth), std::move(transport), clock,
                                                      random, std::move(retry));
  }
}

absl::StatusOr<std::string> HuaweiAuthorizer::ProjectId(const CallOptions& options) {
  if (!resolved_.project_id.empty()) return resolved_.project_id;
  if (keystone_ == nullptr) {
    return absl::FailedPreconditionError(
        "Huawei Cloud AK/SK authentication needs a project id (project_id, HW_PROJECT_ID or "
        "OS_PROJECT_ID)");
  }
  absl::StatusOr<KeystoneToken> token = keystone_->Token(options);
  if (!token.ok()) return token.status();
  if (token->project_id.empty()) {
    return absl::FailedPreconditionError("the Keystone token is not scoped to a project");
  }
  return token->project_id;
}

absl::StatusOr<std::vector<CatalogEndpoint>> HuaweiAuthorizer::Catalog(const CallOptions& options) {
  if (keystone_ == nullptr) return std::vector<CatalogEndpoint>{};
  absl::StatusOr<KeystoneToken> token = keystone_->Token(options);
  if (!token.ok()) return token.status();
  return token->catalog;
}

absl::Status HuaweiAuthorizer::Authorize(http::HttpRequest& request, const CallOptions& options) {
  if (resolved_.mode == HuaweiAuthMode::kToken) {
    http::SetHeader(request.headers, "X-Auth-Token", resolved_.token);
    if (!resolved_.project_id.empty()) {
      http::SetHeader(request.headers, "X-Project-Id", resolved_.project_id);
    }
    return absl::OkStatus();
  }
  if (keystone_ != nullptr) {
    absl::StatusOr<KeystoneToken> token = keystone_->Token(options);
    if (!token.ok()) return token.status();
    std::string project = resolved_.project_id.empty() ? token->project_id : resolved_.project_id;
    http::SetHeader(request.headers, "X-Auth-Token", token->token);
    if (!project.empty()) http::SetHeader(request.headers, "X-Project-Id", project);
    return absl::OkStatus();
  }
  absl::StatusOr<std::string> project = ProjectId(options);
  if (!project.ok()) return project.status();
  // X-Project-Id is added before signing so it is covered by the signature.
  http::SetHeader(request.headers, "X-Project-Id", *project);
  return signing::SignHuaweiAkSk(request, resolved_.access_key, resolved_.secret_key, clock_.Now(),
                                 resolved_.security_token);
}

void HuaweiAuthorizer::OnUnauthorized() {
  if (keystone_ != nullptr) keystone_->Invalidate();
}

}  // namespace polybackup::clients::credentials
