// The standard `timeouts` block (as in the AWS provider):
//
//   timeouts {
//     create = "40m"
//     delete = "1h"
//   }
//
// A SINGLE nested block with optional string attributes create, read, update
// and delete holding Go-style durations (validators.h ParseDuration). It is
// not bound to the model: ModelSchema::Timeouts() adds it and the framework
// carries the configured value from plan to state and turns it into the
// request deadline (framework/context.h).
#ifndef POLYBACKUP_TFPLUGIN_SCHEMA_TIMEOUTS_H_
#define POLYBACKUP_TFPLUGIN_SCHEMA_TIMEOUTS_H_

#include <chrono>

#include "tfplugin/cty/value.h"
#include "tfplugin/schema/schema.h"

namespace polybackup::schema {

inline constexpr char kTimeoutsBlockName[] = "timeouts";

enum class Operation { kCreate, kRead, kUpdate, kDelete };

// Per-resource defaults, used when the block or the attribute is absent.
struct TimeoutDefaults {
  std::chrono::nanoseconds create = std::chrono::minutes(20);
  std::chrono::nanoseconds read = std::chrono::minutes(5);
  std::chrono::nanoseconds update = std::chrono::minutes(20);
  std::chrono::nanoseconds del = std::chrono::minutes(20);
  std::chrono::nanoseconds For(Operation op) const;
};

// The block description, with the defaults stated in each attribute's
// description ("Default 20m.").
NestedBlock TimeoutsBlock(const TimeoutDefaults& defaults);

// The timeout for `op` read from `resource_value` (an object of a schema with
// a timeouts block; any value is accepted): the configured duration when the
// block and attribute are known, non-null and valid, else the default.
std::chrono::nanoseconds TimeoutFor(const cty::Value& resource_value, Operation op,
                                    const TimeoutDefaults& defaults);

}  // namespace polybackup::schema

#endif  // POLYBACKUP_TFPLUGIN_SCHEMA_TIMEOUTS_H_
