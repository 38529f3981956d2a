#include "clients/credentials/keystone_token.h"

#include <ctime>
#include <nlohmann/json.hpp>

#include "base/logging.h"
#include "clients/core/error_mappers.h"

namespace polybackup::clients::credentials {
namespace {

nlohmann::json RequestBody(const KeystoneAuth& a) {
  nlohmann::json user = {
      {"name", a.user_name}, {"password", a.password}, {"domain", {{"name", a.domain_name}}}};
  nlohmann::json body = {
      {"auth", {{"identity", {{"methods", {"password"}}, {"password", {{"user", user}}}}}}}};
  if (!a.project_id.empty()) {
    body["auth"]["scope"] = {{"project", {{"id", a.project_id}}}};
  } else if (!a.project_name.empty()) {
    body["auth"]["scope"] = {
        {"project", {{"name", a.project_name}, {"domain", {{"name", a.domain_name}}}}}};
  } else {
    body["auth"]["scope"] = {{"domain", {{"name", a.domain_name}}}};
  }
  return body;
}

std::string Str(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return (it != j.end() && it->is_string()) ? it->get<std::string>() : "";
}

// The token of an answer of POST or GET /v3/auth/tokens: X-Subject-Token and
// the body's token.{expires_at, project, catalog}.
absl::StatusOr<KeystoneToken> ParseKeystoneAnswer(const http::HttpResponse& answer,
                                                  const std::string& operation) {
  KeystoneToken out;
  out.token = answer.Header("x-subject-token");
  if (out.token.empty()) {
    return absl::InternalError(operation + ": the answer has no X-Subject-Token header");
  }
  log::RegisterSecret(out.token);
  nlohmann::json j = nlohmann::json::parse(answer.body, nullptr, false);
  const nlohmann::json* token = nullptr;
  if (j.is_object() && j.contains("token") && j["token"].is_object()) token = &j["token"];
  std::optional<std::chrono::system_clock::time_point> expires =
      token ? ParseKeystoneTime(Str(*token, "expires_at")) : std::nullopt;
  if (!expires) {
    return absl::InternalError(operation +
                               ": the answer has no readable token.expires_at (truncated body?)");
  }
  out.expires_at = *expires;
  if (auto p = token->find("project"); p != token->end() && p->is_object()) {
    out.project_id = Str(*p, "id");
  }
  if (auto c = token->find("catalog"); c != token->end() && c->is_array()) {
    for (const nlohmann::json& service : *c) {
      if (!service.is_object()) continue;
      auto eps = service.find("endpoints");
      if (eps == service.end() || !eps->is_array()) continue;
      for (const nlohmann::json& ep : *eps) {
        if (!ep.is_object()) continue;
        out.catalog.push_back({Str(service, "type"), Str(ep, "interface"),
                               Str(ep, "region").empty() ? Str(ep, "region_id") : Str(ep, "region"),
                               Str(ep, "url")});
      }
    }
  }
  return out;
}

// Sends `request` (the same on every attempt: nothing in it is signed) and
// reads the token from the answer.
absl::StatusOr<KeystoneToken> TokenCall(const RetryLoop& loop, const std::string& operation,
                                        http::HttpRequest request, const CallOptions& options) {
  HttpCall call;
  call.operation = operation;
  call.map_error = MapHuaweiError;
  call.build = [&](int) -> absl::StatusOr<http::HttpRequest> { return request; };
  absl::StatusOr<http::HttpResponse> answer = loop.Run(call, options);
  if (!answer.ok()) return answer.status();
  return ParseKeystoneAnswer(*answer, operation);
}

}  // namespace

std::optional<std::chrono::system_clock::time_point> ParseKeystoneTime(std::string_view text) {
  std::tm tm{};
  int consumed = 0;
  std::string s(text);
  if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &consumed) != 6 ||
      consumed != 19) {
    return std::nullopt;
  }
  std::string_view rest = text.substr(19);
  if (!rest.empty() && rest.front() == '.') {
    size_t i = 1;
    while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9') ++i;
    rest.remove_prefix(i);
  }
  if (rest != "Z" && rest != "+00:00" && rest != "") return std::nullopt;
  if (tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31) return std::nullopt;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  std::time_t t = timegm(&tm);
  if (t == static_cast<std::time_t>(-1)) return std::nullopt;
  return std::chrono::system_clock::from_time_t(t);
}

KeystoneTokenSource::KeystoneTokenSource(KeystoneAuth auth,
                                         std::shared_ptr<http::HttpTransport> transport,
                                         Clock& clock, RandomSource& random, RetryPolicy retry,
                                         BackoffPolicy backoff, std::chrono::seconds renew_margin)
    : auth_(std::move(auth)),
      clock_(clock),
      loop_(std::move(transport), clock, random, std::move(retry), backoff),
      renew_margin_(renew_margin) {
  while (!auth_.auth_url.empty() && auth_.auth_url.back() == '/') auth_.auth_url.pop_back();
  log::RegisterSecret(auth_.password);
}

absl::StatusOr<KeystoneToken> KeystoneTokenSource::Token(const CallOptions& options) {
  std::lock_guard<std::mutex> lock(mu_);
  if (cached_ && clock_.Now() + renew_margin_ < cached_->expires_at) return *cached_;
  absl::StatusOr<KeystoneToken> fresh = Fetch(options);
  if (!fresh.ok()) return fresh.status();
  cached_ = *fresh;
  return fresh;
}

void KeystoneTokenSource::Invalidate() {
  std::lock_guard<std::mutex> lock(mu_);
  cached_.reset();
}

absl::StatusOr<KeystoneToken> KeystoneTokenSource::Fetch(const CallOptions& options) {
  if (auth_.auth_url.empty()) return absl::InvalidArgumentError("Keystone auth_url is empty");
  http::HttpRequest r{.method = "POST",
                      .url = auth_.auth_url + "/auth/tokens",
                      .headers = {{"Content-Type", "application/json;charset=utf8"},
                                  {"Accept", "application/json"}},
                      .body = RequestBody(auth_).dump()};
  return TokenCall(loop_, "IAM CreateToken (password)", std::move(r), options);
}

absl::StatusOr<KeystoneToken> InspectKeystoneToken(const std::string& auth_url,
                                                   const std::string& token, const RetryLoop& loop,
                                                   const CallOptions& options) {
  std::string base = auth_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  if (base.empty()) return absl::InvalidArgumentError("Keystone auth_url is empty");
  log::RegisterSecret(token);
  http::HttpRequest r{
      .method = "GET",
      .url = base + "/auth/tokens?nocatalog=true",
      .headers = {
          {"X-Auth-Token", token}, {"X-Subject-Token", token}, {"Accept", "application/json"}}};
  return TokenCall(loop, "IAM ValidateToken", std::move(r), options);
}

}  // namespace polybackup::clients::credentials
