// The schedule validators users' configurations meet first: each must
// accept or refuse any string without crashing, and a refusal must name the
// attribute in well-formed text. Byte 0 picks the validator.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "base/utf8.h"
#include "resources/common/weekdays.h"
#include "resources/kvstore/kvstore_policy.h"

namespace {

using namespace polybackup;

void Die(const std::string& why) {
  std::fprintf(stderr, "schedule_fuzz: %s\n", why.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto* validators = new std::vector<schema::ValidatorPtr>{
      resources::kvstore::BackupTimeValidator(),
      resources::WeekdayValidator(),
  };
  if (size < 1) return 0;
  const auto& v = (*validators)[data[0] % validators->size()];
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  diag::Diagnostics d;
  v->Validate(cty::Value::String(text), cty::Path().Attribute("schedule"), d);
  for (const auto& item : d) {
    if (!item.attribute || item.attribute->ToString().find("schedule") == std::string::npos) {
      Die("a refusal that does not name the attribute");
    }
  }
  // The weekday reader the resources normalise API answers with.
  (void)resources::CanonicalWeekday(text);
  return 0;
}
