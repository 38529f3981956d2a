// Test-only: the round-trip property every decoded input must satisfy, shared
// by the unit tests (deterministic random inputs) and the libFuzzer target.
#ifndef POLYBACKUP_TFPLUGIN_CTY_CODEC_PROPERTY_H_
#define POLYBACKUP_TFPLUGIN_CTY_CODEC_PROPERTY_H_

#include <string>
#include <string_view>
#include <vector>

#include "tfplugin/cty/json.h"
#include "tfplugin/cty/msgpack.h"

namespace polybackup::cty::testing {

// Schema types the property is checked against (byte 0 of the input picks one).
inline const std::vector<Type>& PropertyTypes() {
  static const auto* types = [] {
    Type inner = Type::Object({{"d", Type::Dynamic()},
                               {"n", Type::Number()},
                               {"s", Type::String()},
                               {"b", Type::Bool()}});
    return new std::vector<Type>{
        Type::Dynamic(),
        Type::Number(),
        Type::String(),
        Type::List(Type::Dynamic()),
        Type::Set(inner),
        Type::Map(Type::Number()),
        Type::Object({{"items", Type::List(inner)}, {"tags", Type::Map(Type::String())}}),
        Type::Tuple({Type::String(), Type::Number(), Type::Set(Type::Number())}),
    };
  }();
  return *types;
}

// Returns "" when the property holds for `data`, else what went wrong:
// whatever DecodeMsgpack/DecodeJson accept must encode without error and
// decode back to an equal value whose encoding is byte-identical.
inline std::string CheckCodecProperty(std::string_view data) {
  if (data.empty()) return "";
  const Type& t = PropertyTypes()[static_cast<unsigned char>(data[0]) % PropertyTypes().size()];
  data.remove_prefix(1);
  if (auto v = DecodeMsgpack(data, t); v.ok()) {
    auto enc = EncodeMsgpack(*v, t);
    if (!enc.ok()) return "msgpack re-encode failed: " + std::string(enc.status().message());
    auto back = DecodeMsgpack(*enc, t);
    if (!back.ok()) return "msgpack re-decode failed: " + std::string(back.status().message());
    if (!back->Equals(*v)) return "msgpack round trip changed " + v->DebugString();
    if (*EncodeMsgpack(*back, t) != *enc) return "msgpack encoding is not stable";
  }
  if (auto v = DecodeJson(data, t); v.ok()) {
    auto enc = EncodeJson(*v, t);
    if (!enc.ok()) return "json re-encode failed: " + std::string(enc.status().message());
    auto back = DecodeJson(*enc, t);
    if (!back.ok()) return "json re-decode failed: " + std::string(back.status().message());
    if (!back->Equals(*v)) return "json round trip changed " + v->DebugString();
    if (*EncodeJson(*back, t) != *enc) return "json encoding is not stable";
  }
  (void)DecodeJsonLenient(data, t);
  return "";
}

}  // namespace polybackup::cty::testing

#endif  // POLYBACKUP_TFPLUGIN_CTY_CODEC_PROPERTY_H_
