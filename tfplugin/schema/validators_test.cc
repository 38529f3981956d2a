#include "tfplugin/schema/validators.h"

#include "doctest/doctest.h"

namespace polybackup::schema {
namespace {

diag::Diagnostics Run(const ValidatorPtr& v, const cty::Value& value) {
  diag::Diagnostics d;
  v->Validate(value, cty::Path().Attribute("field"), d);
  return d;
}

TEST_CASE("StringOneOf names the path, the allowed values and the bad value") {
  auto v = StringOneOf({"DAILY", "WEEKLY"});
  CHECK(Run(v, cty::Value::String("DAILY")).empty());
  diag::Diagnostics d = Run(v, cty::Value::String("daily"));
  REQUIRE(d.size() == 1);
  CHECK(d.items()[0].summary == "Invalid value for \"field\"");
  CHECK(d.items()[0].detail == "Expected one of \"DAILY\", \"WEEKLY\", got \"daily\".");
  REQUIRE(d.items()[0].attribute.has_value());
  CHECK(*d.items()[0].attribute == cty::Path().Attribute("field"));
  CHECK(Run(v, cty::Value::NumberInt(1)).HasError());
}

TEST_CASE("StringMatches uses the human description") {
  auto v = StringMatches("cron\\(.+\\)", "a cron expression like cron(0 5 ? * * *)");
  CHECK(Run(v, cty::Value::String("cron(0 5 ? * * *)")).empty());
  diag::Diagnostics d = Run(v, cty::Value::String("0 5 * * *"));
  REQUIRE(d.HasError());
  CHECK(d.items()[0].detail.find("a cron expression like") != std::string::npos);
  // Full match, not search.
  CHECK(Run(v, cty::Value::String("xcron(1)")).HasError());
}

TEST_CASE("IntBetween rejects fractions and out-of-range numbers") {
  auto v = IntBetween(1, 35);
  CHECK(Run(v, cty::Value::NumberInt(1)).empty());
  CHECK(Run(v, cty::Value::NumberInt(35)).empty());
  CHECK(Run(v, cty::Value::NumberInt(36)).HasError());
  CHECK(Run(v, cty::Value::NumberInt(0)).HasError());
  CHECK(Run(v, cty::Value::Number(*cty::Number::Parse("1.5"))).HasError());
}

TEST_CASE("StringLengthBetween and SizeBetween") {
  CHECK(Run(StringLengthBetween(1, 3), cty::Value::String("abc")).empty());
  CHECK(Run(StringLengthBetween(1, 3), cty::Value::String("")).HasError());
  auto list = cty::Value::List(cty::Type::String(), {cty::Value::String("a")});
  CHECK(Run(SizeBetween(1, 1), list).empty());
  CHECK(Run(SizeBetween(2, 3), list).HasError());
}

TEST_CASE("EachElement puts the element index or key into the path and skips unknowns") {
  auto v = EachElement(StringOneOf({"a"}));
  auto list = cty::Value::List(
      cty::Type::String(),
      {cty::Value::String("a"), cty::Value::String("b"), cty::Value::Unknown(cty::Type::String())});
  diag::Diagnostics d = Run(v, list);
  REQUIRE(d.size() == 1);
  CHECK(*d.items()[0].attribute == cty::Path().Attribute("field").Index(1));
  auto map = cty::Value::Map(cty::Type::String(), {{"k", cty::Value::String("z")}});
  diag::Diagnostics m = Run(v, map);
  REQUIRE(m.size() == 1);
  CHECK(*m.items()[0].attribute == cty::Path().Attribute("field").Key("k"));
}

TEST_CASE("ParseDuration follows Go's grammar") {
  using std::chrono::nanoseconds;
  CHECK(*ParseDuration("40m") == std::chrono::minutes(40));
  CHECK(*ParseDuration("1h30m") == std::chrono::minutes(90));
  CHECK(*ParseDuration("1.5h") == std::chrono::minutes(90));
  CHECK(*ParseDuration("500ms") == std::chrono::milliseconds(500));
  CHECK(*ParseDuration("0") == nanoseconds(0));
  CHECK_FALSE(ParseDuration("").ok());
  CHECK_FALSE(ParseDuration("40").ok());
  CHECK_FALSE(ParseDuration("m").ok());
  CHECK_FALSE(ParseDuration("5d").ok());
  CHECK_FALSE(ParseDuration("-5m").ok());
  CHECK_FALSE(ParseDuration("1..5h").ok());
  CHECK_FALSE(ParseDuration("99999999999h").ok());
}

TEST_CASE("Duration validator enforces the range") {
  auto v = Duration(std::chrono::minutes(1), std::chrono::hours(2));
  CHECK(Run(v, cty::Value::String("90m")).empty());
  CHECK(Run(v, cty::Value::String("3h")).HasError());
  CHECK(Run(v, cty::Value::String("30s")).HasError());
  CHECK(Run(v, cty::Value::String("soon")).HasError());
}

}  // namespace
}  // namespace polybackup::schema
