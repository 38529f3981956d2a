// Acceptance scenarios of data "polybackup_dbs_backup_plans" and data
// "polybackup_dbs_backup_plan", with the filters of the Alibaba provider's
// TestAccAlicloudDbsBackupPlansDataSource (ids, name_regex, status, and
// their "_fake" counterparts), and every page read.
#include <doctest/doctest.h>

#include "acceptance/alicloud/dbs_target.h"
#include "acceptance/harness/acceptance.h"
#include "acceptance/harness/steps.h"

using namespace polybackup::acceptance;
using nlohmann::json;

namespace {

constexpr char kPrefix[] = "tf-acc-polybackup-ds";
// A data source that refers to no plan is read at plan time unless told to
// wait for them.
constexpr char kAfterBoth[] =
    "  depends_on = [polybackup_dbs_backup_plan.a, polybackup_dbs_backup_plan.b]";

std::string Plan(const DbsTarget& t, const std::string& name, const std::string& period) {
  const DbsSource& s = t.source();
  return "resource \"polybackup_dbs_backup_plan\" \"" + name + "\" {\n" +
         "  backup_plan_name = \"" + kPrefix + "-" + name + "\"\n" +
         "  payment_type = \"PayAsYouGo\"\n"
         "  instance_class = \"xlarge\"\n"
         "  backup_method = \"logical\"\n"
         "  database_type = \"MySQL\"\n"
         "  database_region = \"" +
         s.region + "\"\n  storage_region = \"" + s.region +
         "\"\n"
         "  instance_type = \"RDS\"\n"
         "  source_endpoint_instance_type = \"RDS\"\n"
         "  source_endpoint_region = \"" +
         s.region + "\"\n  source_endpoint_instance_id = \"" + s.instance_id +
         "\"\n  source_endpoint_user_name = \"" + s.user + "\"\n  source_endpoint_password = \"" +
         s.password + "\"\n  backup_objects = jsonencode([{ DBName = \"" + s.database +
         "\" }])\n  backup_period = \"" + period +
         "\"\n  backup_start_time = \"14:22\"\n  backup_retention_period = 740\n}\n";
}

std::string Plans(const std::string& name, const std::string& args) {
  return "data \"polybackup_dbs_backup_plans\" \"" + name + "\" {\n" + args + "\n}\n";
}

}  // namespace

TEST_CASE("dbs backup plan data sources: filters, every page, the reference's forms") {
  auto t = DbsTarget::Get();
  if (!t) return;
  const std::string resources =
      t->ProviderBlock() + Plan(*t, "a", "Monday") + Plan(*t, "b", "Tuesday,Friday");
  const std::string regex = std::string("\"^") + kPrefix + "-\"";
  const std::string config =
      resources + Plans("by_ids", "  ids = [polybackup_dbs_backup_plan.a.id]") +
      Plans("fake_ids", "  ids = [\"${polybackup_dbs_backup_plan.a.id}_fake\"]") +
      // One plan a page: both plans are found only if every page is read.
      Plans("by_regex", "  name_regex = " + regex + "\n  page_size = 1\n" + kAfterBoth) +
      Plans("fake_regex", "  name_regex = \"^" + std::string(kPrefix) + "-a_fake\"") +
      Plans("by_status",
            "  ids = [polybackup_dbs_backup_plan.a.id]\n"
            "  status = polybackup_dbs_backup_plan.a.status") +
      Plans("fake_status", "  ids = [polybackup_dbs_backup_plan.a.id]\n  status = \"stop\"") +
      Plans("no_details", "  ids = [polybackup_dbs_backup_plan.a.id]\n  enable_details = false") +
      "data \"polybackup_dbs_backup_plan\" \"one\" {\n"
      "  backup_plan_id = polybackup_dbs_backup_plan.b.id\n}\n";
  const std::string ds = "data.polybackup_dbs_backup_plans.";
  const std::string missing = resources +
                              "data \"polybackup_dbs_backup_plan\" \"missing\" {\n  backup_plan_id "
                              "= \"dbsnosuchplan\"\n}\n";
  std::vector<Step> steps = {
      {.kind =
           Basic{.config = config,
                 .checks = {On(ds + "by_ids",
                               AttrWith("ids", "holds one ID",
                                        [](const json& v) { return v.size() == 1; })),
                            On(ds + "by_ids", Attr("plans.0.payment_type", "PayAsYouGo")),
                            On(ds + "by_ids", Attr("plans.0.status", "running")),
                            On(ds + "by_ids", Attr("plans.0.backup_method", "logical")),
                            On(ds + "by_ids", Attr("plans.0.backup_period", "Monday")),
                            On(ds + "by_ids", Attr("plans.0.backup_start_time", "14:22")),
                            On(ds + "by_ids", Attr("plans.0.backup_retention_period", 740)),
                            On(ds + "by_ids", Attr("plans.0.source_endpoint_instance_type", "RDS")),
                            On(ds + "by_ids", Attr("plans.0.backup_gateway_id", "")),
                            On(ds + "by_ids", AttrSet("plans.0.resource_group_id")),
                            On(ds + "by_ids", AttrSet("plans.0.oss_bucket_name")),
                            On(ds + "fake_ids", Attr("ids", json::array())),
                            On(ds + "by_regex",
                               AttrWith("names", "names both plans",
                                        [](const json& v) { return v.size() == 2; })),
                            On(ds + "fake_regex", Attr("names", json::array())),
                            On(ds + "by_status", AttrWith("ids", "holds one ID",
                                                          [](const json& v) {
                                                            return v.size() == 1;
                                                          })),
                            On(ds + "fake_status", Attr("ids", json::array())),
                            On(ds + "no_details", AttrAbsent("plans.0.payment_type")),
                            On("data.polybackup_dbs_backup_plan.one",
                               Attr("backup_period", "Tuesday,Friday")),
                            On("data.polybackup_dbs_backup_plan.one",
                               Attr("payment_type", "PayAsYouGo"))}},
       .before = [&] { t->Prepare(0); }},
      {ExpectError{
          .config = missing, .at = Command::kPlan, .messages = {"dbsnosuchplan", "no such plan"}}},
  };
  RunScenario(t->scenario_target(), {.address = "polybackup_dbs_backup_plan.a",
                                     .steps = std::move(steps),
                                     .check_destroy = [&] { CHECK(t->Plans(kPrefix).empty()); }});
}
