#include "tfplugin/cty/json.h"

#include <optional>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "base/utf8.h"
#include "tfplugin/cty/json_text.h"
#include "tfplugin/cty/path_stack.h"

namespace polybackup::cty {
namespace {

using internal::PathStack;
using Step = PathStack::Step;
using Scope = PathStack::Scope;

constexpr int kMaxDepth = 128;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

class Decoder {
 public:
  Decoder(std::string_view text, bool lenient) : s_(text), lenient_(lenient) {}

  absl::StatusOr<Value> Decode(const Type& t, int depth) {
    if (depth > kMaxDepth) return path_.Error("value nested too deeply");
    SkipWs();
    if (pos_ >= s_.size()) return Syntax("unexpected end of JSON");
    const char c = s_[pos_];
    if (c == 'n') {
      if (!Literal("null")) return Syntax("invalid literal");
      return Value::Null(t);
    }
    switch (t.kind()) {
      case Type::Kind::kDynamic:
        return DecodeDynamic(depth);
      case Type::Kind::kString: {
        if (c == '"') {
          auto str = String();
          if (!str.ok()) return str.status();
          return Value::String(*std::move(str));
        }
        if (c == '-' || IsDigit(c)) {  // cty: a JSON number is accepted as its text
          auto tok = NumberToken();
          if (!tok.ok()) return tok.status();
          return Value::String(std::string(*tok));
        }
        if (Literal("true")) return Value::String("true");
        if (Literal("false")) return Value::String("false");
        return path_.Error("a string is required");
      }
      case Type::Kind::kNumber: {
        std::string text;
        if (c == '"') {
          auto str = String();
          if (!str.ok()) return str.status();
          text = *std::move(str);
        } else if (c == '-' || IsDigit(c)) {
          auto tok = NumberToken();
          if (!tok.ok()) return tok.status();
          text = std::string(*tok);
        } else {
          return path_.Error("a number is required");
        }
        auto n = Number::Parse(text);
        if (!n.ok()) {
          return path_.Error(
              absl::StrCat("a number is required: ", std::string(n.status().message())));
        }
        // Number::Parse accepts "Inf" (as cty does), but JSON has no way to
        // write infinity back, so refuse it here and keep the codec symmetric.
        if (n->is_infinity()) return path_.Error("a finite number is required");
        return Value::Number(*std::move(n));
      }
      case Type::Kind::kBool: {
        if (Literal("true")) return Value::Bool(true);
        if (Literal("false")) return Value::Bool(false);
        if (c == '"') {
          auto str = String();
          if (!str.ok()) return str.status();
          if (*str == "true" || *str == "false") return Value::Bool(*str == "true");
        }
        return path_.Error("a bool is required");
      }
      case Type::Kind::kList:
      case Type::Kind::kSet:
      case Type::Kind::kTuple:
        return DecodeSequence(t, depth);
      case Type::Kind::kMap:
      case Type::Kind::kObject:
        return DecodeMapping(t, depth);
    }
    return path_.Error("unsupported type");
  }

  absl::Status Finish() {
    SkipWs();
    if (pos_ != s_.size()) return Syntax("unexpected data after the value");
    return absl::OkStatus();
  }

 private:
  absl::Status Syntax(std::string_view what) const {
    return path_.Error(absl::StrCat("invalid JSON: ", std::string(what), " at offset ", pos_));
  }
  void SkipWs() {
    while (pos_ < s_.size() &&
           (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) {
      ++pos_;
    }
  }
  bool Consume(char c) {
    SkipWs();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  bool Literal(std::string_view lit) {
    if (s_.substr(pos_, lit.size()) != lit) return false;
    pos_ += lit.size();
    return true;
  }

  absl::StatusOr<std::string_view> NumberToken() {
    const size_t start = pos_;
    auto digits = [&] {
      size_t from = pos_;
      while (pos_ < s_.size() && IsDigit(s_[pos_])) ++pos_;
      return pos_ > from;
    };
    if (pos_ < s_.size() && s_[pos_] == '-') ++pos_;
    if (pos_ < s_.size() && s_[pos_] == '0') {
      ++pos_;
    } else if (!digits()) {
      return Syntax("invalid number");
    }
    if (pos_ < s_.size() && s_[pos_] == '.') {
      ++pos_;
      if (!digits()) return Syntax("invalid number");
    }
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
      if (!digits()) return Syntax("invalid number");
    }
    return s_.substr(start, pos_ - start);
  }

  bool Hex4(uint32_t& out) {
    if (s_.size() - pos_ < 4) return false;
    out = 0;
    for (int i = 0; i < 4; ++i) {
      char c = s_[pos_++];
      out <<= 4;
      if (IsDigit(c))
        out |= static_cast<uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f')
        out |= static_cast<uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        out |= static_cast<uint32_t>(c - 'A' + 10);
      else
        return false;
    }
    return true;
  }

  // Precondition: s_[pos_] == '"'.
  absl::StatusOr<std::string> String() {
    ++pos_;
    std::string out;
    while (true) {
      const size_t run = pos_;  // copy plain runs in one go
      while (pos_ < s_.size() && s_[pos_] != '"' && s_[pos_] != '\\' &&
             static_cast<unsigned char>(s_[pos_]) >= 0x20) {
        ++pos_;
      }
      out.append(s_.substr(run, pos_ - run));
      if (pos_ >= s_.size()) return Syntax("unterminated string");
      const char c = s_[pos_++];
      if (c == '"') return out;
      if (static_cast<unsigned char>(c) < 0x20) return Syntax("control character in string");
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= s_.size()) return Syntax("unterminated string");
      switch (const char e = s_[pos_++]) {
        case '"':
        case '\\':
        case '/':
          out += e;
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          uint32_t cp;
          if (!Hex4(cp)) return Syntax("invalid \\u escape");
          if (cp >= 0xd800 && cp <= 0xdbff && s_.substr(pos_, 2) == "\\u") {
            size_t save = pos_;
            pos_ += 2;
            uint32_t lo;
            if (Hex4(lo) && lo >= 0xdc00 && lo <= 0xdfff) {
              cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
            } else {
              pos_ = save;
            }
          }
          if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;  // lone surrogate, as Go does
          utf8::AppendCodePoint(cp, out);
          break;
        }
        default:
          return Syntax("invalid escape");
      }
    }
  }

  absl::Status SkipValue(int depth) {
    if (depth > kMaxDepth) return path_.Error("value nested too deeply");
    SkipWs();
    if (pos_ >= s_.size()) return Syntax("unexpected end of JSON");
    const char c = s_[pos_];
    if (c == '"') return String().status();
    if (c == '-' || IsDigit(c)) return NumberToken().status();
    if (Literal("true") || Literal("false") || Literal("null")) return absl::OkStatus();
    if (c != '[' && c != '{') return Syntax("unexpected character");
    const char close = c == '[' ? ']' : '}';
    ++pos_;
    if (Consume(close)) return absl::OkStatus();
    do {
      if (close == '}') {
        SkipWs();
        if (pos_ >= s_.size() || s_[pos_] != '"') return Syntax("expected an object key");
        if (auto k = String(); !k.ok()) return k.status();
        if (!Consume(':')) return Syntax("expected ':'");
      }
      if (auto st = SkipValue(depth + 1); !st.ok()) return st;
    } while (Consume(','));
    if (!Consume(close))
      return Syntax(close == ']' ? "expected ',' or ']'" : "expected ',' or '}'");
    return absl::OkStatus();
  }

  absl::StatusOr<Value> DecodeSequence(const Type& t, int depth) {
    const bool tuple = t.kind() == Type::Kind::kTuple;
    if (!Consume('[')) return path_.Error(tuple ? "a tuple is required" : "a list is required");
    std::vector<Value> els;
    if (!Consume(']')) {
      do {
        const size_t i = els.size();
        if (tuple && i >= t.tuple_elements().size()) {
          return path_.Error(
              absl::StrCat("too many tuple elements (need ", t.tuple_elements().size(), ")"));
        }
        Scope scope(path_, Step{PathStep::Kind::kIndex, {}, static_cast<int64_t>(i)});
        auto v = Decode(tuple ? t.tuple_elements()[i] : t.element(), depth + 1);
        if (!v.ok()) return v.status();
        els.push_back(*std::move(v));
      } while (Consume(','));
      if (!Consume(']')) return Syntax("expected ',' or ']'");
    }
    if (tuple) {
      if (els.size() != t.tuple_elements().size()) {
        return path_.Error(
            absl::StrCat("not enough tuple elements (need ", t.tuple_elements().size(), ")"));
      }
      return Value::Tuple(std::move(els));
    }
    if (t.kind() == Type::Kind::kList) return Value::List(t.element(), std::move(els));
    return Value::Set(t.element(), std::move(els));
  }

  absl::StatusOr<Value> DecodeMapping(const Type& t, int depth) {
    const bool object = t.kind() == Type::Kind::kObject;
    if (!Consume('{')) return path_.Error(object ? "an object is required" : "a map is required");
    std::map<std::string, Value> out;
    if (!Consume('}')) {
      do {
        SkipWs();
        if (pos_ >= s_.size() || s_[pos_] != '"') return Syntax("expected an object key");
        auto key = String();
        if (!key.ok()) return key.status();
        if (!Consume(':')) return Syntax("expected ':'");
        const Type* et = object ? nullptr : &t.element();
        if (object) {
          auto it = t.attributes().find(*key);
          if (it == t.attributes().end()) {
            if (!lenient_) return path_.Error(absl::StrCat("unsupported attribute \"", *key, "\""));
            if (auto st = SkipValue(depth + 1); !st.ok()) return st;
            continue;
          }
          et = &it->second;
        }
        Scope scope(path_,
                    Step{object ? PathStep::Kind::kAttribute : PathStep::Kind::kKey, *key, 0});
        auto v = Decode(*et, depth + 1);
        if (!v.ok()) return v.status();
        out.insert_or_assign(*std::move(key), *std::move(v));
      } while (Consume(','));
      if (!Consume('}')) return Syntax("expected ',' or '}'");
    }
    if (!object) return Value::Map(t.element(), std::move(out));
    for (const auto& [name, at] : t.attributes()) {
      if (!out.count(name)) out.emplace(name, Value::Null(at));  // as go-cty does
    }
    return Value::Object(t, std::move(out));
  }

  absl::StatusOr<Value> DecodeDynamic(int depth) {
    if (!Consume('{')) return path_.Error("a dynamic value must be a {\"value\", \"type\"} object");
    std::optional<Type> type;
    size_t value_at = std::string_view::npos;
    if (!Consume('}')) {
      do {
        SkipWs();
        if (pos_ >= s_.size() || s_[pos_] != '"') return Syntax("expected an object key");
        auto key = String();
        if (!key.ok()) return key.status();
        if (!Consume(':')) return Syntax("expected ':'");
        SkipWs();
        const size_t start = pos_;
        if (auto st = SkipValue(depth + 1); !st.ok()) return st;
        if (*key == "type") {
          auto t = Type::FromJson(s_.substr(start, pos_ - start));
          if (!t.ok()) return path_.Error(std::string(t.status().message()));
          type = *std::move(t);
        } else if (*key == "value") {
          value_at = start;
        } else {
          return path_.Error(absl::StrCat("invalid key \"", *key, "\" in dynamically-typed value"));
        }
      } while (Consume(','));
      if (!Consume('}')) return Syntax("expected ',' or '}'");
    }
    if (!type) return path_.Error("missing type in dynamically-typed value");
    if (value_at == std::string_view::npos) {
      return path_.Error("missing value in dynamically-typed value");
    }
    const size_t end = pos_;
    pos_ = value_at;  // already validated by SkipValue; decode it now that the type is known
    auto v = Decode(*type, depth + 1);
    pos_ = end;
    return v;
  }

  std::string_view s_;
  size_t pos_ = 0;
  bool lenient_;
  PathStack path_;
};

absl::StatusOr<Value> DecodeWith(std::string_view json, const Type& type, bool lenient) {
  Decoder d(json, lenient);
  auto v = d.Decode(type, 0);
  if (!v.ok()) return v;
  if (auto s = d.Finish(); !s.ok()) return s;
  return v;
}

}  // namespace

absl::StatusOr<Value> DecodeJson(std::string_view json, const Type& type) {
  return DecodeWith(json, type, /*lenient=*/false);
}

absl::StatusOr<Value> DecodeJsonLenient(std::string_view json, const Type& type) {
  return DecodeWith(json, type, /*lenient=*/true);
}

}  // namespace polybackup::cty
