#include "datasources/aws/backup_plan_data_source.h"

#include "resources/aws/backup_common.h"
#include "resources/aws/backup_plan_model.h"

namespace polybackup::datasources::aws {
namespace {

using schema::ModelSchema;
namespace res = resources::aws;

ModelSchema<LifecycleData> LifecycleSchema() {
  ModelSchema<LifecycleData> s;
  s.Attribute("cold_storage_after", &LifecycleData::cold_storage_after)
      .Computed()
      .Description("Days until recovery points move to cold storage.");
  s.Attribute("delete_after", &LifecycleData::delete_after)
      .Computed()
      .Description("Days until recovery points are deleted.");
  s.Attribute("opt_in_to_archive_for_supported_resources",
              &LifecycleData::opt_in_to_archive_for_supported_resources)
      .Computed()
      .Description("Whether eligible resource types go to archive tier.");
  return s;
}

ModelSchema<CopyActionData> CopyActionSchema() {
  ModelSchema<CopyActionData> s;
  s.Attribute("destination_vault_arn", &CopyActionData::destination_vault_arn)
      .Computed()
      .Description("The vault copies go to.");
  s.NestedAttribute("lifecycle", &CopyActionData::lifecycle, LifecycleSchema())
      .Computed()
      .Description("The copies' lifecycle.");
  return s;
}

ModelSchema<RuleData> RuleSchema() {
  using R = RuleData;
  ModelSchema<R> s;
  s.Attribute("rule_name", &R::rule_name).Computed().Description("The rule's name.");
  s.Attribute("target_vault_name", &R::target_vault_name)
      .Computed()
      .Description("The vault backups go to.");
  s.Attribute("schedule", &R::schedule).Computed().Description("When backups start.");
  s.Attribute("schedule_expression_timezone", &R::schedule_expression_timezone)
      .Computed()
      .Description("The time zone of the schedule.");
  s.Attribute("start_window", &R::start_window)
      .Computed()
      .Description("Minutes within which a backup must start.");
  s.Attribute("completion_window", &R::completion_window)
      .Computed()
      .Description("Minutes within which a backup must complete.");
  s.Attribute("enable_continuous_backup", &R::enable_continuous_backup)
      .Computed()
      .Description("Whether continuous backups are made.");
  s.NestedAttribute("lifecycle", &R::lifecycle, LifecycleSchema())
      .Computed()
      .Description("The backups' lifecycle.");
  s.NestedAttribute("copy_action", &R::copy_action, CopyActionSchema())
      .AsSet()
      .Computed()
      .Description("Copies to other vaults.");
  s.Attribute("recovery_point_tags", &R::recovery_point_tags)
      .Computed()
      .Description("Tags put on the recovery points.");
  return s;
}

schema::Field<std::vector<LifecycleData>> Lifecycles(const std::vector<res::LifecycleModel>& in) {
  std::vector<LifecycleData> out;
  for (const res::LifecycleModel& l : in) {
    out.push_back(
        {l.cold_storage_after, l.delete_after, l.opt_in_to_archive_for_supported_resources});
  }
  return out;
}

RuleData ToData(const res::RuleModel& r) {
  RuleData d{r.rule_name,
             r.target_vault_name,
             r.schedule,
             r.schedule_expression_timezone,
             r.start_window,
             r.completion_window,
             r.enable_continuous_backup};
  d.lifecycle = Lifecycles(r.lifecycle);
  std::vector<CopyActionData> copies;
  for (const res::CopyActionModel& c : r.copy_action) {
    copies.push_back({c.destination_vault_arn, Lifecycles(c.lifecycle)});
  }
  d.copy_action = copies;
  d.recovery_point_tags = r.recovery_point_tags;
  return d;
}

}  // namespace

ModelSchema<BackupPlanDataModel> BackupPlanDataSource::DefineSchema() const {
  using M = BackupPlanDataModel;
  ModelSchema<M> s;
  s.MarkdownDescription(
      "Reads an AWS Backup plan by ID, as the AWS provider's `aws_backup_plan` data source.");
  s.Attribute("id", &M::id).Computed().Description("The plan ID.");
  s.Attribute("plan_id", &M::plan_id)
      .Required()
      .Validate(schema::StringLengthBetween(1, 128))
      .Description("The ID of the plan to read.");
  s.Attribute("region", &M::region)
      .Optional()
      .Computed()
      .MarkdownDescription("The plan's region. Defaults to the provider's `aws` region.");
  s.Attribute("arn", &M::arn).Computed().Description("The plan's ARN.");
  s.Attribute("name", &M::name).Computed().Description("The plan's display name.");
  s.Attribute("version", &M::version).Computed().Description("The plan's version ID.");
  s.NestedAttribute("rule", &M::rule, RuleSchema())
      .AsSet()
      .Computed()
      .Description("The plan's rules.");
  s.Attribute("tags", &M::tags).Computed().Description("The plan's tags (all of them).");
  return s;
}

std::optional<BackupPlanDataModel> BackupPlanDataSource::Read(framework::Context& ctx,
                                                              const BackupPlanDataModel& config) {
  schema::String region = config.region;
  auto client = res::BackupClientFor(ctx, region);
  if (!client) return std::nullopt;
  const auto options = resources::ProviderData::CallOptionsFor(ctx);
  const std::string id = config.plan_id.value();
  const std::string what = "reading Backup Plan (" + id + ")";
  auto plan = client->GetBackupPlan(id, "", options);
  if (!ctx.AddStatus(plan.status(), what)) return std::nullopt;
  auto tags = client->ListTags(plan->backup_plan_arn, options);
  if (!ctx.AddStatus(tags.status(), what)) return std::nullopt;
  res::BackupPlanModel m = res::FromApi(*plan, res::BackupPlanModel{});
  BackupPlanDataModel out = config;
  out.id = id;
  out.region = region;
  out.arn = m.arn;
  out.name = m.name;
  out.version = m.version;
  std::vector<RuleData> rules;
  for (const res::RuleModel& r : m.rule) rules.push_back(ToData(r));
  out.rule = rules;
  out.tags = *tags;
  return out;
}

}  // namespace polybackup::datasources::aws
