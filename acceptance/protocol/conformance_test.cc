// Protocol conformance: what Terraform never sends on purpose. A gRPC client
// launches the real provider binary exactly as Terraform does (magic cookie,
// AutoMTLS) and sends malformed values, unknowns in odd places, bursts of
// concurrent calls, StopProvider during a slow call and Shutdown. The
// provider must stay up and answer with diagnostics, never a gRPC error.
#include <doctest/doctest.h>

#include <atomic>
#include <cstdlib>
#include <future>
#include <thread>

#include "acceptance/harness/emulators.h"
#include "provider/provider.h"
#include "tfplugin/cty/msgpack.h"
#include "tfplugin/testing/plugin_client.h"

using namespace polybackup;
using tfplugin::testing::LaunchOptions;
using tfplugin::testing::PluginClient;

namespace {

constexpr char kKvstore[] = "polybackup_kvstore_backup_policy";

std::string ProviderBinary() {
  const char* dir = std::getenv("POLYBACKUP_PROVIDER_DIR");
  return std::string(dir ? dir : ".") + "/terraform-provider-polybackup";
}

std::unique_ptr<PluginClient> Launch() {
  auto client = PluginClient::Launch(ProviderBinary(), LaunchOptions{});
  REQUIRE_MESSAGE(client.ok(), client.status().ToString());
  return std::move(*client);
}

grpc::ClientContext* WithDeadline(grpc::ClientContext& ctx, int seconds = 30) {
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(seconds));
  return &ctx;
}

// The implied type of a resource's schema, from the provider definition the
// binary is built from.
cty::Type ResourceType(const std::string& name) {
  static const auto* def = new framework::ProviderDefinition(provider::BuildProvider());
  for (const auto& r : def->resources) {
    if (def->FullTypeName(r->TypeSuffix()) == name) return r->GetSchema().ImpliedType();
  }
  FAIL("no resource " << name);
  return cty::Type::Dynamic();
}

cty::Type ProviderType() { return provider::BuildProvider().schema.ImpliedType(); }

std::string Encode(const cty::Value& v, const cty::Type& t) {
  auto bytes = cty::EncodeMsgpack(v, t);
  REQUIRE(bytes.ok());
  return *bytes;
}

// An object of `type` with every attribute null except `set`.
cty::Value ObjectWith(const cty::Type& type, std::map<std::string, cty::Value> set) {
  std::map<std::string, cty::Value> attrs;
  for (const auto& [name, t] : type.attributes()) {
    auto it = set.find(name);
    if (it != set.end()) {
      attrs[name] = it->second;
    } else if (t.kind() == cty::Type::Kind::kList || t.kind() == cty::Type::Kind::kSet) {
      attrs[name] = cty::Value::Null(t);
    } else {
      attrs[name] = cty::Value::Null(t);
    }
  }
  return cty::Value::Object(type, attrs);
}

bool HasError(const google::protobuf::RepeatedPtrField<tfplugin6::Diagnostic>& diags) {
  for (const auto& d : diags) {
    if (d.severity() == tfplugin6::Diagnostic::ERROR) return true;
  }
  return false;
}

std::string Show(const google::protobuf::RepeatedPtrField<tfplugin6::Diagnostic>& diags) {
  std::string out;
  for (const auto& d : diags) out += d.summary() + ": " + d.detail() + "\n";
  return out;
}

}  // namespace

TEST_CASE("schema: every resource, data source and capability Terraform needs") {
  auto client = Launch();
  grpc::ClientContext ctx;
  tfplugin6::GetProviderSchema::Request req;
  tfplugin6::GetProviderSchema::Response resp;
  REQUIRE(client->provider().GetProviderSchema(WithDeadline(ctx), req, &resp).ok());
  CHECK_FALSE(HasError(resp.diagnostics()));
  CHECK(resp.has_provider());
  CHECK(resp.resource_schemas().count(kKvstore) == 1);
  CHECK(resp.data_source_schemas().count(kKvstore) == 1);
  CHECK(resp.server_capabilities().plan_destroy());
  for (const auto& attr : resp.resource_schemas().at(kKvstore).block().attributes()) {
    CHECK_MESSAGE(cty::Type::FromJson(attr.type()).ok(), attr.name());
  }
  // Terraform >= 1.12 asks right after; an error here would fail schema loading.
  grpc::ClientContext ctx2;
  tfplugin6::GetResourceIdentitySchemas::Request ireq;
  tfplugin6::GetResourceIdentitySchemas::Response iresp;
  CHECK(client->provider().GetResourceIdentitySchemas(WithDeadline(ctx2), ireq, &iresp).ok());
  CHECK_FALSE(HasError(iresp.diagnostics()));
}

TEST_CASE("malformed values get diagnostics, and the provider stays up") {
  auto client = Launch();
  const std::string garbage[] = {std::string("\xc1", 1), std::string("\x92\xa1", 2),
                                 std::string("\xdf\xff\xff\xff\xff", 5), "not msgpack at all"};
  for (const auto& bytes : garbage) {
    grpc::ClientContext ctx;
    tfplugin6::ValidateResourceConfig::Request req;
    req.set_type_name(kKvstore);
    req.mutable_config()->set_msgpack(bytes);
    tfplugin6::ValidateResourceConfig::Response resp;
    REQUIRE(client->provider().ValidateResourceConfig(WithDeadline(ctx), req, &resp).ok());
    CHECK(HasError(resp.diagnostics()));

    grpc::ClientContext pctx;
    tfplugin6::PlanResourceChange::Request preq;
    preq.set_type_name(kKvstore);
    preq.mutable_config()->set_msgpack(bytes);
    preq.mutable_proposed_new_state()->set_msgpack(bytes);
    tfplugin6::PlanResourceChange::Response presp;
    REQUIRE(client->provider().PlanResourceChange(WithDeadline(pctx), preq, &presp).ok());
    CHECK(HasError(presp.diagnostics()));
  }
  // Malformed JSON state in UpgradeResourceState (called on every run).
  // (A number where a string belongs is *not* malformed: cty's JSON decoder
  // converts it, as Terraform's does.)
  for (const char* json : {"{", "[1,2", "{\"backup_period\": \"Monday\"}", "\"just a string\"",
                           "{\"instance_id\": {\"nested\": true}}"}) {
    grpc::ClientContext ctx;
    tfplugin6::UpgradeResourceState::Request req;
    req.set_type_name(kKvstore);
    req.set_version(0);
    req.mutable_raw_state()->set_json(json);
    tfplugin6::UpgradeResourceState::Response resp;
    REQUIRE(client->provider().UpgradeResourceState(WithDeadline(ctx), req, &resp).ok());
    CHECK_MESSAGE(HasError(resp.diagnostics()), json);
  }
  // An unknown resource type.
  grpc::ClientContext ctx;
  tfplugin6::ReadResource::Request req;
  req.set_type_name("polybackup_no_such_thing");
  tfplugin6::ReadResource::Response resp;
  REQUIRE(client->provider().ReadResource(WithDeadline(ctx), req, &resp).ok());
  CHECK(HasError(resp.diagnostics()));
  // Still serving.
  auto health = tfplugin::testing::CheckHealth(client->health(), "plugin");
  REQUIRE(health.ok());
  CHECK(*health == grpc::health::v1::HealthCheckResponse::SERVING);
}

TEST_CASE("unknowns in odd places are planned, not rejected") {
  auto client = Launch();
  const cty::Type type = ResourceType(kKvstore);
  // A wholly unknown configuration (e.g. for_each over unknown values).
  {
    grpc::ClientContext ctx;
    tfplugin6::ValidateResourceConfig::Request req;
    req.set_type_name(kKvstore);
    req.mutable_config()->set_msgpack(Encode(cty::Value::Unknown(type), type));
    tfplugin6::ValidateResourceConfig::Response resp;
    REQUIRE(client->provider().ValidateResourceConfig(WithDeadline(ctx), req, &resp).ok());
    CHECK_MESSAGE(!HasError(resp.diagnostics()), Show(resp.diagnostics()));
  }
  // Unknown set elements and a refined unknown string.
  cty::Refinements not_null;
  not_null.nullable = false;
  not_null.string_prefix = "r-";
  cty::Value config = ObjectWith(
      type, {{"instance_id", cty::Value::Unknown(cty::Type::String(), not_null)},
             {"backup_period",
              cty::Value::Set(cty::Type::String(), {cty::Value::String("Monday"),
                                                    cty::Value::Unknown(cty::Type::String())})},
             {"backup_time", cty::Value::Unknown(cty::Type::String())}});
  {
    grpc::ClientContext ctx;
    tfplugin6::ValidateResourceConfig::Request req;
    req.set_type_name(kKvstore);
    req.mutable_config()->set_msgpack(Encode(config, type));
    tfplugin6::ValidateResourceConfig::Response resp;
    REQUIRE(client->provider().ValidateResourceConfig(WithDeadline(ctx), req, &resp).ok());
    CHECK_MESSAGE(!HasError(resp.diagnostics()), Show(resp.diagnostics()));
  }
  // Provider configuration with unknown values: configure succeeds, and the
  // plan below is made without touching the cloud.
  {
    const cty::Type ptype = ProviderType();
    grpc::ClientContext ctx;
    tfplugin6::ConfigureProvider::Request req;
    req.set_terraform_version("1.11.4");
    req.mutable_config()->set_msgpack(Encode(cty::Value::Unknown(ptype), ptype));
    tfplugin6::ConfigureProvider::Response resp;
    REQUIRE(client->provider().ConfigureProvider(WithDeadline(ctx), req, &resp).ok());
    CHECK_MESSAGE(!HasError(resp.diagnostics()), Show(resp.diagnostics()));
  }
  {
    grpc::ClientContext ctx;
    tfplugin6::PlanResourceChange::Request req;
    req.set_type_name(kKvstore);
    req.mutable_prior_state()->set_msgpack(Encode(cty::Value::Null(type), type));
    req.mutable_config()->set_msgpack(Encode(config, type));
    req.mutable_proposed_new_state()->set_msgpack(Encode(config, type));
    tfplugin6::PlanResourceChange::Response resp;
    REQUIRE(client->provider().PlanResourceChange(WithDeadline(ctx), req, &resp).ok());
    CHECK_MESSAGE(!HasError(resp.diagnostics()), Show(resp.diagnostics()));
    auto planned = cty::DecodeMsgpack(resp.planned_state().msgpack(), type);
    REQUIRE(planned.ok());
    CHECK_FALSE(planned->GetAttr("instance_id").is_known());
    CHECK_FALSE(planned->GetAttr("id").is_known());  // computed: unknown until apply
  }
}

TEST_CASE("the shipped binary serves only the client holding Terraform's certificate") {
  // The launch contract is tested on the stub (tfplugin/testing/protocol_test.cc);
  // this is the binary users install.
  struct Client {
    const char* what;
    bool untrusted, no_cert, plaintext;
  };
  for (const Client c :
       {Client{"another certificate", true, false, false},
        Client{"no certificate", false, true, false}, Client{"plaintext", false, false, true}}) {
    CAPTURE(c.what);
    LaunchOptions o;
    o.present_untrusted_cert = c.untrusted;
    o.present_no_cert = c.no_cert;
    auto launched = PluginClient::Launch(ProviderBinary(), o);
    REQUIRE(launched.ok());
    auto& client = **launched;
    std::unique_ptr<grpc::health::v1::Health::Stub> plaintext;
    if (c.plaintext) {
      plaintext = grpc::health::v1::Health::NewStub(tfplugin::testing::ConnectPlaintext(
          client.handshake().network, client.handshake().address));
    }
    auto refused = tfplugin::testing::CheckHealth(c.plaintext ? *plaintext : client.health(),
                                                  "plugin", std::chrono::milliseconds(3000));
    CHECK_FALSE(refused.ok());
    // No schema for it either.
    if (!c.plaintext) {
      grpc::ClientContext ctx;
      tfplugin6::GetProviderSchema::Request req;
      tfplugin6::GetProviderSchema::Response resp;
      CHECK_FALSE(client.provider().GetProviderSchema(WithDeadline(ctx, 3), req, &resp).ok());
    }
  }
  // Terraform's own certificate works.
  auto client = Launch();
  CHECK(tfplugin::testing::CheckHealth(client->health(), "plugin").ok());
}

TEST_CASE("thirty concurrent calls are all answered") {
  auto client = Launch();
  const cty::Type type = ResourceType(kKvstore);
  const std::string config =
      Encode(ObjectWith(type, {{"instance_id", cty::Value::String("r-1")},
                               {"backup_time", cty::Value::String("02:00Z-03:00Z")}}),
             type);
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 30; ++i) {
    threads.emplace_back([&, i] {
      grpc::ClientContext ctx;
      ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
      if (i % 2 == 0) {
        tfplugin6::GetProviderSchema::Request req;
        tfplugin6::GetProviderSchema::Response resp;
        if (client->provider().GetProviderSchema(&ctx, req, &resp).ok() &&
            resp.resource_schemas().count(kKvstore)) {
          ++ok;
        }
      } else {
        tfplugin6::ValidateResourceConfig::Request req;
        req.set_type_name(kKvstore);
        req.mutable_config()->set_msgpack(config);
        tfplugin6::ValidateResourceConfig::Response resp;
        if (client->provider().ValidateResourceConfig(&ctx, req, &resp).ok() &&
            !HasError(resp.diagnostics())) {
          ++ok;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(ok.load() == 30);
}

TEST_CASE("StopProvider cancels a slow call, and Shutdown ends the process") {
  std::string error;
  auto* emulators = acceptance::Emulators::Shared(&error);
  if (emulators == nullptr) {
    if (std::getenv("POLYBACKUP_ACC_REQUIRED")) FAIL(error);
    MESSAGE("skipped: " << error);
    return;
  }
  emulators->Reset();
  emulators->ServiceOp("alicloud_kvstore", "seed_instance", {{"instance_id", "r-slow"}});
  // Every DescribeBackupPolicy answer is held back for a minute.
  emulators->Control("POST", "/faults",
                     {{"service", "alicloud_kvstore"},
                      {"route", "DescribeBackupPolicy"},
                      {"latency_ms", 60000},
                      {"count", 10}});

  LaunchOptions options;
  for (const auto& [k, v] : emulators->ProviderEnv()) options.env.emplace_back(k, v);
  auto launched = PluginClient::Launch(ProviderBinary(), options);
  REQUIRE(launched.ok());
  auto client = std::move(*launched);

  const cty::Type ptype = ProviderType();
  const cty::Type endpoints_type = ptype.attribute("alicloud").attribute("endpoints");
  cty::Value endpoints = ObjectWith(
      endpoints_type, {{"r_kvstore", cty::Value::String(emulators->Url("alicloud_kvstore"))}});
  cty::Value alicloud =
      ObjectWith(ptype.attribute("alicloud"),
                 {{"region", cty::Value::String("cn-hangzhou")}, {"endpoints", endpoints}});
  {
    grpc::ClientContext ctx;
    tfplugin6::ConfigureProvider::Request req;
    req.mutable_config()->set_msgpack(Encode(ObjectWith(ptype, {{"alicloud", alicloud}}), ptype));
    tfplugin6::ConfigureProvider::Response resp;
    REQUIRE(client->provider().ConfigureProvider(WithDeadline(ctx), req, &resp).ok());
    REQUIRE_MESSAGE(!HasError(resp.diagnostics()), Show(resp.diagnostics()));
  }

  const cty::Type type = ResourceType(kKvstore);
  cty::Value state = ObjectWith(type, {{"id", cty::Value::String("r-slow")},
                                       {"instance_id", cty::Value::String("r-slow")},
                                       {"region", cty::Value::String("cn-hangzhou")}});
  auto start = std::chrono::steady_clock::now();
  auto read = std::async(std::launch::async, [&] {
    grpc::ClientContext ctx;
    tfplugin6::ReadResource::Request req;
    req.set_type_name(kKvstore);
    req.mutable_current_state()->set_msgpack(Encode(state, type));
    tfplugin6::ReadResource::Response resp;
    grpc::Status s = client->provider().ReadResource(WithDeadline(ctx, 120), req, &resp);
    return std::make_pair(s, resp);
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(800));
  {
    grpc::ClientContext ctx;
    tfplugin6::StopProvider::Request req;
    tfplugin6::StopProvider::Response resp;
    REQUIRE(client->provider().StopProvider(WithDeadline(ctx), req, &resp).ok());
    CHECK(resp.error().empty());
  }
  auto [status, resp] = read.get();
  auto took = std::chrono::steady_clock::now() - start;
  MESSAGE("ReadResource returned "
          << std::chrono::duration_cast<std::chrono::milliseconds>(took).count()
          << " ms after it started (StopProvider at 800 ms; the answer was held for 60 s)");
  CHECK(status.ok());
  CHECK(HasError(resp.diagnostics()));  // cancelled, said as a diagnostic
  CHECK(took < std::chrono::seconds(30));

  auto before = std::chrono::steady_clock::now();
  CHECK(client->Shutdown().ok());
  auto exited = client->WaitForExit(std::chrono::milliseconds(5000));
  REQUIRE(exited.has_value());
  CHECK(WIFEXITED(*exited));
  CHECK(WEXITSTATUS(*exited) == 0);
  MESSAGE("Shutdown → exit took " << std::chrono::duration_cast<std::chrono::milliseconds>(
                                         std::chrono::steady_clock::now() - before)
                                         .count()
                                  << " ms");
  emulators->Control("DELETE", "/faults");
}
