#include "acceptance/aws/backup_configs.h"

#include <sstream>

namespace polybackup::acceptance {

using nlohmann::json;

std::string Fill(std::string hcl, const std::map<std::string, std::string>& values) {
  for (const auto& [key, value] : values) {
    const std::string mark = "@" + key + "@";
    for (size_t at = hcl.find(mark); at != std::string::npos; at = hcl.find(mark, at)) {
      hcl.replace(at, mark.size(), value);
      at += value.size();
    }
  }
  return hcl;
}

std::string Renamed(const std::string& hcl) {
  std::string out;
  for (size_t i = 0; i < hcl.size();) {
    // "aws_backup_" not already part of an identifier (polybackup_aws_backup_…).
    const bool start =
        i == 0 || !(std::isalnum(static_cast<unsigned char>(hcl[i - 1])) || hcl[i - 1] == '_');
    if (start && hcl.compare(i, 11, "aws_backup_") == 0) {
      out += "polybackup_aws_backup_";
      i += 11;
    } else {
      out += hcl[i++];
    }
  }
  return out;
}

std::map<std::string, std::string> Names(const BackupTarget& t, const std::string& base) {
  return {{"VAULT", t.Name(base + "-vault")},
          {"VAULT2", t.Name(base + "-vault2")},
          {"PLAN", t.Name(base + "-plan")},
          {"SELECTION", t.Name(base + "-selection")},
          {"ROLE", t.role_arn()},
          {"REGION", t.region()},
          {"ACCOUNT", t.account()}};
}

std::string WiredConfig(const std::string& weekly_schedule) {
  return Fill(R"hcl(
resource "aws_backup_vault" "test" {
  name = "@VAULT@"
}

resource "aws_backup_plan" "test" {
  name = "@PLAN@"

  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.test.name
    schedule          = "cron(0 5 ? * * *)"

    lifecycle {
      delete_after = 35
    }
  }

  rule {
    rule_name         = "weekly"
    target_vault_name = aws_backup_vault.test.name
    schedule          = "@WEEKLY@"

    lifecycle {
      cold_storage_after = 30
      delete_after       = 365
    }
  }

  tags = {
    env = "test"
  }
}

resource "aws_backup_selection" "test" {
  name         = "@SELECTION@"
  plan_id      = aws_backup_plan.test.id
  iam_role_arn = "@ROLE@"
  resources    = ["arn:aws:ec2:@REGION@:@ACCOUNT@:volume/*"]

  selection_tag {
    type  = "STRINGEQUALS"
    key   = "backup"
    value = "yes"
  }
}
)hcl",
              {{"WEEKLY", weekly_schedule}});
}

std::string VaultAndPlan(const std::string& rule) {
  return R"(
resource "polybackup_aws_backup_vault" "test" {
  name = "@VAULT@"
}

resource "polybackup_aws_backup_plan" "test" {
  name = "@PLAN@"

  rule {
    rule_name         = "daily"
    target_vault_name = polybackup_aws_backup_vault.test.name
)" + rule +
         "  }\n}\n";
}

std::set<std::string> ChangedRules(const json& change) {
  auto rules = [&](const char* side) {
    std::map<std::string, json> by_name;
    const json& v = change.value(side, json::object());
    if (v.is_object() && v.contains("rule") && v["rule"].is_array()) {
      for (const json& r : v["rule"]) by_name[r.value("rule_name", "")] = r;
    }
    return by_name;
  };
  std::map<std::string, json> before = rules("before"), after = rules("after");
  std::set<std::string> out;
  for (const auto& [name, r] : before) {
    if (!after.count(name) || after[name] != r) out.insert(name);
  }
  for (const auto& [name, r] : after) {
    if (!before.count(name)) out.insert(name);
  }
  return out;
}

int CountLines(const std::string& text, const std::string& line) {
  std::istringstream in(text);
  int n = 0;
  for (std::string l; std::getline(in, l);) {
    const size_t a = l.find_first_not_of(' ');
    const size_t b = l.find_last_not_of(' ');
    if (a != std::string::npos && l.substr(a, b - a + 1) == line) ++n;
  }
  return n;
}

}  // namespace polybackup::acceptance
