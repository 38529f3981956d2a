// terraform-provider-polybackup: started by Terraform as a plugin.
#include "provider/provider.h"
#include "tfplugin/framework/service.h"
#include "tfplugin/server/serve.h"

#if POLYBACKUP_TEST_RESOURCES
#include "tfplugin/framework/testing/test_resources.h"
#endif

int main(int argc, char** argv) {
  using namespace polybackup;
  framework::ProviderBuilder builder = provider::NewProviderBuilder();
#if POLYBACKUP_TEST_RESOURCES
  framework::testing::RegisterTestResources(builder);
#endif
  framework::ProviderService service(std::move(builder).Build());
  tfplugin::ServeOptions options;
  options.version = provider::kProviderVersion;
  // Shutdown while calls are in flight: cancel them as StopProvider would, so
  // they end within the server's grace period instead of being cut off.
  options.on_shutdown = [&service] {
    tfplugin6::StopProvider::Request request;
    tfplugin6::StopProvider::Response response;
    grpc::ServerContext context;
    service.StopProvider(&context, &request, &response);
  };
  return tfplugin::ServeMain(argc, argv, options, &service);
}
