#include "clients/credentials/environment.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

namespace polybackup::clients::credentials {
namespace {

class ProcessEnv : public Environment {
 public:
  std::optional<std::string> Get(std::string_view name) const override {
    const char* v = std::getenv(std::string(name).c_str());
    if (v == nullptr) return std::nullopt;
    return std::string(v);
  }
  absl::StatusOr<std::string> ReadFile(const std::string& path) const override {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      int err = errno;
      if (err == ENOENT || err == ENOTDIR) return absl::NotFoundError("no file " + path);
      return absl::PermissionDeniedError("cannot read " + path + ": " + std::strerror(err));
    }
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
  }
};

}  // namespace

std::optional<std::string> Environment::GetNonEmpty(std::string_view name) const {
  std::optional<std::string> v = Get(name);
  if (!v || v->empty()) return std::nullopt;
  return v;
}

std::string Environment::FirstOf(std::initializer_list<std::string_view> names) const {
  for (std::string_view name : names) {
    if (std::optional<std::string> v = GetNonEmpty(name)) return *v;
  }
  return "";
}

std::string Environment::ExpandHome(const std::string& path) const {
  if (path.rfind("~/", 0) != 0) return path;
  std::optional<std::string> home = GetNonEmpty("HOME");
  if (!home) return path;
  return *home + path.substr(1);
}

const Environment& ProcessEnvironment() {
  static const ProcessEnv* env = new ProcessEnv();
  return *env;
}

FakeEnvironment& FakeEnvironment::Set(std::string name, std::string value) {
  vars_[std::move(name)] = std::move(value);
  return *this;
}

FakeEnvironment& FakeEnvironment::AddFile(std::string path, std::string content) {
  files_[std::move(path)] = std::move(content);
  return *this;
}

std::optional<std::string> FakeEnvironment::Get(std::string_view name) const {
  auto it = vars_.find(name);
  if (it == vars_.end()) return std::nullopt;
  return it->second;
}

absl::StatusOr<std::string> FakeEnvironment::ReadFile(const std::string& path) const {
  auto it = files_.find(path);
  if (it == files_.end()) return absl::NotFoundError("no file " + path);
  return it->second;
}

}  // namespace polybackup::clients::credentials
