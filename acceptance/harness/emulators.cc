#include "acceptance/harness/emulators.h"

#include <curl/curl.h>

#include <cstdlib>
#include <mutex>
#include <stdexcept>

namespace polybackup::acceptance {
namespace {

size_t Collect(char* data, size_t size, size_t n, void* user) {
  static_cast<std::string*>(user)->append(data, size * n);
  return size * n;
}

}  // namespace

HttpResult HttpJson(const std::string& method, const std::string& url, const std::string& body) {
  HttpResult result;
  CURL* curl = curl_easy_init();
  struct curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  if (method != "GET" && method != "DELETE") {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  }
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &result.body);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt(curl, CURLOPT_NOPROXY, "*");
  CURLcode rc = curl_easy_perform(curl);
  if (rc != CURLE_OK) result.error = curl_easy_strerror(rc);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &result.status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  return result;
}

Emulators* Emulators::Shared(std::string* error) {
  static std::mutex mu;
  static Emulators* instance = nullptr;
  static std::string failure;
  std::lock_guard<std::mutex> lock(mu);
  if (instance != nullptr) return instance;
  if (!failure.empty()) {
    *error = failure;
    return nullptr;
  }
  const char* src = std::getenv("POLYBACKUP_SOURCE_DIR");
  std::string run = std::string(src ? src : ".") + "/acceptance/emulators/run";
  auto e = std::unique_ptr<Emulators>(new Emulators());
  ProcessOptions opts;
  e->process_ = std::make_unique<BackgroundProcess>(
      std::vector<std::string>{"node", run, "--exit-on-stdin-close"}, opts);
  std::string line = e->process_->started() ? e->process_->ReadLine(std::chrono::seconds(30)) : "";
  auto urls = nlohmann::json::parse(line, nullptr, false);
  if (line.empty() || urls.is_discarded() || !urls.contains("control")) {
    failure = "the emulators did not start (" + run + "); first line: '" + line + "'";
    *error = failure;
    return nullptr;
  }
  e->urls_ = urls;
  instance = e.release();  // lives until exit; its destructor would race static teardown
  return instance;
}

std::string Emulators::Url(const std::string& service) const {
  return urls_.value(service, std::string());
}

void Emulators::Reset() { Control("POST", "/reset"); }

nlohmann::json Emulators::Control(const std::string& method, const std::string& path,
                                  const nlohmann::json& body) {
  HttpResult r = HttpJson(method, Url("control") + path, body.dump());
  if (!r.error.empty() || r.status < 200 || r.status >= 300) {
    throw std::runtime_error("emulator control " + method + " " + path +
                             " failed: " + std::to_string(r.status) + " " + r.error + " " + r.body);
  }
  if (r.body.empty()) return nlohmann::json::object();
  auto j = nlohmann::json::parse(r.body, nullptr, false);
  return j.is_discarded() ? nlohmann::json(r.body) : j;
}

nlohmann::json Emulators::ServiceOp(const std::string& service, const std::string& op,
                                    const nlohmann::json& body) {
  return Control("POST", "/services/" + service + "/" + op, body);
}

std::map<std::string, std::string> Emulators::ProviderEnv() const {
  return {
      {"AWS_ACCESS_KEY_ID", kTestAccessKey},
      {"AWS_SECRET_ACCESS_KEY", kTestSecretKey},
      {"AWS_REGION", "us-east-1"},
      {"ALIBABA_CLOUD_ACCESS_KEY_ID", kTestAccessKey},
      {"ALIBABA_CLOUD_ACCESS_KEY_SECRET", kTestSecretKey},
      {"ALIBABA_CLOUD_REGION_ID", "cn-hangzhou"},
      {"HW_ACCESS_KEY", kTestAccessKey},
      {"HW_SECRET_KEY", kTestSecretKey},
      {"HW_REGION_NAME", "eu-de"},
      {"HW_PROJECT_ID", "0a1b2c3d4e5f40718293a4b5c6d7e8f9"},
  };
}

}  // namespace polybackup::acceptance
