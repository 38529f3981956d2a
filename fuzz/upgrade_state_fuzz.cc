// UpgradeResourceState of the real provider with hostile stored state: the
// JSON Terraform reads from a state file nobody checked. Byte 0 picks the
// resource, byte 1 the schema version claimed, the rest is the raw JSON.
// Whatever comes in, the answer must be well-formed for Terraform's protobuf
// decoder (valid UTF-8 everywhere) and, without errors, a state that decodes
// against the resource's type.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "base/utf8.h"
#include "provider/provider.h"
#include "tfplugin/framework/convert.h"
#include "tfplugin/framework/service.h"

namespace {

using namespace polybackup;

void Die(const std::string& why) {
  std::fprintf(stderr, "upgrade_state_fuzz: %s\n", why.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static auto* service = new framework::ProviderService(provider::BuildProvider());
  const auto& resources = service->definition().resources;
  if (size < 2 || resources.empty()) return 0;
  const auto& r = *resources[data[0] % resources.size()];
  tfplugin6::UpgradeResourceState::Request req;
  req.set_type_name(service->definition().FullTypeName(r.TypeSuffix()));
  req.set_version(data[1] % (r.GetSchema().version + 2));
  req.mutable_raw_state()->set_json(std::string(reinterpret_cast<const char*>(data) + 2, size - 2));
  tfplugin6::UpgradeResourceState::Response resp;
  service->UpgradeResourceState(nullptr, &req, &resp);
  bool error = false;
  for (const auto& d : resp.diagnostics()) {
    if (!utf8::IsValid(d.summary()) || !utf8::IsValid(d.detail())) Die("ill-formed UTF-8");
    error = error || d.severity() == tfplugin6::Diagnostic::ERROR;
  }
  tfplugin6::UpgradeResourceState::Response parsed;
  if (!parsed.ParseFromString(resp.SerializeAsString())) Die("answer does not parse");
  if (!error &&
      !framework::DecodeDynamic(resp.upgraded_state(), r.GetSchema().ImpliedType()).ok()) {
    Die("upgraded state does not decode against the schema");
  }
  return 0;
}
