#include "resources/aws/backup_tags.h"

#include <vector>

namespace polybackup::resources::aws {
namespace {

using clients::aws::Tags;

class TagRules : public schema::Validator {
 public:
  std::string Description() const override {
    return "at most 50 tags, keys of 1 to 128 characters not starting with \"aws:\", values of at "
           "most 256 characters";
  }
  bool AcceptsType(const cty::Type& t) const override {
    return t.kind() == cty::Type::Kind::kMap && t.element().kind() == cty::Type::Kind::kString;
  }
  void Validate(const cty::Value& v, const cty::Path& path,
                diag::Diagnostics& diags) const override {
    const std::string name = "\"" + path.ToString().substr(1) + "\"";
    if (v.Attributes().size() > 50) {
      diags.AddAttributeError(
          path, "Invalid value for " + name,
          "AWS allows at most 50 tags, got " + std::to_string(v.Attributes().size()) + ".");
    }
    for (const auto& [key, value] : v.Attributes()) {
      std::string problem;
      if (key.empty() || key.size() > 128) {
        problem = "the key \"" + key + "\" must be 1 to 128 characters";
      } else if (key.rfind("aws:", 0) == 0) {
        problem = "the key \"" + key + "\" starts with \"aws:\", which AWS reserves";
      } else if (value.is_known() && !value.is_null() && value.AsString().size() > 256) {
        problem = "the value of \"" + key + "\" is longer than 256 characters";
      }
      if (!problem.empty()) {
        diags.AddAttributeError(path.Key(key), "Invalid value for " + name, problem + ".");
      }
    }
  }
};

}  // namespace

schema::ValidatorPtr TagsValidator() {
  static const schema::ValidatorPtr v = std::make_shared<TagRules>();
  return v;
}

std::optional<Tags> DefaultTags(const framework::Context& ctx) {
  auto* data = ctx.ProviderDataIfConfigured<ProviderData>();
  if (data == nullptr) return std::nullopt;
  return data->aws ? data->aws->default_tags : Tags{};
}

void PlanTags(const framework::Context& ctx, const TagMap& config_tags, TagMap& planned_tags,
              TagMap& planned_tags_all) {
  planned_tags = config_tags.is_null() ? TagMap(Tags{}) : config_tags;
  std::optional<Tags> defaults = DefaultTags(ctx);
  if (!defaults || planned_tags.is_unknown()) {
    planned_tags_all = TagMap::Unknown();
    return;
  }
  Tags all = *defaults;
  for (const auto& [k, v] : planned_tags.value()) all[k] = v;
  planned_tags_all = all;
}

void ReadTags(const Tags& cloud, const Tags& defaults, const TagMap& prior_tags, TagMap& tags,
              TagMap& tags_all) {
  tags_all = cloud;
  const Tags prior = prior_tags.value_or({});
  Tags own;
  for (const auto& [k, v] : cloud) {
    auto d = defaults.find(k);
    if (prior.count(k) == 0 && d != defaults.end() && d->second == v) continue;
    own[k] = v;
  }
  tags = own;
}

absl::Status SyncTags(const clients::aws::BackupClient& client, const std::string& arn,
                      const Tags& have, const Tags& want, const clients::CallOptions& options) {
  std::vector<std::string> gone;
  for (const auto& [k, v] : have) {
    if (want.count(k) == 0) gone.push_back(k);
  }
  Tags changed;
  for (const auto& [k, v] : want) {
    auto h = have.find(k);
    if (h == have.end() || h->second != v) changed[k] = v;
  }
  if (absl::Status s = client.UntagResource(arn, gone, options); !s.ok()) return s;
  return client.TagResource(arn, changed, options);
}

}  // namespace polybackup::resources::aws
