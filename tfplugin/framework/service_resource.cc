// Resource and data source RPCs of ProviderService. Each handler: find the
// type, decode the request against its schema, run the shared rules
// (planning.h) and the resource's hooks, encode the answer.
#include "tfplugin/cty/json.h"
#include "tfplugin/framework/planning.h"
#include "tfplugin/framework/service.h"
#include "tfplugin/framework/service_internal.h"

namespace polybackup::framework {
namespace {

// The private bytes to answer with: the request's bytes when the resource
// did not change the private state (echoed byte for byte, protocol doc
// §4.9), else the new JSON.
std::string PrivateOut(const std::string& in_bytes, const nlohmann::json& in,
                       const nlohmann::json& out) {
  return in == out ? in_bytes : PrivateToBytes(out);
}

// Sets the context deadline from the timeouts block (when the resource has
// one) and makes the watcher cancel the call when it passes.
void ArmDeadline(Context& ctx, DeadlineWatcher& watcher, const ResourceBase& r,
                 const cty::Value& value, schema::Operation op) {
  std::optional<schema::TimeoutDefaults> defaults = r.Timeouts();
  if (!defaults) return;
  const auto timeout = schema::TimeoutFor(value, op, *defaults);
  ctx.set_deadline(ctx.clock().Monotonic() +
                   std::chrono::duration_cast<std::chrono::steady_clock::duration>(timeout));
  watcher.Watch(ctx.cancellation(), timeout,
                "the operation exceeded its timeout (see the resource's `timeouts` block)");
}

// Runs one lifecycle call of a resource. An exception escaping it (a bug)
// becomes an internal error and Failed(), so the state rules of result.h
// still hold: a checkpointed object is never dropped.
template <class R, class Fn>
R RunLifecycle(const char* rpc, Context& ctx, Fn&& fn) {
  try {
    return fn();
  } catch (const std::exception& e) {
    internal::AddInternalError(rpc, e.what(), ctx.diagnostics());
  } catch (...) {
    internal::AddInternalError(rpc, "unknown exception", ctx.diagnostics());
  }
  return Failed();
}

// A failure must say why; a resource that forgot is reported, not trusted.
void RequireError(Context& ctx, const std::string& what) {
  if (ctx.HasError()) return;
  ctx.AddError("Provider reported no cause",
               what + " for " + ctx.type_name() +
                   " but reported no error. This is a bug in the provider; please report it.");
}

}  // namespace

grpc::Status ProviderService::ValidateResourceConfig(
    grpc::ServerContext*, const tfplugin6::ValidateResourceConfig::Request* request,
    tfplugin6::ValidateResourceConfig::Response* response) {
  return internal::Guarded("ValidateResourceConfig", response, [&](diag::Diagnostics& diags) {
    ResourceBase* r = FindResource(request->type_name());
    if (r == nullptr) return internal::UnknownType("resource", request->type_name(), diags);
    const schema::Schema& s = r->GetSchema();
    cty::Value config;
    if (!DecodeDynamic(request->config(), r->ValueType(), "config", diags, &config)) return;
    ValidateValue(
        s.block, config, {}, diags,
        {.write_only_allowed = request->client_capabilities().write_only_attributes_allowed()});
    Call call(this, "ValidateResourceConfig", request->type_name());
    r->ValidateRaw(call.ctx(), config);
    diags.Append(call.ctx().diagnostics());
  });
}

grpc::Status ProviderService::ValidateDataResourceConfig(
    grpc::ServerContext*, const tfplugin6::ValidateDataResourceConfig::Request* request,
    tfplugin6::ValidateDataResourceConfig::Response* response) {
  return internal::Guarded("ValidateDataResourceConfig", response, [&](diag::Diagnostics& diags) {
    DataSourceBase* d = FindDataSource(request->type_name());
    if (d == nullptr) return internal::UnknownType("data source", request->type_name(), diags);
    const schema::Schema& s = d->GetSchema();
    cty::Value config;
    if (!DecodeDynamic(request->config(), d->ValueType(), "config", diags, &config)) return;
    ValidateValue(s.block, config, {}, diags);
    Call call(this, "ValidateDataResourceConfig", request->type_name());
    d->ValidateRaw(call.ctx(), config);
    diags.Append(call.ctx().diagnostics());
  });
}

grpc::Status ProviderService::UpgradeResourceState(
    grpc::ServerContext*, const tfplugin6::UpgradeResourceState::Request* request,
    tfplugin6::UpgradeResourceState::Response* response) {
  return internal::Guarded("UpgradeResourceState", response, [&](diag::Diagnostics& diags) {
    ResourceBase* r = FindResource(request->type_name());
    if (r == nullptr) return internal::UnknownType("resource", request->type_name(), diags);
    const schema::Schema& s = r->GetSchema();
    const cty::Type type = r->ValueType();
    const auto& raw = request->raw_state();
    if (raw.json().empty()) {
      if (!raw.flatmap().empty()) {
        diags.AddError("Unsupported state format",
                       "This state was written by Terraform 0.11 or earlier (flatmap format). "
                       "Only states written by Terraform 0.12 and later can be upgraded; "
                       "re-import the resource instead.");
        return;
      }
      EncodeDynamic(cty::Value::Null(type), type, response->mutable_upgraded_state(), diags);
      return;
    }
    if (request->version() > s.version) {
      diags.AddError("Resource state from a newer provider",
                     "The state has schema version " + std::to_string(request->version()) +
                         " but this provider only knows up to " + std::to_string(s.version) + ".");
      return;
    }
    std::string json = raw.json();
    if (request->version() < s.version) {
      nlohmann::json parsed = nlohmann::json::parse(json, nullptr, false);
      if (parsed.is_discarded()) {
        diags.AddError("Invalid resource state", "The stored state is not valid JSON.");
        return;
      }
      Call call(this, "UpgradeResourceState", request->type_name());
      std::optional<nlohmann::json> up = r->UpgradeState(call.ctx(), request->version(), parsed);
      diags.Append(call.ctx().diagnostics());
      if (!up || diags.HasError()) return;
      json = up->dump();
    }
    // Lenient: attributes added since are null, removed ones dropped
    // (protocol doc §3.5, §4.6).
    absl::StatusOr<cty::Value> v = cty::DecodeJsonLenient(json, type);
    if (!v.ok()) {
      diags.AddError(
          "Invalid resource state",
          "The stored state does not fit the current schema: " + std::string(v.status().message()));
      return;
    }
    cty::Value state = CheckWhollyKnown(NormalizeState(s.block, *v), "after upgrade", diags);
    EncodeDynamic(state, type, response->mutable_upgraded_state(), diags);
  });
}

grpc::Status ProviderService::ReadResource(grpc::ServerContext*,
                                           const tfplugin6::ReadResource::Request* request,
                                           tfplugin6::ReadResource::Response* response) {
  return internal::Guarded("ReadResource", response, [&](diag::Diagnostics& diags) {
    ResourceBase* r = FindResource(request->type_name());
    if (r == nullptr) return internal::UnknownType("resource", request->type_name(), diags);
    const schema::Schema& s = r->GetSchema();
    const cty::Type type = r->ValueType();
    cty::Value current;
    if (!DecodeDynamic(request->current_state(), type, "current_state", diags, &current)) return;
    response->set_private_(request->private_());
    if (current.is_null()) {
      EncodeDynamic(current, type, response->mutable_new_state(), diags);
      return;
    }
    Call call(this, "ReadResource", request->type_name());
    Context& ctx = call.ctx();
    const nlohmann::json priv_in = PrivateFromBytes(request->private_(), diags);
    ctx.private_state() = priv_in;
    ArmDeadline(ctx, watcher_, *r, current, schema::Operation::kRead);
    ReadResult<cty::Value> result = RunLifecycle<ReadResult<cty::Value>>(
        "ReadResource", ctx, [&] { return r->ReadRaw(ctx, current); });
    cty::Value out = current;  // the default on every path but found and gone
    if (result.outcome() == Outcome::kDone) {
      out = CheckWhollyKnown(NormalizeState(s.block, *result.state()), "during refresh",
                             ctx.diagnostics());
    } else if (result.outcome() == Outcome::kGone) {
      ctx.Log(log::Level::kInfo, "object no longer exists; removing it from state",
              {{"reason", result.gone_reason()}});
      out = cty::Value::Null(type);  // Terraform plans to create it again
    } else {
      RequireError(ctx, "Read failed");
    }
    diags.Append(ctx.diagnostics());
    EncodeDynamic(out, type, response->mutable_new_state(), diags);
    response->set_private_(PrivateOut(request->private_(), priv_in, ctx.private_state()));
  });
}

grpc::Status ProviderService::PlanResourceChange(
    grpc::ServerContext*, const tfplugin6::PlanResourceChange::Request* request,
    tfplugin6::PlanResourceChange::Response* response) {
  return internal::Guarded("PlanResourceChange", response, [&](diag::Diagnostics& diags) {
    ResourceBase* r = FindResource(request->type_name());
    if (r == nullptr) return internal::UnknownType("resource", request->type_name(), diags);
    const schema::Schema& s = r->GetSchema();
    const cty::Type type = r->ValueType();
    cty::Value prior, proposed, config;
    if (!DecodeDynamic(request->prior_state(), type, "prior_state", diags, &prior) ||
        !DecodeDynamic(request->proposed_new_state(), type, "proposed_new_state", diags,
                       &proposed) ||
        !DecodeDynamic(request->config(), type, "config", diags, &config)) {
      return;
    }
    response->set_planned_private(request->prior_private());
    if (proposed.is_null()) {  // destroy: planned null, private echoed
      EncodeDynamic(proposed, type, response->mutable_planned_state(), diags);
      return;
    }
    Call call(this, "PlanResourceChange", request->type_name());
    Context& ctx = call.ctx();
    const nlohmann::json priv_in = PrivateFromBytes(request->prior_private(), diags);
    ctx.private_state() = priv_in;
    SchemaPlan plan = PlanFromSchema(s.block, prior, proposed, config);
    r->ModifyPlanRaw(ctx, prior, config, plan.planned, plan.requires_replace);
    diags.Append(ctx.diagnostics());
    // The hook must not bring back write-only values or null blocks.
    plan.planned = NormalizeState(s.block, plan.planned);
    EncodeDynamic(plan.planned, type, response->mutable_planned_state(), diags);
    if (!prior.is_null()) {
      for (const auto& p : FilterRequiresReplace(plan.requires_replace, prior, plan.planned)) {
        *response->add_requires_replace() = PathToProto(p);
      }
    }
    response->set_planned_private(
        PrivateOut(request->prior_private(), priv_in, ctx.private_state()));
  });
}

grpc::Status ProviderService::ApplyResourceChange(
    grpc::ServerContext*, const tfplugin6::ApplyResourceChange::Request* request,
    tfplugin6::ApplyResourceChange::Response* response) {
  return internal::Guarded("ApplyResourceChange", response, [&](diag::Diagnostics& diags) {
    ResourceBase* r = FindResource(request->type_name());
    if (r == nullptr) return internal::UnknownType("resource", request->type_name(), diags);
    const schema::Schema& s = r->GetSchema();
    const cty::Type type = r->ValueType();
    cty::Value prior, planned, config;
    if (!DecodeDynamic(request->prior_state(), type, "prior_state", diags, &prior) ||
        !DecodeDynamic(request->planned_state(), type, "planned_state", diags, &planned) ||
        !DecodeDynamic(request->config(), type, "config", diags, &config)) {
      return;
    }
    Call call(this, "ApplyResourceChange", request->type_name());
    Context& ctx = call.ctx();
    const nlohmann::json priv_in = PrivateFromBytes(request->planned_private(), diags);
    ctx.private_state() = priv_in;
    cty::Value out;
    if (planned.is_null()) {
      ArmDeadline(ctx, watcher_, *r, prior, schema::Operation::kDelete);
      RunLifecycle<Failed>("ApplyResourceChange", ctx, [&] {
        r->DeleteRaw(ctx, prior);
        return Failed();
      });
      out = ctx.HasError() ? prior : cty::Value::Null(type);
      if (!ctx.HasError()) ctx.private_state() = nlohmann::json::object();
    } else {
      const bool create = prior.is_null();
      ArmDeadline(ctx, watcher_, *r, planned,
                  create ? schema::Operation::kCreate : schema::Operation::kUpdate);
      // Write-only values reach the provider only in the config.
      const cty::Value with_secrets = WithWriteOnlyValues(s.block, planned, config);
      ApplyResult<cty::Value> result =
          RunLifecycle<ApplyResult<cty::Value>>("ApplyResourceChange", ctx, [&] {
            return create ? r->CreateRaw(ctx, with_secrets)
                          : r->UpdateRaw(ctx, prior, with_secrets);
          });
      // A state returned with an error is kept: Terraform records a failed
      // create as tainted (protocol doc §4.4). Without one, the checkpoint,
      // else the prior state (null for a create).
      std::optional<cty::Value> state = ctx.checkpoint();
      if (result.outcome() == Outcome::kFailed) {
        RequireError(ctx, create ? "Create failed" : "Update failed");
      } else {
        if (result.outcome() == Outcome::kPartial) {
          RequireError(
              ctx, create ? "Create returned a partial state" : "Update returned a partial state");
        }
        state = *result.state();
      }
      out = state ? CheckWhollyKnown(NormalizeState(s.block, *state),
                                     create ? "after create" : "after update", ctx.diagnostics())
                  : prior;
    }
    diags.Append(ctx.diagnostics());
    EncodeDynamic(out, type, response->mutable_new_state(), diags);
    response->set_private_(PrivateOut(request->planned_private(), priv_in, ctx.private_state()));
  });
}

grpc::Status ProviderService::ImportResourceState(
    grpc::ServerContext*, const tfplugin6::ImportResourceState::Request* request,
    tfplugin6::ImportResourceState::Response* response) {
  return internal::Guarded("ImportResourceState", response, [&](diag::Diagnostics& diags) {
    ResourceBase* r = FindResource(request->type_name());
    if (r == nullptr) return internal::UnknownType("resource", request->type_name(), diags);
    const schema::Schema& s = r->GetSchema();
    const cty::Type type = r->ValueType();
    Call call(this, "ImportResourceState", request->type_name());
    Context& ctx = call.ctx();
    ReadResult<cty::Value> result = RunLifecycle<ReadResult<cty::Value>>(
        "ImportResourceState", ctx, [&] { return r->ImportRaw(ctx, request->id()); });
    if (result.outcome() == Outcome::kGone) {
      ctx.AddError("Cannot import non-existent remote object",
                   "No " + request->type_name() + " with id \"" + request->id() +
                       "\" exists: " + result.gone_reason() + ".");
    } else if (result.outcome() != Outcome::kDone) {
      RequireError(ctx, "Import failed");
    }
    diags.Append(ctx.diagnostics());
    if (result.outcome() != Outcome::kDone || diags.HasError()) return;
    cty::Value out =
        CheckWhollyKnown(NormalizeState(s.block, *result.state()), "after import", diags);
    auto* imported = response->add_imported_resources();
    imported->set_type_name(request->type_name());
    EncodeDynamic(out, type, imported->mutable_state(), diags);
    imported->set_private_(PrivateToBytes(ctx.private_state()));
  });
}

grpc::Status ProviderService::MoveResourceState(
    grpc::ServerContext*, const tfplugin6::MoveResourceState::Request* request,
    tfplugin6::MoveResourceState::Response* response) {
  return internal::Guarded("MoveResourceState", response, [&](diag::Diagnostics& diags) {
    ResourceBase* r = FindResource(request->target_type_name());
    if (r == nullptr) return internal::UnknownType("resource", request->target_type_name(), diags);
    const schema::Schema& s = r->GetSchema();
    const cty::Type type = r->ValueType();
    Call call(this, "MoveResourceState", request->target_type_name());
    Context& ctx = call.ctx();
    MoveSource source;
    source.provider_address = request->source_provider_address();
    source.type_name = request->source_type_name();
    source.schema_version = request->source_schema_version();
    source.state = nlohmann::json::parse(request->source_state().json(), nullptr, false);
    if (source.state.is_discarded()) source.state = nlohmann::json::object();
    std::optional<cty::Value> moved = r->MoveRaw(ctx, source);
    diags.Append(ctx.diagnostics());
    if (!moved || diags.HasError()) return;
    cty::Value out = CheckWhollyKnown(NormalizeState(s.block, *moved), "after move", diags);
    EncodeDynamic(out, type, response->mutable_target_state(), diags);
    response->set_target_private(PrivateToBytes(ctx.private_state()));
  });
}

grpc::Status ProviderService::ReadDataSource(grpc::ServerContext*,
                                             const tfplugin6::ReadDataSource::Request* request,
                                             tfplugin6::ReadDataSource::Response* response) {
  return internal::Guarded("ReadDataSource", response, [&](diag::Diagnostics& diags) {
    DataSourceBase* d = FindDataSource(request->type_name());
    if (d == nullptr) return internal::UnknownType("data source", request->type_name(), diags);
    const schema::Schema& s = d->GetSchema();
    const cty::Type type = d->ValueType();
    cty::Value config;
    if (!DecodeDynamic(request->config(), type, "config", diags, &config)) return;
    Call call(this, "ReadDataSource", request->type_name());
    std::optional<cty::Value> result = d->ReadRaw(call.ctx(), config);
    diags.Append(call.ctx().diagnostics());
    if (!result) {
      if (!diags.HasError()) {
        diags.AddError("Provider returned no data",
                       "The data source returned neither a result nor an error. This is a bug in "
                       "the provider.");
      }
      return;
    }
    cty::Value out = CheckWhollyKnown(NormalizeState(s.block, *result), "after read", diags);
    EncodeDynamic(out, type, response->mutable_state(), diags);
  });
}

}  // namespace polybackup::framework
