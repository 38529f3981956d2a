// Data sources: the untyped DataSourceBase the service drives, and the typed
// DataSource<M> authors derive from (same model/schema binding as Resource<M>).
//
//   class ThingDataSource : public framework::DataSource<ThingModel> {
//     std::string TypeSuffix() const override { return "thing"; }
//     schema::ModelSchema<ThingModel> DefineSchema() const override;
//     std::optional<ThingModel> Read(Context& ctx, const ThingModel& config) override;
//   };
//
// Read gets the (wholly known) configuration and returns it with computed
// attributes filled; the result must be non-null and wholly known (protocol
// doc §4.8). On failure add an error and return nullopt. Thread-safe as
// Resource<M>.
#ifndef POLYBACKUP_TFPLUGIN_FRAMEWORK_DATA_SOURCE_H_
#define POLYBACKUP_TFPLUGIN_FRAMEWORK_DATA_SOURCE_H_

#include <mutex>
#include <optional>
#include <string>

#include "tfplugin/cty/value.h"
#include "tfplugin/framework/context.h"
#include "tfplugin/schema/model.h"
#include "tfplugin/schema/schema.h"

namespace polybackup::framework {

class DataSourceBase {
 public:
  virtual ~DataSourceBase() = default;
  virtual std::string TypeSuffix() const = 0;
  virtual const schema::Schema& GetSchema() const = 0;
  // GetSchema().ImpliedType(), the type of every config and state value;
  // DataSource<M> computes it once (every RPC decodes and encodes with it).
  virtual cty::Type ValueType() const { return GetSchema().ImpliedType(); }
  virtual void ValidateRaw(Context& ctx, const cty::Value& config) {}
  virtual std::optional<cty::Value> ReadRaw(Context& ctx, const cty::Value& config) = 0;
};

template <class M>
class DataSource : public DataSourceBase {
 public:
  virtual schema::ModelSchema<M> DefineSchema() const = 0;
  virtual std::optional<M> Read(Context& ctx, const M& config) = 0;
  virtual void Validate(Context& ctx, const M& config) {}

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
  void ValidateRaw(Context& ctx, const cty::Value& config) final {
    M m{};
    if (model_schema().Decode(config, {}, ctx.diagnostics(), &m)) Validate(ctx, m);
  }
  std::optional<cty::Value> ReadRaw(Context& ctx, const cty::Value& config) final {
    M m{};
    if (!model_schema().Decode(config, {}, ctx.diagnostics(), &m)) return std::nullopt;
    std::optional<M> out = Read(ctx, m);
    if (!out) return std::nullopt;
    return model_schema().Encode(*out, &config);
  }

 private:
  mutable std::once_flag once_;
  mutable std::optional<schema::ModelSchema<M>> model_;
  mutable std::optional<schema::Schema> schema_;
};

}  // namespace polybackup::framework

#endif  // POLYBACKUP_TFPLUGIN_FRAMEWORK_DATA_SOURCE_H_
