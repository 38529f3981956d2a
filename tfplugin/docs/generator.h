// Registry docs generated from a provider's own schema plus hand-written
// templates, the way tfplugindocs does it: the schema's descriptions are the
// attribute lines; the templates hold the prose, examples and import section.
//
// Pages, as paths below the docs directory (<suffix> is the type name
// without the provider prefix: "kvstore_backup_policy"):
//   index.md                  templates/index.md.tmpl, else a default page
//   resources/<suffix>.md     templates/resources/<suffix>.md.tmpl, else
//                             templates/resources.md.tmpl, else a default page
//   data-sources/<suffix>.md  the same with data-sources
//   functions/<name>.md       templates/functions/<name>.md.tmpl, else a
//                             default page (summary, description, example
//                             examples/functions/<name>/function.tf,
//                             signature, arguments)
//   X                         any other templates/X.tmpl, with the provider's
//                             fields; other files below templates/ are copied
// A default page has the title, the description, the example
// (examples/resources/<type>/resource.tf or
// examples/data-sources/<type>/data-source.tf) when there is one, the schema
// and, for a resource, an import section from
// examples/resources/<type>/import.sh when there is one. The provider's
// default example is examples/provider/provider.tf.
//
// Fields of a resource or data source page: .Name (full type name), .Type
// ("Resource" or "Data Source"), .Description (the schema's), .SubCategory
// (""), .HasExample, .ExampleFile, .HasImport, .ImportFile, .ProviderName,
// .ProviderShortName, .RenderedProviderName, .SchemaMarkdown. The provider
// page and other templates have .Description, .HasExample, .ExampleFile,
// .ProviderName, .ProviderShortName, .RenderedProviderName, .SchemaMarkdown.
// A function page has .Name, .Type ("Function"), .Summary, .Description,
// .HasExample, .ExampleFile, .FunctionSignatureMarkdown,
// .FunctionArgumentsMarkdown and the provider's fields.
// Template functions: template_functions.h.
#ifndef POLYBACKUP_TFPLUGIN_DOCS_GENERATOR_H_
#define POLYBACKUP_TFPLUGIN_DOCS_GENERATOR_H_

#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "tfplugin/docs/source_tree.h"
#include "tfplugin/framework/provider.h"

namespace polybackup::docs {

// Every page: path below the docs directory -> content. The output depends
// only on the provider and the files (no clock, no directory order); each
// page ends in exactly one newline. Fails on the first problem: a template
// error ("<template>:<line>: ..."), a schema the layout cannot place, a
// template for a type the provider does not have, or an unreadable file.
absl::StatusOr<std::map<std::string, std::string>> GenerateDocs(
    const framework::ProviderDefinition& provider, const SourceTree& source);

}  // namespace polybackup::docs

#endif  // POLYBACKUP_TFPLUGIN_DOCS_GENERATOR_H_
