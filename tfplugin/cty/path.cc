#include "tfplugin/cty/path.h"

#include "tfplugin/cty/json_text.h"
#include "tfplugin/cty/type.h"
#include "tfplugin/cty/value.h"

namespace polybackup::cty {

bool Path::HasPrefix(const Path& prefix) const {
  if (prefix.steps_.size() > steps_.size()) return false;
  for (size_t i = 0; i < prefix.steps_.size(); ++i) {
    if (!(prefix.steps_[i] == steps_[i])) return false;
  }
  return true;
}

std::string Path::ToString() const {
  std::string out;
  for (const auto& step : steps_) {
    switch (step.kind) {
      case PathStep::Kind::kAttribute:
        out += '.';
        out += step.name;
        break;
      case PathStep::Kind::kKey:
        out += '[';
        AppendJsonString(step.name, out);
        out += ']';
        break;
      case PathStep::Kind::kIndex:
        out += '[' + std::to_string(step.index) + ']';
        break;
    }
  }
  return out;
}

const Value* GetPath(const Value& root, const Path& path) {
  const Value* cur = &root;
  for (const auto& step : path.steps()) {
    if (cur->is_null() || !cur->is_known()) return nullptr;
    const Type::Kind kind = cur->type().kind();
    switch (step.kind) {
      case PathStep::Kind::kAttribute:
        if (kind != Type::Kind::kObject) return nullptr;
        cur = LookupAttr(*cur, step.name);
        break;
      case PathStep::Kind::kKey:
        if (kind != Type::Kind::kMap) return nullptr;
        cur = LookupAttr(*cur, step.name);
        break;
      case PathStep::Kind::kIndex: {
        if (kind != Type::Kind::kList && kind != Type::Kind::kSet && kind != Type::Kind::kTuple) {
          return nullptr;
        }
        const auto& els = cur->Elements();
        if (step.index < 0 || static_cast<uint64_t>(step.index) >= els.size()) return nullptr;
        cur = &els[static_cast<size_t>(step.index)];
        break;
      }
    }
    if (cur == nullptr) return nullptr;
  }
  return cur;
}

Path TrimAtSet(const Path& path, const Type& root) {
  const Type* cur = &root;
  std::vector<PathStep> kept;
  for (const auto& step : path.steps()) {
    kept.push_back(step);
    switch (cur->kind()) {
      case Type::Kind::kSet:
        kept.pop_back();  // the step into the set element goes
        return Path(std::move(kept));
      case Type::Kind::kObject:
        if (step.kind != PathStep::Kind::kAttribute || !cur->has_attribute(step.name)) return path;
        cur = &cur->attribute(step.name);
        break;
      case Type::Kind::kList:
      case Type::Kind::kMap:
        cur = &cur->element();
        break;
      case Type::Kind::kTuple:
        if (step.kind != PathStep::Kind::kIndex || step.index < 0 ||
            static_cast<size_t>(step.index) >= cur->tuple_elements().size()) {
          return path;
        }
        cur = &cur->tuple_elements()[static_cast<size_t>(step.index)];
        break;
      default:
        return path;  // primitive or dynamic: nothing more to learn from the type
    }
  }
  return path;
}

}  // namespace polybackup::cty
