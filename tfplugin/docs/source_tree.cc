#include "tfplugin/docs/source_tree.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <system_error>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace polybackup::docs {

namespace fs = std::filesystem;

absl::StatusOr<std::string> DiskSourceTree::Read(const std::string& path) const {
  const fs::path full = root_ / path;
  std::error_code ec;
  if (!fs::is_regular_file(full, ec)) {
    return absl::NotFoundError(absl::StrCat("no file ", full.string()));
  }
  std::ifstream in(full, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  if (!in) return absl::UnavailableError(absl::StrCat("cannot read ", full.string()));
  return content.str();
}

std::vector<std::string> DiskSourceTree::List(const std::string& dir) const {
  std::vector<std::string> paths;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(root_ / dir, ec), end; !ec && it != end;
       it.increment(ec)) {
    std::error_code entry_ec;  // a bad entry is skipped, not the end of the listing
    // Hidden files are editor swap files and the like, never pages.
    if (it->path().filename().string().front() == '.') {
      if (it->is_directory(entry_ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(entry_ec)) {
      paths.push_back(it->path().lexically_relative(root_).generic_string());
    }
  }
  // Directory order is the file system's: sort so the output never depends on it.
  std::sort(paths.begin(), paths.end());
  return paths;
}

absl::StatusOr<std::string> MemorySourceTree::Read(const std::string& path) const {
  auto it = files_.find(path);
  if (it == files_.end()) return absl::NotFoundError(absl::StrCat("no file ", path));
  return it->second;
}

std::vector<std::string> MemorySourceTree::List(const std::string& dir) const {
  std::vector<std::string> paths;
  for (const auto& [path, unused] : files_) {
    if (absl::StartsWith(path, dir + "/") && !absl::StrContains("/" + path, "/.")) {
      paths.push_back(path);
    }
  }
  return paths;
}

}  // namespace polybackup::docs
