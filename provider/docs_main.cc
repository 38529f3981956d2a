// polybackup_docs: writes the registry docs of the polybackup provider from its
// schema and the templates/ and examples/ of the source tree
// (tfplugin/docs/README.md).
//
//   polybackup_docs --source <repository root> --out <docs directory>
//
// resources/, data-sources/ and functions/ below the output belong to the generator: a
// page it no longer makes there (a renamed resource) is removed. Elsewhere
// it only writes its own pages, so docs/adr/ is left alone. A file whose
// content is already right is not rewritten.
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "provider/provider.h"
#include "tfplugin/docs/generator.h"
#include "tfplugin/docs/source_tree.h"

namespace {

namespace fs = std::filesystem;

std::string Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

bool Write(const fs::path& out, const std::map<std::string, std::string>& pages) {
  for (const auto& [page, content] : pages) {
    const fs::path path = out / page;
    std::error_code ec;
    if (fs::exists(path, ec) && Slurp(path) == content) continue;
    fs::create_directories(path.parent_path(), ec);
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file << content;
    if (!file.flush()) {
      std::cerr << "polybackup_docs: cannot write " << path.string() << "\n";
      return false;
    }
    std::cout << "wrote " << path.string() << "\n";
  }
  std::vector<fs::path> stale;
  for (const char* owned : {"resources", "data-sources", "functions"}) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(out / owned, ec)) {
      const std::string page = std::string(owned) + "/" + entry.path().filename().string();
      if (entry.path().extension() == ".md" && !pages.count(page)) stale.push_back(entry.path());
    }
  }
  for (const fs::path& path : stale) {
    std::error_code ec;
    if (!fs::remove(path, ec)) {
      std::cerr << "polybackup_docs: cannot remove " << path.string() << "\n";
      return false;
    }
    std::cout << "removed " << path.string() << " (no such type any more)\n";
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace polybackup;
  std::string source, out;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--source") == 0) source = argv[i + 1];
    if (std::strcmp(argv[i], "--out") == 0) out = argv[i + 1];
  }
  if (argc != 5 || source.empty() || out.empty()) {
    std::cerr << "usage: polybackup_docs --source <repository root> --out <docs directory>\n";
    return 2;
  }
  auto pages = docs::GenerateDocs(provider::BuildProvider(), docs::DiskSourceTree(source));
  if (!pages.ok()) {
    std::cerr << "polybackup_docs: " << pages.status().message() << "\n";
    return 1;
  }
  return Write(out, *pages) ? 0 : 1;
}
