// The AWS Backup selection as Terraform sees it (polybackup_aws_backup_
// selection): which resources a plan backs up, and the mapping to and from
// the API's BackupSelection.
//
// AWS has no update for selections: any real change replaces one. What
// only looks different (an empty set and none, several `condition` blocks
// and the one AWS merges them into) is no change: SameSelection says which,
// reading keeps the prior form, so such spellings never replace anything.
#ifndef POLYBACKUP_RESOURCES_AWS_BACKUP_SELECTION_MODEL_H_
#define POLYBACKUP_RESOURCES_AWS_BACKUP_SELECTION_MODEL_H_

#include <string>
#include <vector>

#include "clients/aws/backup_types.h"
#include "tfplugin/cty/path.h"
#include "tfplugin/schema/field.h"

namespace polybackup::resources::aws {

struct SelectionTagModel {
  schema::String type;  // "STRINGEQUALS"
  schema::String key;
  schema::String value;
};

struct ConditionParameterModel {
  schema::String key;
  schema::String value;
};

struct ConditionModel {  // each a set of key/value blocks
  std::vector<ConditionParameterModel> string_equals;
  std::vector<ConditionParameterModel> string_like;
  std::vector<ConditionParameterModel> string_not_equals;
  std::vector<ConditionParameterModel> string_not_like;
};

struct BackupSelectionModel {
  schema::String id;  // SelectionId
  schema::String name;
  schema::String plan_id;
  schema::String iam_role_arn;
  schema::Set<std::string> resources;
  schema::Set<std::string> not_resources;
  std::vector<SelectionTagModel> selection_tag;  // a set
  std::vector<ConditionModel> condition;         // a set; AWS merges them into one
  schema::String region;
};

// The BackupSelection to send; the `condition` blocks merged.
clients::aws::BackupSelection ToSelection(const BackupSelectionModel& m);

// The model for GetBackupSelection's answer, `prior` giving the forms to
// keep (ids and region come from `prior`).
BackupSelectionModel SelectionFromApi(const clients::aws::BackupSelection& api,
                                      const BackupSelectionModel& prior);

// The attributes (paths) in which `a` and `b` select differently, i.e. what
// a change would replace the selection for; unknown values count as
// different. Empty: the same selection.
std::vector<cty::Path> SelectionDifferences(const BackupSelectionModel& a,
                                            const BackupSelectionModel& b);

}  // namespace polybackup::resources::aws

#endif  // POLYBACKUP_RESOURCES_AWS_BACKUP_SELECTION_MODEL_H_
