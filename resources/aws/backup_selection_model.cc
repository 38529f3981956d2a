#include "resources/aws/backup_selection_model.h"

#include <optional>
#include <set>
#include <tuple>

namespace polybackup::resources::aws {
namespace {

namespace cl = clients::aws;
using Pairs = std::set<std::pair<std::string, std::string>>;

// The four condition lists, in the API's order, as members of both sides.
struct ConditionKind {
  std::vector<ConditionParameterModel> ConditionModel::*model;
  std::vector<cl::ConditionParameter> cl::BackupSelectionConditions::*api;
};
constexpr ConditionKind kKinds[] = {
    {&ConditionModel::string_equals, &cl::BackupSelectionConditions::string_equals},
    {&ConditionModel::string_like, &cl::BackupSelectionConditions::string_like},
    {&ConditionModel::string_not_equals, &cl::BackupSelectionConditions::string_not_equals},
    {&ConditionModel::string_not_like, &cl::BackupSelectionConditions::string_not_like},
};

// nullopt while any part is unknown.
std::optional<Pairs> Params(const std::vector<ConditionParameterModel>& list) {
  Pairs out;
  for (const ConditionParameterModel& p : list) {
    if (p.key.is_unknown() || p.value.is_unknown()) return std::nullopt;
    out.emplace(p.key.value_or(""), p.value.value_or(""));
  }
  return out;
}

Pairs ApiParams(const std::vector<cl::ConditionParameter>& list) {
  Pairs out;
  for (const cl::ConditionParameter& p : list) out.emplace(p.condition_key, p.condition_value);
  return out;
}

// The union of every condition block, per kind; nullopt while unknown.
std::optional<std::vector<Pairs>> MergedConditions(const std::vector<ConditionModel>& blocks) {
  std::vector<Pairs> merged(std::size(kKinds));
  for (const ConditionModel& c : blocks) {
    for (size_t k = 0; k < std::size(kKinds); ++k) {
      std::optional<Pairs> p = Params(c.*kKinds[k].model);
      if (!p) return std::nullopt;
      merged[k].insert(p->begin(), p->end());
    }
  }
  return merged;
}

using Tagged = std::set<std::tuple<std::string, std::string, std::string>>;

std::optional<Tagged> Tags(const std::vector<SelectionTagModel>& list) {
  Tagged out;
  for (const SelectionTagModel& t : list) {
    if (t.type.is_unknown() || t.key.is_unknown() || t.value.is_unknown()) return std::nullopt;
    out.emplace(t.type.value_or(""), t.key.value_or(""), t.value.value_or(""));
  }
  return out;
}

// An empty set and none select the same; nullopt while unknown.
std::optional<std::set<std::string>> Items(const schema::Set<std::string>& s) {
  if (s.is_unknown()) return std::nullopt;
  return s.value_or({});
}

// API items in the prior's form: none stays none when there are none.
schema::Set<std::string> FromItems(const std::vector<std::string>& api,
                                   const schema::Set<std::string>& prior) {
  if (api.empty() && !prior.is_known()) return schema::Set<std::string>::Null();
  return std::set<std::string>(api.begin(), api.end());
}

std::vector<ConditionParameterModel> ToParams(const Pairs& pairs) {
  std::vector<ConditionParameterModel> out;
  for (const auto& [k, v] : pairs) out.push_back({.key = k, .value = v});
  return out;
}

template <class T>
bool SameKnown(const std::optional<T>& a, const std::optional<T>& b) {
  return a && b && *a == *b;
}

}  // namespace

cl::BackupSelection ToSelection(const BackupSelectionModel& m) {
  cl::BackupSelection s;
  s.selection_name = m.name.value_or("");
  s.iam_role_arn = m.iam_role_arn.value_or("");
  for (const std::string& r : m.resources.value_or({})) s.resources.push_back(r);
  for (const std::string& r : m.not_resources.value_or({})) s.not_resources.push_back(r);
  for (const auto& [type, key, value] : Tags(m.selection_tag).value_or(Tagged{})) {
    s.list_of_tags.push_back(
        {.condition_type = type, .condition_key = key, .condition_value = value});
  }
  std::vector<Pairs> merged = MergedConditions(m.condition).value_or(std::vector<Pairs>(4));
  for (size_t k = 0; k < std::size(kKinds); ++k) {
    for (const auto& [key, value] : merged[k]) {
      (s.conditions.*kKinds[k].api).push_back({.condition_key = key, .condition_value = value});
    }
  }
  return s;
}

BackupSelectionModel SelectionFromApi(const cl::BackupSelection& api,
                                      const BackupSelectionModel& prior) {
  BackupSelectionModel m = prior;
  m.name = api.selection_name;
  m.iam_role_arn = api.iam_role_arn;
  m.resources = FromItems(api.resources, prior.resources);
  m.not_resources = FromItems(api.not_resources, prior.not_resources);
  m.selection_tag.clear();
  for (const cl::BackupSelectionTag& t : api.list_of_tags) {
    m.selection_tag.push_back(
        {.type = t.condition_type, .key = t.condition_key, .value = t.condition_value});
  }
  // AWS answers one Conditions object (all four lists, empty when unused):
  // the prior's blocks stay when they merge into what AWS answers.
  std::vector<Pairs> api_merged;
  bool any = false;
  for (const ConditionKind& k : kKinds) {
    api_merged.push_back(ApiParams(api.conditions.*k.api));
    any = any || !api_merged.back().empty();
  }
  std::optional<std::vector<Pairs>> prior_merged = MergedConditions(prior.condition);
  if (prior_merged && *prior_merged == api_merged) return m;  // the prior blocks say the same
  m.condition.clear();
  if (any) {
    ConditionModel c;
    for (size_t k = 0; k < std::size(kKinds); ++k) c.*kKinds[k].model = ToParams(api_merged[k]);
    m.condition.push_back(std::move(c));
  }
  return m;
}

std::vector<cty::Path> SelectionDifferences(const BackupSelectionModel& a,
                                            const BackupSelectionModel& b) {
  std::vector<cty::Path> out;
  auto differs = [&](bool same, const char* name) {
    if (!same) out.push_back(cty::Path().Attribute(name));
  };
  auto same_string = [](const schema::String& x, const schema::String& y) {
    return x.is_known() && y.is_known() && x.value() == y.value();
  };
  differs(same_string(a.name, b.name), "name");
  differs(same_string(a.plan_id, b.plan_id), "plan_id");
  differs(same_string(a.iam_role_arn, b.iam_role_arn), "iam_role_arn");
  differs(SameKnown(Items(a.resources), Items(b.resources)), "resources");
  differs(SameKnown(Items(a.not_resources), Items(b.not_resources)), "not_resources");
  differs(SameKnown(Tags(a.selection_tag), Tags(b.selection_tag)), "selection_tag");
  differs(SameKnown(MergedConditions(a.condition), MergedConditions(b.condition)), "condition");
  return out;
}

}  // namespace polybackup::resources::aws
