// The planning and result rules Terraform core enforces on providers
// (protocol doc §4.2-4.6), implemented once on raw values so every resource
// gets them from its schema. Pure functions: no I/O, deterministic, thread-safe.
#ifndef POLYBACKUP_TFPLUGIN_FRAMEWORK_PLANNING_H_
#define POLYBACKUP_TFPLUGIN_FRAMEWORK_PLANNING_H_

#include <string>
#include <vector>

#include "tfplugin/cty/path.h"
#include "tfplugin/cty/value.h"
#include "tfplugin/diag/diagnostics.h"
#include "tfplugin/schema/schema.h"

namespace polybackup::framework {

struct SchemaPlan {
  cty::Value planned;
  std::vector<cty::Path> requires_replace;
};

// The schema-driven plan before the author's ModifyPlan:
//  * proposed null (destroy) → planned null, nothing else;
//  * start from `proposed`; optional+computed attributes null in config get
//    their schema default;
//  * when creating (prior null) or when the result differs from prior, every
//    computed attribute null in config (without default) becomes unknown,
//    except UseStateForUnknown ones with a non-null prior value; when nothing
//    changed the prior values stay (so the apply-time re-plan is identical);
//  * write-only attributes planned null; LIST/SET/MAP blocks never null;
//  * requires_replace: RequiresReplace attributes whose planned value differs
//    from prior (not on create), paths into sets stop at the set.
SchemaPlan PlanFromSchema(const schema::Block& block, const cty::Value& prior,
                          const cty::Value& proposed, const cty::Value& config);

// Keeps only replace paths where prior and planned differ (core does the
// same filtering), sorted by rendering and de-duplicated.
std::vector<cty::Path> FilterRequiresReplace(const std::vector<cty::Path>& paths,
                                             const cty::Value& prior, const cty::Value& planned);

// Makes a value conform to what core expects in state: write-only attributes
// null, null LIST/SET/MAP blocks → empty, GROUP blocks non-null. Used on every
// Create/Read/Update/Import/Upgrade result.
cty::Value NormalizeState(const schema::Block& block, const cty::Value& value);

// `planned` with every write-only attribute's value taken from `config`
// (planned holds null there): what Create and Update see, since the value
// reaches the provider only in ApplyResourceChange's config. The result
// passes through NormalizeState, which nulls them again.
cty::Value WithWriteOnlyValues(const schema::Block& block, const cty::Value& planned,
                               const cty::Value& config);

// Adds an error for every unknown inside `value` ("Provider returned an
// unknown value for .id after create: this is a bug in the provider") and
// returns the value with those unknowns replaced by null.
cty::Value CheckWhollyKnown(const cty::Value& value, const std::string& what,
                            diag::Diagnostics& diags);

struct ValidateOptions {
  // ClientCapabilities.write_only_attributes_allowed of the request (only
  // ValidateResourceConfig carries it; Terraform >= 1.11 sets it).
  bool write_only_allowed = true;
};

// Runs every attribute validator of `block` on `config` (known, non-null
// values only, recursing into nested blocks and attributes), warns about
// deprecated attributes that are set, and refuses a write-only attribute
// that is set (even to an unknown) when the core does not allow them.
void ValidateValue(const schema::Block& block, const cty::Value& config, const cty::Path& path,
                   diag::Diagnostics& diags, const ValidateOptions& options = {});

}  // namespace polybackup::framework

#endif  // POLYBACKUP_TFPLUGIN_FRAMEWORK_PLANNING_H_
