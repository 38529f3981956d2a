// The "## Schema" section of a registry page, rendered from a schema the way
// tfplugindocs lays it out, so pages read like every other provider's:
//
//   ### Required / ### Optional / ### Read-Only   (names sorted in each)
//   - `name` (String, Sensitive) The description.
//   - `rule` (Block List, Max: 10) The description. (see [below for nested
//   schema](#nestedblock--rule))
//
//   <a id="nestedblock--rule"></a>
//   ### Nested Schema for `rule`
//   Required: / Optional: / Read-Only:  ...
//
// Attributes are grouped as Terraform reads them: required, optional
// (optional+computed included), read-only (computed only). A block is
// required with min_items > 0, read-only when every leaf is read-only and it
// has no item limits, optional otherwise. A root `id` without a description
// is listed as read-only with a stock description (as tfplugindocs does).
// Nested blocks, nested attributes and object-typed attributes each get an
// anchored "Nested Schema" section after the level that names them.
//
// Beyond tfplugindocs, facts only this schema holds follow the description:
// "Defaults to `x`." (default_value), "Changing it replaces the resource."
// (requires_replace) and "Deprecated: <message>".
#ifndef POLYBACKUP_TFPLUGIN_DOCS_SCHEMA_MARKDOWN_H_
#define POLYBACKUP_TFPLUGIN_DOCS_SCHEMA_MARKDOWN_H_

#include <string>

#include "absl/status/statusor.h"
#include "tfplugin/schema/schema.h"

namespace polybackup::docs {

// The section, starting "## Schema\n\n" and ending in blank lines (templates
// pipe it through trimspace). Fails, naming the path, for a child that fits
// no group: an attribute that is neither required, optional nor computed, or
// a block with item limits whose content is all computed.
absl::StatusOr<std::string> SchemaMarkdown(const schema::Block& block);

}  // namespace polybackup::docs

#endif  // POLYBACKUP_TFPLUGIN_DOCS_SCHEMA_MARKDOWN_H_
