// Internal: the current path of a codec walk, kept as cheap views and turned
// into a Path only when an error is reported. Not part of the public contract.
#ifndef POLYBACKUP_TFPLUGIN_CTY_PATH_STACK_H_
#define POLYBACKUP_TFPLUGIN_CTY_PATH_STACK_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "tfplugin/cty/path.h"
#include "tfplugin/cty/type.h"

namespace polybackup::cty::internal {

// Step names are views: the caller keeps the named string alive while the
// Scope that pushed it is alive.
class PathStack {
 public:
  struct Step {
    PathStep::Kind kind;
    std::string_view name;
    int64_t index;
  };
  class Scope {
   public:
    Scope(PathStack& s, Step step) : s_(s) { s_.steps_.push_back(step); }
    ~Scope() { s_.steps_.pop_back(); }
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    PathStack& s_;
  };
  absl::Status Error(std::string_view message) const {
    std::vector<PathStep> steps;
    for (const auto& s : steps_) {
      steps.push_back(s.kind == PathStep::Kind::kIndex ? PathStep::Index(s.index)
                                                       : PathStep{s.kind, std::string(s.name), 0});
    }
    std::string p = Path(std::move(steps)).ToString();
    return absl::InvalidArgumentError(p.empty() ? std::string(message)
                                                : absl::StrCat(p, ": ", std::string(message)));
  }

 private:
  std::vector<Step> steps_;
};

// "a string", "an object", ...: the subject of codec error messages.
inline std::string KindPhrase(const Type& t) {
  switch (t.kind()) {
    case Type::Kind::kString:
      return "a string";
    case Type::Kind::kNumber:
      return "a number";
    case Type::Kind::kBool:
      return "a bool";
    case Type::Kind::kList:
      return "a list";
    case Type::Kind::kSet:
      return "a set";
    case Type::Kind::kMap:
      return "a map";
    case Type::Kind::kObject:
      return "an object";
    case Type::Kind::kTuple:
      return "a tuple";
    case Type::Kind::kDynamic:
      return "a dynamic value";
  }
  return "a value";
}

}  // namespace polybackup::cty::internal

#endif  // POLYBACKUP_TFPLUGIN_CTY_PATH_STACK_H_
