#include "tfplugin/framework/function.h"

namespace polybackup::framework {

FunctionResult Function::Call(std::vector<cty::Value> args) const {
  if (args.size() != params_.size()) {
    return FunctionError(std::nullopt, name_ + " takes " + std::to_string(params_.size()) +
                                           " arguments, got " + std::to_string(args.size()));
  }
  for (size_t i = 0; i < args.size(); ++i) {
    const FunctionParam& p = params_[i];
    const auto at = static_cast<int64_t>(i);
    if (args[i].is_null() && !p.allow_null) {
      return FunctionError(at, "the argument \"" + p.name + "\" must not be null");
    }
    // Terraform only sends unknowns to parameters that allow them, and none
    // here do; answering an error is safer than running on a guess.
    if (!args[i].is_wholly_known()) {
      return FunctionError(at, "the argument \"" + p.name + "\" must be known");
    }
  }
  if (!body_) return FunctionError(std::nullopt, name_ + " has no body (a provider bug)");
  FunctionResult result = body_(FunctionArgs(std::move(args)));
  if (const auto* v = std::get_if<cty::Value>(&result)) {
    if (!(v->type() == return_type_) && !v->is_null()) {
      return FunctionError(std::nullopt, name_ + " returned " + v->type().FriendlyName() +
                                             " where it declares " + return_type_.FriendlyName() +
                                             " (a provider bug)");
    }
  }
  return result;
}

}  // namespace polybackup::framework
