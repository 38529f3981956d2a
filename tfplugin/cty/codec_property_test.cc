// Deterministic random inputs (fixed seed) through the codec round-trip
// property: random bytes, and mutations of valid encodings, which reach much
// deeper into the decoders than pure noise.
#include "tfplugin/cty/codec_property.h"

#include <random>

#include "doctest/doctest.h"

namespace polybackup::cty::testing {
namespace {

TEST_CASE("round-trip property holds on random and mutated inputs") {
  std::mt19937 rng(12345);
  std::vector<std::string> seeds;
  Type inner = Type::Object(
      {{"d", Type::Dynamic()}, {"n", Type::Number()}, {"s", Type::String()}, {"b", Type::Bool()}});
  Value item = Value::Object(inner, {{"d", Value::Tuple({Value::String("x"), Value()})},
                                     {"n", Value::Number(*Number::Parse("0.1"))},
                                     {"s", Value::Unknown(Type::String(), {.string_prefix = "p"})},
                                     {"b", Value::Null(Type::Bool())}});
  for (size_t i = 0; i < PropertyTypes().size(); ++i) {
    const Type& t = PropertyTypes()[i];
    std::vector<Value> samples = {Value::Null(t), Value::Unknown(t)};
    if (t.kind() == Type::Kind::kSet) samples.push_back(Value::Set(inner, {item}));
    if (t.is_dynamic()) samples.push_back(item);
    for (const Value& v : samples) {
      seeds.push_back(std::string(1, static_cast<char>(i)) + *EncodeMsgpack(v, t));
    }
    seeds.push_back(
        std::string(1, static_cast<char>(i)) +
        R"({"value":{"a":[1,"2",true]},"type":["object",{"a":["tuple",["number","string","bool"]]}]})");
  }
  std::uniform_int_distribution<int> byte(0, 255);
  for (int iter = 0; iter < 20000; ++iter) {
    std::string input;
    if (iter % 4 == 0) {
      input.resize(1 + iter % 40);
      for (auto& c : input) c = static_cast<char>(byte(rng));
    } else {
      input = seeds[rng() % seeds.size()];
      int edits = 1 + static_cast<int>(rng() % 4);
      for (int e = 0; e < edits && input.size() > 1; ++e) {
        size_t at = 1 + rng() % (input.size() - 1);
        switch (rng() % 3) {
          case 0:
            input[at] = static_cast<char>(byte(rng));
            break;
          case 1:
            input.erase(at, 1);
            break;
          default:
            input.insert(at, 1, static_cast<char>(byte(rng)));
            break;
        }
      }
    }
    std::string problem = CheckCodecProperty(input);
    CAPTURE(iter);
    REQUIRE_MESSAGE(problem.empty(), problem);
  }
}

}  // namespace
}  // namespace polybackup::cty::testing
