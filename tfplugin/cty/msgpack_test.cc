// Expected bytes below were derived by hand from the msgpack spec
// (github.com/msgpack/msgpack/blob/master/spec.md) and the rules go-cty's
// cty/msgpack marshal.go / unknown.go / dynamic.go follow: vmihailenco
// encoder with UseCompactInts, object keys in sorted order, fixext1 D4 00 00
// for unknowns, ext 12 with an int-keyed map for refined unknowns, and
// [bin type JSON, value] for dynamic positions. Where this codec deliberately
// differs from cty (uint64 above INT64_MAX as uint64 rather than text) the
// test says so.
#include "tfplugin/cty/msgpack.h"

#include <cmath>

#include "doctest/doctest.h"

namespace polybackup::cty {
namespace {

std::string Hex(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (char c : bytes) {
    if (!out.empty()) out += ' ';
    out += kHex[(static_cast<unsigned char>(c) >> 4)];
    out += kHex[static_cast<unsigned char>(c) & 0xf];
  }
  return out;
}

std::string Bytes(std::string_view hex) {
  std::string out;
  for (size_t i = 0; i < hex.size();) {
    if (hex[i] == ' ') {
      ++i;
      continue;
    }
    out += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
    i += 2;
  }
  return out;
}

Value S(const char* s) { return Value::String(s); }
Value N(const char* s) { return Value::Number(*Number::Parse(s)); }

std::string Enc(const Value& v, const Type& t) {
  auto b = EncodeMsgpack(v, t);
  REQUIRE_MESSAGE(b.ok(), std::string(b.status().message()));
  return Hex(*b);
}

Value Dec(std::string_view hex, const Type& t) {
  auto v = DecodeMsgpack(Bytes(hex), t);
  REQUIRE_MESSAGE(v.ok(), std::string(v.status().message()));
  return *v;
}

std::string DecErr(std::string_view bytes, const Type& t) {
  auto v = DecodeMsgpack(bytes, t);
  REQUIRE_FALSE(v.ok());
  return std::string(v.status().message());
}

// Encode, decode, and require the same value (and the same bytes again).
void RoundTrip(const Value& v, const Type& t) {
  CAPTURE(v.DebugString());
  auto b = EncodeMsgpack(v, t);
  REQUIRE_MESSAGE(b.ok(), std::string(b.status().message()));
  auto back = DecodeMsgpack(*b, t);
  REQUIRE_MESSAGE(back.ok(), std::string(back.status().message()));
  CHECK(back->Equals(v));
  CHECK(back->refinements() == v.refinements());
  CHECK(*EncodeMsgpack(*back, t) == *b);
}

TEST_CASE("exact bytes as go-cty writes them") {
  Type obj = Type::Object({{"id", Type::String()}, {"n", Type::Number()}});
  CHECK(Enc(Value::Object(obj, {{"id", S("abc")}, {"n", N("1")}}), obj) ==
        "82 a2 69 64 a3 61 62 63 a1 6e 01");
  CHECK(Enc(Value::Null(obj), obj) == "c0");
  CHECK(Enc(Value::Unknown(obj), obj) == "d4 00 00");
  CHECK(Enc(N("-1"), Type::Number()) == "ff");
  CHECK(Enc(N("-32"), Type::Number()) == "e0");
  CHECK(Enc(N("-33"), Type::Number()) == "d0 df");
  CHECK(Enc(N("127"), Type::Number()) == "7f");
  CHECK(Enc(N("200"), Type::Number()) == "cc c8");
  CHECK(Enc(N("65536"), Type::Number()) == "ce 00 01 00 00");
  CHECK(Enc(N("-129"), Type::Number()) == "d1 ff 7f");
  CHECK(Enc(N("1e3"), Type::Number()) == "cd 03 e8");
  CHECK(Enc(N("0.5"), Type::Number()) == "cb 3f e0 00 00 00 00 00 00");
  CHECK(Enc(N("-0"), Type::Number()) == "00");
  // 0.1 and 99.96 are not float64-exact: cty sends them as decimal text.
  CHECK(Enc(N("0.1"), Type::Number()) == "a3 30 2e 31");
  CHECK(Enc(N("99.96"), Type::Number()) == "a5 39 39 2e 39 36");
  CHECK(Enc(Value::Number(Number::PositiveInfinity()), Type::Number()) ==
        "cb 7f f0 00 00 00 00 00 00");
  // Deliberate difference: cty would send UINT64_MAX as text; uint64 is exact too.
  CHECK(Enc(Value::Number(Number::FromUint(UINT64_MAX)), Type::Number()) ==
        "cf ff ff ff ff ff ff ff ff");
  CHECK(Enc(Value::Bool(true), Type::Bool()) == "c3");
  CHECK(Enc(Value::List(Type::String(), {}), Type::List(Type::String())) == "90");
  CHECK(Enc(Value::Map(Type::Bool(), {{"k", Value::Bool(false)}}), Type::Map(Type::Bool())) ==
        "81 a1 6b c2");
  // Dynamic: [bin "\"string\"", "hi"].
  CHECK(Enc(S("hi"), Type::Dynamic()) == "92 c4 08 22 73 74 72 69 6e 67 22 a2 68 69");
  CHECK(Enc(Value::Null(Type::String()), Type::Dynamic()) == "92 c4 08 22 73 74 72 69 6e 67 22 c0");
  CHECK(Enc(Value(), Type::Dynamic()) == "c0");
  CHECK(Enc(Value::Unknown(Type::Dynamic()), Type::Dynamic()) == "d4 00 00");
  std::string s40(40, 'x');
  CHECK(Enc(Value::String(s40), Type::String()).substr(0, 5) == "d9 28");
  std::string s300(300, 'x');
  CHECK(Enc(Value::String(s300), Type::String()).substr(0, 8) == "da 01 2c");
}

TEST_CASE("refined unknowns: exact bytes, one per refinement key") {
  // key 1 (not null) + key 2 (prefix "ab"): map of 2 = 7 bytes -> ext8.
  CHECK(Enc(Value::Unknown(Type::String(), {.nullable = false, .string_prefix = "ab"}),
            Type::String()) == "c7 07 0c 82 01 c2 02 a2 61 62");
  // key 2 alone: 4 bytes -> fixext4.
  CHECK(Enc(Value::Unknown(Type::String(), {.string_prefix = "a"}), Type::String()) ==
        "d6 0c 81 02 a1 61");
  // key 1 alone: 3 bytes -> ext8.
  CHECK(Enc(Value::Unknown(Type::Bool(), {.nullable = false}), Type::Bool()) ==
        "c7 03 0c 81 01 c2");
  // keys 3 and 4: [number, inclusive].
  Refinements num{.number_lower = std::make_pair(*Number::Parse("0"), true),
                  .number_upper = std::make_pair(*Number::Parse("0.1"), false)};
  CHECK(Enc(Value::Unknown(Type::Number(), num), Type::Number()) ==
        "c7 0c 0c 82 03 92 00 c3 04 92 a3 30 2e 31 c2");
  // keys 5 and 6.
  CHECK(Enc(Value::Unknown(Type::List(Type::String()), {.length_lower = 1, .length_upper = 3}),
            Type::List(Type::String())) == "c7 05 0c 82 05 01 06 03");
  // Refinements that do not apply to the type are not sent (as cty).
  CHECK(Enc(Value::Unknown(Type::Number(), {.string_prefix = "x"}), Type::Number()) == "d4 00 00");
  for (const auto& [v, t] : std::vector<std::pair<Value, Type>>{
           {Value::Unknown(Type::String(), {.nullable = false, .string_prefix = "ab"}),
            Type::String()},
           {Value::Unknown(Type::Number(), num), Type::Number()},
           {Value::Unknown(Type::Set(Type::Number()), {.length_lower = 2}),
            Type::Set(Type::Number())},
           {Value::Unknown(Type::Map(Type::Number()), {.length_upper = 9}),
            Type::Map(Type::Number())},
       }) {
    RoundTrip(v, t);
  }
}

TEST_CASE("decoding refinements") {
  Value v = Dec("c7 07 0c 82 01 c2 02 a2 61 62", Type::String());
  CHECK_FALSE(v.is_known());
  CHECK(v.refinements().nullable == false);
  CHECK(v.refinements().string_prefix == "ab");
  // Unknown keys are skipped (here key 9 holding an array), trailing bytes ignored.
  v = Dec("c7 0b 0c 82 09 92 01 02 02 a2 61 62 ff ff", Type::String());
  CHECK(v.refinements().string_prefix == "ab");
  CHECK_FALSE(v.refinements().nullable.has_value());
  // Key 1 true: cty collapses a definitely-null unknown to a known null.
  CHECK(Dec("c7 03 0c 81 01 c3", Type::String()).is_null());
  // Any other extension type is an unknown with no refinements.
  CHECK_FALSE(Dec("d4 05 00", Type::Number()).is_known());
  CHECK(Dec("c7 03 07 81 01 c2", Type::Number()).refinements().empty());
  CHECK_FALSE(Dec("c7 00 0c", Type::Number()).is_known());
  // Refinements that cannot apply are errors, as in cty.
  CHECK(DecErr(Bytes("c7 04 0c 81 02 a1 61"), Type::Number()).find("string prefix") !=
        std::string::npos);
  CHECK_FALSE(DecodeMsgpack(Bytes("c7 03 0c 91 01 c2"), Type::String()).ok());  // not a map
  // Oversized payloads are refused.
  std::string big = Bytes("c8 04 01 0c 81 02 da 03 fc") + std::string(1020, 'a');
  CHECK(DecErr(big, Type::String()).find("oversize") != std::string::npos);
  // Refinements on a dynamic unknown are dropped, as in cty.
  CHECK(Dec("c7 03 0c 81 01 c2", Type::Dynamic()).refinements().empty());
}

TEST_CASE("numbers: every wire form decodes exactly") {
  CHECK(Dec("cf ff ff ff ff ff ff ff ff", Type::Number()) ==
        Value::Number(Number::FromUint(UINT64_MAX)));
  CHECK(Dec("d3 80 00 00 00 00 00 00 00", Type::Number()) == Value::NumberInt(INT64_MIN));
  CHECK(Dec("d0 ff", Type::Number()) == N("-1"));
  CHECK(Dec("cd 01 00", Type::Number()) == N("256"));
  CHECK(Dec("ca 3f 00 00 00", Type::Number()) == N("0.5"));  // float32
  CHECK(Dec("cb 3f b9 99 99 99 99 99 9a", Type::Number()) ==
        Value::Number(Number::FromDouble(0.1)));                       // float64(0.1), exact
  CHECK(Dec("cb 80 00 00 00 00 00 00 00", Type::Number()) == N("0"));  // -0.0
  CHECK(Dec("cb ff f0 00 00 00 00 00 00", Type::Number()) ==
        Value::Number(Number::NegativeInfinity()));
  CHECK(Dec("a3 30 2e 31", Type::Number()).AsNumber().text() == "0.1");
  CHECK(Dec("a5 31 65 34 30 30", Type::Number()).AsNumber().text().size() == 401);       // "1e400"
  CHECK_FALSE(DecodeMsgpack(Bytes("cb 7f f8 00 00 00 00 00 00"), Type::Number()).ok());  // NaN
  CHECK_FALSE(DecodeMsgpack(Bytes("a3 61 62 63"), Type::Number()).ok());
  for (const char* s : {"0.1", "99.96", "1e400", "-1e-400", "18446744073709551615",
                        "18446744073709551616", "-9223372036854775809", "-0", "1.5", "1e22",
                        "123456789012345678901234567890.000000000000000000001"}) {
    RoundTrip(N(s), Type::Number());
    RoundTrip(N(s), Type::Dynamic());
  }
}

TEST_CASE("round trips for every type") {
  Type rule = Type::Object(
      {{"name", Type::String()},
       {"lifecycle", Type::Number()},
       {"tags", Type::Map(Type::String())},
       {"copy", Type::Set(Type::Object({{"dest", Type::String()}, {"days", Type::Number()}}))}});
  Type copy = rule.attribute("copy").element();
  auto mkcopy = [&](const char* d, const char* days) {
    return Value::Object(copy, {{"dest", S(d)}, {"days", N(days)}});
  };
  Value r1 = Value::Object(
      rule, {{"name", S("daily")},
             {"lifecycle", N("0.1")},
             {"tags", Value::Map(Type::String(), {{"a", S("b")}})},
             {"copy", Value::Set(copy, {mkcopy("x", "1"), mkcopy("y", "2"), mkcopy("x", "1")})}});
  Value r2 = Value::Object(rule, {{"name", Value::Unknown(Type::String())},
                                  {"lifecycle", Value::Null(Type::Number())},
                                  {"tags", Value::Null(Type::Map(Type::String()))},
                                  {"copy", Value::Unknown(rule.attribute("copy"))}});
  CHECK(r1.GetAttr("copy").Length() == 2);
  Type rules = Type::List(rule);
  RoundTrip(Value::List(rule, {r1, r2}), rules);
  RoundTrip(Value::Set(rule, {r1, r2}), Type::Set(rule));
  RoundTrip(Value::List(rule, {}), rules);
  RoundTrip(Value::Null(rules), rules);
  RoundTrip(Value::Unknown(rules), rules);
  Type tup = Type::Tuple({Type::String(), Type::Bool(), Type::Number()});
  RoundTrip(Value::Tuple({S("a"), Value::Bool(false), N("3")}), tup);
  RoundTrip(Value::Tuple({}), Type::Tuple({}));
  RoundTrip(Value::Object(Type::Object({}), {}), Type::Object({}));
  // Unknowns and nulls of every type, at the top and nested.
  for (const Type& t : {Type::String(), Type::Number(), Type::Bool(), Type::Dynamic(), rules, tup,
                        Type::Map(Type::Number()), Type::Set(Type::String())}) {
    RoundTrip(Value::Null(t), t);
    RoundTrip(Value::Unknown(t), t);
    Type holder = Type::Object({{"x", t}});
    RoundTrip(Value::Object(holder, {{"x", Value::Null(t)}}), holder);
    RoundTrip(Value::Object(holder, {{"x", Value::Unknown(t)}}), holder);
    CHECK(Dec(Enc(Value::Null(t), t), t) != Dec(Enc(Value::Unknown(t), t), t));
  }
}

TEST_CASE("dynamic values carry their type") {
  Type dyn_obj = Type::Object({{"v", Type::Dynamic()}});
  Value nested = Value::ObjectFrom(
      {{"a", Value::List(Type::Number(), {N("1"), N("0.1")})}, {"b", Value::Null(Type::String())}});
  for (const Value& v :
       {S("x"), N("0.1"), nested, Value::Null(Type::String()), Value::Unknown(Type::String()),
        Value(), Value::Unknown(Type::Dynamic()), Value::Tuple({S("a"), N("2")}),
        Value::ObjectFrom({{"inner", Value::Object(dyn_obj, {{"v", S("deep")}})}})}) {
    RoundTrip(v, Type::Dynamic());
    RoundTrip(Value::Object(dyn_obj, {{"v", v}}), dyn_obj);
  }
  Value got = Dec("92 c4 08 22 73 74 72 69 6e 67 22 a2 68 69", Type::Dynamic());
  CHECK(got.type() == Type::String());
  // The type JSON may also arrive as str.
  CHECK(Dec("92 a8 22 73 74 72 69 6e 67 22 a2 68 69", Type::Dynamic()) == got);
  // Bare nil = null dynamic; bare extension = wholly unknown dynamic.
  CHECK(Dec("c0", Type::Dynamic()).type().is_dynamic());
  CHECK_FALSE(Dec("d4 00 00", Type::Dynamic()).is_known());
  CHECK(Dec("d4 00 00", Type::Dynamic()).type().is_dynamic());
  // Unknown with a concrete type inside the wrapper.
  Value u = Dec("92 c4 08 22 73 74 72 69 6e 67 22 d4 00 00", Type::Dynamic());
  CHECK_FALSE(u.is_known());
  CHECK(u.type() == Type::String());
}

TEST_CASE("objects need exactly their attributes") {
  Type obj = Type::Object({{"a", Type::String()}, {"b", Type::String()}});
  // Any key order is accepted.
  CHECK(Dec("82 a1 62 a1 79 a1 61 a1 78", obj).GetAttr("a").AsString() == "x");
  CHECK(DecErr(Bytes("81 a1 61 a1 78"), obj) ==
        "an object with 2 attributes is required (1 given)");
  CHECK(DecErr(Bytes("82 a1 61 a1 78 a1 7a c0"), obj) == "unsupported attribute \"z\"");
  CHECK(DecErr(Bytes("82 a1 61 a1 78 a1 61 c0"), obj) == ".a: duplicate attribute");
  // Encoding checks the value against the type.
  auto missing = EncodeMsgpack(Value::ObjectFrom({{"a", S("x")}}), obj);
  CHECK(missing.status().message() == "missing attribute \"b\"");
  auto extra = EncodeMsgpack(Value::ObjectFrom({{"a", S("x")}, {"b", S("y")}, {"c", S("z")}}), obj);
  CHECK(extra.status().message() == "unsupported attribute \"c\"");
  auto wrong = EncodeMsgpack(Value::ObjectFrom({{"a", S("x")}, {"b", N("1")}}), obj);
  CHECK(wrong.status().message() == ".b: a string is required, not number");
}

TEST_CASE("errors name the path") {
  Type rule = Type::Object({{"lifecycle", Type::Number()}});
  Type t = Type::Object({{"rules", Type::List(rule)}});
  // {"rules": [{lifecycle: 1}, {lifecycle: 2}, {lifecycle: "x"}]}
  std::string bytes = Bytes("81 a5 72 75 6c 65 73 93 81 a9") + "lifecycle" + Bytes("01 81 a9") +
                      "lifecycle" + Bytes("02 81 a9") + "lifecycle" + Bytes("c3");
  CHECK(DecErr(bytes, t) == ".rules[2].lifecycle: a number is required");
  CHECK(DecErr(Bytes("81 a1 6b 01"), Type::Map(Type::String())) == "[\"k\"]: a string is required");
  CHECK(DecErr(Bytes("92 01 02"), Type::Tuple({Type::Number()})) ==
        "a tuple of 1 elements is required (2 given)");
  CHECK(DecErr(Bytes("93 01 02 03"), Type::Dynamic()) ==
        "a dynamic value must be a [type, value] array");
  CHECK(DecErr(Bytes("92 c4 03 22 78 22 c0"), Type::Dynamic()).find("invalid type JSON") !=
        std::string::npos);
  CHECK(DecErr(Bytes("c0 c0"), Type::String()) == "unexpected data after the value");
  CHECK(DecErr("", Type::String()) == "unexpected end of msgpack data");
  CHECK(DecErr(Bytes("c1"), Type::String()) == "invalid msgpack data");
}

TEST_CASE("sets collapse duplicates on decode") {
  Value s = Dec("93 a1 62 a1 61 a1 62", Type::Set(Type::String()));
  CHECK(s.Length() == 2);
  CHECK(Enc(s, Type::Set(Type::String())) == "92 a1 61 a1 62");
}

TEST_CASE("malformed input: every truncation of a valid encoding is an error") {
  Type inner = Type::Object({{"d", Type::Dynamic()}, {"n", Type::Number()}, {"s", Type::String()}});
  Type t = Type::Object(
      {{"items", Type::List(inner)}, {"m", Type::Map(Type::Bool())}, {"u", Type::String()}});
  Value item = Value::Object(inner, {{"d", Value::ObjectFrom({{"x", N("0.1")}})},
                                     {"n", N("1e30")},
                                     {"s", Value::String(std::string(300, 'q'))}});
  Value v = Value::Object(t, {{"items", Value::List(inner, {item, item})},
                              {"m", Value::Map(Type::Bool(), {{"k", Value::Bool(true)}})},
                              {"u", Value::Unknown(Type::String(), {.string_prefix = "pre"})}});
  std::string full = *EncodeMsgpack(v, t);
  REQUIRE(DecodeMsgpack(full, t).ok());
  for (size_t cut = 0; cut < full.size(); ++cut) {
    CAPTURE(cut);
    CHECK_FALSE(DecodeMsgpack(std::string_view(full).substr(0, cut), t).ok());
  }
  // Flipping each byte must never crash (it may or may not still decode).
  for (size_t i = 0; i < full.size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      std::string mutated = full;
      mutated[i] = static_cast<char>(mutated[i] ^ (1 << bit));
      (void)DecodeMsgpack(mutated, t);
    }
  }
}

TEST_CASE("hostile input: huge lengths and nesting bombs") {
  // Declared lengths far beyond the data.
  CHECK(DecErr(Bytes("dd ff ff ff ff"), Type::List(Type::String())) ==
        "unexpected end of msgpack data");
  CHECK_FALSE(DecodeMsgpack(Bytes("df ff ff ff ff"), Type::Map(Type::String())).ok());
  CHECK_FALSE(DecodeMsgpack(Bytes("db ff ff ff ff 61"), Type::String()).ok());
  CHECK_FALSE(DecodeMsgpack(Bytes("c9 ff ff ff ff 0c"), Type::String()).ok());
  CHECK_FALSE(DecodeMsgpack(Bytes("c6 ff ff ff ff"), Type::String()).ok());
  // Dynamic nesting bomb: [type, [type, [type, ...]]] each declaring dynamic in a list.
  std::string bomb;
  const std::string tj = "[\"list\",\"dynamic\"]";
  for (int i = 0; i < 5000; ++i) {
    bomb += Bytes("92 c4") + static_cast<char>(tj.size()) + tj + Bytes("91");
  }
  bomb += Bytes("c0");
  CHECK(DecErr(bomb, Type::Dynamic()).find("nested too deeply") != std::string::npos);
  // Deeply nested arrays inside a refinement payload's unknown key.
  std::string refn = Bytes("81 09") + std::string(900, '\x91') + Bytes("c0");
  std::string ext = Bytes("c8") + static_cast<char>(refn.size() >> 8) +
                    static_cast<char>(refn.size() & 0xff) + Bytes("0c") + refn;
  CHECK_FALSE(DecodeMsgpack(ext, Type::String()).ok());
  // Deep type JSON inside a dynamic value.
  std::string deep_type;
  for (int i = 0; i < 200; ++i) deep_type += "[\"list\",";
  deep_type += "\"string\"" + std::string(200, ']');
  std::string dyn = Bytes("92 c5") + static_cast<char>(deep_type.size() >> 8) +
                    static_cast<char>(deep_type.size() & 0xff) + deep_type + Bytes("c0");
  CHECK(DecErr(dyn, Type::Dynamic()).find("nested too deeply") != std::string::npos);
}

}  // namespace
}  // namespace polybackup::cty
