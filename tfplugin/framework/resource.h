// Resource<M>: what a resource author writes — a model struct M, a schema
// bound to it, and the lifecycle — and nothing of the wire.
//
//   class ThingResource : public framework::Resource<ThingModel> {
//    public:
//     std::string TypeSuffix() const override { return "thing"; }
//     schema::ModelSchema<ThingModel> DefineSchema() const override { return ThingSchema(); }
//     std::optional<ThingModel> Create(Context& ctx, const ThingModel& plan) override;
//     std::optional<ThingModel> Read(Context& ctx, const ThingModel& state) override;
//     std::optional<ThingModel> Update(Context& ctx, const ThingModel& prior,
//                                      const ThingModel& plan) override;
//     void Delete(Context& ctx, const ThingModel& state) override;
//     std::optional<ThingModel> Import(Context& ctx, const std::string& id) override;
//   };
//
// Planning (unknown computed values, defaults, RequiresReplace,
// UseStateForUnknown, write-only, destroy) is done by the framework from the
// schema; ModifyPlan is only for what the schema cannot say. Results are
// encoded with the request's unbound values (the timeouts block) carried
// over. Contracts of each method: resource_base.h (same meaning, typed).
// Thread-safety: one instance serves concurrent RPCs; keep no per-call
// state in members.
#ifndef POLYBACKUP_TFPLUGIN_FRAMEWORK_RESOURCE_H_
#define POLYBACKUP_TFPLUGIN_FRAMEWORK_RESOURCE_H_

#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "tfplugin/framework/resource_base.h"
#include "tfplugin/schema/model.h"

namespace polybackup::framework {

// What ModifyPlan sees and may change.
template <class M>
struct PlanChange {
  std::optional<M> prior;  // nullopt when creating
  M config;
  M planned;                                // modify in place
  std::vector<cty::Path> requires_replace;  // append (e.g. conditional replace)
};

namespace internal {
// `raw` with each top-level attribute replaced by `after`'s where `before`
// and `after` differ: keeps what the hook did not touch byte-identical.
cty::Value MergeChanged(const cty::Value& raw, const cty::Value& before, const cty::Value& after);
}  // namespace internal

template <class M>
class Resource : public ResourceBase {
 public:
  // --- What the author writes. ---
  virtual schema::ModelSchema<M> DefineSchema() const = 0;
  virtual std::optional<M> Create(Context& ctx, const M& planned) = 0;
  virtual std::optional<M> Read(Context& ctx, const M& state) = 0;
  virtual std::optional<M> Update(Context& ctx, const M& prior, const M& planned) = 0;
  virtual void Delete(Context& ctx, const M& state) = 0;
  // Optional hooks.
  virtual std::optional<M> Import(Context& ctx, const std::string& id) {
    ctx.AddError("Import not supported",
                 "The resource type " + ctx.type_name() + " does not support import.");
    return std::nullopt;
  }
  virtual void Validate(Context& ctx, const M& config) {}
  virtual void ModifyPlan(Context& ctx, PlanChange<M>& change) {}
  virtual std::optional<M> Move(Context& ctx, const MoveSource& source) {
    ResourceBase::MoveRaw(ctx, source);  // adds the "not supported" error
    return std::nullopt;
  }

  // --- The bridge to ResourceBase (not for authors). ---
  const schema::ModelSchema<M>& model_schema() const {
    std::call_once(once_, [this] {
      model_ = DefineSchema();
      model_->Freeze();
      schema_ = model_->ToSchema();
    });
    return *model_;
  }
  const schema::Schema& GetSchema() const final {
    model_schema();
    return *schema_;
  }
  std::optional<schema::TimeoutDefaults> Timeouts() const final {
    return model_schema().timeouts();
  }
  void ValidateRaw(Context& ctx, const cty::Value& config) final {
    M m{};
    if (model_schema().Decode(config, {}, ctx.diagnostics(), &m)) Validate(ctx, m);
  }
  void ModifyPlanRaw(Context& ctx, const cty::Value& prior, const cty::Value& config,
                     cty::Value& planned, std::vector<cty::Path>& requires_replace) final {
    const auto& s = model_schema();
    PlanChange<M> change;
    if (!prior.is_null()) {
      change.prior.emplace();
      if (!s.Decode(prior, {}, ctx.diagnostics(), &*change.prior)) return;
    }
    if (!s.Decode(config, {}, ctx.diagnostics(), &change.config) ||
        !s.Decode(planned, {}, ctx.diagnostics(), &change.planned)) {
      return;
    }
    const cty::Value before = s.Encode(change.planned, &planned);
    ModifyPlan(ctx, change);
    planned = internal::MergeChanged(planned, before, s.Encode(change.planned, &planned));
    for (auto& p : change.requires_replace) requires_replace.push_back(std::move(p));
  }
  std::optional<cty::Value> CreateRaw(Context& ctx, const cty::Value& planned) final {
    M m{};
    if (!model_schema().Decode(planned, {}, ctx.diagnostics(), &m)) return std::nullopt;
    return EncodeResult(Create(ctx, m), &planned);
  }
  std::optional<cty::Value> ReadRaw(Context& ctx, const cty::Value& state) final {
    M m{};
    if (!model_schema().Decode(state, {}, ctx.diagnostics(), &m)) return std::nullopt;
    return EncodeResult(Read(ctx, m), &state);
  }
  std::optional<cty::Value> UpdateRaw(Context& ctx, const cty::Value& prior,
                                      const cty::Value& planned) final {
    M p{}, n{};
    if (!model_schema().Decode(prior, {}, ctx.diagnostics(), &p) ||
        !model_schema().Decode(planned, {}, ctx.diagnostics(), &n)) {
      return std::nullopt;
    }
    return EncodeResult(Update(ctx, p, n), &planned);
  }
  void DeleteRaw(Context& ctx, const cty::Value& state) final {
    M m{};
    if (model_schema().Decode(state, {}, ctx.diagnostics(), &m)) Delete(ctx, m);
  }
  std::optional<cty::Value> ImportRaw(Context& ctx, const std::string& id) final {
    return EncodeResult(Import(ctx, id), nullptr);
  }
  std::optional<cty::Value> MoveRaw(Context& ctx, const MoveSource& source) final {
    return EncodeResult(Move(ctx, source), nullptr);
  }

 private:
  std::optional<cty::Value> EncodeResult(const std::optional<M>& m, const cty::Value* carry) {
    if (!m) return std::nullopt;
    return model_schema().Encode(*m, carry);
  }

  mutable std::once_flag once_;
  mutable std::optional<schema::ModelSchema<M>> model_;
  mutable std::optional<schema::Schema> schema_;
};

}  // namespace polybackup::framework

#endif  // POLYBACKUP_TFPLUGIN_FRAMEWORK_RESOURCE_H_
