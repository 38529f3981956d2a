// The provider definition: its name, its own configuration schema, how that
// configuration becomes the provider data shared by every resource (clients),
// and the explicit list of resources and data sources.
//
//   ProviderBuilder b("polybackup", "1.2.3");
//   b.Configure(ProviderConfigSchema(),
//               [](Context& ctx, const ProviderConfig& c) -> std::shared_ptr<Clients> {...});
//   b.AddResource(std::make_shared<AwsBackupPlanResource>());
//   b.AddDataSource(std::make_shared<AwsBackupPlanDataSource>());
//   ProviderService service(std::move(b).Build());
//
// The typed configure function only ever sees a wholly known configuration:
// when Terraform plans with provider arguments not yet known, it is not
// called, and resources asking for the provider data (Context::ProviderData)
// get that explanation as an error while ProviderDataIfConfigured returns null.
// A ProviderDefinition is immutable once built and shared by all RPCs.
#ifndef POLYBACKUP_TFPLUGIN_FRAMEWORK_PROVIDER_H_
#define POLYBACKUP_TFPLUGIN_FRAMEWORK_PROVIDER_H_

#include <any>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "tfplugin/framework/context.h"
#include "tfplugin/framework/data_source.h"
#include "tfplugin/framework/function.h"
#include "tfplugin/framework/resource_base.h"
#include "tfplugin/schema/model.h"

namespace polybackup::framework {

struct ProviderDefinition {
  std::string type_name = "polybackup";  // prefix of every resource type name
  std::string version = "dev";
  schema::Schema schema;  // the provider block
  // Validates the provider config (may hold unknowns); may be empty.
  std::function<void(Context&, const cty::Value&)> validate;
  // Returns the provider data (a std::shared_ptr<T> in a std::any, or an
  // empty std::any); reports problems on the context. May be empty.
  std::function<std::any(Context&, const cty::Value&)> configure;
  // The plain-language cause Context::AddStatus puts in a diagnostic (the
  // cloud clients' text); empty = the status message.
  diag::StatusDescriber describe_status;
  std::vector<std::shared_ptr<ResourceBase>> resources;
  std::vector<std::shared_ptr<DataSourceBase>> data_sources;
  std::vector<std::shared_ptr<const Function>> functions;

  // "polybackup_" + suffix.
  std::string FullTypeName(const std::string& suffix) const { return type_name + "_" + suffix; }
};

class ProviderBuilder {
 public:
  explicit ProviderBuilder(std::string type_name = "polybackup", std::string version = "dev") {
    def_.type_name = std::move(type_name);
    def_.version = std::move(version);
  }

  // `fn(Context&, const C&)` returns std::shared_ptr<T>; resources read it
  // with ctx.ProviderData<T>(). `validate(Context&, const C&)` is optional.
  template <class C, class F>
  ProviderBuilder& Configure(schema::ModelSchema<C> config_schema, F fn,
                             std::function<void(Context&, const C&)> validate = nullptr) {
    config_schema.Freeze();
    def_.schema = config_schema.ToSchema();
    def_.configure = [s = config_schema, fn = std::move(fn)](Context& ctx,
                                                             const cty::Value& v) -> std::any {
      // A configuration with unknown values (a plan made before the values it
      // depends on exist) is not handed to a typed configure function: the
      // model cannot tell "unknown" from "absent" (an unknown block decodes as
      // no block), so it would reach wrong conclusions. Resources then see no
      // provider data and plan without cloud checks; apply always configures
      // with the known values.
      if (!v.is_wholly_known()) {
        // Held back by the service (the configuration is not known) and
        // shown only to a resource that needs the provider before apply.
        ctx.AddError("Provider configuration not known yet",
                     "The provider configuration depends on values that are known only after "
                     "apply, so the provider cannot reach the cloud during this plan.");
        return {};
      }
      C c{};
      if (!s.Decode(v, {}, ctx.diagnostics(), &c)) return {};
      auto data = fn(ctx, c);
      if (!data) return {};
      return std::any(std::move(data));
    };
    if (validate) {
      def_.validate = [s = config_schema, validate](Context& ctx, const cty::Value& v) {
        C c{};
        if (s.Decode(v, {}, ctx.diagnostics(), &c)) validate(ctx, c);
      };
    }
    return *this;
  }
  ProviderBuilder& DescribeStatusWith(diag::StatusDescriber describe) {
    def_.describe_status = std::move(describe);
    return *this;
  }
  ProviderBuilder& AddResource(std::shared_ptr<ResourceBase> r) {
    def_.resources.push_back(std::move(r));
    return *this;
  }
  ProviderBuilder& AddFunction(Function f) {
    def_.functions.push_back(std::make_shared<const Function>(std::move(f)));
    return *this;
  }
  ProviderBuilder& AddDataSource(std::shared_ptr<DataSourceBase> d) {
    def_.data_sources.push_back(std::move(d));
    return *this;
  }
  const ProviderDefinition& definition() const { return def_; }
  ProviderDefinition Build() && { return std::move(def_); }

 private:
  ProviderDefinition def_;
};

// Every problem with the definition: invalid schemas (schema::ValidateSchema
// on the provider, each resource and data source), duplicate type names,
// names that are not [a-z0-9_], functions without a summary, a return type
// or described, uniquely named parameters. Empty = fine. Run in unit tests for the real
// provider so a schema bug fails `ctest`, not a user's `terraform plan`.
diag::Diagnostics ValidateDefinition(const ProviderDefinition& def);

}  // namespace polybackup::framework

#endif  // POLYBACKUP_TFPLUGIN_FRAMEWORK_PROVIDER_H_
