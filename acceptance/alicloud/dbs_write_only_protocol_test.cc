// source_endpoint_password is write-only (Terraform 1.11+). The real
// provider binary, launched as Terraform launches it, is asked to validate a
// configuration that sets it, once as a core that announces
// write_only_attributes_allowed (1.11 and later) and once as an older core
// that does not: the older core gets a clear error naming the attribute and
// the Terraform version needed, instead of a plan that would store the
// password in state. (A sensitive fallback would store it: decided against,
// docs/resources/dbs_backup_plan.md says why.)
#include <doctest/doctest.h>

#include <cstdlib>

#include "provider/provider.h"
#include "tfplugin/cty/msgpack.h"
#include "tfplugin/testing/plugin_client.h"

using namespace polybackup;

namespace {

constexpr char kType[] = "polybackup_dbs_backup_plan";

cty::Type ResourceType() {
  static const auto* def = new framework::ProviderDefinition(provider::BuildProvider());
  for (const auto& r : def->resources) {
    if (def->FullTypeName(r->TypeSuffix()) == kType) return r->GetSchema().ImpliedType();
  }
  FAIL("no resource " << kType);
  return cty::Type::Dynamic();
}

// A reference-provider configuration, as msgpack of the resource's type.
std::string Config() {
  const cty::Type type = ResourceType();
  const std::map<std::string, std::string> set = {{"backup_plan_name", "orders"},
                                                  {"payment_type", "PayAsYouGo"},
                                                  {"instance_class", "xlarge"},
                                                  {"backup_method", "logical"},
                                                  {"database_type", "MySQL"},
                                                  {"database_region", "cn-hangzhou"},
                                                  {"storage_region", "cn-hangzhou"},
                                                  {"instance_type", "RDS"},
                                                  {"source_endpoint_instance_type", "RDS"},
                                                  {"source_endpoint_region", "cn-hangzhou"},
                                                  {"source_endpoint_instance_id", "rm-1"},
                                                  {"source_endpoint_user_name", "backup"},
                                                  {"source_endpoint_password", "Pr0tocol-Secret"}};
  std::map<std::string, cty::Value> attrs;
  for (const auto& [name, t] : type.attributes()) {
    auto it = set.find(name);
    attrs[name] = it != set.end() ? cty::Value::String(it->second) : cty::Value::Null(t);
  }
  auto bytes = cty::EncodeMsgpack(cty::Value::Object(type, attrs), type);
  REQUIRE(bytes.ok());
  return *bytes;
}

std::string Errors(const tfplugin6::ValidateResourceConfig::Response& resp) {
  std::string out;
  for (const auto& d : resp.diagnostics()) {
    if (d.severity() != tfplugin6::Diagnostic::ERROR) continue;
    out += d.summary() + ": " + d.detail();
    for (const auto& step : d.attribute().steps()) out += " @" + step.attribute_name();
    out += "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("the write-only password over the plugin protocol: new cores accept, old ones are told") {
  const char* dir = std::getenv("POLYBACKUP_PROVIDER_DIR");
  auto client = tfplugin::testing::PluginClient::Launch(
      std::string(dir ? dir : ".") + "/terraform-provider-polybackup", {});
  REQUIRE_MESSAGE(client.ok(), client.status().ToString());
  const std::string config = Config();
  auto validate = [&](bool write_only_allowed) {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    tfplugin6::ValidateResourceConfig::Request req;
    req.set_type_name(kType);
    req.mutable_config()->set_msgpack(config);
    req.mutable_client_capabilities()->set_write_only_attributes_allowed(write_only_allowed);
    tfplugin6::ValidateResourceConfig::Response resp;
    REQUIRE((*client)->provider().ValidateResourceConfig(&ctx, req, &resp).ok());
    return resp;
  };
  // Terraform 1.11 and later.
  CHECK(Errors(validate(true)) == "");
  // An older core: refused at validate time, naming the attribute.
  const std::string refused = Errors(validate(false));
  CHECK(refused.find("@source_endpoint_password") != std::string::npos);
  CHECK(refused.find("Terraform 1.11") != std::string::npos);
  CHECK(refused.find("Pr0tocol-Secret") == std::string::npos);

  // The schema says so to every core: write-only (and sensitive), and a
  // version attribute to send a changed password.
  grpc::ClientContext ctx;
  tfplugin6::GetProviderSchema::Request req;
  tfplugin6::GetProviderSchema::Response resp;
  REQUIRE((*client)->provider().GetProviderSchema(&ctx, req, &resp).ok());
  const auto& block = resp.resource_schemas().at(kType).block();
  bool write_only = false, version = false;
  for (const auto& a : block.attributes()) {
    if (a.name() == "source_endpoint_password") write_only = a.write_only() && a.sensitive();
    if (a.name() == "source_endpoint_password_wo_version") version = a.optional();
  }
  CHECK(write_only);
  CHECK(version);
}
