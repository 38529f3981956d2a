// Where the doc generator reads templates and examples: the provider's source
// tree, addressed by '/'-separated paths relative to its root
// ("templates/index.md.tmpl", "examples/provider/provider.tf").
#ifndef POLYBACKUP_TFPLUGIN_DOCS_SOURCE_TREE_H_
#define POLYBACKUP_TFPLUGIN_DOCS_SOURCE_TREE_H_

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace polybackup::docs {

class SourceTree {
 public:
  virtual ~SourceTree() = default;
  // The file's content; NotFound when there is no such regular file, another
  // error when it cannot be read.
  virtual absl::StatusOr<std::string> Read(const std::string& path) const = 0;
  // Every regular file below `dir` (at any depth) but hidden ones (".x"), as
  // root-relative paths in byte order; empty when `dir` does not exist.
  virtual std::vector<std::string> List(const std::string& dir) const = 0;
};

// The files on disk below `root`.
class DiskSourceTree : public SourceTree {
 public:
  explicit DiskSourceTree(std::filesystem::path root) : root_(std::move(root)) {}
  absl::StatusOr<std::string> Read(const std::string& path) const override;
  std::vector<std::string> List(const std::string& dir) const override;

 private:
  std::filesystem::path root_;
};

// Files held in memory (tests): path -> content.
class MemorySourceTree : public SourceTree {
 public:
  explicit MemorySourceTree(std::map<std::string, std::string> files) : files_(std::move(files)) {}
  absl::StatusOr<std::string> Read(const std::string& path) const override;
  std::vector<std::string> List(const std::string& dir) const override;

 private:
  std::map<std::string, std::string> files_;
};

}  // namespace polybackup::docs

#endif  // POLYBACKUP_TFPLUGIN_DOCS_SOURCE_TREE_H_
