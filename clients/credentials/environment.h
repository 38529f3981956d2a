// Environment: the seam through which credential chains read environment
// variables and files, so precedence rules are unit-tested without touching
// the real process environment or home directory.
#ifndef POLYBACKUP_CLIENTS_CREDENTIALS_ENVIRONMENT_H_
#define POLYBACKUP_CLIENTS_CREDENTIALS_ENVIRONMENT_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace polybackup::clients::credentials {

class Environment {
 public:
  virtual ~Environment() = default;
  // The variable's value; nullopt when unset. An empty value is returned as
  // "" (chains treat empty like unset, as the reference providers do).
  virtual std::optional<std::string> Get(std::string_view name) const = 0;
  // The whole file. NotFound when it does not exist; another error when it
  // exists but cannot be read.
  virtual absl::StatusOr<std::string> ReadFile(const std::string& path) const = 0;

  // Get() with empty treated as unset.
  std::optional<std::string> GetNonEmpty(std::string_view name) const;
  // The first non-empty variable of `names`, or "".
  std::string FirstOf(std::initializer_list<std::string_view> names) const;
  // Expands a leading "~/" with $HOME.
  std::string ExpandHome(const std::string& path) const;
};

// The real process environment (getenv) and file system. Thread-safe as long
// as nobody calls setenv concurrently.
const Environment& ProcessEnvironment();

// An in-memory environment for tests.
class FakeEnvironment : public Environment {
 public:
  FakeEnvironment& Set(std::string name, std::string value);
  FakeEnvironment& AddFile(std::string path, std::string content);
  std::optional<std::string> Get(std::string_view name) const override;
  absl::StatusOr<std::string> ReadFile(const std::string& path) const override;

 private:
  std::map<std::string, std::string, std::less<>> vars_;
  std::map<std::string, std::string> files_;
};

}  // namespace polybackup::clients::credentials

#endif  // POLYBACKUP_CLIENTS_CREDENTIALS_ENVIRONMENT_H_
