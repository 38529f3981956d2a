// Tags and default_tags (backup_tags.h).
#include "resources/aws/backup_tags.h"

#include <doctest/doctest.h>

#include "clients/http/scripted_transport.h"
#include "resources/common/provider_data.h"

namespace polybackup::resources::aws {
namespace {

using Tags = clients::aws::Tags;

framework::Context Ctx(std::shared_ptr<ProviderData> data) {
  static FakeClock clock;
  return framework::Context("PlanResourceChange", "polybackup_aws_backup_plan",
                            data ? std::any(data) : std::any(), {}, nullptr, &clock);
}

std::shared_ptr<ProviderData> WithDefaults(Tags defaults) {
  auto data = std::make_shared<ProviderData>();
  data->aws.emplace();
  data->aws->default_tags = std::move(defaults);
  return data;
}

}  // namespace

TEST_CASE("tags are planned as configured ({} for none), merged over default_tags") {
  framework::Context ctx = Ctx(WithDefaults({{"team", "ops"}, {"env", "default"}}));
  TagMap tags, all;
  PlanTags(ctx, TagMap(Tags{{"env", "prod"}}), tags, all);
  CHECK(tags.value() == Tags{{"env", "prod"}});
  CHECK(all.value() == Tags{{"env", "prod"}, {"team", "ops"}});  // the configuration wins
  PlanTags(ctx, TagMap::Null(), tags, all);
  CHECK(tags.value().empty());  // never null: none and {} plan alike
  CHECK(all.value() == Tags{{"env", "default"}, {"team", "ops"}});
  PlanTags(ctx, TagMap::Unknown(), tags, all);
  CHECK(tags.is_unknown());
  CHECK(all.is_unknown());
  // Provider configuration not known yet: tags_all is not either.
  framework::Context unconfigured = Ctx(nullptr);
  PlanTags(unconfigured, TagMap(Tags{{"a", "b"}}), tags, all);
  CHECK(all.is_unknown());
}

TEST_CASE("read tags: a default tag of the same value is not the object's own, unless configured") {
  const Tags defaults = {{"team", "ops"}};
  TagMap tags, all;
  ReadTags({{"team", "ops"}, {"env", "prod"}}, defaults, TagMap::Null(), tags, all);
  CHECK(tags.value() == Tags{{"env", "prod"}});
  CHECK(all.value() == Tags{{"team", "ops"}, {"env", "prod"}});
  // Configured with the default's value: still its own.
  ReadTags({{"team", "ops"}}, defaults, TagMap(Tags{{"team", "ops"}}), tags, all);
  CHECK(tags.value() == Tags{{"team", "ops"}});
  // Changed out of band away from the default: its own now (drift shows).
  ReadTags({{"team", "dev"}}, defaults, TagMap(Tags{}), tags, all);
  CHECK(tags.value() == Tags{{"team", "dev"}});
  ReadTags({}, defaults, TagMap::Null(), tags, all);
  CHECK(tags.value().empty());
}

TEST_CASE("sync tags: untag what goes, tag what is new or changed, nothing when equal") {
  auto transport = std::make_shared<clients::http::ScriptedTransport>();
  FakeClock clock;
  clients::FakeRandom random;
  clients::aws::AwsClientOptions o;
  o.region = "us-east-1";
  o.credentials = []() -> absl::StatusOr<clients::signing::AwsCredentials> {
    return clients::signing::AwsCredentials{"AKID", "secret", ""};
  };
  o.transport = transport;
  o.clock = &clock;
  o.random = &random;
  clients::aws::BackupClient client(o);
  transport->Respond(200);
  transport->Respond(200);
  CHECK(SyncTags(client, "arn:p", {{"a", "1"}, {"b", "2"}}, {{"b", "3"}, {"c", "4"}}, {}).ok());
  auto r = transport->requests();
  REQUIRE(r.size() == 2);
  CHECK(r[0].url.find("/untag/arn%3Ap") != std::string::npos);
  CHECK(nlohmann::json::parse(r[0].body)["TagKeyList"] == nlohmann::json::array({"a"}));
  CHECK(nlohmann::json::parse(r[1].body)["Tags"] == nlohmann::json({{"b", "3"}, {"c", "4"}}));
  CHECK(SyncTags(client, "arn:p", {{"a", "1"}}, {{"a", "1"}}, {}).ok());
  CHECK(transport->requests().size() == 2);  // no call
}

TEST_CASE("the tag validator says which key breaks which AWS rule") {
  diag::Diagnostics d;
  const cty::Path path = cty::Path().Attribute("tags");
  TagsValidator()->Validate(
      cty::Value::Map(cty::Type::String(), {{"aws:x", cty::Value::String("y")},
                                            {"ok", cty::Value::String(std::string(257, 'v'))}}),
      path, d);
  const std::string text = d.ToString();
  CHECK(text.find("\"aws:x\" starts with \"aws:\"") != std::string::npos);
  CHECK(text.find("longer than 256") != std::string::npos);
}

}  // namespace polybackup::resources::aws
