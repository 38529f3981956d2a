#include <fstream>

#include "datasources/dbs/backup_plan_data_source.h"
#include "datasources/dbs/backup_plans_data_source.h"
#include "nlohmann/json.hpp"
#include "resources/dbs/backup_plan_model.h"
#include "resources/dbs/dbs_access.h"

namespace polybackup::datasources::dbs {
namespace {

namespace ali = clients::alicloud;

// A stable ID for a result: FNV-1a of its plan IDs, as hex.
std::string ResultId(const std::vector<std::string>& ids) {
  uint64_t h = 1469598103934665603ULL;
  for (const std::string& id : ids) {
    for (char c : id + ",") h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  }
  char out[17];
  snprintf(out, sizeof(out), "%016llx", static_cast<unsigned long long>(h));
  return out;
}

// `plans` as JSON, the shape the reference provider writes to output_file.
nlohmann::json ToJson(const std::vector<PlanSummaryModel>& plans) {
  nlohmann::json out = nlohmann::json::array();
  for (const PlanSummaryModel& p : plans) {
    out.push_back({{"id", p.id.value_or("")},
                   {"backup_plan_name", p.backup_plan_name.value_or("")},
                   {"backup_method", p.backup_method.value_or("")},
                   {"database_type", p.database_type.value_or("")},
                   {"instance_class", p.instance_class.value_or("")},
                   {"source_endpoint_instance_type", p.source_endpoint_instance_type.value_or("")},
                   {"backup_period", p.backup_period.value_or("")},
                   {"backup_start_time", p.backup_start_time.value_or("")},
                   {"payment_type", p.payment_type.value_or("")},
                   {"status", p.status.value_or("")}});
  }
  return out;
}

}  // namespace

schema::ModelSchema<BackupPlansModel> BackupPlansDataSource::DefineSchema() const {
  using M = BackupPlansModel;
  schema::ModelSchema<M> s;
  s.Description("Lists the Database Backup (DBS) backup plans of a region.");
  s.Attribute("id", &M::id).Computed().Description("An ID of this result.");
  s.Attribute("ids", &M::ids)
      .Optional()
      .Computed()
      .Description("Plan IDs to keep; the IDs found when omitted.");
  s.Attribute("name_regex", &M::name_regex)
      .Optional()
      .Validate(RegexValidator())
      .Description("A regular expression plan names must contain a match of.");
  s.Attribute("backup_plan_name", &M::backup_plan_name)
      .Optional()
      .Description("A plan name to match exactly (filtered by DBS).");
  s.Attribute("status", &M::status)
      .Optional()
      .Validate(schema::StringOneOf(resources::dbs::kPlanStatuses))
      .MarkdownDescription(
          "Keep plans in this status: `check_pass`, `init`, `locked`, `pause`, `running`, "
          "`stop` or `wait`.");
  s.Attribute("enable_details", &M::enable_details)
      .Optional()
      .MarkdownDescription(
          "Read each plan's billing to fill `payment_type` (one more call per plan). Default "
          "`true`.");
  s.Attribute("page_size", &M::page_size)
      .Optional()
      .Validate(schema::IntBetween(1, 100))
      .Description("Plans per DescribeBackupPlanList page (default 50); every page is read.");
  s.Attribute("output_file", &M::output_file)
      .Optional()
      .Description("A file to write the plans found to, as JSON.");
  s.Attribute("region", &M::region)
      .Optional()
      .Computed()
      .MarkdownDescription("The region. Defaults to the provider's `alicloud` region.");
  s.Attribute("names", &M::names).Computed().Description("The names of the plans found.");
  s.NestedAttribute("plans", &M::plans, PlanSummarySchema(/*by_id=*/false))
      .Computed()
      .Description("The plans found.");
  return s;
}

std::optional<BackupPlansModel> BackupPlansDataSource::Read(framework::Context& ctx,
                                                            const BackupPlansModel& config) {
  const resources::dbs::DbsAccess dbs = resources::dbs::DbsFor(ctx, config.region);
  if (!dbs) return std::nullopt;
  const std::string& region = dbs.region;
  const clients::CallOptions& options = dbs.options;

  PlanFilter filter;
  for (const std::string& id : config.ids.value_or({})) filter.ids.insert(id);
  if (config.name_regex.is_known()) filter.name.emplace(config.name_regex.value());
  filter.status = config.status.value_or("");
  ali::DescribeDbsBackupPlanListRequest request;
  request.region = region;
  request.backup_plan_name = config.backup_plan_name.value_or("");
  request.backup_plan_status = filter.status;
  request.page_size = static_cast<int>(config.page_size.value_or(50));
  auto all = dbs->DescribeAllBackupPlans(request, options);
  if (!ctx.AddStatus(all.status(), "listing DBS Backup Plans in " + region)) return std::nullopt;

  BackupPlansModel out = config;
  out.region = region;
  std::vector<std::string> ids, names;
  std::vector<PlanSummaryModel> plans;
  for (const ali::DbsBackupPlan& plan : *all) {
    if (!filter.Matches(plan)) continue;
    std::optional<ali::DbsBilling> billing;
    if (config.enable_details.value_or(true)) {
      auto b = dbs->DescribeBackupPlanBilling(plan.backup_plan_id, options);
      // Released while listing: not a plan any more.
      if (absl::IsNotFound(b.status())) continue;
      if (!ctx.AddStatus(b.status(), "reading DBS Backup Plan (" + plan.backup_plan_id + ")")) {
        return std::nullopt;
      }
      billing = *b;
    }
    ids.push_back(plan.backup_plan_id);
    names.push_back(plan.backup_plan_name);
    plans.push_back(Summarize(plan, billing));
  }
  out.id = ResultId(ids);
  out.ids = ids;
  out.names = names;
  out.plans = plans;
  if (config.output_file.is_known() && !config.output_file.value().empty()) {
    std::ofstream file(config.output_file.value(), std::ios::trunc);
    file << ToJson(plans).dump(2) << "\n";
    if (!file.good()) {
      ctx.AddError("Cannot write output_file", "Writing " + config.output_file.value() +
                                                   " failed; check the directory exists and "
                                                   "is writable.");
      return std::nullopt;
    }
  }
  return out;
}

schema::ModelSchema<PlanSummaryModel> BackupPlanDataSource::DefineSchema() const {
  schema::ModelSchema<PlanSummaryModel> s = PlanSummarySchema(/*by_id=*/true);
  s.Description("Reads one Database Backup (DBS) backup plan by its ID.");
  return s;
}

std::optional<PlanSummaryModel> BackupPlanDataSource::Read(framework::Context& ctx,
                                                           const PlanSummaryModel& config) {
  const resources::dbs::DbsAccess dbs = resources::dbs::DbsFor(ctx, config.region);
  if (!dbs) return std::nullopt;
  const std::string& region = dbs.region;
  const clients::CallOptions& options = dbs.options;
  const std::string id = config.backup_plan_id.value();
  const std::string what = "reading DBS Backup Plan (" + id + ")";
  auto plan = dbs->DescribeBackupPlan(id, options);
  if (absl::IsNotFound(plan.status())) {
    ctx.AddError(what + ": no such plan",
                 "DBS lists no backup plan " + id + " in region " + region +
                     ". Check the ID, and the region (the provider's, or this data source's "
                     "`region`).");
    return std::nullopt;
  }
  if (!ctx.AddStatus(plan.status(), what)) return std::nullopt;
  auto billing = dbs->DescribeBackupPlanBilling(id, options);
  if (!ctx.AddStatus(billing.status(), what)) return std::nullopt;
  PlanSummaryModel out = Summarize(*plan, *billing);
  out.region = region;
  return out;
}

}  // namespace polybackup::datasources::dbs
