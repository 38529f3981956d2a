// libFuzzer target for the cty codecs: whatever decodes must re-encode and
// decode back to an equal value (codec_property.h). Built only with clang:
//   CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DPOLYBACKUP_FUZZ=ON \
//     -DCMAKE_CXX_FLAGS="-fsanitize=address,undefined -fsanitize=fuzzer-no-link"
//   cmake --build build-fuzz --target tfplugin_cty_codec_fuzz
//   build-fuzz/tfplugin/cty/tfplugin_cty_codec_fuzz -max_total_time=60 CORPUS_DIR
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
