#include "clients/core/json_fields.h"

#include <doctest/doctest.h>

namespace polybackup::clients {
namespace {

using nlohmann::json;

TEST_CASE("Member: the member, or null for a missing key or a non-object") {
  json j = {{"a", 1}, {"n", nullptr}};
  CHECK(Member(j, "a") == 1);
  CHECK(Member(j, "n").is_null());
  CHECK(Member(j, "missing").is_null());
  CHECK(Member(json::array({1, 2}), "a").is_null());
  CHECK(Member(json("text"), "a").is_null());
  CHECK(Member(json(), "a").is_null());
  // Chained reads through absent levels stay null instead of throwing.
  CHECK(Member(Member(j, "missing"), "deeper").is_null());
  // The reference points into `j`, not at a copy.
  CHECK(&Member(j, "a") == &j["a"]);
}

TEST_CASE("StringField kLoose: text forms of numbers and booleans (Alibaba, Huawei)") {
  json j = {{"s", "abc"},         {"i", 5},      {"neg", -3},  {"u", 42ULL},
            {"f", 2.5},           {"t", true},   {"b", false}, {"o", json::object()},
            {"a", json::array()}, {"n", nullptr}};
  CHECK(StringField(j, "s") == "abc");
  CHECK(StringField(j, "i") == "5");
  CHECK(StringField(j, "neg") == "-3");
  CHECK(StringField(j, "u") == "42");
  CHECK(StringField(j, "f") == "2.5");
  CHECK(StringField(j, "t") == "true");
  CHECK(StringField(j, "b") == "false");
  CHECK(StringField(j, "o").empty());
  CHECK(StringField(j, "a").empty());
  CHECK(StringField(j, "n").empty());
  CHECK(StringField(j, "missing").empty());
  CHECK(StringField(json{{"n", 5}}, "n") == "5");
  CHECK(StringField(json::array(), "n").empty());
}

TEST_CASE("StringField kStrict: strings only (AWS)") {
  json j = {{"s", "abc"}, {"i", 5}, {"f", 2.5}, {"t", true}, {"o", json::object()}};
  CHECK(StringField(j, "s", JsonTypes::kStrict) == "abc");
  CHECK(StringField(j, "i", JsonTypes::kStrict).empty());
  CHECK(StringField(j, "f", JsonTypes::kStrict).empty());
  CHECK(StringField(j, "t", JsonTypes::kStrict).empty());
  CHECK(StringField(j, "o", JsonTypes::kStrict).empty());
  CHECK(StringField(j, "missing", JsonTypes::kStrict).empty());
  CHECK(StringField(json("abc"), "s", JsonTypes::kStrict).empty());
}

TEST_CASE("IntField kLoose: OTC strings, Huawei native types, junk reads as unset") {
  json d = {{"max_backups", "-1"},  {"retention_duration_days", 30}, {"permanent", "False"},
            {"day_backups", " 7 "}, {"week_backups", 4.0},           {"month_backups", "x"},
            {"year_backups", ""}};
  CHECK(IntField(d, "max_backups") == -1);
  CHECK(IntField(d, "retention_duration_days") == 30);
  CHECK(IntField(d, "day_backups") == 7);
  CHECK(IntField(d, "week_backups") == 4);
  CHECK_FALSE(IntField(d, "month_backups").has_value());
  CHECK_FALSE(IntField(d, "year_backups").has_value());
  CHECK_FALSE(IntField(d, "absent").has_value());
  // R-kvstore's BackupRetentionPeriod arrives as text.
  CHECK(IntField(json{{"BackupRetentionPeriod", "7"}}, "BackupRetentionPeriod") == 7);
  json junk = {{"trailing", "7d"},
               {"frac", "4.0"},
               {"half", 4.5},
               {"big", 1e19},
               {"bool", true},
               {"obj", json::object()},
               {"arr", json::array({1})},
               {"spaces", "   "},
               {"n", nullptr},
               {"overflow", "99999999999999999999"}};
  for (const char* key :
       {"trailing", "frac", "half", "big", "bool", "obj", "arr", "spaces", "n", "overflow"}) {
    CAPTURE(key);
    CHECK_FALSE(IntField(junk, key).has_value());
  }
  CHECK_FALSE(IntField(json::array({1}), "0").has_value());
}

TEST_CASE("IntField: the float bound is 9e18 in magnitude, for both kinds") {
  json j = {{"below", 8.9e18}, {"at", 9.0e18}, {"neg", -8.9e18}, {"negat", -9.0e18}};
  for (JsonTypes types : {JsonTypes::kLoose, JsonTypes::kStrict}) {
    CHECK(IntField(j, "below", types) == 8900000000000000000LL);
    CHECK(IntField(j, "neg", types) == -8900000000000000000LL);
    CHECK_FALSE(IntField(j, "at", types).has_value());
    CHECK_FALSE(IntField(j, "negat", types).has_value());
  }
  // Integers are not subject to that bound.
  CHECK(IntField(json{{"i", 9223372036854775807LL}}, "i") == 9223372036854775807LL);
}

TEST_CASE("IntField kStrict: whole JSON numbers only (AWS)") {
  json j = {{"i", 35}, {"f", 480.0}, {"half", 1.5}, {"s", "35"}, {"t", true}};
  CHECK(IntField(j, "i", JsonTypes::kStrict) == 35);
  CHECK(IntField(j, "f", JsonTypes::kStrict) == 480);
  CHECK_FALSE(IntField(j, "half", JsonTypes::kStrict).has_value());
  CHECK_FALSE(IntField(j, "s", JsonTypes::kStrict).has_value());
  CHECK_FALSE(IntField(j, "t", JsonTypes::kStrict).has_value());
  CHECK_FALSE(IntField(j, "missing", JsonTypes::kStrict).has_value());
}

TEST_CASE("BoolField kLoose: booleans, 0/1 and their text in any case") {
  json j = {{"t", true},    {"f", false},  {"one", 1},       {"zero", 0},          {"two", 2},
            {"neg", -1},    {"T", "True"}, {"F", " FALSE "}, {"s1", "1"},          {"s0", "0"},
            {"yes", "yes"}, {"empty", ""}, {"float", 1.0},   {"o", json::object()}};
  CHECK(BoolField(j, "t") == true);
  CHECK(BoolField(j, "f") == false);
  CHECK(BoolField(j, "one") == true);
  CHECK(BoolField(j, "zero") == false);
  CHECK_FALSE(BoolField(j, "two").has_value());
  CHECK_FALSE(BoolField(j, "neg").has_value());
  CHECK(BoolField(j, "T") == true);
  CHECK(BoolField(j, "F") == false);
  CHECK(BoolField(j, "s1") == true);
  CHECK(BoolField(j, "s0") == false);
  CHECK_FALSE(BoolField(j, "yes").has_value());
  CHECK_FALSE(BoolField(j, "empty").has_value());
  CHECK_FALSE(BoolField(j, "float").has_value());
  CHECK_FALSE(BoolField(j, "o").has_value());
  CHECK_FALSE(BoolField(j, "missing").has_value());
  CHECK(BoolField(json{{"permanent", "False"}}, "permanent") == false);
  CHECK(BoolField(json{{"p", true}}, "p") == true);
  CHECK(BoolField(json{{"p", "true"}}, "p") == true);
  CHECK_FALSE(BoolField(json{{"p", "yes"}}, "p").has_value());
}

TEST_CASE("BoolField kStrict: JSON booleans only (AWS)") {
  json j = {{"t", true}, {"f", false}, {"one", 1}, {"s", "true"}};
  CHECK(BoolField(j, "t", JsonTypes::kStrict) == true);
  CHECK(BoolField(j, "f", JsonTypes::kStrict) == false);
  CHECK_FALSE(BoolField(j, "one", JsonTypes::kStrict).has_value());
  CHECK_FALSE(BoolField(j, "s", JsonTypes::kStrict).has_value());
  CHECK_FALSE(BoolField(j, "missing", JsonTypes::kStrict).has_value());
}

TEST_CASE("DoubleField: numbers only (AWS epoch-second timestamps)") {
  json j = {{"f", 1700000000.25}, {"i", 1700000000}, {"s", "1700000000"}, {"t", true}};
  CHECK(DoubleField(j, "f") == doctest::Approx(1700000000.25));
  CHECK(DoubleField(j, "i") == doctest::Approx(1700000000.0));
  CHECK_FALSE(DoubleField(j, "s").has_value());
  CHECK_FALSE(DoubleField(j, "t").has_value());
  CHECK_FALSE(DoubleField(j, "missing").has_value());
  CHECK_FALSE(DoubleField(json::array(), "f").has_value());
}

TEST_CASE("ArrayField: the array member, or one shared empty array") {
  json j = {{"a", json::array({1, 2})}, {"o", json::object()}, {"s", ""}};
  CHECK(ArrayField(j, "a").size() == 2);
  CHECK(&ArrayField(j, "a") == &j["a"]);
  for (const char* key : {"o", "s", "missing"}) {
    CAPTURE(key);
    CHECK(ArrayField(j, key).is_array());
    CHECK(ArrayField(j, key).empty());
  }
  CHECK(ArrayField(json("x"), "a").empty());
}

TEST_CASE("WrappedList: Alibaba's {outer:{inner:[...]}}, empty as {} or \"\" too") {
  json full = {{"Instances", {{"KVStoreInstance", json::array({{{"InstanceId", "r-1"}}})}}}};
  const json& list = WrappedList(full, "Instances", "KVStoreInstance");
  REQUIRE(list.size() == 1);
  CHECK(StringField(list[0], "InstanceId") == "r-1");
  for (const json& empty :
       {json{{"Instances", {{"KVStoreInstance", json::object()}}}},
        json{{"Instances", {{"KVStoreInstance", ""}}}}, json{{"Instances", json::object()}},
        json{{"Instances", ""}}, json::object(), json()}) {
    CAPTURE(empty.dump());
    CHECK(WrappedList(empty, "Instances", "KVStoreInstance").is_array());
    CHECK(WrappedList(empty, "Instances", "KVStoreInstance").empty());
  }
}

TEST_CASE("StringListField: string elements in order, others skipped") {
  json j = {{"r", json::array({"arn:1", 5, nullptr, "arn:2", json::object()})},
            {"o", json::object()}};
  CHECK(StringListField(j, "r") == std::vector<std::string>{"arn:1", "arn:2"});
  CHECK(StringListField(j, "o").empty());
  CHECK(StringListField(j, "missing").empty());
}

TEST_CASE("StringMapField: string values, others skipped (no text forms)") {
  json j = {{"tags", {{"team", "db"}, {"n", 5}, {"b", true}, {"env", "prod"}}},
            {"arr", json::array({"x"})}};
  CHECK(StringMapField(j, "tags") ==
        std::map<std::string, std::string>{{"env", "prod"}, {"team", "db"}});
  CHECK(StringMapField(j, "arr").empty());
  CHECK(StringMapField(j, "missing").empty());
  CHECK(StringMapField(json("x"), "tags").empty());
}

TEST_CASE("PutIfSet / PutIfNotEmpty: only what is set is written") {
  json j = json::object();
  PutIfSet(j, "unset", std::optional<int>());
  PutIfSet(j, "zero", std::optional<int>(0));
  PutIfSet(j, "no", std::optional<bool>(false));
  PutIfNotEmpty(j, "empty", std::string());
  PutIfNotEmpty(j, "name", std::string("plan"));
  PutIfNotEmpty(j, "no_tags", std::map<std::string, std::string>());
  PutIfNotEmpty(j, "tags", std::map<std::string, std::string>{{"k", "v"}});
  CHECK(j == json{{"zero", 0}, {"no", false}, {"name", "plan"}, {"tags", {{"k", "v"}}}});
  PutIfSet(j, "zero", std::optional<int>(5));
  CHECK(j["zero"] == 5);
  json null;
  PutIfNotEmpty(null, "a", std::string("x"));
  CHECK(null == json{{"a", "x"}});
}

}  // namespace
}  // namespace polybackup::clients
