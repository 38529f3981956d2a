// Validator: a reusable check of one configuration value.
//
// The framework calls Validate() from ValidateResourceConfig /
// ValidateDataResourceConfig / ValidateProviderConfig only for values that
// are known and non-null (unknown values are validated again at apply time,
// when they are known). A validator reports problems as diagnostics naming
// `path` and saying what is allowed. Implementations must be stateless and
// thread-safe: one instance is shared by every request.
#ifndef POLYBACKUP_TFPLUGIN_SCHEMA_VALIDATOR_H_
#define POLYBACKUP_TFPLUGIN_SCHEMA_VALIDATOR_H_

#include <string>

#include "tfplugin/cty/path.h"
#include "tfplugin/cty/value.h"
#include "tfplugin/diag/diagnostics.h"

namespace polybackup::schema {

class Validator {
 public:
  virtual ~Validator() = default;
  // What the validator allows, as a sentence fragment for docs and messages:
  // "one of \"DAILY\", \"WEEKLY\"".
  virtual std::string Description() const = 0;
  // Whether this validator can check values of `type` (a string check on a
  // number attribute is a bug). schema::ValidateSchema, and so
  // framework::ValidateDefinition in every provider's unit tests, reports
  // each validator attached to an attribute whose type it does not accept.
  virtual bool AcceptsType(const cty::Type& type) const = 0;
  // Precondition: value.is_known() && !value.is_null() (the caller checks).
  virtual void Validate(const cty::Value& value, const cty::Path& path,
                        diag::Diagnostics& diags) const = 0;
};

}  // namespace polybackup::schema

#endif  // POLYBACKUP_TFPLUGIN_SCHEMA_VALIDATOR_H_
