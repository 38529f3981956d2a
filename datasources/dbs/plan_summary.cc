#include "datasources/dbs/plan_summary.h"

#include "resources/dbs/backup_plan_model.h"

namespace polybackup::datasources::dbs {
namespace {

namespace ali = clients::alicloud;
using M = PlanSummaryModel;

template <class T>
struct Described {
  const char* name;
  schema::Field<T> M::*member;
  const char* description;
};

const Described<std::string> kStrings[] = {
    {"id", &M::id, "The backup plan ID."},
    {"backup_plan_name", &M::backup_plan_name, "The plan's name."},
    {"backup_method", &M::backup_method, "`logical`, `physical` or `duplication`."},
    {"backup_objects", &M::backup_objects, "What is backed up, as JSON text."},
    {"backup_period", &M::backup_period, "Weekdays of the full backups, e.g. `Monday,Thursday`."},
    {"backup_start_time", &M::backup_start_time, "When full backups start, `HH:mm` UTC."},
    {"backup_storage_type", &M::backup_storage_type, "The built-in storage type."},
    {"backup_gateway_id", &M::backup_gateway_id, "The backup gateway's ID; empty for none."},
    {"cross_aliyun_id", &M::cross_aliyun_id, "The account of a database in another account."},
    {"cross_role_name", &M::cross_role_name, "The RAM role used in that account."},
    {"database_type", &M::database_type, "The database type, e.g. `MySQL`."},
    {"instance_class", &M::instance_class, "The plan's size, e.g. `xlarge`."},
    {"oss_bucket_name", &M::oss_bucket_name, "The OSS bucket of the backups."},
    {"payment_type", &M::payment_type,
     "`PayAsYouGo` or `Subscription`; null when `enable_details` is false."},
    {"resource_group_id", &M::resource_group_id, "The plan's resource group."},
    {"source_endpoint_database_name", &M::source_endpoint_database_name, "The database name."},
    {"source_endpoint_instance_id", &M::source_endpoint_instance_id, "The database instance."},
    {"source_endpoint_instance_type", &M::source_endpoint_instance_type,
     "Where the database runs: `RDS`, `ECS`, `Express`, `Agent`, `DDS` or `Other`."},
    {"source_endpoint_region", &M::source_endpoint_region, "The database's region."},
    {"source_endpoint_sid", &M::source_endpoint_sid, "The Oracle SID."},
    {"source_endpoint_user_name", &M::source_endpoint_user_name, "The user DBS logs in as."},
    {"status", &M::status, "`running`, `pause`, `check_pass`, `init`, `wait`, `stop` or `locked`."},
};
const Described<int64_t> kInts[] = {
    {"backup_retention_period", &M::backup_retention_period, "Days backups are kept."},
    {"duplication_archive_period", &M::duplication_archive_period,
     "Days until backups move to archive storage."},
    {"duplication_infrequent_access_period", &M::duplication_infrequent_access_period,
     "Days until backups move to infrequent-access storage."},
};

class RegexCheck : public schema::Validator {
 public:
  std::string Description() const override { return "a regular expression"; }
  bool AcceptsType(const cty::Type& t) const override {
    return t.kind() == cty::Type::Kind::kString;
  }
  void Validate(const cty::Value& v, const cty::Path& path,
                diag::Diagnostics& diags) const override {
    try {
      std::regex(v.AsString(), std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
      diags.AddAttributeError(
          path, "Invalid value for \"" + path.ToString().substr(1) + "\"",
          "Expected a regular expression, got \"" + v.AsString() + "\": " + e.what() + ".");
    }
  }
};

}  // namespace

schema::ModelSchema<M> PlanSummarySchema(bool by_id) {
  schema::ModelSchema<M> s;
  for (const auto& a : kStrings)
    s.Attribute(a.name, a.member).Computed().MarkdownDescription(a.description);
  for (const auto& a : kInts) s.Attribute(a.name, a.member).Computed().Description(a.description);
  s.Attribute("enable_backup_log", &M::enable_backup_log)
      .Computed()
      .Description("Whether incremental (log) backups run.");
  if (!by_id) {
    s.Attribute("backup_plan_id", &M::backup_plan_id).Computed().Description("The plan ID.");
    return s;
  }
  s.Attribute("backup_plan_id", &M::backup_plan_id)
      .Required()
      .Validate(schema::StringLengthBetween(1, 64))
      .Description("The ID of the plan to read.");
  s.Attribute("region", &M::region)
      .Optional()
      .Computed()
      .MarkdownDescription("The plan's region. Defaults to the provider's `alicloud` region.");
  return s;
}

PlanSummaryModel Summarize(const ali::DbsBackupPlan& p,
                           const std::optional<ali::DbsBilling>& billing) {
  M m;
  m.id = p.backup_plan_id;
  m.backup_plan_id = p.backup_plan_id;
  m.backup_plan_name = p.backup_plan_name;
  m.backup_method = p.backup_method;
  m.backup_objects = p.backup_objects;
  m.backup_period = resources::dbs::CanonicalPeriod(p.backup_period);
  m.backup_start_time = p.backup_start_time;
  m.backup_storage_type = p.backup_storage_type;
  m.backup_gateway_id = p.backup_gateway_id ? std::to_string(*p.backup_gateway_id) : "";
  m.cross_aliyun_id = p.cross_aliyun_id;
  m.cross_role_name = p.cross_role_name;
  m.database_type = p.database_type;
  m.instance_class = p.instance_class;
  m.oss_bucket_name = p.oss_bucket_name;
  if (billing) m.payment_type = resources::dbs::PaymentTypeFromCharge(billing->buy_charge_type);
  m.resource_group_id = p.resource_group_id;
  m.source_endpoint_database_name = p.source_endpoint_database_name;
  m.source_endpoint_instance_id = p.source_endpoint_instance_id;
  m.source_endpoint_instance_type =
      resources::dbs::EndpointTypeFromApi(p.source_endpoint_instance_type);
  m.source_endpoint_region = p.source_endpoint_region;
  m.source_endpoint_sid = p.source_endpoint_oracle_sid;
  m.source_endpoint_user_name = p.source_endpoint_user_name;
  m.status = p.backup_plan_status;
  auto number = [](const std::optional<long long>& v) {
    return v ? schema::Int64(static_cast<int64_t>(*v)) : schema::Int64::Null();
  };
  m.backup_retention_period = number(p.backup_retention_period);
  m.duplication_archive_period = number(p.duplication_archive_period);
  m.duplication_infrequent_access_period = number(p.duplication_infrequent_access_period);
  m.enable_backup_log = p.enable_backup_log ? schema::Bool(*p.enable_backup_log) : schema::Bool();
  return m;
}

bool PlanFilter::Matches(const ali::DbsBackupPlan& plan) const {
  if (!ids.empty() && !ids.count(plan.backup_plan_id)) return false;
  if (name && !std::regex_search(plan.backup_plan_name, *name)) return false;
  return status.empty() || plan.backup_plan_status == status;
}

schema::ValidatorPtr RegexValidator() { return std::make_shared<RegexCheck>(); }

}  // namespace polybackup::datasources::dbs
