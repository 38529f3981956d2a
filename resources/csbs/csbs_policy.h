// The CSBS (Huawei Cloud / Open Telekom Cloud Cloud Server Backup Service)
// backup policy as Terraform sees it: the models shared by the resource and
// the data sources, the validators, and the mapping to and from the client's
// structs.
//
// API facts this encodes (seed csbs-create-backup-policy.rst, the OTC and
// Huawei providers): names are 1-255 of [A-Za-z0-9_-]; descriptions at most
// 255 characters without < or >; counts are -1 or 0-99999; tags at most 10,
// keys 1-36 and values 0-43 of [A-Za-z0-9_-]. The service answers counts as
// strings ("20") or numbers, and never answers day/week/month/year_backups
// or timezone: those are kept from what Terraform last sent.
#ifndef POLYBACKUP_RESOURCES_CSBS_CSBS_POLICY_H_
#define POLYBACKUP_RESOURCES_CSBS_CSBS_POLICY_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "clients/huaweicloud/csbs_types.h"
#include "tfplugin/diag/diagnostics.h"
#include "tfplugin/schema/field.h"
#include "tfplugin/schema/model.h"
#include "tfplugin/schema/validators.h"

namespace polybackup::resources::csbs {

struct ScheduledOperationModel {
  schema::String id, name, description, operation_type, trigger_pattern;
  schema::Bool enabled, permanent;
  schema::Int64 max_backups, retention_duration_days;
  // Long-term retention (OTC): sent, never answered.
  schema::Int64 day_backups, week_backups, month_backups, year_backups;
  schema::String timezone;
  schema::String trigger_id, trigger_name, trigger_type;
};

struct PolicyResourceModel {
  schema::String id, type, name;
};

struct TagModel {
  schema::String key, value;
};

struct PolicyModel {
  schema::String id, name, description, provider_id, region, status, created_at;
  schema::Map<std::string> common;
  std::vector<ScheduledOperationModel> scheduled_operation;  // exactly one
  std::vector<PolicyResourceModel> resource;
  std::vector<TagModel> tags;
};

// Validators, each naming what is allowed.
schema::ValidatorPtr NameValidator();         // 1-255 of A-Z a-z 0-9 _ -
schema::ValidatorPtr DescriptionValidator();  // <= 255 characters, no < >
schema::ValidatorPtr TriggerPatternValidator();
schema::ValidatorPtr RetentionValidator();  // -1 or 0-99999
schema::ValidatorPtr LongTermCountValidator();
schema::ValidatorPtr TimezoneValidator();  // UTC+08:00
schema::ValidatorPtr TagKeyValidator();
schema::ValidatorPtr TagValueValidator();

// The computed identity of the scheduled operation (id, trigger_id,
// trigger_name, trigger_type), declared alike by the resource and the data
// sources.
void AddOperationIdentity(schema::ModelSchema<ScheduledOperationModel>& s);

// The rules across attributes (config may hold unknowns, which pass):
// timezone exactly when a day/week/month/year count is set, retention by
// count or by days (not both), tag keys unique.
void CheckPolicy(const PolicyModel& config, diag::Diagnostics& diags);

// POST /policies for `planned`.
clients::huaweicloud::CreateCsbsPolicyRequest CreateRequest(const PolicyModel& planned);
// PUT /policies/{id}: what differs between `prior` and `planned`; the
// scheduled operation carries its existing id (from `prior`), so the
// service updates it instead of replacing its trigger.
clients::huaweicloud::UpdateCsbsPolicyRequest UpdateRequest(const PolicyModel& prior,
                                                            const PolicyModel& planned);
// True when the request changes nothing.
bool IsEmpty(const clients::huaweicloud::UpdateCsbsPolicyRequest& request);

// Fills `model` from the service's answer. Kept from `model`: what the API
// never answers (long-term retention), the configured spelling of a
// trigger pattern that means the same schedule, the configured provider id,
// nulls the API answers as "" / {} / 0.
void ApplyPolicy(const clients::huaweicloud::CsbsPolicy& policy, PolicyModel& model);

// created_at as Terraform shows it: RFC 3339 UTC ("2017-03-07T09:27:40Z");
// the answer verbatim when unreadable.
std::string CreatedAt(const std::string& answered);

// An import ID: the policy ID, optionally followed by the long-term
// retention the service cannot answer, which import then takes as given:
//   7056d636-ac60-4663-8a6c-82d3c32c1c64
//   7056d636-ac60-4663-8a6c-82d3c32c1c64/week_backups=4,month_backups=2,timezone=UTC+03:00
struct ImportId {
  std::string policy_id;
  ScheduledOperationModel long_term;  // only the long-term fields are set
};
// InvalidArgument naming what is wrong and the form.
absl::StatusOr<ImportId> ParseImportId(const std::string& id);

// Copies the long-term retention fields (day/week/month/year, timezone).
void CopyLongTerm(const ScheduledOperationModel& from, ScheduledOperationModel& to);

}  // namespace polybackup::resources::csbs

#endif  // POLYBACKUP_RESOURCES_CSBS_CSBS_POLICY_H_
