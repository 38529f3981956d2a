// The schedule functions as Terraform calls them: through the provider
// service's GetFunctions and CallFunction, arguments and results as cty
// values, errors pointing at the argument.
#include "functions/schedule_functions.h"

#include <doctest/doctest.h>

#include "tfplugin/cty/msgpack.h"
#include "tfplugin/framework/service.h"

namespace polybackup::functions {
namespace {

using cty::Type;
using cty::Value;

struct Fixture {
  framework::ProviderService service{[] {
    framework::ProviderBuilder b;
    AddScheduleFunctions(b);
    return std::move(b).Build();
  }()};

  tfplugin6::CallFunction::Response Call(const std::string& name, std::vector<Value> args) {
    tfplugin6::CallFunction::Request req;
    req.set_name(name);
    for (const Value& a : args) req.add_arguments()->set_msgpack(*cty::EncodeMsgpack(a, a.type()));
    tfplugin6::CallFunction::Response resp;
    CHECK(service.CallFunction(nullptr, &req, &resp).ok());
    return resp;
  }
  Value Result(const std::string& name, std::vector<Value> args) {
    auto resp = Call(name, std::move(args));
    INFO(resp.error().text());
    REQUIRE_FALSE(resp.has_error());
    tfplugin6::GetFunctions::Response fns;
    service.GetFunctions(nullptr, nullptr, &fns);
    auto type = Type::FromJson(fns.functions().at(name).return_().type());
    REQUIRE(type.ok());
    auto v = cty::DecodeMsgpack(resp.result().msgpack(), *type);
    REQUIRE(v.ok());
    return *v;
  }
};

Value Strings(std::vector<std::string> items) {
  std::vector<Value> v;
  for (auto& s : items) v.push_back(Value::String(s));
  return Value::List(Type::String(), std::move(v));
}

TEST_CASE("the functions pass the provider's definition checks") {
  framework::ProviderBuilder b;
  AddScheduleFunctions(b);
  auto problems = framework::ValidateDefinition(b.definition());
  INFO(problems.ToString());
  CHECK(problems.empty());
}

TEST_CASE("schedule(days, time): the four dialects, and errors at the argument") {
  Fixture f;
  Value s = f.Result("schedule", {Strings({"MON", "wed", "FR"}), Value::String("02:00")});
  CHECK(s.GetAttr("aws_cron") == Value::String("cron(0 2 ? * MON,WED,FRI *)"));
  CHECK(s.GetAttr("csbs_rrule") == Value::String("FREQ=WEEKLY;BYDAY=MO,WE,FR;BYHOUR=2;BYMINUTE=0"));
  CHECK(s.GetAttr("kvstore_time") == Value::String("02:00Z-03:00Z"));
  CHECK(s.GetAttr("kvstore_period") == Strings({"Monday", "Wednesday", "Friday"}));
  CHECK(s.GetAttr("dbs_period") == Value::String("Monday,Wednesday,Friday"));
  CHECK(s.GetAttr("dbs_start_time") == Value::String("02:00"));

  auto bad_day = f.Call("schedule", {Strings({"Funday"}), Value::String("02:00")});
  REQUIRE(bad_day.has_error());
  CHECK(bad_day.error().function_argument() == 0);
  auto off_hour = f.Call("schedule", {Strings({"daily"}), Value::String("02:30")});
  REQUIRE(off_hour.has_error());
  CHECK(off_hour.error().function_argument() == 1);
  CHECK(off_hour.error().text().find("R-kvstore") != std::string::npos);
}

TEST_CASE("parse_aws_cron and parse_csbs_rrule give back the same object") {
  Fixture f;
  Value from_days = f.Result("schedule", {Strings({"daily"}), Value::String("05:00")});
  CHECK(f.Result("parse_aws_cron", {Value::String("cron(0 5 ? * * *)")}) == from_days);
  CHECK(f.Result("parse_csbs_rrule", {Value::String("FREQ=DAILY;BYHOUR=5;BYMINUTE=0")}) ==
        from_days);
  auto monthly = f.Call("parse_aws_cron", {Value::String("cron(0 5 1 * ? *)")});
  REQUIRE(monthly.has_error());
  CHECK(monthly.error().function_argument() == 0);
  CHECK(monthly.error().text().find("day-of-month") != std::string::npos);
  auto malformed = f.Call("parse_csbs_rrule", {Value::String("FREQ=HOURLY;BYHOUR=1")});
  REQUIRE(malformed.has_error());
  CHECK(malformed.error().function_argument() == 0);
}

TEST_CASE("next_runs(expression, count, from)") {
  Fixture f;
  Value runs = f.Result("next_runs", {Value::String("cron(0 2 ? * MON,WED,FRI *)"),
                                      Value::NumberInt(2), Value::String("2026-12-02T00:00:00Z")});
  CHECK(runs == Strings({"2026-12-02T02:00:00Z", "2026-12-04T02:00:00Z"}));
  auto count = f.Call("next_runs", {Value::String("rate(1 hour)"), Value::NumberInt(0),
                                    Value::String("2026-12-02T00:00:00Z")});
  REQUIRE(count.has_error());
  CHECK(count.error().function_argument() == 1);
  auto from = f.Call("next_runs", {Value::String("rate(1 hour)"), Value::NumberInt(1),
                                   Value::String("yesterday")});
  REQUIRE(from.has_error());
  CHECK(from.error().function_argument() == 2);
}

}  // namespace
}  // namespace polybackup::functions
