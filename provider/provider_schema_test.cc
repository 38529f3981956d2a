#include <doctest/doctest.h>

#include "provider/provider.h"

using namespace polybackup;

TEST_CASE("every schema of the provider passes Terraform's own validity rules") {
  auto problems = framework::ValidateDefinition(provider::BuildProvider());
  INFO(problems.ToString());
  CHECK(problems.empty());
}

TEST_CASE("the provider offers the kvstore backup policy resource and data source") {
  auto def = provider::BuildProvider();
  bool resource = false, data_source = false;
  for (const auto& r : def.resources) resource |= r->TypeSuffix() == "kvstore_backup_policy";
  for (const auto& d : def.data_sources) data_source |= d->TypeSuffix() == "kvstore_backup_policy";
  CHECK(resource);
  CHECK(data_source);
  CHECK(def.schema.block.FindBlock("alicloud") != nullptr);
  CHECK(def.schema.block.FindBlock("aws") != nullptr);
  CHECK(def.schema.block.FindBlock("huaweicloud") != nullptr);
}
