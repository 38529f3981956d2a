#include "datasources/dbs/plan_summary.h"

#include <doctest/doctest.h>

using namespace polybackup;
using namespace polybackup::datasources::dbs;
namespace ali = polybackup::clients::alicloud;

TEST_CASE("a plan in the reference data source's forms") {
  ali::DbsBackupPlan p;
  p.backup_plan_id = "dbs1";
  p.backup_plan_name = "tf-testacc";
  p.backup_plan_status = "running";
  p.source_endpoint_instance_type = "rds";
  p.backup_period = "MONDAY";
  p.backup_retention_period = 740;
  p.enable_backup_log = false;
  p.resource_group_id = "rg-1";
  PlanSummaryModel m = Summarize(p, ali::DbsBilling{.buy_charge_type = "POSTPAY"});
  CHECK(m.id.value() == "dbs1");
  CHECK(m.backup_plan_id.value() == "dbs1");
  CHECK(m.source_endpoint_instance_type.value() == "RDS");
  CHECK(m.backup_period.value() == "Monday");
  CHECK(m.payment_type.value() == "PayAsYouGo");
  CHECK(m.backup_retention_period.value() == 740);
  CHECK(m.backup_gateway_id.value() == "");
  CHECK(m.resource_group_id.value() == "rg-1");
  CHECK(m.duplication_archive_period.is_null());
  // enable_details = false: no billing call, no payment type.
  CHECK(Summarize(p, std::nullopt).payment_type.is_null());
}

TEST_CASE("filters: ids, a searched name regex, a status") {
  ali::DbsBackupPlan a{.backup_plan_id = "dbsa",
                       .backup_plan_name = "orders-nightly",
                       .backup_plan_status = "running"};
  ali::DbsBackupPlan b{
      .backup_plan_id = "dbsb", .backup_plan_name = "billing", .backup_plan_status = "pause"};
  CHECK(PlanFilter{}.Matches(a));
  CHECK(PlanFilter{.ids = {"dbsb"}}.Matches(b));
  CHECK_FALSE(PlanFilter{.ids = {"dbsb"}}.Matches(a));
  CHECK(PlanFilter{.name = std::regex("nightly")}.Matches(a));  // found anywhere in the name
  CHECK_FALSE(PlanFilter{.name = std::regex("^nightly")}.Matches(a));
  CHECK(PlanFilter{.status = "pause"}.Matches(b));
  CHECK_FALSE(PlanFilter{.status = "pause"}.Matches(a));
}

TEST_CASE("name_regex must be a regular expression") {
  diag::Diagnostics d;
  RegexValidator()->Validate(cty::Value::String("orders["), cty::Path().Attribute("name_regex"), d);
  CHECK(d.ToString().find("name_regex") != std::string::npos);
  CHECK(d.ToString().find("regular expression") != std::string::npos);
}

TEST_CASE("the two schemas: every attribute computed, the ID the one argument of the single") {
  auto list = PlanSummarySchema(false).ToBlock();
  auto single = PlanSummarySchema(true).ToBlock();
  for (const auto& a : list.attributes) CHECK_MESSAGE(a.computed, a.name);
  bool id_required = false, has_region = false;
  for (const auto& a : single.attributes) {
    if (a.name == "backup_plan_id") id_required = a.required;
    has_region |= a.name == "region";
  }
  CHECK(id_required);
  CHECK(has_region);
  CHECK(single.attributes.size() == list.attributes.size() + 1);
}
