#include "resources/dbs/backup_plan_model.h"

#include <doctest/doctest.h>

#include "resources/dbs/backup_plan_test_config.h"
#include "resources/dbs/backup_plan_update.h"

using namespace polybackup;
using namespace polybackup::resources::dbs;
namespace ali = polybackup::clients::alicloud;

namespace {

diag::Diagnostics Check(const schema::ValidatorPtr& v, const std::string& text,
                        const char* attribute = "backup_period") {
  diag::Diagnostics d;
  v->Validate(cty::Value::String(text), cty::Path().Attribute(attribute), d);
  return d;
}

BackupPlanModel PayAsYouGo() { return ReferencePayAsYouGo(); }

// Validate time, and plan time for a new plan.
std::string Errors(const BackupPlanModel& m) {
  diag::Diagnostics d;
  ValidatePlanConfig(m, d);
  CheckCreatable(m, d);
  return d.ToString();
}

std::string ValidateErrors(const BackupPlanModel& m) {
  diag::Diagnostics d;
  ValidatePlanConfig(m, d);
  return d.ToString();
}

}  // namespace

TEST_CASE("validators: weekday lists, HH:mm, JSON arrays, digits") {
  auto period = BackupPeriodValidator();
  for (const char* ok : {"Monday", "Monday,Thursday", "Sunday, Saturday"}) {
    CHECK_MESSAGE(!Check(period, ok).HasError(), ok);
  }
  for (const char* bad : {"", "Funday", "monday", "Monday,", "Monday;Friday"}) {
    auto d = Check(period, bad);
    INFO(bad);
    REQUIRE(d.HasError());
    CHECK(d.ToString().find("backup_period") != std::string::npos);
    CHECK(d.ToString().find("Monday,Thursday") != std::string::npos);
  }
  auto time = StartTimeValidator();
  CHECK_FALSE(Check(time, "14:22").HasError());
  CHECK_FALSE(Check(time, "00:00Z").HasError());
  for (const char* bad : {"24:00", "2:00", "14:60", "14:22:00"}) {
    CHECK_MESSAGE(Check(time, bad).ToString().find("HH:mm") != std::string::npos, bad);
  }
  auto objects = BackupObjectsValidator();
  CHECK_FALSE(Check(objects, R"([{"DBName":"x"}])").HasError());
  CHECK(Check(objects, R"({"DBName":"x"})", "backup_objects").ToString().find("JSON array") !=
        std::string::npos);
  CHECK(Check(DigitsValidator(), "12a").HasError());
  CHECK_FALSE(Check(DigitsValidator(), "1024").HasError());
}

TEST_CASE("the reference provider's pay-as-you-go configuration validates") {
  CHECK(Errors(PayAsYouGo()) == "");
}

TEST_CASE("cross-attribute rules name the attribute and what is allowed") {
  struct Case {
    const char* what;
    std::function<void(BackupPlanModel&)> change;
    std::vector<std::string> expect;
  };
  const std::vector<Case> cases = {
      {"subscription without its term",
       [](BackupPlanModel& m) { m.payment_type = "Subscription"; },
       {"period", "used_time", "subscription"}},
      {"payment type omitted is a subscription",
       [](BackupPlanModel& m) { m.payment_type = schema::String::Null(); },
       {"period", "used_time"}},
      {"a year is 1 to 9",
       [](BackupPlanModel& m) {
         m.payment_type = "Subscription";
         m.period = "Year";
         m.used_time = 10;
       },
       {"used_time", "1 to 9", "Year"}},
      {"pay-as-you-go needs its regions",
       [](BackupPlanModel& m) { m.storage_region = schema::String::Null(); },
       {"storage_region", "pay-as-you-go"}},
      {"pay-as-you-go refuses DRDS",
       [](BackupPlanModel& m) { m.database_type = "DRDS"; },
       {"payment_type", "DRDS"}},
      {"RDS needs an instance",
       [](BackupPlanModel& m) { m.source_endpoint_instance_id = {}; },
       {"source_endpoint_instance_id", "RDS"}},
      {"MySQL needs a password",
       [](BackupPlanModel& m) { m.source_endpoint_password = {}; },
       {"source_endpoint_password"}},
      {"Other needs an address",
       [](BackupPlanModel& m) { m.source_endpoint_instance_type = "Other"; },
       {"source_endpoint_ip", "source_endpoint_port"}},
      {"two different SIDs",
       [](BackupPlanModel& m) {
         m.source_endpoint_sid = "A";
         m.source_endpoint_oracle_sid = "B";
       },
       {"source_endpoint_oracle_sid"}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.what);
    BackupPlanModel m = PayAsYouGo();
    c.change(m);
    const std::string errors = Errors(m);
    for (const std::string& e : c.expect)
      CHECK_MESSAGE(errors.find(e) != std::string::npos, errors);
  }
  // Unknown values are not judged yet (they are checked again at apply).
  BackupPlanModel later = PayAsYouGo();
  later.source_endpoint_password = schema::String::Unknown();
  later.payment_type = schema::String::Unknown();
  CHECK(Errors(later) == "");
  // What only buying needs is not asked of a configuration at validate
  // time (an imported plan's may leave it out).
  BackupPlanModel imported = PayAsYouGo();
  imported.storage_region = imported.database_region = imported.instance_type = {};
  imported.source_endpoint_password = {};
  CHECK(ValidateErrors(imported) == "");
  CHECK(Errors(imported) != "");
  // Redis needs no login.
  BackupPlanModel redis = PayAsYouGo();
  redis.database_type = "Redis";
  redis.source_endpoint_user_name = {};
  redis.source_endpoint_password = {};
  CHECK(Errors(redis) == "");
}

TEST_CASE("what the API changes reads back as written") {
  BackupPlanModel m = PayAsYouGo();
  m.backup_period = "Thursday,Monday";
  m.backup_start_time = "14:22Z";
  ali::DbsBackupPlan api;
  api.backup_plan_id = "dbs1";
  api.backup_plan_status = "running";
  api.source_endpoint_instance_type = "rds";
  api.backup_period = "MONDAY,THURSDAY";
  api.backup_start_time = "14:22";
  api.backup_objects = R"([ {"DBName": "tftestdatabase"} ])";
  api.backup_retention_period = 740;
  api.enable_backup_log = false;
  ApplyPlan(api, m);
  CHECK(m.backup_period.value() == "Thursday,Monday");  // same days: kept
  CHECK(m.backup_start_time.value() == "14:22Z");
  CHECK(m.source_endpoint_instance_type.value() == "RDS");
  CHECK(m.backup_objects.value() == R"([{"DBName":"tftestdatabase"}])");
  CHECK(m.status.value() == "running");
  CHECK(m.backup_gateway_id.value() == "");
  // Real changes show, in the configuration's spelling.
  api.backup_period = "TUESDAY,SUNDAY,FRIDAY";
  api.backup_start_time = "03:03";
  ApplyPlan(api, m);
  CHECK(m.backup_period.value() == "Tuesday,Friday,Sunday");
  CHECK(m.backup_start_time.value() == "03:03");
  // Import: nothing known yet.
  BackupPlanModel imported;
  api.source_endpoint_instance_type = "ecs";
  api.source_endpoint_ip_port = "10.0.0.5:3306";
  api.backup_gateway_id = 42;
  ApplyPlan(api, imported);
  ApplyBilling({.buy_charge_type = "POSTPAY"}, imported);
  CHECK(imported.source_endpoint_instance_type.value() == "ECS");
  CHECK(imported.source_endpoint_ip.value() == "10.0.0.5");
  CHECK(imported.source_endpoint_port.value() == 3306);
  CHECK(imported.backup_gateway_id.value() == "42");
  CHECK(imported.payment_type.value() == "PayAsYouGo");
  CHECK(imported.duplication_archive_period.is_null());
  CHECK(PaymentTypeFromCharge("PREPAY") == "Subscription");
}

TEST_CASE("create and configure requests carry the API's spellings") {
  BackupPlanModel m = PayAsYouGo();
  m.backup_period = "Thursday,Monday";
  auto create = CreateRequest(m, "cn-hangzhou");
  CHECK(create.pay_type == "postpay");
  CHECK(create.region == "cn-hangzhou");
  CHECK(create.instance_type == "RDS");
  CHECK_FALSE(create.used_time.has_value());
  auto configure = ConfigureRequest(m, "dbs1");
  CHECK(configure.backup_plan_id == "dbs1");
  CHECK(configure.backup_period == "Monday,Thursday");
  CHECK(configure.backup_retention_period == 740);
  CHECK(configure.source.password == "Test12345@");
  CHECK(configure.source.instance_type == "RDS");
  CHECK_FALSE(configure.enable_backup_log.has_value());
}

TEST_CASE("an update sends exactly the calls for what changed") {
  BackupPlanModel prior = PayAsYouGo();
  prior.id = "dbs1";
  prior.backup_period = "Monday,Thursday";
  prior.status = "running";
  prior.duplication_infrequent_access_period = 180;
  prior.duplication_archive_period = 365;
  prior.source_endpoint_password = schema::String::Null();  // never in state

  BackupPlanModel same = prior;
  same.backup_period = "Thursday,Monday";  // the same days
  PlanChanges none = ChangesFor(prior, same);
  CHECK_FALSE(none.name);
  CHECK_FALSE(none.strategy);
  CHECK_FALSE(none.source);
  CHECK_FALSE(none.needs_restart());

  BackupPlanModel renamed = prior;
  renamed.backup_plan_name = "nightly";
  renamed.backup_start_time = "03:00";
  PlanChanges c = ChangesFor(prior, renamed);
  CHECK(c.name == "nightly");
  REQUIRE(c.strategy);
  CHECK(c.strategy->backup_period == "Monday,Thursday");
  CHECK(c.strategy->backup_start_time == "03:00");
  CHECK_FALSE(c.storage);
  CHECK_FALSE(c.needs_restart());
  CHECK(ScheduleChanges(prior, renamed) == std::vector<std::string>{"backup_start_time"});

  BackupPlanModel rotated = prior;
  rotated.source_endpoint_password_wo_version = 2;
  rotated.source_endpoint_password = "N3w-secret";
  rotated.backup_objects = R"([{"DBName":"billing"}])";
  c = ChangesFor(prior, rotated);
  REQUIRE(c.source);
  CHECK(c.source->source.password == "N3w-secret");
  CHECK(c.source->source.instance_id == "rm-bp1");
  CHECK(c.source->backup_objects == R"([{"DBName":"billing"}])");
  CHECK_FALSE(c.objects);  // sent with the source
  CHECK(c.needs_restart());

  BackupPlanModel kept = prior;
  kept.backup_retention_period = 30;
  kept.enable_backup_log = true;
  c = ChangesFor(prior, kept);
  REQUIRE(c.storage);
  CHECK(c.storage->backup_retention_period == 30);
  CHECK(c.storage->duplication_archive_period == 365);
  CHECK(c.backup_log == true);
}

TEST_CASE("a one-day schedule cannot be modified in place") {
  BackupPlanModel prior = PayAsYouGo();  // backup_period "Monday"
  BackupPlanModel later = prior;
  later.backup_start_time = "03:00";
  CHECK(PeriodTooShortToModify(prior, later));
  later.backup_period = "Monday,Friday";
  CHECK_FALSE(PeriodTooShortToModify(prior, later));
}
