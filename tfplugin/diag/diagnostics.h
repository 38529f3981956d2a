// Diagnostics: how every problem above the client layer is reported to
// Terraform (tfplugin6.Diagnostic), with an optional attribute path so the
// message is attached to the offending configuration expression.
//
// Below the resource layer errors are absl::Status; FromStatus() is the one
// conversion between the two worlds, reached through
// framework::Context::AddStatus. A Diagnostics list is a plain value:
// not thread-safe, copy it or guard it to share.
#ifndef POLYBACKUP_TFPLUGIN_DIAG_DIAGNOSTICS_H_
#define POLYBACKUP_TFPLUGIN_DIAG_DIAGNOSTICS_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "tfplugin/cty/path.h"

namespace polybackup::diag {

// Only the two severities Terraform acts on; INVALID (0) is never emitted
// (core treats it as neither error nor warning, protocol doc §4.10).
enum class Severity { kError, kWarning };

struct Diagnostic {
  Severity severity = Severity::kError;
  std::string summary;                 // one line, no trailing period: "creating Backup Plan (p-1)"
  std::string detail;                  // free text; may span lines
  std::optional<cty::Path> attribute;  // where in the configuration, if known

  friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};

class Diagnostics {
 public:
  Diagnostics() = default;

  void Add(Diagnostic d) { items_.push_back(std::move(d)); }
  void AddError(std::string summary, std::string detail = "");
  void AddWarning(std::string summary, std::string detail = "");
  void AddAttributeError(cty::Path path, std::string summary, std::string detail = "");
  void AddAttributeWarning(cty::Path path, std::string summary, std::string detail = "");
  // Appends every diagnostic of `other`.
  void Append(const Diagnostics& other);

  bool HasError() const;
  bool empty() const { return items_.empty(); }
  size_t size() const { return items_.size(); }
  const std::vector<Diagnostic>& items() const { return items_; }
  std::vector<Diagnostic>::const_iterator begin() const { return items_.begin(); }
  std::vector<Diagnostic>::const_iterator end() const { return items_.end(); }

  // One line per diagnostic ("Error: summary: detail [at .path]"), for logs
  // and test failure messages.
  std::string ToString() const;

 private:
  std::vector<Diagnostic> items_;
};

// The plain-language cause of a status ("not found: The specified instance
// is not found (InvalidInstanceId.NotFound, HTTP 404, request id R)"); the
// cloud clients provide one, the default is the status message.
using StatusDescriber = std::function<std::string(const absl::Status&)>;

// The one conversion from absl::Status: an error diagnostic whose summary is
// `what` (what was being done, "reading Backup Plan (p-1)") + ": " + the
// cause given by `describe` (or the status message), and whose detail is a
// hint for the codes a user can act on (PermissionDenied, Unauthenticated,
// DeadlineExceeded, Cancelled, ResourceExhausted), else empty. Every
// registered secret is redacted (log::Redact) from both. An OK status yields
// an error saying so (a provider bug), never a crash.
Diagnostic FromStatus(const absl::Status& status, std::string what,
                      const StatusDescriber& describe = nullptr,
                      std::optional<cty::Path> attribute = std::nullopt);

}  // namespace polybackup::diag

#endif  // POLYBACKUP_TFPLUGIN_DIAG_DIAGNOSTICS_H_
