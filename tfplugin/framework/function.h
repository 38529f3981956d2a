// Provider functions (Terraform >= 1.8: `provider::polybackup::NAME(...)`,
// plugin protocol GetFunctions / CallFunction): a function is a declaration
// and a body.
//
//   Function f("next_runs");
//   f.Summary("The next times a schedule runs")
//       .MarkdownDescription("...")
//       .Param<std::string>("expression", "An AWS `cron(...)`/`rate(...)` or a CSBS rule.")
//       .Param<int64_t>("count", "How many times, 1 to 100.")
//       .Returns<std::vector<std::string>>()
//       .Body([](const FunctionArgs& args) -> FunctionResult {
//         auto n = args.Get<int64_t>(1);
//         if (n < 1) return FunctionError(1, "count must be from 1 to 100");
//         return Return(std::vector<std::string>{...});
//       });
//   builder.AddFunction(std::move(f));
//
// Types are cty types from schema::Codec<T> (strings, numbers, bools and
// their lists, sets and maps), or an object type from a ModelSchema
// (ReturnsObject). Arguments reach the body converted to their parameter's
// type; a null argument only for a parameter declared AllowNull(), an
// unknown one never (Terraform does not call a function with unknown
// arguments unless told it may; the result is then unknown). A
// FunctionError names the argument it is about, so Terraform points at it.
// Bodies must be thread-safe (they are called concurrently) and must not
// throw; the service turns a stray exception into an error, not a crash.
#ifndef POLYBACKUP_TFPLUGIN_FRAMEWORK_FUNCTION_H_
#define POLYBACKUP_TFPLUGIN_FRAMEWORK_FUNCTION_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "tfplugin/cty/value.h"
#include "tfplugin/schema/codec.h"
#include "tfplugin/schema/model.h"

namespace polybackup::framework {

// What a body reports when the arguments are unusable: `text` says what is
// wrong and what is allowed; `argument` is the 0-based position of the
// argument at fault (nullopt: the call as a whole).
struct FunctionError {
  FunctionError(std::optional<int64_t> arg, std::string message)
      : argument(arg), text(std::move(message)) {}
  std::optional<int64_t> argument;
  std::string text;
};

using FunctionResult = std::variant<cty::Value, FunctionError>;

// The result of a body, from a value of a Codec type.
template <class T>
FunctionResult Return(const T& value) {
  return schema::Codec<T>::Encode(value);
}

// The arguments of one call, positionally.
class FunctionArgs {
 public:
  explicit FunctionArgs(std::vector<cty::Value> values) : values_(std::move(values)) {}
  size_t size() const { return values_.size(); }
  const cty::Value& raw(size_t i) const { return values_.at(i); }
  // Argument `i` as T (its parameter's Codec type). Null (AllowNull()
  // parameters only) is T{}: use GetField to tell it apart.
  template <class T>
  T Get(size_t i) const {
    schema::Field<T> f = GetField<T>(i);
    return f.is_known() ? f.value() : T{};
  }
  template <class T>
  schema::Field<T> GetField(size_t i) const {
    schema::Field<T> out;
    diag::Diagnostics ignored;  // the service converted the value already
    schema::DecodeField(values_.at(i), cty::Path(), ignored, &out);
    return out;
  }

 private:
  std::vector<cty::Value> values_;
};

struct FunctionParam {
  std::string name;
  cty::Type type;
  std::string description;  // markdown
  bool allow_null = false;
};

class Function {
 public:
  using BodyFn = std::function<FunctionResult(const FunctionArgs&)>;

  explicit Function(std::string name) : name_(std::move(name)) {}

  // One line, shown by `terraform console` and in the docs' title.
  Function& Summary(std::string text) {
    summary_ = std::move(text);
    return *this;
  }
  Function& MarkdownDescription(std::string text) {
    description_ = std::move(text);
    return *this;
  }
  template <class T>
  Function& Param(std::string name, std::string description) {
    params_.push_back({std::move(name), schema::Codec<T>::Type(), std::move(description)});
    return *this;
  }
  // The parameter declared last may be null (the body sees a null Field).
  Function& AllowNull() {
    params_.back().allow_null = true;
    return *this;
  }
  template <class T>
  Function& Returns() {
    return_type_ = schema::Codec<T>::Type();
    return *this;
  }
  // An object result encoded with `model` (schema.Encode(m) in the body).
  template <class M>
  Function& ReturnsObject(const schema::ModelSchema<M>& model) {
    return_type_ = model.Type();
    return *this;
  }
  Function& Body(BodyFn body) {
    body_ = std::move(body);
    return *this;
  }

  const std::string& name() const { return name_; }
  const std::string& summary() const { return summary_; }
  const std::string& description() const { return description_; }
  const std::vector<FunctionParam>& params() const { return params_; }
  const cty::Type& return_type() const { return return_type_; }

  // Checks the arguments against the parameters (count, null), runs the
  // body, and checks the result's type. Arguments must already have their
  // parameter's type (the service decodes them against it).
  FunctionResult Call(std::vector<cty::Value> args) const;

 private:
  std::string name_;
  std::string summary_;
  std::string description_;
  std::vector<FunctionParam> params_;
  cty::Type return_type_;
  BodyFn body_;
};

}  // namespace polybackup::framework

#endif  // POLYBACKUP_TFPLUGIN_FRAMEWORK_FUNCTION_H_
