#include "datasources/aws/backup_plans_data_source.h"

#include <ctime>
#include <regex>

#include "resources/aws/backup_common.h"

namespace polybackup::datasources::aws {
namespace {

namespace res = resources::aws;
using schema::ModelSchema;

ModelSchema<PlanSummaryData> SummarySchema() {
  using S = PlanSummaryData;
  ModelSchema<S> s;
  s.Attribute("id", &S::id).Computed().Description("The plan ID.");
  s.Attribute("arn", &S::arn).Computed().Description("The plan's ARN.");
  s.Attribute("name", &S::name).Computed().Description("The plan's display name.");
  s.Attribute("version", &S::version).Computed().Description("The plan's current version ID.");
  s.Attribute("creation_date", &S::creation_date)
      .Computed()
      .Description("When the plan was made (RFC 3339, UTC).");
  s.Attribute("deletion_date", &S::deletion_date)
      .Computed()
      .Description("When the plan was deleted (only with include_deleted).");
  return s;
}

schema::String Date(const std::optional<double>& epoch) {
  return epoch ? schema::String(Rfc3339(*epoch)) : schema::String::Null();
}

}  // namespace

std::string Rfc3339(double epoch_seconds) {
  const std::time_t t = static_cast<std::time_t>(epoch_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

ModelSchema<BackupPlansDataModel> BackupPlansDataSource::DefineSchema() const {
  using M = BackupPlansDataModel;
  ModelSchema<M> s;
  s.MarkdownDescription(
      "Lists the AWS Backup plans of a region, every page of them, optionally only those whose "
      "name matches `name_regex`.");
  s.Attribute("id", &M::id).Computed().Description("The region listed.");
  s.Attribute("region", &M::region)
      .Optional()
      .Computed()
      .MarkdownDescription("The region to list. Defaults to the provider's `aws` region.");
  s.Attribute("name_regex", &M::name_regex)
      .Optional()
      .MarkdownDescription(
          "Keep only plans whose name contains a match of this regular expression (ECMAScript "
          "syntax), e.g. `^prod-`.");
  s.Attribute("include_deleted", &M::include_deleted)
      .Optional()
      .Description("Also list plans deleted recently (AWS still lists them for a while).");
  s.Attribute("ids", &M::ids).Computed().Description("The plan IDs, in the order AWS lists them.");
  s.Attribute("names", &M::names).Computed().Description("The plan names, in the same order.");
  s.NestedAttribute("plans", &M::plans, SummarySchema())
      .Computed()
      .Description("The plans, in the same order.");
  return s;
}

void BackupPlansDataSource::Validate(framework::Context& ctx, const BackupPlansDataModel& config) {
  if (!config.name_regex.is_known()) return;
  try {
    std::regex re(config.name_regex.value(), std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    ctx.diagnostics().AddAttributeError(
        cty::Path().Attribute("name_regex"), "Invalid value for \"name_regex\"",
        "\"" + config.name_regex.value() + "\" is not a valid regular expression: " + e.what() +
            ".");
  }
}

std::optional<BackupPlansDataModel> BackupPlansDataSource::Read(
    framework::Context& ctx, const BackupPlansDataModel& config) {
  schema::String region = config.region;
  auto client = res::BackupClientFor(ctx, region);
  if (!client) return std::nullopt;
  auto all = client->ListAllBackupPlans(config.include_deleted.value_or(false),
                                        resources::ProviderData::CallOptionsFor(ctx));
  if (!ctx.AddStatus(all.status(), "listing Backup Plans in " + region.value()))
    return std::nullopt;
  std::optional<std::regex> filter;
  if (config.name_regex.is_known())
    filter.emplace(config.name_regex.value(), std::regex::ECMAScript);
  std::vector<std::string> ids, names;
  std::vector<PlanSummaryData> plans;
  for (const auto& p : *all) {
    if (filter && !std::regex_search(p.backup_plan_name, *filter)) continue;
    ids.push_back(p.backup_plan_id);
    names.push_back(p.backup_plan_name);
    plans.push_back({.id = p.backup_plan_id,
                     .arn = p.backup_plan_arn,
                     .name = p.backup_plan_name,
                     .version = p.version_id,
                     .creation_date = Date(p.creation_date),
                     .deletion_date = Date(p.deletion_date)});
  }
  BackupPlansDataModel out = config;
  out.id = region;
  out.region = region;
  out.ids = ids;
  out.names = names;
  out.plans = plans;
  return out;
}

}  // namespace polybackup::datasources::aws
