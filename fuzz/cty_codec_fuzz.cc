// The msgpack and JSON value decoders: whatever decodes must re-encode and
// decode back to an equal value (tfplugin/cty/codec_property.h). Byte 0
// picks the schema type. See fuzz/README.md for how to run it.
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
