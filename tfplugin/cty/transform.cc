#include "tfplugin/cty/transform.h"

#include <utility>

namespace polybackup::cty {
namespace {

absl::StatusOr<Value> Rewrite(const Path& path, const Value& value, const TransformOrFn& fn) {
  if (value.is_null() || !value.is_known() || value.type().is_primitive()) {
    return fn(path, value);
  }
  const Type& type = value.type();
  Value rebuilt;
  switch (type.kind()) {
    case Type::Kind::kList:
    case Type::Kind::kSet:
    case Type::Kind::kTuple: {
      std::vector<Value> out;
      out.reserve(value.Length());
      int64_t i = 0;
      for (const auto& e : value.Elements()) {
        auto r = Rewrite(path.Index(i++), e, fn);
        if (!r.ok()) return r.status();
        out.push_back(*std::move(r));
      }
      if (type.kind() == Type::Kind::kList) {
        rebuilt = Value::List(type.element(), std::move(out));
      } else if (type.kind() == Type::Kind::kSet) {
        rebuilt = Value::Set(type.element(), std::move(out));
      } else {
        rebuilt = Value::Tuple(std::move(out));
      }
      break;
    }
    case Type::Kind::kMap:
    case Type::Kind::kObject: {
      const bool is_map = type.kind() == Type::Kind::kMap;
      std::map<std::string, Value> out;
      for (const auto& [k, v] : value.Attributes()) {
        auto r = Rewrite(is_map ? path.Key(k) : path.Attribute(k), v, fn);
        if (!r.ok()) return r.status();
        out.emplace(k, *std::move(r));
      }
      rebuilt =
          is_map ? Value::Map(type.element(), std::move(out)) : Value::Object(type, std::move(out));
      break;
    }
    default:
      rebuilt = value;
  }
  return fn(path, rebuilt);
}

void Visit(const Path& path, const Value& value, const WalkFn& fn) {
  if (!fn(path, value)) return;
  if (value.is_null() || !value.is_known() || value.type().is_primitive()) return;
  switch (value.type().kind()) {
    case Type::Kind::kList:
    case Type::Kind::kSet:
    case Type::Kind::kTuple: {
      int64_t i = 0;
      for (const auto& e : value.Elements()) Visit(path.Index(i++), e, fn);
      break;
    }
    case Type::Kind::kMap:
      for (const auto& [k, v] : value.Attributes()) Visit(path.Key(k), v, fn);
      break;
    case Type::Kind::kObject:
      for (const auto& [k, v] : value.Attributes()) Visit(path.Attribute(k), v, fn);
      break;
    default:
      break;
  }
}

}  // namespace

Value Transform(const Value& value, const TransformFn& fn) {
  auto r = Rewrite(Path(), value, [&](const Path& p, const Value& v) -> absl::StatusOr<Value> {
    return fn(p, v);
  });
  return *std::move(r);  // fn cannot fail
}

absl::StatusOr<Value> TransformOr(const Value& value, const TransformOrFn& fn) {
  return Rewrite(Path(), value, fn);
}

void Walk(const Value& value, const WalkFn& fn) { Visit(Path(), value, fn); }

}  // namespace polybackup::cty
