#include "tfplugin/diag/diagnostics.h"

#include "absl/status/status.h"
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

TEST_CASE("FromStatus keeps the message and adds a hint for actionable codes") {
  Diagnostic d = FromStatus(absl::NotFoundError("plan p-1 not found"), "reading Backup Plan (p-1)");
  CHECK(d.severity == Severity::kError);
  CHECK(d.summary == "reading Backup Plan (p-1)");
  CHECK(d.detail == "plan p-1 not found");
  CHECK_FALSE(d.attribute.has_value());

  Diagnostic p = FromStatus(absl::PermissionDeniedError("AccessDenied: no"), "creating X",
                            cty::Path().Attribute("name"));
  CHECK(p.detail.find("AccessDenied: no") != std::string::npos);
  CHECK(p.detail.find("policy") != std::string::npos);
  CHECK(p.attribute.has_value());
}

TEST_CASE("AddStatus adds nothing for OK and reports whether it was OK") {
  Diagnostics d;
  CHECK(d.AddStatus(absl::OkStatus(), "x"));
  CHECK(d.empty());
  CHECK_FALSE(d.AddStatus(absl::UnavailableError("down"), "deleting Y"));
  CHECK(d.HasError());
  CHECK(d.ToString().find("deleting Y: down") != std::string::npos);
}

TEST_CASE("FromStatus on an OK status is still an error, not a crash") {
  Diagnostic d = FromStatus(absl::OkStatus(), "x");
  CHECK(d.severity == Severity::kError);
  CHECK_FALSE(d.detail.empty());
}

}  // namespace
}  // namespace polybackup::diag
