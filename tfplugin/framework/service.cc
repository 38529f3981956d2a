// Provider-level RPCs of ProviderService: schema, configuration, stop, and
// the RPCs of features this provider does not have. Resource and data source
// RPCs are in service_resource.cc.
#include "tfplugin/framework/service.h"

#include "base/utf8.h"
#include "tfplugin/framework/planning.h"
#include "tfplugin/framework/service_internal.h"

namespace polybackup::framework {

namespace internal {

void AddInternalError(const char* rpc, const std::string& what, diag::Diagnostics& diags) {
  log::Error("internal provider error", {{"tf_rpc", rpc}, {"error", what}});
  diags.AddError("Internal provider error",
                 std::string("The provider failed unexpectedly while handling ") + rpc + ": " +
                     what + ". This is a bug in the provider; please report it.");
}

void UnknownType(const char* kind, const std::string& type_name, diag::Diagnostics& diags) {
  diags.AddError(std::string("Unknown ") + kind + " type",
                 "This provider has no " + std::string(kind) + " type \"" + type_name + "\".");
}

}  // namespace internal

namespace {

void Unsupported(const char* what, diag::Diagnostics& diags) {
  diags.AddError(std::string(what) + " not supported by this provider",
                 std::string("The polybackup provider does not implement ") + what + ".");
}

}  // namespace

ProviderService::ProviderService(ProviderDefinition definition, Clock* clock)
    : def_(std::move(definition)), clock_(clock != nullptr ? clock : &SystemClock()) {
  for (const auto& r : def_.resources) resources_[def_.FullTypeName(r->TypeSuffix())] = r.get();
  for (const auto& d : def_.data_sources) {
    data_sources_[def_.FullTypeName(d->TypeSuffix())] = d.get();
  }
  for (const auto& f : def_.functions) functions_[f->name()] = f.get();
}

ProviderService::~ProviderService() = default;

ResourceBase* ProviderService::FindResource(const std::string& type_name) const {
  auto it = resources_.find(type_name);
  return it == resources_.end() ? nullptr : it->second;
}

DataSourceBase* ProviderService::FindDataSource(const std::string& type_name) const {
  auto it = data_sources_.find(type_name);
  return it == data_sources_.end() ? nullptr : it->second;
}

std::unique_ptr<Context> ProviderService::NewContext(const std::string& rpc,
                                                     const std::string& type_name) {
  auto cancel = std::make_shared<Cancellation>();
  std::any data;
  diag::Diagnostics deferred;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopped_) cancel->Cancel("Terraform asked the provider to stop");
    in_flight_.insert(cancel);
    data = provider_data_;
    deferred = deferred_configure_errors_;
  }
  return std::make_unique<Context>(rpc, type_name, std::move(data), std::move(deferred), cancel,
                                   clock_, def_.describe_status);
}

void ProviderService::Release(const Context& ctx) {
  std::lock_guard<std::mutex> lock(mu_);
  in_flight_.erase(ctx.cancellation());
}

grpc::Status ProviderService::GetMetadata(grpc::ServerContext*,
                                          const tfplugin6::GetProviderMetadata::Request*,
                                          tfplugin6::GetProviderMetadata::Response* response) {
  return internal::Guarded("GetMetadata", response, [&](diag::Diagnostics&) {
    auto* caps = response->mutable_server_capabilities();
    caps->set_plan_destroy(true);
    caps->set_get_provider_schema_optional(false);
    for (const auto& [name, r] : resources_) {
      response->add_resources()->set_type_name(name);
      if (r->SupportsMove()) caps->set_move_resource_state(true);
    }
    for (const auto& [name, d] : data_sources_) response->add_data_sources()->set_type_name(name);
    for (const auto& [name, f] : functions_) response->add_functions()->set_name(name);
  });
}

grpc::Status ProviderService::GetProviderSchema(grpc::ServerContext*,
                                                const tfplugin6::GetProviderSchema::Request*,
                                                tfplugin6::GetProviderSchema::Response* response) {
  return internal::Guarded("GetProviderSchema", response, [&](diag::Diagnostics&) {
    *response->mutable_provider() = SchemaToProto(def_.schema);
    bool move = false;
    for (const auto& [name, r] : resources_) {
      (*response->mutable_resource_schemas())[name] = SchemaToProto(r->GetSchema());
      move = move || r->SupportsMove();
    }
    for (const auto& [name, d] : data_sources_) {
      (*response->mutable_data_source_schemas())[name] = SchemaToProto(d->GetSchema());
    }
    for (const auto& [name, f] : functions_) {
      (*response->mutable_functions())[name] = FunctionToProto(*f);
    }
    auto* caps = response->mutable_server_capabilities();
    caps->set_plan_destroy(true);
    caps->set_get_provider_schema_optional(false);
    caps->set_move_resource_state(move);
  });
}

grpc::Status ProviderService::GetResourceIdentitySchemas(
    grpc::ServerContext*, const tfplugin6::GetResourceIdentitySchemas::Request*,
    tfplugin6::GetResourceIdentitySchemas::Response* response) {
  // No resource has an identity: an empty map (protocol doc §1.4).
  return internal::Guarded("GetResourceIdentitySchemas", response, [](diag::Diagnostics&) {});
}

grpc::Status ProviderService::ValidateProviderConfig(
    grpc::ServerContext*, const tfplugin6::ValidateProviderConfig::Request* request,
    tfplugin6::ValidateProviderConfig::Response* response) {
  return internal::Guarded("ValidateProviderConfig", response, [&](diag::Diagnostics& diags) {
    cty::Value config;
    if (!DecodeDynamic(request->config(), def_.schema.ImpliedType(), "config", diags, &config)) {
      return;
    }
    ValidateValue(def_.schema.block, config, {}, diags);
    if (def_.validate) {
      Call call(this, "ValidateProviderConfig", "");
      def_.validate(call.ctx(), config);
      diags.Append(call.ctx().diagnostics());
    }
  });
}

grpc::Status ProviderService::ConfigureProvider(
    grpc::ServerContext*, const tfplugin6::ConfigureProvider::Request* request,
    tfplugin6::ConfigureProvider::Response* response) {
  return internal::Guarded("ConfigureProvider", response, [&](diag::Diagnostics& diags) {
    cty::Value config;
    if (!DecodeDynamic(request->config(), def_.schema.ImpliedType(), "config", diags, &config)) {
      return;
    }
    log::Info("configuring provider", {{"terraform_version", request->terraform_version()}});
    if (!def_.configure) return;
    Call call(this, "ConfigureProvider", "");
    std::any data = def_.configure(call.ctx(), config);
    diag::Diagnostics deferred;
    if (call.ctx().HasError() && !config.is_wholly_known()) {
      // Plan may run before provider arguments are known (protocol doc
      // §4.2); only resources that really need the provider fail, later.
      deferred = call.ctx().diagnostics();
    } else {
      diags.Append(call.ctx().diagnostics());
    }
    std::lock_guard<std::mutex> lock(mu_);
    provider_data_ = std::move(data);
    deferred_configure_errors_ = std::move(deferred);
  });
}

grpc::Status ProviderService::StopProvider(grpc::ServerContext*,
                                           const tfplugin6::StopProvider::Request*,
                                           tfplugin6::StopProvider::Response*) {
  std::set<CancellationPtr> running;
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopped_ = true;
    running = in_flight_;
  }
  log::Info("StopProvider: cancelling in-flight operations",
            {{"count", std::to_string(running.size())}});
  for (const auto& c : running) c->Cancel("Terraform asked the provider to stop");
  return grpc::Status::OK;
}

grpc::Status ProviderService::GetFunctions(grpc::ServerContext*,
                                           const tfplugin6::GetFunctions::Request*,
                                           tfplugin6::GetFunctions::Response* response) {
  return internal::Guarded("GetFunctions", response, [&](diag::Diagnostics&) {
    for (const auto& [name, f] : functions_) {
      (*response->mutable_functions())[name] = FunctionToProto(*f);
    }
  });
}

grpc::Status ProviderService::CallFunction(grpc::ServerContext*,
                                           const tfplugin6::CallFunction::Request* request,
                                           tfplugin6::CallFunction::Response* response) {
  log::Trace("handling RPC", {{"tf_rpc", "CallFunction"}, {"function", request->name()}});
  auto fail = [&](std::optional<int64_t> argument, const std::string& text) {
    auto* e = response->mutable_error();
    // Texts may quote arguments: mended like diagnostic text (convert.h).
    e->set_text(utf8::Sanitize(text));
    if (argument) e->set_function_argument(*argument);
  };
  auto it = functions_.find(request->name());
  if (it == functions_.end()) {
    fail(std::nullopt, "The polybackup provider has no function \"" + request->name() + "\".");
    return grpc::Status::OK;
  }
  const Function& f = *it->second;
  std::vector<cty::Value> args;
  for (int i = 0; i < request->arguments_size(); ++i) {
    if (static_cast<size_t>(i) >= f.params().size()) break;  // Call reports the count
    absl::StatusOr<cty::Value> v = DecodeDynamic(request->arguments(i), f.params()[i].type);
    if (!v.ok()) {
      fail(i, "Invalid value for \"" + f.params()[i].name +
                  "\": " + std::string(v.status().message()));
      return grpc::Status::OK;
    }
    args.push_back(std::move(*v));
  }
  if (request->arguments_size() > static_cast<int>(f.params().size())) {
    args.resize(request->arguments_size());  // so Call reports the count
  }
  FunctionResult result = FunctionError(std::nullopt, "");
  try {
    result = f.Call(std::move(args));
  } catch (const std::exception& e) {
    result = FunctionError(std::nullopt, "internal provider error in " + f.name() + ": " +
                                             e.what() + ". This is a bug in the provider.");
  }
  if (const auto* error = std::get_if<FunctionError>(&result)) {
    fail(error->argument, error->text);
    return grpc::Status::OK;
  }
  diag::Diagnostics diags;
  EncodeDynamic(std::get<cty::Value>(result), f.return_type(), response->mutable_result(), diags);
  if (diags.HasError()) fail(std::nullopt, diags.ToString());
  return grpc::Status::OK;
}

#define POLYBACKUP_UNSUPPORTED(Rpc, Msg, what)                                                    \
  grpc::Status ProviderService::Rpc(grpc::ServerContext*, const tfplugin6::Msg::Request*,         \
                                    tfplugin6::Msg::Response* response) {                         \
    return internal::Guarded(#Rpc, response, [](diag::Diagnostics& d) { Unsupported(what, d); }); \
  }
POLYBACKUP_UNSUPPORTED(UpgradeResourceIdentity, UpgradeResourceIdentity, "resource identity")
POLYBACKUP_UNSUPPORTED(GenerateResourceConfig, GenerateResourceConfig, "configuration generation")
POLYBACKUP_UNSUPPORTED(ValidateEphemeralResourceConfig, ValidateEphemeralResourceConfig,
                       "ephemeral resources")
POLYBACKUP_UNSUPPORTED(OpenEphemeralResource, OpenEphemeralResource, "ephemeral resources")
POLYBACKUP_UNSUPPORTED(RenewEphemeralResource, RenewEphemeralResource, "ephemeral resources")
POLYBACKUP_UNSUPPORTED(CloseEphemeralResource, CloseEphemeralResource, "ephemeral resources")
POLYBACKUP_UNSUPPORTED(ValidateListResourceConfig, ValidateListResourceConfig, "list resources")
POLYBACKUP_UNSUPPORTED(ValidateStateStoreConfig, ValidateStateStore, "state stores")
POLYBACKUP_UNSUPPORTED(ConfigureStateStore, ConfigureStateStore, "state stores")
POLYBACKUP_UNSUPPORTED(LockState, LockState, "state stores")
POLYBACKUP_UNSUPPORTED(UnlockState, UnlockState, "state stores")
POLYBACKUP_UNSUPPORTED(GetStates, GetStates, "state stores")
POLYBACKUP_UNSUPPORTED(DeleteState, DeleteState, "state stores")
POLYBACKUP_UNSUPPORTED(PlanAction, PlanAction, "actions")
POLYBACKUP_UNSUPPORTED(ValidateActionConfig, ValidateActionConfig, "actions")
#undef POLYBACKUP_UNSUPPORTED

grpc::Status ProviderService::ListResource(
    grpc::ServerContext*, const tfplugin6::ListResource::Request*,
    grpc::ServerWriter<tfplugin6::ListResource::Event>* writer) {
  diag::Diagnostics d;
  Unsupported("list resources", d);
  tfplugin6::ListResource::Event event;
  ToProto(d, event.mutable_diagnostic());  // singular name upstream
  writer->Write(event);
  return grpc::Status::OK;
}

grpc::Status ProviderService::InvokeAction(
    grpc::ServerContext*, const tfplugin6::InvokeAction::Request*,
    grpc::ServerWriter<tfplugin6::InvokeAction::Event>* writer) {
  diag::Diagnostics d;
  Unsupported("actions", d);
  tfplugin6::InvokeAction::Event event;
  ToProto(d, event.mutable_completed()->mutable_diagnostics());
  writer->Write(event);
  return grpc::Status::OK;
}

grpc::Status ProviderService::ReadStateBytes(
    grpc::ServerContext*, const tfplugin6::ReadStateBytes::Request*,
    grpc::ServerWriter<tfplugin6::ReadStateBytes::Response>* writer) {
  diag::Diagnostics d;
  Unsupported("state stores", d);
  tfplugin6::ReadStateBytes::Response r;
  ToProto(d, r.mutable_diagnostics());
  writer->Write(r);
  return grpc::Status::OK;
}

grpc::Status ProviderService::WriteStateBytes(
    grpc::ServerContext*, grpc::ServerReader<tfplugin6::WriteStateBytes::RequestChunk>* reader,
    tfplugin6::WriteStateBytes::Response* response) {
  tfplugin6::WriteStateBytes::RequestChunk chunk;
  while (reader->Read(&chunk)) {
  }
  return internal::Guarded("WriteStateBytes", response,
                           [](diag::Diagnostics& d) { Unsupported("state stores", d); });
}

}  // namespace polybackup::framework
