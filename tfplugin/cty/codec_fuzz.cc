// libFuzzer target for the cty codecs (built only with
// -DPOLYBACKUP_FUZZ=ON and clang). Run:
//   build-fuzz/tfplugin/cty/tfplugin_cty_codec_fuzz -max_total_time=60
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "tfplugin/cty/codec_property.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string problem = polybackup::cty::testing::CheckCodecProperty(
      std::string_view(reinterpret_cast<const char*>(data), size));
  if (!problem.empty()) {
    std::fprintf(stderr, "property violated: %s\n", problem.c_str());
    std::abort();
  }
  return 0;
}
