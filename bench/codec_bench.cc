// Throughput of the cty codecs on a typical resource state: an AWS Backup
// plan-like object with three rules, nested lifecycle and copy-action blocks,
// tags, and a mix of numbers ("0.1"-style decimals among them), nulls and
// unknowns (msgpack only). Prints ops/s and MB/s for each direction.
//
//   codec_bench [iterations]     (default 20000)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "tfplugin/cty/json.h"
#include "tfplugin/cty/msgpack.h"
#include "tfplugin/cty/transform.h"

namespace cty = polybackup::cty;

namespace {

cty::Value S(const std::string& s) { return cty::Value::String(s); }
cty::Value N(const char* s) { return cty::Value::Number(*cty::Number::Parse(s)); }

struct Fixture {
  cty::Type type;
  cty::Value value;
};

Fixture MakeState(bool with_unknowns) {
  using cty::Type;
  using cty::Value;
  Type lifecycle = Type::Object({{"cold_storage_after", Type::Number()},
                                 {"delete_after", Type::Number()},
                                 {"opt_in_to_archive", Type::Bool()}});
  Type copy = Type::Object(
      {{"destination_vault_arn", Type::String()}, {"lifecycle", Type::List(lifecycle)}});
  Type rule = Type::Object({{"rule_name", Type::String()},
                            {"target_vault_name", Type::String()},
                            {"schedule", Type::String()},
                            {"start_window", Type::Number()},
                            {"completion_window", Type::Number()},
                            {"enable_continuous_backup", Type::Bool()},
                            {"recovery_point_tags", Type::Map(Type::String())},
                            {"lifecycle", Type::List(lifecycle)},
                            {"copy_action", Type::Set(copy)}});
  Type plan = Type::Object(
      {{"id", Type::String()},
       {"arn", Type::String()},
       {"name", Type::String()},
       {"version", Type::String()},
       {"tags", Type::Map(Type::String())},
       {"tags_all", Type::Map(Type::String())},
       {"rule", Type::Set(rule)},
       {"timeouts", Type::Object({{"create", Type::String()}, {"delete", Type::String()}})}});
  auto lc = [&](const char* cold, const char* del) {
    return Value::Object(lifecycle,
                         {{"cold_storage_after", cold ? N(cold) : Value::Null(Type::Number())},
                          {"delete_after", N(del)},
                          {"opt_in_to_archive", Value::Bool(false)}});
  };
  std::map<std::string, Value> tags;
  for (int i = 0; i < 6; ++i)
    tags.emplace("tag" + std::to_string(i), S("value-" + std::to_string(i)));
  std::vector<Value> rules;
  for (int r = 0; r < 3; ++r) {
    std::string name = "rule-" + std::to_string(r);
    Value c =
        Value::Object(copy, {{"destination_vault_arn",
                              S("arn:aws:backup:eu-west-1:123456789012:backup-vault:dr-" + name)},
                             {"lifecycle", Value::List(lifecycle, {lc(nullptr, "99.96")})}});
    rules.push_back(Value::Object(rule, {{"rule_name", S(name)},
                                         {"target_vault_name", S("vault-" + name)},
                                         {"schedule", S("cron(0 5 ? * * *)")},
                                         {"start_window", N("60")},
                                         {"completion_window", N("180")},
                                         {"enable_continuous_backup", Value::Bool(r == 0)},
                                         {"recovery_point_tags", Value::Map(Type::String(), tags)},
                                         {"lifecycle", Value::List(lifecycle, {lc("30", "120")})},
                                         {"copy_action", Value::Set(copy, {c})}}));
  }
  Value id = with_unknowns ? Value::Unknown(Type::String(), {.nullable = false})
                           : S("4f9a7c2e-1b3d-4e5f-8a9b-0c1d2e3f4a5b");
  Value state = Value::Object(
      plan, {{"id", id},
             {"arn", with_unknowns ? Value::Unknown(Type::String())
                                   : S("arn:aws:backup:eu-west-1:123456789012:backup-plan:4f9a")},
             {"name", S("polybackup-daily")},
             {"version", with_unknowns ? Value::Unknown(Type::String()) : S("ZmFrZS12ZXJzaW9u")},
             {"tags", Value::Map(Type::String(), tags)},
             {"tags_all", Value::Map(Type::String(), tags)},
             {"rule", Value::Set(rule, rules)},
             {"timeouts", Value::Null(plan.attribute("timeouts"))}});
  return {plan, state};
}

template <typename Fn>
void Measure(const char* label, int iterations, size_t bytes_per_op, Fn fn) {
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < iterations; ++i) fn();
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%-28s %9.0f ops/s  %7.1f MB/s  (%zu bytes/op)\n", label, iterations / secs,
              iterations * static_cast<double>(bytes_per_op) / secs / 1e6, bytes_per_op);
}

}  // namespace

int main(int argc, char** argv) {
  const int iterations = argc > 1 ? std::atoi(argv[1]) : 20000;
  Fixture plan = MakeState(/*with_unknowns=*/true);
  Fixture state = MakeState(/*with_unknowns=*/false);
  std::string mp_plan = *cty::EncodeMsgpack(plan.value, plan.type);
  std::string mp_state = *cty::EncodeMsgpack(state.value, state.type);
  std::string js_state = *cty::EncodeJson(state.value, state.type);
  size_t sink = 0;
  Measure("msgpack encode (state)", iterations, mp_state.size(),
          [&] { sink += cty::EncodeMsgpack(state.value, state.type)->size(); });
  Measure("msgpack decode (state)", iterations, mp_state.size(),
          [&] { sink += cty::DecodeMsgpack(mp_state, state.type)->is_known(); });
  Measure("msgpack encode (plan)", iterations, mp_plan.size(),
          [&] { sink += cty::EncodeMsgpack(plan.value, plan.type)->size(); });
  Measure("msgpack decode (plan)", iterations, mp_plan.size(),
          [&] { sink += cty::DecodeMsgpack(mp_plan, plan.type)->is_known(); });
  Measure("json encode (state)", iterations, js_state.size(),
          [&] { sink += cty::EncodeJson(state.value, state.type)->size(); });
  Measure("json decode (state)", iterations, js_state.size(),
          [&] { sink += cty::DecodeJson(js_state, state.type)->is_known(); });
  Measure("Transform (identity)", iterations, 0, [&] {
    sink += cty::Transform(state.value, [](const cty::Path&, const cty::Value& v) {
              return v;
            }).is_known();
  });
  return sink == 0 ? 1 : 0;
}
