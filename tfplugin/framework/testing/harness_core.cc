#include "tfplugin/framework/testing/harness_core.h"

#include <map>
#include <utility>

#include "tfplugin/framework/convert.h"

namespace polybackup::framework::testing {
namespace {

using cty::Value;

void Collect(const google::protobuf::RepeatedPtrField<tfplugin6::Diagnostic>& in,
             diag::Diagnostics* out) {
  for (const auto& d : in) {
    diag::Diagnostic x;
    x.severity = d.severity() == tfplugin6::Diagnostic::WARNING ? diag::Severity::kWarning
                                                                : diag::Severity::kError;
    x.summary = d.summary();
    x.detail = d.detail();
    if (d.has_attribute()) x.attribute = PathFromProto(d.attribute());
    out->Add(std::move(x));
  }
}

tfplugin6::DynamicValue Dv(const Value& v, const cty::Type& type) {
  tfplugin6::DynamicValue dv;
  diag::Diagnostics ignored;
  EncodeDynamic(v, type, &dv, ignored);
  return dv;
}

Value FromDv(const tfplugin6::DynamicValue& dv, const cty::Type& type, diag::Diagnostics* diags) {
  absl::StatusOr<Value> v = DecodeDynamic(dv, type);
  if (!v.ok()) {
    diags->AddError("harness: undecodable answer", std::string(v.status().message()));
    return Value::Null(type);
  }
  return *v;
}

bool IsObject(const Value& v) {
  return !v.is_null() && v.is_known() && v.type().kind() == cty::Type::Kind::kObject;
}

Value Attr(const Value& obj, const std::string& name, const cty::Type& t) {
  return IsObject(obj) && obj.type().has_attribute(name) ? obj.GetAttr(name) : Value::Null(t);
}

Value ProposedBlocks(const schema::NestedBlock& nb, const Value& prior, const Value& config) {
  if (!config.is_known() || config.is_null()) return config;
  switch (nb.nesting) {
    case schema::Nesting::kSingle:
    case schema::Nesting::kGroup:
      return ProposedNewState(*nb.block, prior, config);
    case schema::Nesting::kList: {
      std::vector<Value> out;
      const auto& elems = config.Elements();
      for (size_t i = 0; i < elems.size(); ++i) {
        const bool has_prior = prior.is_known() && !prior.is_null() && i < prior.Length();
        out.push_back(
            ProposedNewState(*nb.block, has_prior ? prior.Elements()[i] : Value(), elems[i]));
      }
      return Value::List(config.type().element(), std::move(out));
    }
    default:  // SET and MAP: the configuration as written.
      return config;
  }
}

}  // namespace

Value ProposedNewState(const schema::Block& block, const Value& prior, const Value& config) {
  if (!IsObject(config)) return config;
  std::map<std::string, Value> attrs = config.Attributes();
  for (const auto& a : block.attributes) {
    auto it = attrs.find(a.name);
    if (it == attrs.end()) continue;
    if (a.computed && it->second.is_null()) it->second = Attr(prior, a.name, it->second.type());
  }
  for (const auto& nb : block.block_types) {
    auto it = attrs.find(nb.type_name);
    if (it == attrs.end() || !nb.block) continue;
    it->second = ProposedBlocks(nb, Attr(prior, nb.type_name, it->second.type()), it->second);
  }
  return Value::Object(config.type(), std::move(attrs));
}

template <class F>
void HarnessCore::Timed(std::string_view rpc, F&& call) {
  const auto start = std::chrono::steady_clock::now();
  call();
  if (on_rpc_) on_rpc_(rpc, std::chrono::steady_clock::now() - start);
}

HarnessCore::HarnessCore(std::shared_ptr<ResourceBase> resource, std::any provider_data,
                         HarnessOptions options)
    : on_rpc_(std::move(options.on_rpc)) {
  ProviderDefinition def;
  def.describe_status = std::move(options.describe_status);
  def.configure = [data = std::move(provider_data)](Context&, const Value&) { return data; };
  type_name_ = def.FullTypeName(resource->TypeSuffix());
  type_ = resource->GetSchema().ImpliedType();
  def.resources.push_back(std::move(resource));
  service_ = std::make_unique<ProviderService>(std::move(def), options.clock);
  tfplugin6::ConfigureProvider::Request req;
  req.set_terraform_version("1.11.4");
  const cty::Type empty = schema::Block().ImpliedType();
  *req.mutable_config() = Dv(Value::Object(empty, {}), empty);
  tfplugin6::ConfigureProvider::Response resp;
  service_->ConfigureProvider(nullptr, &req, &resp);
}

diag::Diagnostics HarnessCore::Validate(const Value& config, const ValidateOptions& core) {
  tfplugin6::ValidateResourceConfig::Request req;
  req.set_type_name(type_name_);
  *req.mutable_config() = Dv(config, type_);
  req.mutable_client_capabilities()->set_write_only_attributes_allowed(core.write_only_allowed);
  tfplugin6::ValidateResourceConfig::Response resp;
  Timed("ValidateResourceConfig", [&] { service_->ValidateResourceConfig(nullptr, &req, &resp); });
  diag::Diagnostics out;
  Collect(resp.diagnostics(), &out);
  return out;
}

HarnessCore::Planned HarnessCore::Plan(const Value& prior, const Value& config,
                                       diag::Diagnostics* diags) {
  const schema::Block& block = service_->definition().resources[0]->GetSchema().block;
  tfplugin6::PlanResourceChange::Request req;
  req.set_type_name(type_name_);
  *req.mutable_prior_state() = Dv(prior, type_);
  *req.mutable_proposed_new_state() =
      Dv(config.is_null() ? config : ProposedNewState(block, prior, config), type_);
  *req.mutable_config() = Dv(config, type_);
  req.set_prior_private(private_);
  tfplugin6::PlanResourceChange::Response resp;
  Timed("PlanResourceChange", [&] { service_->PlanResourceChange(nullptr, &req, &resp); });
  Collect(resp.diagnostics(), diags);
  Planned out;
  out.planned = FromDv(resp.planned_state(), type_, diags);
  out.changes = !out.planned.Equals(prior);
  for (const auto& p : resp.requires_replace()) {
    out.replace_paths.push_back(PathFromProto(p).ToString());
  }
  planned_private_ = resp.planned_private();
  return out;
}

Value HarnessCore::Apply(const Value& prior, const Value& planned, const Value& config,
                         diag::Diagnostics* diags) {
  tfplugin6::ApplyResourceChange::Request req;
  req.set_type_name(type_name_);
  *req.mutable_prior_state() = Dv(prior, type_);
  *req.mutable_planned_state() = Dv(planned, type_);
  *req.mutable_config() = Dv(config, type_);
  req.set_planned_private(planned_private_);
  tfplugin6::ApplyResourceChange::Response resp;
  Timed("ApplyResourceChange", [&] { service_->ApplyResourceChange(nullptr, &req, &resp); });
  Collect(resp.diagnostics(), diags);
  private_ = resp.private_();
  return FromDv(resp.new_state(), type_, diags);
}

Value HarnessCore::Destroy(const Value& state, diag::Diagnostics* diags) {
  const Value none = Value::Null(type_);
  Planned plan = Plan(state, none, diags);
  if (diags->HasError()) return state;
  return Apply(state, plan.planned, none, diags);
}

Value HarnessCore::Read(const Value& state, diag::Diagnostics* diags) {
  tfplugin6::ReadResource::Request req;
  req.set_type_name(type_name_);
  *req.mutable_current_state() = Dv(state, type_);
  req.set_private_(private_);
  tfplugin6::ReadResource::Response resp;
  Timed("ReadResource", [&] { service_->ReadResource(nullptr, &req, &resp); });
  Collect(resp.diagnostics(), diags);
  private_ = resp.private_();
  return FromDv(resp.new_state(), type_, diags);
}

Value HarnessCore::Import(const std::string& id, diag::Diagnostics* diags) {
  tfplugin6::ImportResourceState::Request req;
  req.set_type_name(type_name_);
  req.set_id(id);
  tfplugin6::ImportResourceState::Response resp;
  Timed("ImportResourceState", [&] { service_->ImportResourceState(nullptr, &req, &resp); });
  Collect(resp.diagnostics(), diags);
  if (diags->HasError() || resp.imported_resources_size() != 1) return Value::Null(type_);
  private_ = resp.imported_resources(0).private_();
  return Read(FromDv(resp.imported_resources(0).state(), type_, diags), diags);
}

}  // namespace polybackup::framework::testing
