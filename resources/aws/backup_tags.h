// Tags of AWS Backup plans and vaults, handled the way the AWS provider
// handles them: `tags` is what the configuration sets, `tags_all` those
// merged over the provider's `default_tags` (the configuration winning). The
// cloud holds tags_all; ListTags reads them, TagResource / UntagResource
// change them.
//
// An absent `tags` and an empty map mean the same to AWS. `tags` is
// optional + computed and always planned and read as a map ({} when there
// are none), so a configuration with either, an import or a move never
// shows a phantom change between null and {}.
#ifndef POLYBACKUP_RESOURCES_AWS_BACKUP_TAGS_H_
#define POLYBACKUP_RESOURCES_AWS_BACKUP_TAGS_H_

#include <map>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "clients/aws/backup_client.h"
#include "resources/common/provider_data.h"
#include "tfplugin/schema/field.h"
#include "tfplugin/schema/validators.h"

namespace polybackup::resources::aws {

using TagMap = schema::Map<std::string>;

// AWS tag rules (TagResource, API reference): keys of 1-128 characters not
// starting with "aws:", values of at most 256; at most 50 tags.
schema::ValidatorPtr TagsValidator();

// The provider's default_tags; nullopt while the provider configuration is
// not known (plan may run before it is).
std::optional<clients::aws::Tags> DefaultTags(const framework::Context& ctx);

// Plans `tags` (optional + computed in the schema) and `tags_all`:
//  * tags: the configured map, {} when none is configured;
//  * tags_all: default_tags merged with tags, unknown while either is.
void PlanTags(const framework::Context& ctx, const TagMap& config_tags, TagMap& planned_tags,
              TagMap& planned_tags_all);

// From the tags the cloud holds: tags_all is all of them; tags are those not
// explained by a default tag of the same value, unless `prior_tags` names
// them (a tag configured with the default's value stays the object's own).
void ReadTags(const clients::aws::Tags& cloud, const clients::aws::Tags& defaults,
              const TagMap& prior_tags, TagMap& tags, TagMap& tags_all);

// Changes the tags of `arn` from `have` to `want`: UntagResource for keys
// that go, TagResource for new and changed values (nothing when equal).
absl::Status SyncTags(const clients::aws::BackupClient& client, const std::string& arn,
                      const clients::aws::Tags& have, const clients::aws::Tags& want,
                      const clients::CallOptions& options);

}  // namespace polybackup::resources::aws

#endif  // POLYBACKUP_RESOURCES_AWS_BACKUP_TAGS_H_
