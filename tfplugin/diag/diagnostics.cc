#include "tfplugin/diag/diagnostics.h"

#include <utility>

#include "base/logging.h"

namespace polybackup::diag {

void Diagnostics::AddError(std::string summary, std::string detail) {
  items_.push_back({Severity::kError, std::move(summary), std::move(detail), std::nullopt});
}

void Diagnostics::AddWarning(std::string summary, std::string detail) {
  items_.push_back({Severity::kWarning, std::move(summary), std::move(detail), std::nullopt});
}

void Diagnostics::AddAttributeError(cty::Path path, std::string summary, std::string detail) {
  items_.push_back({Severity::kError, std::move(summary), std::move(detail), std::move(path)});
}

void Diagnostics::AddAttributeWarning(cty::Path path, std::string summary, std::string detail) {
  items_.push_back({Severity::kWarning, std::move(summary), std::move(detail), std::move(path)});
}

void Diagnostics::Append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool Diagnostics::HasError() const {
  for (const auto& d : items_) {
    if (d.severity == Severity::kError) return true;
  }
  return false;
}

std::string Diagnostics::ToString() const {
  std::string out;
  for (const auto& d : items_) {
    out += d.severity == Severity::kError ? "Error: " : "Warning: ";
    out += d.summary;
    if (!d.detail.empty()) out += ": " + d.detail;
    if (d.attribute) out += " [at " + d.attribute->ToString() + "]";
    out += "\n";
  }
  return out;
}

namespace {

// A sentence a user can act on for the codes that have an obvious next step;
// the cloud's own message follows it.
const char* Hint(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kPermissionDenied:
      return "The credentials in use are not allowed to do this; check the IAM/RAM policy.";
    case absl::StatusCode::kUnauthenticated:
      return "The cloud rejected the credentials; check the provider's credential settings.";
    case absl::StatusCode::kDeadlineExceeded:
      return "The operation did not finish in time; a longer `timeouts` value may help.";
    case absl::StatusCode::kCancelled:
      return "The operation was cancelled (Terraform asked the provider to stop).";
    case absl::StatusCode::kResourceExhausted:
      return "The cloud is throttling requests or a quota is exhausted; retry later.";
    default:
      return nullptr;
  }
}

}  // namespace

Diagnostic FromStatus(const absl::Status& status, std::string what, const StatusDescriber& describe,
                      std::optional<cty::Path> attribute) {
  Diagnostic d;
  d.severity = Severity::kError;
  d.attribute = std::move(attribute);
  if (status.ok()) {
    d.summary = log::Redact(what);
    d.detail = "internal provider error: an error was reported with an OK status";
    return d;
  }
  std::string cause = describe ? describe(status) : std::string(status.message());
  if (cause.empty()) cause = absl::StatusCodeToString(status.code());
  d.summary = log::Redact(what + ": " + cause);
  if (const char* hint = Hint(status.code())) d.detail = hint;
  return d;
}

}  // namespace polybackup::diag
