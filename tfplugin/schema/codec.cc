#include "tfplugin/schema/codec.h"

namespace polybackup::schema {
namespace internal {

void NullElementError(const cty::Path& path, diag::Diagnostics& diags) {
  diags.AddAttributeError(path, "Invalid value",
                          "Null elements are not allowed here (at " + path.ToString() + ").");
}

void WrongTypeError(const cty::Value& v, const cty::Type& want, const cty::Path& path,
                    diag::Diagnostics& diags) {
  diags.AddAttributeError(path, "Invalid value",
                          "Expected " + want.FriendlyName() + ", got " + v.type().FriendlyName() +
                              " (at " + path.ToString() + ").");
}

}  // namespace internal

bool Codec<std::string>::Decode(const cty::Value& v, const cty::Path& path,
                                diag::Diagnostics& diags, std::string* out) {
  if (v.type().kind() != cty::Type::Kind::kString) {
    internal::WrongTypeError(v, Type(), path, diags);
    return false;
  }
  *out = v.AsString();
  return true;
}

bool Codec<int64_t>::Decode(const cty::Value& v, const cty::Path& path, diag::Diagnostics& diags,
                            int64_t* out) {
  if (v.type().kind() != cty::Type::Kind::kNumber) {
    internal::WrongTypeError(v, Type(), path, diags);
    return false;
  }
  std::optional<int64_t> n = v.AsNumber().ToInt64();
  if (!n) {
    diags.AddAttributeError(path, "Invalid value",
                            "Expected a whole number between -9223372036854775808 and "
                            "9223372036854775807, got " +
                                v.AsNumber().text() + " (at " + path.ToString() + ").");
    return false;
  }
  *out = *n;
  return true;
}

bool Codec<cty::Number>::Decode(const cty::Value& v, const cty::Path& path,
                                diag::Diagnostics& diags, cty::Number* out) {
  if (v.type().kind() != cty::Type::Kind::kNumber) {
    internal::WrongTypeError(v, Type(), path, diags);
    return false;
  }
  *out = v.AsNumber();
  return true;
}

bool Codec<bool>::Decode(const cty::Value& v, const cty::Path& path, diag::Diagnostics& diags,
                         bool* out) {
  if (v.type().kind() != cty::Type::Kind::kBool) {
    internal::WrongTypeError(v, Type(), path, diags);
    return false;
  }
  *out = v.AsBool();
  return true;
}

}  // namespace polybackup::schema
