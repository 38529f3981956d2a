#include "resources/kvstore/kvstore_policy.h"

#include <doctest/doctest.h>

#include "tfplugin/cty/value.h"
#include "tfplugin/diag/diagnostics.h"

using namespace polybackup;
using namespace polybackup::resources::kvstore;
namespace ali = polybackup::clients::alicloud;

namespace {

diag::Diagnostics Check(const schema::ValidatorPtr& v, const std::string& text) {
  diag::Diagnostics d;
  v->Validate(cty::Value::String(text), cty::Path().Attribute("backup_time"), d);
  return d;
}

}  // namespace

TEST_CASE("backup_time accepts exactly the 24 one-hour windows") {
  auto v = BackupTimeValidator();
  CHECK_FALSE(Check(v, "02:00Z-03:00Z").HasError());
  CHECK_FALSE(Check(v, "00:00Z-01:00Z").HasError());
  CHECK_FALSE(Check(v, "23:00Z-24:00Z").HasError());
  CHECK_FALSE(Check(v, "23:00Z-00:00Z").HasError());
  for (const char* bad : {"2:00-3:00", "02:00Z-04:00Z", "02:30Z-03:30Z", "02:00-03:00",
                          "24:00Z-01:00Z", "", "02:00Z-03:00Z "}) {
    auto d = Check(v, bad);
    INFO(bad);
    REQUIRE(d.HasError());
    // The message names the allowed form.
    CHECK(d.ToString().find("HH:00Z-HH:00Z") != std::string::npos);
  }
}

TEST_CASE("reading the API back keeps equivalent values as written") {
  BackupPolicyModel m;
  m.backup_time = "23:00Z-00:00Z";
  ali::KvstoreBackupPolicy p;
  p.preferred_backup_time = "23:00Z-24:00Z";
  p.preferred_backup_period = {"wednesday", "Monday"};
  p.backup_retention_period = 7;
  p.enable_backup_log = true;
  p.preferred_next_backup_time = "2026-11-24T23:00Z";
  ApplyPolicy(p, m);
  CHECK(m.backup_time.value() == "23:00Z-00:00Z");  // same hour, spelled as the user did
  CHECK(m.backup_period.value() == std::set<std::string>{"Monday", "Wednesday"});
  CHECK(m.backup_retention_period.value() == 7);
  CHECK(m.enable_backup_log.value());
  CHECK(m.preferred_next_backup_time.value() == "2026-11-24T23:00Z");

  // A real change is not hidden.
  p.preferred_backup_time = "05:00Z-06:00Z";
  ApplyPolicy(p, m);
  CHECK(m.backup_time.value() == "05:00Z-06:00Z");
}

TEST_CASE("the desired policy never sends an empty period") {
  ali::KvstoreBackupPolicy current;
  current.preferred_backup_time = "01:00Z-02:00Z";
  current.preferred_backup_period = {"Tuesday", "Thursday"};
  current.enable_backup_log = false;

  BackupPolicyModel planned;
  planned.instance_id = "r-1";
  planned.backup_time = "02:00Z-03:00Z";
  planned.backup_period = schema::Set<std::string>::Unknown();  // omitted: optional+computed
  auto req = DesiredPolicy(planned, current);
  CHECK(req.instance_id == "r-1");
  CHECK(req.preferred_backup_time == "02:00Z-03:00Z");
  CHECK(req.preferred_backup_period == std::vector<std::string>{"Tuesday", "Thursday"});
  CHECK_FALSE(req.enable_backup_log.has_value());
  CHECK_FALSE(PolicyMatches(current, req));

  planned.backup_period = std::set<std::string>{"Sunday", "Monday"};
  planned.enable_backup_log = true;
  req = DesiredPolicy(planned, current);
  CHECK(req.preferred_backup_period == std::vector<std::string>{"Monday", "Sunday"});  // week order
  CHECK(req.enable_backup_log == true);

  planned.backup_time = "01:00Z-02:00Z";
  planned.backup_period = std::set<std::string>{"Thursday", "Tuesday"};
  planned.enable_backup_log = false;
  CHECK(PolicyMatches(current, DesiredPolicy(planned, current)));
}

TEST_CASE("the remembered policy round-trips through private state") {
  ali::KvstoreBackupPolicy p;
  p.preferred_backup_time = "03:00Z-04:00Z";
  p.preferred_backup_period = {"Friday"};
  p.enable_backup_log = true;
  auto req = RestoreRequest("r-9", PolicyToJson(p));
  REQUIRE(req.has_value());
  CHECK(req->instance_id == "r-9");
  CHECK(req->preferred_backup_time == "03:00Z-04:00Z");
  CHECK(req->preferred_backup_period == std::vector<std::string>{"Friday"});
  CHECK(req->enable_backup_log == true);
  CHECK_FALSE(RestoreRequest("r-9", nlohmann::json::object()).has_value());
  CHECK_FALSE(
      RestoreRequest("r-9", {{"backup_time", "03:00Z-04:00Z"}, {"backup_period", {}}}).has_value());
}
