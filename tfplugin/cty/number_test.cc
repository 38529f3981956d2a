#include "tfplugin/cty/number.h"

#include <cmath>
#include <limits>

#include "doctest/doctest.h"

namespace polybackup::cty {
namespace {

std::string Canon(std::string_view s) {
  auto n = Number::Parse(s);
  REQUIRE_MESSAGE(n.ok(), std::string(n.status().message()));
  return n->text();
}

TEST_CASE("Parse canonicalises decimal text") {
  CHECK(Canon("0") == "0");
  CHECK(Canon("-0") == "0");
  CHECK(Canon("-0.000") == "0");
  CHECK(Canon("1000.0") == "1000");
  CHECK(Canon("1e3") == "1000");
  CHECK(Canon("1E+3") == "1000");
  CHECK(Canon("+12") == "12");
  CHECK(Canon("007.50") == "7.5");
  CHECK(Canon("-0.5") == "-0.5");
  CHECK(Canon(".5") == "0.5");
  CHECK(Canon("5.") == "5");
  CHECK(Canon("1.5e-7") == "0.00000015");
  CHECK(Canon("12345e-2") == "123.45");
  CHECK(Canon("0.1") == "0.1");
  CHECK(Canon("99.96") == "99.96");
  CHECK(Canon("0e999999999999") == "0");
  std::string big = Canon("1e400");
  CHECK(big.size() == 401);
  CHECK(big == "1" + std::string(400, '0'));
  CHECK(Canon("1e-400") == "0." + std::string(399, '0') + "1");
  CHECK(Canon("Inf") == "+Inf");
  CHECK(Canon("-inf") == "-Inf");
  CHECK(Canon("+Infinity") == "+Inf");
}

TEST_CASE("Parse rejects what is not a number") {
  for (const char* s : {"", "-", ".", "e5", "1e", "1e+", "abc", "1.2.3", "1 ", " 1", "0x10", "NaN",
                        "1e99999999999", "--1", "1_000"}) {
    CAPTURE(s);
    CHECK_FALSE(Number::Parse(s).ok());
  }
}

TEST_CASE("FromDouble expands exactly") {
  CHECK(Number::FromDouble(0.5).text() == "0.5");
  CHECK(Number::FromDouble(-2.0).text() == "-2");
  CHECK(Number::FromDouble(-0.0).text() == "0");
  CHECK(Number::FromDouble(1e22).text() == "10000000000000000000000");
  // float64(0.1) is not 0.1: this is the text cty shows for NumberFloatVal(0.1).
  CHECK(Number::FromDouble(0.1).text() ==
        "0.1000000000000000055511151231257827021181583404541015625");
  CHECK(Number::FromDouble(std::ldexp(1.0, -1074)).text().size() > 700);
  CHECK(Number::FromDouble(HUGE_VAL).text() == "+Inf");
  CHECK(Number::FromDouble(-HUGE_VAL).text() == "-Inf");
  CHECK(Number::FromDouble(std::numeric_limits<double>::max()).text().size() == 309);
}

TEST_CASE("integer and double views") {
  CHECK(Number::FromInt(INT64_MIN).ToInt64() == INT64_MIN);
  CHECK(Number::FromUint(UINT64_MAX).ToUint64() == UINT64_MAX);
  CHECK_FALSE(Number::FromUint(UINT64_MAX).ToInt64().has_value());
  CHECK_FALSE(Number::FromInt(-1).ToUint64().has_value());
  CHECK_FALSE(Canon("1.5") == "1");
  CHECK_FALSE(Number::Parse("1.5")->ToInt64().has_value());
  CHECK(Number::Parse("1.5")->ToExactDouble() == 1.5);
  CHECK_FALSE(Number::Parse("0.1")->ToExactDouble().has_value());
  CHECK_FALSE(Number::Parse("99.96")->ToExactDouble().has_value());
  CHECK_FALSE(Number::Parse("1e400")->ToExactDouble().has_value());
  CHECK(Number::Parse("1e22")->ToExactDouble() == 1e22);
  CHECK(std::isinf(*Number::PositiveInfinity().ToExactDouble()));
  CHECK(Number::PositiveInfinity().is_infinity());
  CHECK_FALSE(Number::PositiveInfinity().is_integer());
  CHECK(Number::FromInt(3).is_integer());
}

TEST_CASE("Compare is numeric order") {
  auto n = [](const char* s) { return *Number::Parse(s); };
  CHECK(n("1") == n("1.0"));
  CHECK(n("1").Compare(n("2")) < 0);
  CHECK(n("10").Compare(n("9")) > 0);
  CHECK(n("-10").Compare(n("-9")) < 0);
  CHECK(n("0.5").Compare(n("0.51")) < 0);
  CHECK(n("0.09").Compare(n("0.1")) < 0);
  CHECK(n("-0.5").Compare(n("0")) < 0);
  CHECK(n("-Inf").Compare(n("-1e400")) < 0);
  CHECK(n("+Inf").Compare(n("1e400")) > 0);
  CHECK(n("+Inf").Compare(n("+Inf")) == 0);
  CHECK(n("1e400").Compare(n("1e399")) > 0);
}

}  // namespace
}  // namespace polybackup::cty
