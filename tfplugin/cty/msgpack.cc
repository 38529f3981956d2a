#include "tfplugin/cty/msgpack.h"

#include <cmath>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "tfplugin/cty/msgpack_wire.h"
#include "tfplugin/cty/path.h"
#include "tfplugin/cty/path_stack.h"

namespace polybackup::cty {
namespace {

using wire::Head;
using Tag = wire::Head::Tag;

// Deeper than any schema we will ever have; bounds recursion on hostile
// input (each dynamic level can declare an arbitrarily deep type).
constexpr int kMaxDepth = 128;
// go-cty cty/msgpack/unknown.go refuses larger refinement payloads.
constexpr size_t kMaxRefinementBytes = 1024;

using Step = internal::PathStack::Step;
using Scope = internal::PathStack::Scope;
using internal::KindPhrase;
using internal::PathStack;

class Decoder {
 public:
  explicit Decoder(std::string_view bytes) : r_(bytes) {}

  absl::StatusOr<Value> Decode(const Type& t, int depth) {
    if (depth > kMaxDepth) return path_.Error("value nested too deeply");
    uint8_t first;
    if (!r_.PeekByte(first)) return path_.Error("unexpected end of msgpack data");
    Head h;
    if (wire::Reader::IsExtByte(first)) {
      if (auto s = Read(h); !s.ok()) return s;
      return DecodeUnknown(h, t, depth);
    }
    if (auto s = Read(h); !s.ok()) return s;
    if (h.tag == Tag::kNil) return Value::Null(t);
    switch (t.kind()) {
      case Type::Kind::kDynamic:
        return DecodeDynamic(h, depth);
      case Type::Kind::kString:
        if (h.tag != Tag::kStr && h.tag != Tag::kBin) return path_.Error("a string is required");
        return Value::String(std::string(h.payload));
      case Type::Kind::kNumber: {
        auto n = DecodeNumber(h);
        if (!n.ok()) return n.status();
        return Value::Number(*std::move(n));
      }
      case Type::Kind::kBool:
        if (h.tag != Tag::kBool) return path_.Error("a bool is required");
        return Value::Bool(h.b);
      case Type::Kind::kList:
      case Type::Kind::kSet:
      case Type::Kind::kTuple:
        return DecodeSequence(h, t, depth);
      case Type::Kind::kMap:
      case Type::Kind::kObject:
        return DecodeMapping(h, t, depth);
    }
    return path_.Error("unsupported type");
  }

  bool at_end() const { return r_.at_end(); }
  absl::Status Error(std::string_view m) const { return path_.Error(m); }

 private:
  absl::Status Read(Head& h) {
    switch (r_.ReadHead(h)) {
      case wire::ReadError::kNone:
        return absl::OkStatus();
      case wire::ReadError::kTruncated:
        return path_.Error("unexpected end of msgpack data");
      case wire::ReadError::kInvalid:
        return path_.Error("invalid msgpack data");
    }
    return absl::OkStatus();
  }

  absl::StatusOr<Number> DecodeNumber(const Head& h) {
    switch (h.tag) {
      case Tag::kInt:
        return Number::FromInt(h.i);
      case Tag::kUint:
        return Number::FromUint(h.u);
      case Tag::kFloat32:
      case Tag::kFloat64:
        if (std::isnan(h.f)) return path_.Error("NaN is not a valid number");
        return Number::FromDouble(h.f);
      case Tag::kStr: {
        auto n = Number::Parse(h.payload);
        if (!n.ok())
          return path_.Error(absl::StrCat("a number is required: ", n.status().message()));
        return n;
      }
      default:
        return path_.Error("a number is required");
    }
  }

  absl::StatusOr<Value> DecodeDynamic(const Head& h, int depth) {
    if (h.tag != Tag::kArray || h.count != 2) {
      return path_.Error("a dynamic value must be a [type, value] array");
    }
    Head th;
    if (auto s = Read(th); !s.ok()) return s;
    if (th.tag != Tag::kStr && th.tag != Tag::kBin) {
      return path_.Error("the type of a dynamic value must be JSON bytes");
    }
    auto type = Type::FromJson(th.payload);
    if (!type.ok()) return path_.Error(std::string(type.status().message()));
    return Decode(*type, depth + 1);
  }

  absl::StatusOr<Value> DecodeSequence(const Head& h, const Type& t, int depth) {
    if (h.tag != Tag::kArray) return path_.Error(absl::StrCat(KindPhrase(t), " is required"));
    const bool tuple = t.kind() == Type::Kind::kTuple;
    if (tuple && h.count != t.tuple_elements().size()) {
      return path_.Error(absl::StrCat("a tuple of ", t.tuple_elements().size(),
                                      " elements is required (", h.count, " given)"));
    }
    std::vector<Value> els;
    els.reserve(h.count);
    for (uint32_t i = 0; i < h.count; ++i) {
      Scope scope(path_, Step{PathStep::Kind::kIndex, {}, i});
      auto v = Decode(tuple ? t.tuple_elements()[i] : t.element(), depth + 1);
      if (!v.ok()) return v.status();
      els.push_back(*std::move(v));
    }
    if (tuple) return Value::Tuple(std::move(els));
    if (t.kind() == Type::Kind::kList) return Value::List(t.element(), std::move(els));
    return Value::Set(t.element(), std::move(els));
  }

  absl::StatusOr<Value> DecodeMapping(const Head& h, const Type& t, int depth) {
    const bool object = t.kind() == Type::Kind::kObject;
    if (h.tag != Tag::kMap) return path_.Error(absl::StrCat(KindPhrase(t), " is required"));
    if (object && h.count != t.attributes().size()) {
      return path_.Error(absl::StrCat("an object with ", t.attributes().size(),
                                      " attributes is required (", h.count, " given)"));
    }
    std::map<std::string, Value> out;
    for (uint32_t i = 0; i < h.count; ++i) {
      Head kh;
      if (auto s = Read(kh); !s.ok()) return s;
      if (kh.tag != Tag::kStr && kh.tag != Tag::kBin) {
        return path_.Error(object ? "attribute names must be strings" : "map keys must be strings");
      }
      std::string key(kh.payload);
      const Type* et = nullptr;
      if (object) {
        auto it = t.attributes().find(key);
        if (it == t.attributes().end()) {
          return path_.Error(absl::StrCat("unsupported attribute \"", key, "\""));
        }
        et = &it->second;
      }
      Scope scope(path_,
                  Step{object ? PathStep::Kind::kAttribute : PathStep::Kind::kKey, kh.payload, 0});
      auto v = Decode(object ? *et : t.element(), depth + 1);
      if (!v.ok()) return v.status();
      const size_t before = out.size();
      // cty writes keys sorted, so the end is the right hint almost always.
      out.insert_or_assign(out.end(), std::move(key), *std::move(v));
      if (object && out.size() == before) return path_.Error("duplicate attribute");
    }
    if (object) return Value::Object(t, std::move(out));
    return Value::Map(t.element(), std::move(out));
  }

  absl::StatusOr<Value> DecodeUnknown(const Head& h, const Type& t, int depth);

  wire::Reader r_;
  PathStack path_;
};

absl::StatusOr<Value> Decoder::DecodeUnknown(const Head& h, const Type& t, int depth) {
  // Terraform <= 1.5 and terraform-plugin-go treat every extension as an
  // unknown; only a refined unknown (type 12, more than one byte) says more.
  if (h.ext_type != wire::kRefinedUnknownExt || h.payload.size() <= 1 || t.is_dynamic()) {
    return Value::Unknown(t);
  }
  if (h.payload.size() > kMaxRefinementBytes)
    return path_.Error("oversize unknown value refinement");
  auto bad = [&](std::string_view why) {
    return path_.Error(absl::StrCat("malformed unknown value refinements: ", std::string(why)));
  };
  Decoder sub(h.payload);  // trailing bytes after the map are ignored, as cty does
  Head mh;
  if (sub.r_.ReadHead(mh) != wire::ReadError::kNone || mh.tag != Tag::kMap) return bad("not a map");
  Refinements refs;
  bool definitely_null = false;
  for (uint32_t i = 0; i < mh.count; ++i) {
    Head kh, vh;
    if (sub.r_.ReadHead(kh) != wire::ReadError::kNone) return bad("truncated");
    if (kh.tag != Tag::kInt && kh.tag != Tag::kUint) return bad("non-integer key");
    const int64_t key = kh.tag == Tag::kInt ? kh.i : (kh.u > 6 ? 7 : static_cast<int64_t>(kh.u));
    if (key < 1 || key > 6) {
      if (!sub.r_.Skip(kMaxDepth - depth)) return bad("truncated");
      continue;
    }
    if (sub.r_.ReadHead(vh) != wire::ReadError::kNone) return bad("truncated");
    switch (key) {
      case 1:
        if (vh.tag != Tag::kBool) return bad("nullness is not a bool");
        if (vh.b)
          definitely_null = true;
        else
          refs.nullable = false;
        break;
      case 2:
        if (t.kind() != Type::Kind::kString) return bad("string prefix for a non-string");
        if (vh.tag != Tag::kStr) return bad("string prefix is not a string");
        refs.string_prefix = std::string(vh.payload);
        break;
      case 3:
      case 4: {
        if (t.kind() != Type::Kind::kNumber) return bad("number bound for a non-number");
        if (vh.tag != Tag::kArray || vh.count != 2)
          return bad("number bound is not [number, bool]");
        Head nh, bh;
        if (sub.r_.ReadHead(nh) != wire::ReadError::kNone) return bad("truncated");
        auto n = sub.DecodeNumber(nh);
        if (!n.ok()) return bad("number bound is not a number");
        if (sub.r_.ReadHead(bh) != wire::ReadError::kNone || bh.tag != Tag::kBool) {
          return bad("number bound inclusiveness is not a bool");
        }
        (key == 3 ? refs.number_lower : refs.number_upper) = std::make_pair(*std::move(n), bh.b);
        break;
      }
      default: {  // 5, 6
        const auto k = t.kind();
        if (k != Type::Kind::kList && k != Type::Kind::kSet && k != Type::Kind::kMap) {
          return bad("length bound for a non-collection");
        }
        int64_t len;
        if (vh.tag == Tag::kInt)
          len = vh.i;
        else if (vh.tag == Tag::kUint && vh.u <= INT64_MAX)
          len = static_cast<int64_t>(vh.u);
        else
          return bad("length bound is not an integer");
        (key == 5 ? refs.length_lower : refs.length_upper) = len;
      }
    }
  }
  // cty: refining an unknown as definitely null collapses it to a known null.
  if (definitely_null) return Value::Null(t);
  return Value::Unknown(t, std::move(refs));
}

}  // namespace

absl::StatusOr<Value> DecodeMsgpack(std::string_view bytes, const Type& type) {
  Decoder d(bytes);
  auto v = d.Decode(type, 0);
  if (!v.ok()) return v;
  if (!d.at_end()) return d.Error("unexpected data after the value");
  return v;
}

}  // namespace polybackup::cty
