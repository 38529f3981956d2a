// EncodeMsgpack: go-cty cty/msgpack marshal.go and unknown.go semantics (see
// msgpack.h).
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "tfplugin/cty/msgpack.h"
#include "tfplugin/cty/msgpack_wire.h"
#include "tfplugin/cty/path_stack.h"

namespace polybackup::cty {
namespace {

using internal::KindPhrase;
using internal::PathStack;
using Step = PathStack::Step;
using Scope = PathStack::Scope;


class Encoder {
 public:
  absl::Status Encode(const Value& v, const Type& t) {
    if (t.is_dynamic() && !v.type().is_dynamic()) {
      w_.ArrayHeader(2);
      w_.Bin(v.type().ToJson());
      return Encode(v, v.type());
    }
    if (!v.is_known()) return EncodeUnknown(v, t);
    if (v.is_null()) {
      w_.Nil();
      return absl::OkStatus();
    }
    if (v.type().kind() != t.kind()) {
      return path_.Error(
          absl::StrCat(KindPhrase(t), " is required, not ", v.type().FriendlyName()));
    }
    switch (t.kind()) {
      case Type::Kind::kString:
        w_.Str(v.AsString());
        break;
      case Type::Kind::kNumber:
        EncodeNumber(v.AsNumber());
        break;
      case Type::Kind::kBool:
        w_.Bool(v.AsBool());
        break;
      case Type::Kind::kList:
      case Type::Kind::kSet:
      case Type::Kind::kTuple: {
        const auto& els = v.Elements();
        const bool tuple = t.kind() == Type::Kind::kTuple;
        if (tuple && els.size() != t.tuple_elements().size()) {
          return path_.Error(absl::StrCat("a tuple of ", t.tuple_elements().size(),
                                          " elements is required (", els.size(), " given)"));
        }
        w_.ArrayHeader(static_cast<uint32_t>(els.size()));
        for (size_t i = 0; i < els.size(); ++i) {
          Scope scope(path_, Step{PathStep::Kind::kIndex, {}, static_cast<int64_t>(i)});
          auto s = Encode(els[i], tuple ? t.tuple_elements()[i] : t.element());
          if (!s.ok()) return s;
        }
        break;
      }
      case Type::Kind::kMap: {
        w_.MapHeader(static_cast<uint32_t>(v.Attributes().size()));
        for (const auto& [k, e] : v.Attributes()) {
          w_.Str(k);
          Scope scope(path_, Step{PathStep::Kind::kKey, k, 0});
          if (auto s = Encode(e, t.element()); !s.ok()) return s;
        }
        break;
      }
      case Type::Kind::kObject: {
        const auto& want = t.attributes();
        const auto& have = v.Attributes();
        for (const auto& [k, e] : have) {
          if (!want.count(k)) return path_.Error(absl::StrCat("unsupported attribute \"", k, "\""));
        }
        w_.MapHeader(static_cast<uint32_t>(want.size()));
        for (const auto& [k, at] : want) {
          auto it = have.find(k);
          if (it == have.end()) return path_.Error(absl::StrCat("missing attribute \"", k, "\""));
          w_.Str(k);
          Scope scope(path_, Step{PathStep::Kind::kAttribute, k, 0});
          if (auto s = Encode(it->second, at); !s.ok()) return s;
        }
        break;
      }
      case Type::Kind::kDynamic:
        break;  // unreachable: known values have concrete types
    }
    return absl::OkStatus();
  }

  std::string Take() { return std::move(out_); }

 private:
  // go-cty marshal: an exact int64 as a compact int, else a float64 when the
  // conversion is exact, else the decimal text. uint64 beyond int64 is sent as
  // uint64, which every cty decoder reads back exactly.
  void EncodeNumber(const Number& n) {
    if (auto i = n.ToInt64()) return w_.Int(*i);
    if (auto u = n.ToUint64()) return w_.Uint(*u);
    if (auto d = n.ToExactDouble()) return w_.Float64(*d);
    w_.Str(n.text());
  }

  absl::Status EncodeUnknown(const Value& v, const Type& t) {
    const Refinements& r = v.refinements();
    std::string body;
    wire::Writer bw(body);
    uint32_t entries = 0;
    const auto k = t.kind();
    if (!t.is_dynamic()) {  // cty.DynamicVal can never have refinements
      if (r.nullable == false) {
        bw.Uint(1), bw.Bool(false), ++entries;
      }
      if (k == Type::Kind::kString && r.string_prefix && !r.string_prefix->empty()) {
        bw.Uint(2), bw.Str(*r.string_prefix), ++entries;
      }
      if (k == Type::Kind::kNumber) {
        int key = 3;
        for (const auto* bound : {&r.number_lower, &r.number_upper}) {
          if (*bound) {
            bw.Uint(key);
            Writer2(bw, (*bound)->first, (*bound)->second);
            ++entries;
          }
          ++key;
        }
      }
      if (k == Type::Kind::kList || k == Type::Kind::kSet || k == Type::Kind::kMap) {
        if (r.length_lower && *r.length_lower != 0) bw.Uint(5), bw.Int(*r.length_lower), ++entries;
        if (r.length_upper) bw.Uint(6), bw.Int(*r.length_upper), ++entries;
      }
    }
    if (entries == 0) {
      w_.Raw(std::string_view("\xd4\x00\x00", 3));
      return absl::OkStatus();
    }
    std::string header;
    wire::Writer(header).MapHeader(entries);
    w_.ExtHeader(wire::kRefinedUnknownExt, static_cast<uint32_t>(header.size() + body.size()));
    w_.Raw(header);
    w_.Raw(body);
    return absl::OkStatus();
  }

  void Writer2(wire::Writer& bw, const Number& n, bool inclusive) {
    bw.ArrayHeader(2);
    Encoder sub;
    sub.EncodeNumber(n);
    bw.Raw(sub.out_);
    bw.Bool(inclusive);
  }

  std::string out_;
  wire::Writer w_{out_};
  PathStack path_;
};

}  // namespace

absl::StatusOr<std::string> EncodeMsgpack(const Value& value, const Type& type) {
  Encoder e;
  if (auto s = e.Encode(value, type); !s.ok()) return s;
  return e.Take();
}

}  // namespace polybackup::cty
