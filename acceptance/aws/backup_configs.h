// Configurations the AWS Backup acceptance scenarios share: a vault, plan
// and selection wired together by references, written for either provider
// (polybackup's types or the AWS provider's: the same HCL but for the type
// prefix, which is the point of the drop-in).
#ifndef POLYBACKUP_ACCEPTANCE_AWS_BACKUP_CONFIGS_H_
#define POLYBACKUP_ACCEPTANCE_AWS_BACKUP_CONFIGS_H_

#include <map>
#include <set>
#include <string>

#include "acceptance/aws/backup_target.h"
#include "nlohmann/json.hpp"

namespace polybackup::acceptance {

// `hcl` with every "@KEY@" replaced by its value.
std::string Fill(std::string hcl, const std::map<std::string, std::string>& values);

// The AWS provider's resource types in `hcl` ("aws_backup_plan") renamed to
// polybackup's ("polybackup_aws_backup_plan"): all a user has to change.
std::string Renamed(const std::string& hcl);

// Names and values the shared configurations use: @VAULT@, @VAULT2@, @PLAN@,
// @SELECTION@, @ROLE@, @REGION@, @ACCOUNT@, unique per run on a real account.
std::map<std::string, std::string> Names(const BackupTarget& t, const std::string& base);

// A vault, a plan of two rules ("daily" and "weekly", the weekly one at
// `weekly_schedule`) and a selection of the plan, in the AWS provider's
// types (rename with Renamed).
std::string WiredConfig(const std::string& weekly_schedule);

// A vault and a plan with one rule, "daily", into it, in polybackup's types;
// `rule` is added inside the rule block (e.g. a schedule line).
std::string VaultAndPlan(const std::string& rule);

// The rule names whose rule differs between a change's "before" and "after"
// (rules compared whole, as Terraform compares set elements).
std::set<std::string> ChangedRules(const nlohmann::json& change);

// Counts the lines of `text` that, trimmed, equal `line`.
int CountLines(const std::string& text, const std::string& line);

}  // namespace polybackup::acceptance

#endif  // POLYBACKUP_ACCEPTANCE_AWS_BACKUP_CONFIGS_H_
