#include "tfplugin/diag/diagnostics.h"

#include "absl/status/status.h"
#include "base/logging.h"
#include "doctest/doctest.h"

namespace polybackup::diag {
namespace {

TEST_CASE("HasError is false for warnings only and true once an error is added") {
  Diagnostics d;
  CHECK_FALSE(d.HasError());
  d.AddWarning("careful");
  CHECK_FALSE(d.HasError());
  CHECK(d.size() == 1);
  d.AddAttributeError(cty::Path().Attribute("rule").Index(0), "bad", "why");
  CHECK(d.HasError());
  REQUIRE(d.items()[1].attribute.has_value());
  CHECK(d.items()[1].attribute->size() == 2);
}

TEST_CASE("Append keeps order and severities") {
  Diagnostics a, b;
  a.AddError("first");
  b.AddWarning("second");
  b.AddError("third");
  a.Append(b);
  REQUIRE(a.size() == 3);
  CHECK(a.items()[0].summary == "first");
  CHECK(a.items()[1].severity == Severity::kWarning);
  CHECK(a.items()[2].summary == "third");
}

TEST_CASE(
    "FromStatus puts the cause in the summary, AWS-provider style, and a hint in the detail") {
  Diagnostic d = FromStatus(absl::NotFoundError("plan p-1 not found"), "reading Backup Plan (p-1)");
  CHECK(d.severity == Severity::kError);
  CHECK(d.summary == "reading Backup Plan (p-1): plan p-1 not found");
  CHECK(d.detail.empty());
  CHECK_FALSE(d.attribute.has_value());

  Diagnostic p = FromStatus(absl::PermissionDeniedError("AccessDenied: no"), "creating X", nullptr,
                            cty::Path().Attribute("name"));
  CHECK(p.summary == "creating X: AccessDenied: no");
  CHECK(p.detail.find("policy") != std::string::npos);
  CHECK(p.attribute.has_value());
}

TEST_CASE("FromStatus takes the cause from the describer, and redacts registered secrets") {
  log::RegisterSecret("s3cr3t-value-for-diag-test");
  StatusDescriber describe = [](const absl::Status& s) {
    return "throttled after 5 attempts: " + std::string(s.message());
  };
  Diagnostic d = FromStatus(absl::ResourceExhaustedError("key s3cr3t-value-for-diag-test"),
                            "updating Y (y-1)", describe);
  CHECK(d.summary.rfind("updating Y (y-1): throttled after 5 attempts: key ", 0) == 0);
  CHECK(d.summary.find("s3cr3t-value-for-diag-test") == std::string::npos);
  CHECK(d.detail.find("throttling") != std::string::npos);
}

TEST_CASE("FromStatus on an OK status is still an error, not a crash") {
  Diagnostic d = FromStatus(absl::OkStatus(), "x");
  CHECK(d.severity == Severity::kError);
  CHECK_FALSE(d.detail.empty());
}

}  // namespace
}  // namespace polybackup::diag
