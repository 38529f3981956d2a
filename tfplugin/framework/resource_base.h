// ResourceBase: the untyped interface the provider service drives. Authors
// normally derive from Resource<M> (resource.h), which implements this on top
// of a typed model; derive from ResourceBase directly only to work on raw
// cty values.
//
// Method names end in Raw so they never collide with Resource<M>'s typed
// ones. Values passed in are objects of GetSchema().ImpliedType() (or null where
// stated). Methods report problems on ctx.diagnostics(); they must not throw
// (the service catches anything that escapes and reports it as an internal
// provider error). Implementations are shared by concurrent RPCs: they must
// be thread-safe (keep per-call state in locals and in the Context).
#ifndef POLYBACKUP_TFPLUGIN_FRAMEWORK_RESOURCE_BASE_H_
#define POLYBACKUP_TFPLUGIN_FRAMEWORK_RESOURCE_BASE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "nlohmann/json.hpp"
#include "tfplugin/cty/path.h"
#include "tfplugin/cty/value.h"
#include "tfplugin/framework/context.h"
#include "tfplugin/framework/result.h"
#include "tfplugin/schema/schema.h"
#include "tfplugin/schema/timeouts.h"

namespace polybackup::framework {

// What MoveResourceState hands to a resource that accepts moves.
struct MoveSource {
  std::string provider_address;  // "registry.terraform.io/hashicorp/aws"
  std::string type_name;         // "aws_backup_plan"
  int64_t schema_version = 0;
  nlohmann::json state;  // the source resource's attributes (JSON object)
};

class ResourceBase {
 public:
  virtual ~ResourceBase() = default;

  // The type name without the provider prefix: "aws_backup_plan" for
  // "polybackup_aws_backup_plan".
  virtual std::string TypeSuffix() const = 0;
  virtual const schema::Schema& GetSchema() const = 0;
  // GetSchema().ImpliedType(), the type of every config, plan and state
  // value; Resource<M> computes it once (every RPC decodes and encodes with
  // it, and values of one type object compare without a deep walk).
  virtual cty::Type ValueType() const { return GetSchema().ImpliedType(); }
  // Per-operation timeouts when the schema has a timeouts block.
  virtual std::optional<schema::TimeoutDefaults> Timeouts() const { return std::nullopt; }

  // Author checks beyond the schema validators; `config` may hold unknowns.
  virtual void ValidateRaw(Context& ctx, const cty::Value& config) {}
  // Called after the framework's planning rules (planning.h) with prior null
  // on create. May change `planned` (within what Terraform accepts, protocol
  // doc §4.3) and append to `requires_replace`.
  virtual void ModifyPlanRaw(Context& ctx, const cty::Value& prior, const cty::Value& config,
                             cty::Value& planned, std::vector<cty::Path>& requires_replace) {}

  // The lifecycle on raw values: the outcomes and what the framework records
  // for each are those of result.h. Results must be wholly known objects of
  // the schema's type. A Checkpoint the method stored on the context
  // (ctx.set_checkpoint) is recorded when Create/Update fail.
  virtual ApplyResult<cty::Value> CreateRaw(Context& ctx, const cty::Value& planned) = 0;
  virtual ReadResult<cty::Value> ReadRaw(Context& ctx, const cty::Value& state) = 0;
  virtual ApplyResult<cty::Value> UpdateRaw(Context& ctx, const cty::Value& prior,
                                            const cty::Value& planned) = 0;
  // Deletes; "already gone" is success. On error the state is kept.
  virtual void DeleteRaw(Context& ctx, const cty::Value& state) = 0;
  // A state holding at least what Read needs (other attributes may be null),
  // Gone when there is no such object. Default: error "import not supported".
  virtual ReadResult<cty::Value> ImportRaw(Context& ctx, const std::string& id);

  // Upgrades state JSON written at `from_version` (< current) to JSON of the
  // current schema (missing attributes are then read as null, extra ones
  // dropped). Default: error naming the versions.
  virtual std::optional<nlohmann::json> UpgradeState(Context& ctx, int64_t from_version,
                                                     nlohmann::json state);

  // MoveResourceState support (advertised only if some resource returns true).
  virtual bool SupportsMove() const { return false; }
  virtual std::optional<cty::Value> MoveRaw(Context& ctx, const MoveSource& source);
};

}  // namespace polybackup::framework

#endif  // POLYBACKUP_TFPLUGIN_FRAMEWORK_RESOURCE_BASE_H_
