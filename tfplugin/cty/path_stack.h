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
    return absl::InvalidArgumentError(
        p.empty() ? std::string(message) : absl::StrCat(p, ": ", std::string(message)));
  }

 private:
  std::vector<Step> steps_;
};

}  // namespace polybackup::cty::internal

#endif  // POLYBACKUP_TFPLUGIN_CTY_PATH_STACK_H_
