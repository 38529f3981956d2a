#include <doctest/doctest.h>

#include <filesystem>

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

TEST_CASE("every registered resource and data source has its example") {
  // The author's checklist (tfplugin/framework/README.md), step 10: examples
  // are what the docs show and `terraform validate` checks.
  const std::filesystem::path root(POLYBACKUP_SOURCE_DIR);
  auto def = provider::BuildProvider();
  for (const auto& r : def.resources) {
    const auto dir = root / "examples/resources" / def.FullTypeName(r->TypeSuffix());
    CHECK_MESSAGE(std::filesystem::exists(dir / "resource.tf"), dir.string());
    CHECK_MESSAGE(std::filesystem::exists(dir / "import.sh"), dir.string());
  }
  for (const auto& d : def.data_sources) {
    const auto dir = root / "examples/data-sources" / def.FullTypeName(d->TypeSuffix());
    CHECK_MESSAGE(std::filesystem::exists(dir / "data-source.tf"), dir.string());
  }
}
