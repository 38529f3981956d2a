// Pure conversions between the framework's types and tfplugin6 messages.
// No semantics here; thread-safe.
#ifndef POLYBACKUP_TFPLUGIN_FRAMEWORK_CONVERT_H_
#define POLYBACKUP_TFPLUGIN_FRAMEWORK_CONVERT_H_

#include <string>

#include "absl/status/statusor.h"
#include "google/protobuf/repeated_field.h"
#include "nlohmann/json.hpp"
#include "tfplugin/cty/path.h"
#include "tfplugin/cty/value.h"
#include "tfplugin/diag/diagnostics.h"
#include "tfplugin/framework/function.h"
#include "tfplugin/proto/tfplugin6.pb.h"
#include "tfplugin/schema/schema.h"

namespace polybackup::framework {

// Every string is sent as well-formed UTF-8: each ill-formed sequence in a
// summary, a detail or a path step becomes U+FFFD (base/utf8.h), since
// Terraform refuses a whole message over one bad byte in a `string` field.
void ToProto(const diag::Diagnostics& diags,
             google::protobuf::RepeatedPtrField<tfplugin6::Diagnostic>* out);
tfplugin6::AttributePath PathToProto(const cty::Path& path);
cty::Path PathFromProto(const tfplugin6::AttributePath& path);

tfplugin6::Schema SchemaToProto(const schema::Schema& schema);
tfplugin6::Function FunctionToProto(const Function& f);
tfplugin6::Schema::Block BlockToProto(const schema::Block& block);

// Decodes a DynamicValue against `type`: msgpack when present, else json,
// else (both empty) null. `argument` names the request field for the error
// diagnostic on malformed bytes ("Invalid planned_state: ...").
absl::StatusOr<cty::Value> DecodeDynamic(const tfplugin6::DynamicValue& dv, const cty::Type& type);
bool DecodeDynamic(const tfplugin6::DynamicValue& dv, const cty::Type& type,
                   const std::string& argument, diag::Diagnostics& diags, cty::Value* out);
// Encodes as msgpack (what Terraform prefers, protocol doc §3.1).
void EncodeDynamic(const cty::Value& value, const cty::Type& type, tfplugin6::DynamicValue* out,
                   diag::Diagnostics& diags);

// Private state bytes <-> JSON object: empty bytes = {}; invalid JSON or a
// non-object → {} plus a warning (the bytes are ours; only a bug or an older
// format gets here).
nlohmann::json PrivateFromBytes(const std::string& bytes, diag::Diagnostics& diags);
// {} → empty bytes, else compact JSON.
std::string PrivateToBytes(const nlohmann::json& private_state);

}  // namespace polybackup::framework

#endif  // POLYBACKUP_TFPLUGIN_FRAMEWORK_CONVERT_H_
