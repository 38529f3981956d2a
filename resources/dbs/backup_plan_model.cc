#include "resources/dbs/backup_plan_model.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <nlohmann/json.hpp>

#include "absl/strings/str_join.h"
#include "resources/common/weekdays.h"

namespace polybackup::resources::dbs {
namespace {

namespace ali = clients::alicloud;

class JsonArray : public schema::Validator {
 public:
  std::string Description() const override {
    return "a JSON array, e.g. [{\"DBName\":\"orders\"}]";
  }
  bool AcceptsType(const cty::Type& t) const override {
    return t.kind() == cty::Type::Kind::kString;
  }
  void Validate(const cty::Value& v, const cty::Path& path,
                diag::Diagnostics& diags) const override {
    if (nlohmann::json::parse(v.AsString(), nullptr, false).is_array()) return;
    diags.AddAttributeError(path, "Invalid value for \"" + path.ToString().substr(1) + "\"",
                            "Expected " + Description() + ", got \"" + v.AsString() + "\".");
  }
};

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::optional<long long> Digits(const schema::String& f) {
  if (!f.is_known()) return std::nullopt;
  long long n = 0;
  const std::string& s = f.value();
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return n;
}

template <class T>
std::optional<int> OptInt(const schema::Field<T>& f) {
  if (!f.is_known()) return std::nullopt;
  return static_cast<int>(f.value());
}

std::string Text(const schema::String& f) { return f.value_or(""); }

// `m` keeps its value when it means the same as `api`; otherwise takes `api`.
void Keep(schema::String& m, const std::string& api,
          bool (*same)(std::string_view, std::string_view), const std::string& api_form) {
  if (m.is_known() && same(m.value(), api)) return;
  m = api_form;
}

bool SameDays(std::string_view a, std::string_view b) { return PeriodDays(a) == PeriodDays(b); }
bool SameEndpointType(std::string_view a, std::string_view b) { return EqualsIgnoreCase(a, b); }

void SetInt(schema::Int64& m, const std::optional<long long>& api) {
  if (api) {
    m = static_cast<int64_t>(*api);
  } else if (!m.is_known()) {
    m = schema::Int64::Null();
  }
}

bool Missing(const schema::String& f) { return f.is_null(); }

// The attribute `name` is needed: an error naming it and why.
void Need(diag::Diagnostics& diags, const char* name, const std::string& why) {
  diags.AddAttributeError(cty::Path().Attribute(name), "Missing required argument",
                          "\"" + std::string(name) + "\" is required " + why + ".");
}

std::string LoginReason(const std::string& db) {
  return "to log in to a " + db + " database (not for Redis, nor MSSQL through an Agent)";
}

void ValidateSource(const BackupPlanModel& c, diag::Diagnostics& diags) {
  if (!c.source_endpoint_instance_type.is_known() || !c.database_type.is_known()) return;
  const std::string type = c.source_endpoint_instance_type.value();
  const std::string db = c.database_type.value();
  auto is = [&](std::initializer_list<const char*> types) {
    return std::any_of(types.begin(), types.end(), [&](const char* t) { return type == t; });
  };
  const std::string where = "when source_endpoint_instance_type is \"" + type + "\"";
  if (is({"RDS", "ECS", "DDS", "Express", "Agent"}) && Missing(c.source_endpoint_region)) {
    Need(diags, "source_endpoint_region", where);
  }
  if (is({"RDS", "ECS", "DDS", "Express"}) && Missing(c.source_endpoint_instance_id)) {
    Need(diags, "source_endpoint_instance_id", where);
  }
  if (is({"Express", "Agent", "Other"}) && Missing(c.source_endpoint_ip)) {
    Need(diags, "source_endpoint_ip", where);
  }
  if (is({"Express", "Agent", "Other", "ECS"}) && c.source_endpoint_port.is_null()) {
    Need(diags, "source_endpoint_port", where);
  }
  if (is({"Agent"}) && Missing(c.backup_gateway_id)) Need(diags, "backup_gateway_id", where);
  if (NeedsLogin(c) && Missing(c.source_endpoint_user_name)) {
    Need(diags, "source_endpoint_user_name", LoginReason(db));
  }
  if ((db == "PostgreSQL" || db == "MongoDB") && Missing(c.source_endpoint_database_name)) {
    Need(diags, "source_endpoint_database_name", "for a " + db + " database");
  }
  if (db == "Oracle" && Missing(c.source_endpoint_sid) && Missing(c.source_endpoint_oracle_sid)) {
    Need(diags, "source_endpoint_sid", "for an Oracle database");
  }
}

void ValidatePurchase(const BackupPlanModel& c, diag::Diagnostics& diags) {
  if (c.period.is_known() && c.used_time.is_known()) {
    const int64_t most = c.period.value() == "Year" ? 9 : 11;
    if (c.used_time.value() < 1 || c.used_time.value() > most) {
      diags.AddAttributeError(cty::Path().Attribute("used_time"), "Invalid value for \"used_time\"",
                              "Expected 1 to " + std::to_string(most) + " when period is \"" +
                                  c.period.value() + "\", got " +
                                  std::to_string(c.used_time.value()) + ".");
    }
  }
  if (c.payment_type.is_known() && c.payment_type.value() == "PayAsYouGo" &&
      c.database_type.is_known() && c.database_type.value() == "DRDS") {
    diags.AddAttributeError(cty::Path().Attribute("payment_type"),
                            "Invalid value for \"payment_type\"",
                            "A DRDS database can only be backed up by a subscription plan "
                            "(payment_type \"Subscription\"), got \"PayAsYouGo\".");
  }
}

}  // namespace

schema::ValidatorPtr BackupPeriodValidator() {
  const std::string day = "(" + absl::StrJoin(Weekdays(), "|") + ")";
  return schema::StringMatches(
      day + "( *, *" + day + ")*",
      "weekdays separated by commas, each one of Monday, Tuesday, Wednesday, Thursday, Friday, "
      "Saturday, Sunday, e.g. \"Monday,Thursday\"");
}

schema::ValidatorPtr StartTimeValidator() {
  return schema::StringMatches("([01][0-9]|2[0-3]):[0-5][0-9]Z?",
                               "a UTC time written HH:mm, e.g. \"14:22\"");
}

schema::ValidatorPtr BackupObjectsValidator() { return std::make_shared<JsonArray>(); }

schema::ValidatorPtr DigitsValidator() {
  return schema::StringMatches("[0-9]{1,18}", "a whole number written as a string, e.g. \"1024\"");
}

bool NeedsLogin(const BackupPlanModel& c) {
  const std::string db = c.database_type.value_or("");
  return db != "Redis" &&
         !(c.source_endpoint_instance_type.value_or("") == "Agent" && db == "MSSQL");
}

void CheckCreatable(const BackupPlanModel& c, diag::Diagnostics& diags) {
  if (c.database_type.is_known() && NeedsLogin(c) && c.source_endpoint_password.is_null()) {
    Need(diags, "source_endpoint_password", LoginReason(c.database_type.value()));
  }
  if (c.payment_type.is_unknown()) return;
  if (c.payment_type.value_or("Subscription") == "Subscription") {
    const std::string why =
        "to buy a subscription plan (payment_type \"Subscription\", the API's default when "
        "payment_type is omitted); or set payment_type = \"PayAsYouGo\"";
    if (c.period.is_null()) Need(diags, "period", why);
    if (c.used_time.is_null()) Need(diags, "used_time", why);
  } else if (c.payment_type.value() == "PayAsYouGo") {
    const std::string why = "to buy a pay-as-you-go plan (payment_type \"PayAsYouGo\")";
    if (Missing(c.database_region)) Need(diags, "database_region", why);
    if (Missing(c.storage_region)) Need(diags, "storage_region", why);
    if (Missing(c.instance_type)) Need(diags, "instance_type", why);
  }
}

void ValidatePlanConfig(const BackupPlanModel& c, diag::Diagnostics& diags) {
  ValidatePurchase(c, diags);
  ValidateSource(c, diags);
  if (c.source_endpoint_sid.is_known() && c.source_endpoint_oracle_sid.is_known() &&
      c.source_endpoint_sid.value() != c.source_endpoint_oracle_sid.value()) {
    diags.AddAttributeError(cty::Path().Attribute("source_endpoint_oracle_sid"),
                            "Conflicting Oracle SIDs",
                            "source_endpoint_sid and source_endpoint_oracle_sid both set the "
                            "plan's Oracle SID; give one of them, or the same value to both.");
  }
}

std::set<std::string> PeriodDays(std::string_view period) {
  std::set<std::string> days;
  while (!period.empty()) {
    const size_t comma = period.find(',');
    const std::string_view token = Trim(period.substr(0, comma));
    if (!token.empty()) days.insert(CanonicalWeekday(token).value_or(std::string(token)));
    if (comma == std::string_view::npos) break;
    period.remove_prefix(comma + 1);
  }
  return days;
}

std::string CanonicalPeriod(std::string_view period) {
  const std::set<std::string> days = PeriodDays(period);
  std::vector<std::string> out = InWeekOrder(days);
  for (const std::string& d : days) {
    if (!CanonicalWeekday(d)) out.push_back(d);  // not a weekday: kept, so drift shows
  }
  return absl::StrJoin(out, ",");
}

bool SameStartTime(std::string_view a, std::string_view b) {
  auto bare = [](std::string_view t) {
    if (!t.empty() && (t.back() == 'Z' || t.back() == 'z')) t.remove_suffix(1);
    return t;
  };
  return bare(a) == bare(b);
}

bool SameBackupObjects(std::string_view a, std::string_view b) {
  nlohmann::json ja = nlohmann::json::parse(a, nullptr, false);
  nlohmann::json jb = nlohmann::json::parse(b, nullptr, false);
  if (ja.is_discarded() || jb.is_discarded()) return a == b;
  return ja == jb;
}

std::string EndpointTypeFromApi(std::string_view type) {
  for (const std::string& t : kEndpointTypes) {
    if (EqualsIgnoreCase(t, type)) return t;
  }
  return std::string(type);
}

std::string PayTypeFor(std::string_view payment_type) {
  if (payment_type == "PayAsYouGo") return "postpay";
  if (payment_type == "Subscription") return "prepay";
  return std::string(payment_type);
}

std::string PaymentTypeFromCharge(std::string_view charge) {
  if (EqualsIgnoreCase(charge, "POSTPAY")) return "PayAsYouGo";
  if (EqualsIgnoreCase(charge, "PREPAY")) return "Subscription";
  return std::string(charge);
}

ali::CreateDbsBackupPlanRequest CreateRequest(const BackupPlanModel& p, const std::string& region) {
  ali::CreateDbsBackupPlanRequest r;
  r.region = region;
  r.instance_class = Text(p.instance_class);
  r.database_type = Text(p.database_type);
  r.backup_method = Text(p.backup_method);
  r.pay_type = PayTypeFor(Text(p.payment_type));
  r.period = Text(p.period);
  r.used_time = OptInt(p.used_time);
  r.database_region = Text(p.database_region);
  r.storage_region = Text(p.storage_region);
  r.instance_type = Text(p.instance_type);
  r.resource_group_id = Text(p.resource_group_id);
  return r;
}

ali::DbsSourceEndpoint SourceOf(const BackupPlanModel& p) {
  ali::DbsSourceEndpoint s;
  s.instance_type = Text(p.source_endpoint_instance_type);
  s.region = Text(p.source_endpoint_region);
  s.instance_id = Text(p.source_endpoint_instance_id);
  s.ip = Text(p.source_endpoint_ip);
  s.port = OptInt(p.source_endpoint_port);
  s.database_name = Text(p.source_endpoint_database_name);
  s.user_name = Text(p.source_endpoint_user_name);
  s.password = Text(p.source_endpoint_password);
  s.oracle_sid = p.source_endpoint_sid.is_known() ? Text(p.source_endpoint_sid)
                                                  : Text(p.source_endpoint_oracle_sid);
  return s;
}

ali::ConfigureDbsBackupPlanRequest ConfigureRequest(const BackupPlanModel& p,
                                                    const std::string& id) {
  ali::ConfigureDbsBackupPlanRequest r;
  r.backup_plan_id = id;
  r.backup_plan_name = Text(p.backup_plan_name);
  r.source = SourceOf(p);
  r.backup_objects = Text(p.backup_objects);
  if (p.backup_period.is_known()) r.backup_period = CanonicalPeriod(p.backup_period.value());
  r.backup_start_time = Text(p.backup_start_time);
  if (p.enable_backup_log.is_known()) r.enable_backup_log = p.enable_backup_log.value();
  r.backup_log_interval_seconds = OptInt(p.backup_log_interval_seconds);
  r.backup_retention_period = OptInt(p.backup_retention_period);
  r.duplication_infrequent_access_period = OptInt(p.duplication_infrequent_access_period);
  r.duplication_archive_period = OptInt(p.duplication_archive_period);
  r.backup_storage_type = Text(p.backup_storage_type);
  r.backup_strategy_type = Text(p.backup_strategy_type);
  r.oss_bucket_name = Text(p.oss_bucket_name);
  r.backup_gateway_id = Digits(p.backup_gateway_id);
  r.cross_aliyun_id = Text(p.cross_aliyun_id);
  r.cross_role_name = Text(p.cross_role_name);
  r.backup_speed_limit = Digits(p.backup_speed_limit);
  r.backup_rate_limit = Digits(p.backup_rate_limit);
  return r;
}

void ApplyPlan(const ali::DbsBackupPlan& a, BackupPlanModel& m) {
  m.id = a.backup_plan_id;
  m.backup_plan_name = a.backup_plan_name;
  m.backup_method = a.backup_method;
  m.database_type = a.database_type;
  m.instance_class = a.instance_class;
  m.status = a.backup_plan_status;
  Keep(m.source_endpoint_instance_type, a.source_endpoint_instance_type, SameEndpointType,
       EndpointTypeFromApi(a.source_endpoint_instance_type));
  m.source_endpoint_region = a.source_endpoint_region;
  m.source_endpoint_instance_id = a.source_endpoint_instance_id;
  m.source_endpoint_database_name = a.source_endpoint_database_name;
  m.source_endpoint_user_name = a.source_endpoint_user_name;
  m.source_endpoint_sid = a.source_endpoint_oracle_sid;
  m.source_endpoint_oracle_sid = a.source_endpoint_oracle_sid;
  // "10.0.0.5:3306"; sources located by instance ID report none, so a
  // configured address is then kept rather than shown as removed.
  const size_t colon = a.source_endpoint_ip_port.rfind(':');
  if (colon != std::string::npos) {
    m.source_endpoint_ip = a.source_endpoint_ip_port.substr(0, colon);
    long long port = 0;
    const std::string p = a.source_endpoint_ip_port.substr(colon + 1);
    auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), port);
    m.source_endpoint_port = ec == std::errc() && end == p.data() + p.size()
                                 ? schema::Int64(static_cast<int64_t>(port))
                                 : schema::Int64::Null();
  } else {
    if (!m.source_endpoint_ip.is_known()) m.source_endpoint_ip = "";
    if (!m.source_endpoint_port.is_known()) m.source_endpoint_port = schema::Int64::Null();
  }
  m.backup_gateway_id = a.backup_gateway_id ? std::to_string(*a.backup_gateway_id) : "";
  m.cross_aliyun_id = a.cross_aliyun_id;
  m.cross_role_name = a.cross_role_name;
  Keep(m.backup_objects, a.backup_objects, SameBackupObjects, a.backup_objects);
  Keep(m.backup_period, a.backup_period, SameDays,
       a.backup_period.empty() ? "" : CanonicalPeriod(a.backup_period));
  Keep(m.backup_start_time, a.backup_start_time, SameStartTime, a.backup_start_time);
  if (a.enable_backup_log) {
    m.enable_backup_log = *a.enable_backup_log;
  } else if (!m.enable_backup_log.is_known()) {
    m.enable_backup_log = false;
  }
  SetInt(m.backup_retention_period, a.backup_retention_period);
  SetInt(m.duplication_infrequent_access_period, a.duplication_infrequent_access_period);
  SetInt(m.duplication_archive_period, a.duplication_archive_period);
  m.backup_storage_type = a.backup_storage_type;
  m.oss_bucket_name = a.oss_bucket_name;
  m.resource_group_id = a.resource_group_id;
}

void ApplyBilling(const ali::DbsBilling& billing, BackupPlanModel& m) {
  m.payment_type = PaymentTypeFromCharge(billing.buy_charge_type);
}

}  // namespace polybackup::resources::dbs
