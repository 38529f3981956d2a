// Resource<M>: what a resource author writes — a model struct M, a schema
// bound to it, and the lifecycle — and nothing of the wire.
//
//   class ThingResource : public framework::Resource<ThingModel> {
//    public:
//     std::string TypeSuffix() const override { return "thing"; }
//     schema::ModelSchema<ThingModel> DefineSchema() const override { return ThingSchema(); }
//     ApplyResult<ThingModel> Create(Context& ctx, const ThingModel& plan) override;
//     ReadResult<ThingModel> Read(Context& ctx, const ThingModel& state) override;
//     ApplyResult<ThingModel> Update(Context& ctx, const ThingModel& prior,
//                                    const ThingModel& plan) override;
//     void Delete(Context& ctx, const ThingModel& state) override;
//     ReadResult<ThingModel> Import(Context& ctx, const std::string& id) override;
//   };
//
// Outcomes (result.h): an M, Gone(reason), Partial(m) or Failed(); errors go
// on the context, a Status through ctx.AddStatus. Planning (unknown computed
// values, defaults, RequiresReplace, UseStateForUnknown, write-only, destroy)
// is done by the framework from the schema; ModifyPlan is only for what the
// schema cannot say. Results are encoded with the request's unbound values
// (the timeouts block) carried over. Thread-safety: one instance serves
// concurrent RPCs; keep no per-call state in members.
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
// `v` with every unknown (at any depth) replaced by a null of its type.
cty::Value UnknownsToNull(const cty::Value& v);
}  // namespace internal

template <class M>
class Resource : public ResourceBase {
 public:
  using Model = M;

  // --- What the author writes. ---
  virtual schema::ModelSchema<M> DefineSchema() const = 0;
  virtual ApplyResult<M> Create(Context& ctx, const M& planned) = 0;
  virtual ReadResult<M> Read(Context& ctx, const M& state) = 0;
  virtual ApplyResult<M> Update(Context& ctx, const M& prior, const M& planned) = 0;
  virtual void Delete(Context& ctx, const M& state) = 0;
  // Optional hooks.
  virtual ReadResult<M> Import(Context& ctx, const std::string& id) {
    ResourceBase::ImportRaw(ctx, id);  // adds the "not supported" error
    return Failed();
  }
  virtual void Validate(Context& ctx, const M& config) {}
  virtual void ModifyPlan(Context& ctx, PlanChange<M>& change) {}
  virtual std::optional<M> Move(Context& ctx, const MoveSource& source) {
    ResourceBase::MoveRaw(ctx, source);  // adds the "not supported" error
    return std::nullopt;
  }

  // In Create or Update, once the cloud object exists: records `state` so
  // that whatever happens next (an error, Failed(), even an exception) the
  // object stays in Terraform's state, tainted after a failed create. Call
  // it as soon as the cloud answers with the new object's id. Values still
  // unknown (computed attributes of the plan the cloud has not reported yet)
  // are recorded as null: the next refresh reads them.
  void Checkpoint(Context& ctx, const M& state) const {
    ctx.set_checkpoint(internal::UnknownsToNull(model_schema().Encode(state, ctx.encode_carry())));
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
  cty::Type ValueType() const final { return model_schema().Type(); }
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
  ApplyResult<cty::Value> CreateRaw(Context& ctx, const cty::Value& planned) final {
    M m{};
    if (!model_schema().Decode(planned, {}, ctx.diagnostics(), &m)) return Failed();
    ctx.set_encode_carry(&planned);
    return Raw(Create(ctx, m), &planned);
  }
  ReadResult<cty::Value> ReadRaw(Context& ctx, const cty::Value& state) final {
    M m{};
    if (!model_schema().Decode(state, {}, ctx.diagnostics(), &m)) return Failed();
    return Raw(Read(ctx, m), &state);
  }
  ApplyResult<cty::Value> UpdateRaw(Context& ctx, const cty::Value& prior,
                                    const cty::Value& planned) final {
    M p{}, n{};
    if (!model_schema().Decode(prior, {}, ctx.diagnostics(), &p) ||
        !model_schema().Decode(planned, {}, ctx.diagnostics(), &n)) {
      return Failed();
    }
    ctx.set_encode_carry(&planned);
    return Raw(Update(ctx, p, n), &planned);
  }
  void DeleteRaw(Context& ctx, const cty::Value& state) final {
    M m{};
    if (model_schema().Decode(state, {}, ctx.diagnostics(), &m)) Delete(ctx, m);
  }
  ReadResult<cty::Value> ImportRaw(Context& ctx, const std::string& id) final {
    return Raw(Import(ctx, id), nullptr);
  }
  std::optional<cty::Value> MoveRaw(Context& ctx, const MoveSource& source) final {
    std::optional<M> m = Move(ctx, source);
    if (!m) return std::nullopt;
    return model_schema().Encode(*m, nullptr);
  }

 private:
  ReadResult<cty::Value> Raw(const ReadResult<M>& r, const cty::Value* carry) const {
    switch (r.outcome()) {
      case Outcome::kGone:
        return Gone(r.gone_reason());
      case Outcome::kDone:
        return model_schema().Encode(*r.state(), carry);
      default:
        return Failed();
    }
  }
  ApplyResult<cty::Value> Raw(const ApplyResult<M>& r, const cty::Value* carry) const {
    switch (r.outcome()) {
      case Outcome::kDone:
        return model_schema().Encode(*r.state(), carry);
      case Outcome::kPartial:
        return Partial(model_schema().Encode(*r.state(), carry));
      default:
        return Failed();
    }
  }

  mutable std::once_flag once_;
  mutable std::optional<schema::ModelSchema<M>> model_;
  mutable std::optional<schema::Schema> schema_;
};

}  // namespace polybackup::framework

#endif  // POLYBACKUP_TFPLUGIN_FRAMEWORK_RESOURCE_H_
