#include "resources/csbs/csbs_policy.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "clients/huaweicloud/csbs_codec.h"
#include "clients/huaweicloud/trigger_pattern.h"

namespace polybackup::resources::csbs {
namespace {

namespace hw = clients::huaweicloud;

constexpr char kPatternExample[] =
    "BEGIN:VCALENDAR\\r\\nBEGIN:VEVENT\\r\\nRRULE:FREQ=WEEKLY;BYDAY=TH;BYHOUR=12;BYMINUTE=27\\r\\n"
    "END:VEVENT\\r\\nEND:VCALENDAR\\r\\n";

std::string Subject(const cty::Path& path) {
  return path.empty() ? "value" : "\"" + path.ToString().substr(1) + "\"";
}

// A string validator from a check returning "" (fine) or what is wrong.
class StringCheck : public schema::Validator {
 public:
  StringCheck(std::string description, std::string (*check)(const std::string&))
      : description_(std::move(description)), check_(check) {}
  std::string Description() const override { return description_; }
  bool AcceptsType(const cty::Type& t) const override {
    return t.kind() == cty::Type::Kind::kString;
  }
  void Validate(const cty::Value& v, const cty::Path& path,
                diag::Diagnostics& diags) const override {
    if (v.type().kind() != cty::Type::Kind::kString) return;
    std::string problem = check_(v.AsString());
    if (!problem.empty()) {
      diags.AddAttributeError(path, "Invalid value for " + Subject(path),
                              problem + ". Expected " + description_ + ".");
    }
  }

 private:
  std::string description_;
  std::string (*check_)(const std::string&);
};

size_t Characters(const std::string& s) {
  return std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; });
}

std::string CheckDescription(const std::string& s) {
  if (s.find_first_of("<>") != std::string::npos) return "It contains < or >";
  if (Characters(s) > 255) return absl::StrCat("It is ", Characters(s), " characters long");
  return "";
}

std::string CheckPattern(const std::string& s) {
  absl::StatusOr<hw::RruleSchedule> parsed = hw::ParseTriggerPattern(s);
  return parsed.ok() ? "" : std::string(parsed.status().message());
}

bool Known(const schema::Int64& f) { return f.is_known(); }

// Equal meaning: the same schedule, however written.
bool SameSchedule(const std::string& a, const std::string& b) {
  if (a == b) return true;
  auto pa = hw::ParseTriggerPattern(a);
  auto pb = hw::ParseTriggerPattern(b);
  return pa.ok() && pb.ok() && *pa == *pb;
}

// A count the service answered: absent stays null; 0 for an unset value is
// what the reference providers read as "not set" too.
schema::Int64 AnsweredCount(const std::optional<long long>& answered, const schema::Int64& had) {
  if (!answered) return schema::Int64::Null();
  if (*answered == 0 && had.is_null()) return schema::Int64::Null();
  return static_cast<int64_t>(*answered);
}

// A text the service answered; "" is null unless a value was known (then
// the change shows as drift). Never unknown.
schema::String AnsweredText(const std::string& answered, const schema::String& had) {
  if (answered.empty() && !had.is_known()) return schema::String::Null();
  return answered;
}

void PutCount(const schema::Int64& f, std::optional<long long>& out) {
  if (f.is_known()) out = f.value();
}

hw::CsbsScheduledOperation ToOperation(const ScheduledOperationModel& m) {
  hw::CsbsScheduledOperation op;
  op.name = m.name.value_or("");
  op.description = m.description.value_or("");
  op.enabled = m.enabled.value_or(true);
  op.operation_type = m.operation_type.value_or("backup");
  op.trigger_pattern = m.trigger_pattern.value_or("");
  hw::CsbsOperationDefinition& d = op.operation_definition;
  PutCount(m.max_backups, d.max_backups);
  PutCount(m.retention_duration_days, d.retention_duration_days);
  if (m.permanent.is_known()) d.permanent = m.permanent.value();
  PutCount(m.day_backups, d.day_backups);
  PutCount(m.week_backups, d.week_backups);
  PutCount(m.month_backups, d.month_backups);
  PutCount(m.year_backups, d.year_backups);
  d.timezone = m.timezone.value_or("");
  return op;
}

// What the user configures of an operation, for "did it change".
auto Configured(const ScheduledOperationModel& m) {
  return std::tie(m.name, m.description, m.enabled, m.operation_type, m.trigger_pattern,
                  m.max_backups, m.retention_duration_days, m.permanent, m.day_backups,
                  m.week_backups, m.month_backups, m.year_backups, m.timezone);
}

std::vector<hw::CsbsResource> ToResources(const std::vector<PolicyResourceModel>& in) {
  std::vector<hw::CsbsResource> out;
  for (const auto& r : in) {
    out.push_back(
        {.id = r.id.value_or(""), .type = r.type.value_or(""), .name = r.name.value_or("")});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::tie(a.id, a.type, a.name) < std::tie(b.id, b.type, b.name);
  });
  return out;
}

bool SameResources(const std::vector<hw::CsbsResource>& a, const std::vector<hw::CsbsResource>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto& x, const auto& y) {
    return x.id == y.id && x.type == y.type && x.name == y.name;
  });
}

}  // namespace

schema::ValidatorPtr NameValidator() {
  return schema::StringMatches("[A-Za-z0-9_-]{1,255}",
                               "1 to 255 letters, digits, underscores (_) and hyphens (-)");
}

schema::ValidatorPtr DescriptionValidator() {
  return std::make_shared<StringCheck>("at most 255 characters, without < or >", &CheckDescription);
}

schema::ValidatorPtr TriggerPatternValidator() {
  return std::make_shared<StringCheck>(
      std::string("an iCalendar rule of FREQ (WEEKLY or DAILY), BYDAY (MO to SU), BYHOUR (0-23) "
                  "and BYMINUTE (0-59), backups at least an hour apart and at most 24 a day, "
                  "in the calendar wrapper: ") +
          kPatternExample,
      &CheckPattern);
}

schema::ValidatorPtr RetentionValidator() { return schema::IntBetween(-1, 99999); }
schema::ValidatorPtr LongTermCountValidator() { return schema::IntBetween(0, 99999); }

schema::ValidatorPtr TimezoneValidator() {
  return schema::StringMatches("UTC[+-](0[0-9]|1[0-4]):[0-5][0-9]",
                               "a UTC offset written UTC+HH:MM or UTC-HH:MM, e.g. UTC+08:00");
}

schema::ValidatorPtr TagKeyValidator() {
  return schema::StringMatches("[A-Za-z0-9_-]{1,36}",
                               "1 to 36 letters, digits, underscores (_) and hyphens (-)");
}

schema::ValidatorPtr TagValueValidator() {
  return schema::StringMatches("[A-Za-z0-9_-]{0,43}",
                               "at most 43 letters, digits, underscores (_) and hyphens (-)");
}

void AddOperationIdentity(schema::ModelSchema<ScheduledOperationModel>& s) {
  using O = ScheduledOperationModel;
  s.Attribute("id", &O::id).Computed().Description("The scheduling period's ID.");
  s.Attribute("trigger_id", &O::trigger_id).Computed().Description("The scheduler's ID.");
  s.Attribute("trigger_name", &O::trigger_name).Computed().Description("The scheduler's name.");
  s.Attribute("trigger_type", &O::trigger_type)
      .Computed()
      .MarkdownDescription("The scheduler's type (`time`).");
}

void CheckPolicy(const PolicyModel& config, diag::Diagnostics& diags) {
  for (size_t i = 0; i < config.scheduled_operation.size(); ++i) {
    const ScheduledOperationModel& op = config.scheduled_operation[i];
    const cty::Path at = cty::Path().Attribute("scheduled_operation").Index(i);
    const std::vector<const schema::Int64*> counts = {&op.day_backups, &op.week_backups,
                                                      &op.month_backups, &op.year_backups};
    const bool any_unknown = op.timezone.is_unknown() ||
                             std::any_of(counts.begin(), counts.end(),
                                         [](const schema::Int64* c) { return c->is_unknown(); });
    const bool any_count =
        std::any_of(counts.begin(), counts.end(), [](const schema::Int64* c) { return Known(*c); });
    if (!any_unknown && any_count && op.timezone.is_null()) {
      diags.AddAttributeError(
          at.Attribute("timezone"), "Missing timezone",
          "timezone (e.g. \"UTC+08:00\") is required when day_backups, week_backups, "
          "month_backups or year_backups is set: the service counts days in that zone.");
    }
    if (!any_unknown && !any_count && op.timezone.is_known()) {
      diags.AddAttributeError(at.Attribute("timezone"), "timezone without long-term retention",
                              "timezone is only taken together with day_backups, week_backups, "
                              "month_backups or year_backups; set one of them or drop timezone.");
    }
    if (op.max_backups.is_known() && op.retention_duration_days.is_known() &&
        op.max_backups.value() != -1 && op.retention_duration_days.value() != -1) {
      diags.AddAttributeError(
          at.Attribute("retention_duration_days"), "Conflicting retention rules",
          "Backups are retained either by count (max_backups) or by days "
          "(retention_duration_days), not both: set only one (or the other to -1).");
    }
  }
  std::vector<std::string> keys;
  for (const TagModel& t : config.tags) {
    if (!t.key.is_known()) continue;
    if (std::find(keys.begin(), keys.end(), t.key.value()) != keys.end()) {
      diags.AddAttributeError(
          cty::Path().Attribute("tags"), "Duplicate tag key",
          "The tag key \"" + t.key.value() + "\" appears more than once; keys must be unique.");
    }
    keys.push_back(t.key.value());
  }
}

hw::CreateCsbsPolicyRequest CreateRequest(const PolicyModel& planned) {
  hw::CreateCsbsPolicyRequest r;
  r.name = planned.name.value_or("");
  r.description = planned.description.value_or("");
  r.provider_id = planned.provider_id.value_or(hw::kCsbsProviderId);
  r.common = planned.common.value_or({});
  r.resources = ToResources(planned.resource);
  for (const auto& op : planned.scheduled_operation)
    r.scheduled_operations.push_back(ToOperation(op));
  for (const auto& t : planned.tags) r.tags.push_back({t.key.value_or(""), t.value.value_or("")});
  return r;
}

hw::UpdateCsbsPolicyRequest UpdateRequest(const PolicyModel& prior, const PolicyModel& planned) {
  hw::UpdateCsbsPolicyRequest r;
  if (!(planned.name == prior.name)) r.name = planned.name.value_or("");
  if (!(planned.description == prior.description)) r.description = planned.description.value_or("");
  if (!(planned.common == prior.common)) r.common = planned.common.value_or({});
  std::vector<hw::CsbsResource> resources = ToResources(planned.resource);
  if (!SameResources(resources, ToResources(prior.resource))) r.resources = std::move(resources);
  if (!planned.scheduled_operation.empty() && !prior.scheduled_operation.empty()) {
    const ScheduledOperationModel& now = planned.scheduled_operation.front();
    const ScheduledOperationModel& before = prior.scheduled_operation.front();
    if (Configured(now) != Configured(before)) {
      hw::CsbsScheduledOperation op = ToOperation(now);
      op.id = before.id.value_or("");  // the existing operation: its trigger stays
      op.operation_type.clear();       // not updatable
      r.scheduled_operations = std::vector<hw::CsbsScheduledOperation>{op};
    }
  }
  return r;
}

bool IsEmpty(const hw::UpdateCsbsPolicyRequest& r) {
  return !r.name && !r.description && !r.common && !r.resources && !r.scheduled_operations;
}

void ApplyPolicy(const hw::CsbsPolicy& policy, PolicyModel& model) {
  model.id = policy.id;
  model.name = policy.name;
  model.description = AnsweredText(policy.description, model.description);
  // The fixed CSBS provider id; the seed's example answers another one, so
  // an answer never replaces what was configured.
  if (!model.provider_id.is_known()) {
    model.provider_id = policy.provider_id.empty() ? hw::kCsbsProviderId : policy.provider_id;
  }
  if (policy.common.empty() && !model.common.is_known()) {
    model.common = schema::Map<std::string>::Null();
  } else {
    model.common = policy.common;
  }
  model.status = policy.status;
  model.created_at = CreatedAt(policy.created_at);
  model.resource.clear();
  for (const auto& r : policy.resources) model.resource.push_back({r.id, r.type, r.name});
  model.tags.clear();
  for (const auto& t : policy.tags) model.tags.push_back({t.key, t.value});
  const ScheduledOperationModel had = model.scheduled_operation.empty()
                                          ? ScheduledOperationModel{}
                                          : model.scheduled_operation.front();
  model.scheduled_operation.clear();
  for (const auto& op : policy.scheduled_operations) {
    ScheduledOperationModel m;
    m.id = op.id;
    m.name = AnsweredText(op.name, had.name);
    m.description = AnsweredText(op.description, had.description);
    m.enabled = op.enabled.value_or(had.enabled.value_or(true));
    m.operation_type = AnsweredText(op.operation_type, had.operation_type);
    m.trigger_pattern = had.trigger_pattern.is_known() &&
                                SameSchedule(had.trigger_pattern.value(), op.trigger_pattern)
                            ? had.trigger_pattern
                            : schema::String(op.trigger_pattern);
    const hw::CsbsOperationDefinition& d = op.operation_definition;
    m.max_backups = AnsweredCount(d.max_backups, had.max_backups);
    m.retention_duration_days =
        AnsweredCount(d.retention_duration_days, had.retention_duration_days);
    m.permanent = d.permanent.value_or(had.permanent.value_or(false));
    CopyLongTerm(had, m);
    m.trigger_id = op.trigger_id;
    m.trigger_name = op.trigger_name;
    m.trigger_type = op.trigger_type;
    model.scheduled_operation.push_back(std::move(m));
    break;  // a CSBS policy has exactly one
  }
}

std::string CreatedAt(const std::string& answered) {
  auto t = hw::ParseCsbsTime(answered);
  if (!t) return answered;
  std::time_t secs =
      std::chrono::system_clock::to_time_t(std::chrono::time_point_cast<std::chrono::seconds>(*t));
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char text[32];
  std::strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

absl::StatusOr<ImportId> ParseImportId(const std::string& id) {
  constexpr char kForm[] =
      "Import a CSBS policy by its ID, optionally followed by the long-term retention the "
      "service does not answer: <policy_id> or "
      "<policy_id>/week_backups=4,month_backups=2,timezone=UTC+03:00";
  auto invalid = [&](const std::string& why) {
    return absl::InvalidArgumentError(why + ". " + kForm + "; got \"" + id + "\".");
  };
  ImportId out;
  const size_t slash = id.find('/');
  out.policy_id = id.substr(0, slash);
  if (out.policy_id.empty() || out.policy_id.find_first_of(" ,=") != std::string::npos) {
    return invalid("The policy ID is missing or malformed");
  }
  if (slash == std::string::npos) return out;
  ScheduledOperationModel& lt = out.long_term;
  std::vector<std::string> seen;
  std::string rest = id.substr(slash + 1);
  size_t start = 0;
  while (start <= rest.size()) {
    size_t comma = rest.find(',', start);
    std::string part =
        rest.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    start = comma == std::string::npos ? rest.size() + 1 : comma + 1;
    size_t eq = part.find('=');
    if (eq == std::string::npos) return invalid("\"" + part + "\" is not name=value");
    std::string key = part.substr(0, eq), value = part.substr(eq + 1);
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
      return invalid(key + " is given twice");
    }
    seen.push_back(key);
    if (key == "timezone") {
      diag::Diagnostics d;
      TimezoneValidator()->Validate(cty::Value::String(value), cty::Path(), d);
      if (d.HasError()) return invalid("timezone must look like UTC+08:00");
      lt.timezone = value;
      continue;
    }
    schema::Int64* slot = key == "day_backups"     ? &lt.day_backups
                          : key == "week_backups"  ? &lt.week_backups
                          : key == "month_backups" ? &lt.month_backups
                          : key == "year_backups"  ? &lt.year_backups
                                                   : nullptr;
    if (slot == nullptr) {
      return invalid("\"" + key +
                     "\" is not one of day_backups, week_backups, month_backups, year_backups, "
                     "timezone");
    }
    if (value.empty() || value.size() > 5 ||
        !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return invalid(key + " must be a whole number from 0 to 99999");
    }
    *slot = static_cast<int64_t>(std::stoll(value));
  }
  PolicyModel check;
  check.scheduled_operation.push_back(lt);
  diag::Diagnostics d;
  CheckPolicy(check, d);
  if (d.HasError()) return invalid(d.items()[0].detail);
  return out;
}

void CopyLongTerm(const ScheduledOperationModel& from, ScheduledOperationModel& to) {
  to.day_backups = from.day_backups;
  to.week_backups = from.week_backups;
  to.month_backups = from.month_backups;
  to.year_backups = from.year_backups;
  to.timezone = from.timezone;
}

}  // namespace polybackup::resources::csbs
