#include "clients/huaweicloud/csbs_codec.h"

#include <charconv>

#include "absl/strings/ascii.h"
#include "clients/core/json_fields.h"
#include "clients/http/url.h"

namespace polybackup::clients::huaweicloud {
namespace {

using nlohmann::json;

json DefinitionToJson(const CsbsOperationDefinition& d) {
  json j = json::object();
  PutIfSet(j, "max_backups", d.max_backups);
  PutIfSet(j, "retention_duration_days", d.retention_duration_days);
  PutIfSet(j, "permanent", d.permanent);
  PutIfSet(j, "day_backups", d.day_backups);
  PutIfSet(j, "week_backups", d.week_backups);
  PutIfSet(j, "month_backups", d.month_backups);
  PutIfSet(j, "year_backups", d.year_backups);
  PutIfNotEmpty(j, "timezone", d.timezone);
  return j;
}

json OperationToJson(const CsbsScheduledOperation& op, bool with_id) {
  json j = json::object();
  if (with_id) PutIfNotEmpty(j, "id", op.id);
  PutIfNotEmpty(j, "name", op.name);
  PutIfNotEmpty(j, "description", op.description);
  PutIfSet(j, "enabled", op.enabled);
  PutIfNotEmpty(j, "operation_type", op.operation_type);
  j["operation_definition"] = DefinitionToJson(op.operation_definition);
  if (!op.trigger_pattern.empty()) {
    j["trigger"] = {{"properties", {{"pattern", op.trigger_pattern}}}};
  }
  return j;
}

json ResourcesToJson(const std::vector<CsbsResource>& resources) {
  json out = json::array();
  for (const CsbsResource& r : resources) {
    out.push_back({{"id", r.id}, {"type", r.type}, {"name", r.name}});
  }
  return out;
}

json CommonToJson(const std::map<std::string, std::string>& common) {
  return {{"common", common.empty() ? json::object() : json(common)}};
}

std::map<std::string, std::string> ParseCommon(const json& parameters) {
  std::map<std::string, std::string> out;
  const json& common = Member(parameters, "common");
  if (!common.is_object()) return out;
  for (auto it = common.begin(); it != common.end(); ++it) {
    out[it.key()] = it.value().is_string() ? it.value().get<std::string>() : it.value().dump();
  }
  return out;
}

CsbsScheduledOperation ParseOperation(const json& j) {
  CsbsScheduledOperation op;
  op.id = StringField(j, "id");
  op.name = StringField(j, "name");
  op.description = StringField(j, "description");
  op.enabled = BoolField(j, "enabled");
  op.operation_type = StringField(j, "operation_type");
  const json& d = Member(j, "operation_definition");
  CsbsOperationDefinition& def = op.operation_definition;
  def.max_backups = IntField(d, "max_backups");
  def.retention_duration_days = IntField(d, "retention_duration_days");
  def.permanent = BoolField(d, "permanent");
  def.day_backups = IntField(d, "day_backups");
  def.week_backups = IntField(d, "week_backups");
  def.month_backups = IntField(d, "month_backups");
  def.year_backups = IntField(d, "year_backups");
  def.timezone = StringField(d, "timezone");
  def.plan_id = StringField(d, "plan_id");
  def.provider_id = StringField(d, "provider_id");
  const json& trigger = Member(j, "trigger");
  const json& props = Member(trigger, "properties");
  op.trigger_pattern = StringField(props, "pattern");
  op.trigger_start_time = StringField(props, "start_time");
  op.trigger_format = StringField(props, "format");
  op.trigger_id = StringField(j, "trigger_id");
  if (op.trigger_id.empty()) op.trigger_id = StringField(trigger, "id");
  op.trigger_name = StringField(trigger, "name");
  op.trigger_type = StringField(trigger, "type");
  return op;
}

bool ReadNumber(std::string_view text, size_t& pos, size_t digits, int& out) {
  if (pos + digits > text.size()) return false;
  auto [ptr, ec] = std::from_chars(text.data() + pos, text.data() + pos + digits, out);
  if (ec != std::errc() || ptr != text.data() + pos + digits) return false;
  pos += digits;
  return true;
}

bool Expect(std::string_view text, size_t& pos, std::string_view any_of) {
  if (pos >= text.size() || any_of.find(text[pos]) == std::string_view::npos) return false;
  ++pos;
  return true;
}

}  // namespace

json CreatePolicyBody(const CreateCsbsPolicyRequest& r) {
  json p = json::object();
  p["name"] = r.name;
  PutIfNotEmpty(p, "description", r.description);
  p["provider_id"] = r.provider_id;
  // `parameters` is mandatory on create even when blank (seed Table 3).
  p["parameters"] = CommonToJson(r.common);
  p["resources"] = ResourcesToJson(r.resources);
  json ops = json::array();
  for (const CsbsScheduledOperation& op : r.scheduled_operations) {
    json o = OperationToJson(op, /*with_id=*/false);
    if (!o.contains("enabled")) o["enabled"] = true;  // mandatory on create
    ops.push_back(std::move(o));
  }
  p["scheduled_operations"] = std::move(ops);
  if (!r.tags.empty()) {  // "This list cannot be an empty list."
    json tags = json::array();
    for (const CsbsTag& t : r.tags) tags.push_back({{"key", t.key}, {"value", t.value}});
    p["tags"] = std::move(tags);
  }
  return {{"policy", std::move(p)}};
}

json UpdatePolicyBody(const UpdateCsbsPolicyRequest& r) {
  json p = json::object();
  if (r.name) p["name"] = *r.name;
  if (r.description) p["description"] = *r.description;
  if (r.common) p["parameters"] = CommonToJson(*r.common);
  if (r.resources) p["resources"] = ResourcesToJson(*r.resources);
  if (r.scheduled_operations) {
    json ops = json::array();
    for (const CsbsScheduledOperation& op : *r.scheduled_operations) {
      ops.push_back(OperationToJson(op, /*with_id=*/true));
    }
    p["scheduled_operations"] = std::move(ops);
  }
  return {{"policy", std::move(p)}};
}

CsbsPolicy ParsePolicy(const json& j) {
  CsbsPolicy p;
  p.id = StringField(j, "id");
  p.name = StringField(j, "name");
  p.description = StringField(j, "description");
  p.provider_id = StringField(j, "provider_id");
  p.project_id = StringField(j, "project_id");
  p.status = StringField(j, "status");
  p.created_at = StringField(j, "created_at");
  p.common = ParseCommon(Member(j, "parameters"));
  for (const json& r : ArrayField(j, "resources")) {
    p.resources.push_back({.id = StringField(r, "id"),
                           .type = StringField(r, "type"),
                           .name = StringField(r, "name")});
  }
  for (const json& op : ArrayField(j, "scheduled_operations")) {
    p.scheduled_operations.push_back(ParseOperation(op));
  }
  for (const json& t : ArrayField(j, "tags")) {
    p.tags.push_back({StringField(t, "key"), StringField(t, "value")});
  }
  return p;
}

std::string NextMarkerFromLinks(const json& answer) {
  for (const json& link : ArrayField(answer, "policies_links")) {
    if (StringField(link, "rel") != "next") continue;
    std::string href = StringField(link, "href");
    size_t q = href.find('?');
    if (q == std::string::npos) return "";
    absl::StatusOr<http::QueryParams> params = http::ParseQuery(href.substr(q + 1));
    if (!params.ok()) return "";
    for (const auto& [k, v] : *params) {
      if (k == "marker") return v;
    }
  }
  return "";
}

std::optional<std::chrono::system_clock::time_point> ParseCsbsTime(std::string_view text) {
  size_t pos = 0;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!ReadNumber(text, pos, 4, year) || !Expect(text, pos, "-") ||
      !ReadNumber(text, pos, 2, month) || !Expect(text, pos, "-") ||
      !ReadNumber(text, pos, 2, day) || !Expect(text, pos, "T ") ||
      !ReadNumber(text, pos, 2, hour) || !Expect(text, pos, ":") ||
      !ReadNumber(text, pos, 2, minute) || !Expect(text, pos, ":") ||
      !ReadNumber(text, pos, 2, second)) {
    return std::nullopt;
  }
  long long micros = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    int digits = 0;
    while (pos < text.size() && absl::ascii_isdigit(text[pos])) {
      if (digits < 6) micros = micros * 10 + (text[pos] - '0');
      ++digits;
      ++pos;
    }
    if (digits == 0) return std::nullopt;
    for (; digits < 6; ++digits) micros *= 10;
  }
  if (pos < text.size() && text[pos] == 'Z') ++pos;
  if (pos != text.size()) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year(year), std::chrono::month(month),
                                  std::chrono::day(day)};
  if (!ymd.ok() || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  return std::chrono::sys_days(ymd) + std::chrono::hours(hour) + std::chrono::minutes(minute) +
         std::chrono::seconds(second) + std::chrono::microseconds(micros);
}

}  // namespace polybackup::clients::huaweicloud
