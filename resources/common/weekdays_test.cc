#include "resources/common/weekdays.h"

#include <doctest/doctest.h>

#include "tfplugin/cty/value.h"
#include "tfplugin/diag/diagnostics.h"

using namespace polybackup;
using namespace polybackup::resources;

TEST_CASE("weekdays are validated by their English names, the message lists them") {
  auto v = WeekdayValidator();
  diag::Diagnostics ok, bad;
  v->Validate(cty::Value::String("Monday"), cty::Path().Attribute("backup_period"), ok);
  v->Validate(cty::Value::String("Funday"), cty::Path().Attribute("backup_period"), bad);
  CHECK_FALSE(ok.HasError());
  REQUIRE(bad.HasError());
  CHECK(bad.ToString().find("Monday") != std::string::npos);
  CHECK(bad.ToString().find("backup_period") != std::string::npos);
}

TEST_CASE("any letter case is made canonical; other tokens are not weekdays") {
  CHECK(CanonicalWeekday("tuesday") == "Tuesday");
  CHECK(CanonicalWeekday("SUNDAY") == "Sunday");
  CHECK_FALSE(CanonicalWeekday("Sun").has_value());
  CHECK(CanonicalDays({"MONDAY", "wednesday", "Monday", "Caturday"}) ==
        std::set<std::string>{"Caturday", "Monday", "Wednesday"});
}

TEST_CASE("InWeekOrder lists weekdays Monday first and drops anything else") {
  CHECK(InWeekOrder({"Sunday", "Monday", "Friday", "Caturday"}) ==
        std::vector<std::string>{"Monday", "Friday", "Sunday"});
  CHECK(InWeekOrder({}).empty());
}
