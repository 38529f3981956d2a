// The selection model (backup_selection_model.h): what replaces a selection
// and what is only a spelling, and reading AWS's merged conditions back.
#include "resources/aws/backup_selection_model.h"

#include <doctest/doctest.h>

namespace polybackup::resources::aws {
namespace {

namespace cl = clients::aws;

BackupSelectionModel Base() {
  BackupSelectionModel m;
  m.id = "s-1";
  m.name = "sel";
  m.plan_id = "p-1";
  m.iam_role_arn = "arn:aws:iam::123456789012:role/r";
  m.resources = std::set<std::string>{"arn:aws:ec2:*:*:volume/*"};
  m.selection_tag = {{.type = "STRINGEQUALS", .key = "backup", .value = "yes"}};
  return m;
}

std::vector<std::string> Paths(const BackupSelectionModel& a, const BackupSelectionModel& b) {
  std::vector<std::string> out;
  for (const cty::Path& p : SelectionDifferences(a, b)) out.push_back(p.ToString());
  return out;
}

}  // namespace

TEST_CASE("an empty set and none, or conditions split over blocks, select the same") {
  BackupSelectionModel a = Base(), b = Base();
  b.not_resources = std::set<std::string>{};
  a.condition = {{.string_equals = {{.key = "k1", .value = "v1"}, {.key = "k2", .value = "v2"}}}};
  b.condition = {{.string_equals = {{.key = "k2", .value = "v2"}}},
                 {.string_equals = {{.key = "k1", .value = "v1"}}}};
  CHECK(Paths(a, b).empty());
}

TEST_CASE("what selects differently is named, and unknown values count as different") {
  BackupSelectionModel a = Base(), b = Base();
  b.resources = std::set<std::string>{"*"};
  b.iam_role_arn = schema::String::Unknown();
  b.condition = {{.string_like = {{.key = "k", .value = "v*"}}}};
  CHECK(Paths(a, b) == std::vector<std::string>{".iam_role_arn", ".resources", ".condition"});
  BackupSelectionModel c = Base();
  c.plan_id = schema::String::Unknown();  // the plan is being replaced
  CHECK(Paths(a, c) == std::vector<std::string>{".plan_id"});
}

TEST_CASE("the selection sent merges the condition blocks") {
  BackupSelectionModel m = Base();
  m.condition = {{.string_equals = {{.key = "k1", .value = "v1"}}},
                 {.string_not_like = {{.key = "k2", .value = "x*"}}}};
  cl::BackupSelection s = ToSelection(m);
  CHECK(s.selection_name == "sel");
  CHECK(s.resources == std::vector<std::string>{"arn:aws:ec2:*:*:volume/*"});
  CHECK(s.list_of_tags.size() == 1);
  REQUIRE(s.conditions.string_equals.size() == 1);
  CHECK(s.conditions.string_equals[0].condition_key == "k1");
  REQUIRE(s.conditions.string_not_like.size() == 1);
  CHECK(s.conditions.string_like.empty());
}

TEST_CASE("reading keeps the prior's blocks and forms when they say what AWS answers") {
  BackupSelectionModel prior = Base();
  prior.condition = {{.string_equals = {{.key = "k1", .value = "v1"}}},
                     {.string_like = {{.key = "k2", .value = "x*"}}}};
  cl::BackupSelection api = ToSelection(prior);
  BackupSelectionModel read = SelectionFromApi(api, prior);
  CHECK(read.condition.size() == 2);  // as written, not AWS's one object
  CHECK(read.not_resources.is_null());
  CHECK(Paths(prior, read).empty());

  // Changed out of band: AWS's conditions, in one block.
  api.conditions.string_equals = {{.condition_key = "k1", .condition_value = "other"}};
  read = SelectionFromApi(api, prior);
  REQUIRE(read.condition.size() == 1);
  CHECK(read.condition[0].string_equals.at(0).value.value() == "other");
  CHECK(read.condition[0].string_like.at(0).key.value() == "k2");

  // No conditions at all: no block.
  api.conditions = {};
  CHECK(SelectionFromApi(api, prior).condition.empty());
  // An empty set stays as written.
  BackupSelectionModel empty_set = Base();
  empty_set.not_resources = std::set<std::string>{};
  CHECK(SelectionFromApi(ToSelection(empty_set), empty_set).not_resources.value().empty());
}

}  // namespace polybackup::resources::aws
