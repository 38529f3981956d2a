#include "bench/proc_memory.h"

#include <dirent.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>

namespace polybackup::bench {
namespace {

std::string ProcPath(pid_t pid, const char* file) {
  return "/proc/" + std::to_string(pid) + "/" + file;
}

// "Name:   1234 kB" lines of /proc/<pid>/status or smaps_rollup.
long Field(const std::string& text, const std::string& name) {
  size_t at = text.find("\n" + name + ":");
  if (at == std::string::npos && text.rfind(name + ":", 0) == 0) at = 0;
  if (at == std::string::npos) return 0;
  std::istringstream in(text.substr(text.find(':', at) + 1));
  long v = 0;
  in >> v;
  return v;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The direct children of `pid`: the union of its threads' children lists
// (/proc/<pid>/task/<tid>/children; a child belongs to the thread that
// forked it). Cheaper than scanning all of /proc on every poll.
std::vector<pid_t> Children(pid_t pid) {
  std::vector<pid_t> out;
  DIR* dir = opendir(ProcPath(pid, "task").c_str());
  if (dir == nullptr) return out;
  while (dirent* e = readdir(dir)) {
    if (e->d_name[0] == '.') continue;
    std::istringstream in(ReadAll(ProcPath(pid, "task/") + e->d_name + "/children"));
    for (pid_t child = 0; in >> child;) out.push_back(child);
  }
  closedir(dir);
  return out;
}

}  // namespace

ProcessMemory ReadProcessMemory(pid_t pid) {
  const std::string status = ReadAll(ProcPath(pid, "status"));
  const std::string rollup = ReadAll(ProcPath(pid, "smaps_rollup"));
  ProcessMemory m;
  m.rss_kib = Field(status, "VmRSS");
  m.hwm_kib = Field(status, "VmHWM");
  m.threads = static_cast<int>(Field(status, "Threads"));
  m.pss_kib = Field(rollup, "Pss");
  m.anon_kib = Field(rollup, "Anonymous");
  return m;
}

std::map<std::string, MappingMemory> MemoryByMapping(pid_t pid) {
  std::map<std::string, MappingMemory> out;
  std::ifstream in(ProcPath(pid, "smaps"));
  std::string line, name;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string first;
    words >> first;
    if (first.find('-') != std::string::npos && first.back() != ':') {
      // "start-end perms offset dev inode [path]"
      std::string perms, offset, dev, inode, path;
      words >> perms >> offset >> dev >> inode >> path;
      name = path.empty() ? "[anon]" : path.substr(path.rfind('/') + 1);
      continue;
    }
    long kib = 0;
    words >> kib;
    if (first == "Rss:") out[name].rss_kib += kib;
    if (first == "Anonymous:") out[name].anon_kib += kib;
  }
  return out;
}

long HighWaterKib(pid_t pid) { return Field(ReadAll(ProcPath(pid, "status")), "VmHWM"); }

double CpuSeconds(pid_t pid) {
  const std::string stat = ReadAll(ProcPath(pid, "stat"));
  const size_t close = stat.rfind(')');
  if (close == std::string::npos) return 0;
  std::istringstream rest(stat.substr(close + 2));
  std::string field;
  long utime = 0, stime = 0;
  // Fields 3..13 precede utime (14) and stime (15).
  for (int i = 3; i <= 13; ++i) rest >> field;
  rest >> utime >> stime;
  return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

double ThreadCpuMs(pid_t pid) {
  double ns = 0;
  DIR* dir = opendir(ProcPath(pid, "task").c_str());
  if (dir == nullptr) return 0;
  while (dirent* e = readdir(dir)) {
    if (e->d_name[0] == '.') continue;
    std::istringstream in(ReadAll(ProcPath(pid, "task/") + e->d_name + "/schedstat"));
    double on_cpu = 0;
    in >> on_cpu;
    ns += on_cpu;
  }
  closedir(dir);
  return ns / 1e6;
}

std::string Comm(pid_t pid) {
  std::string comm = ReadAll(ProcPath(pid, "comm"));
  while (!comm.empty() && comm.back() == '\n') comm.pop_back();
  return comm;
}

std::vector<pid_t> Descendants(pid_t root) {
  std::vector<pid_t> out, frontier{root};
  while (!frontier.empty()) {
    const pid_t p = frontier.back();
    frontier.pop_back();
    for (pid_t child : Children(p)) {
      out.push_back(child);
      frontier.push_back(child);
    }
  }
  return out;
}

std::vector<pid_t> ChildrenNamed(pid_t parent, const std::string& comm) {
  std::vector<pid_t> out;
  for (pid_t child : Children(parent)) {
    if (Comm(child) == comm) out.push_back(child);
  }
  return out;
}

PeakSampler::PeakSampler(pid_t root) : root_(root), thread_([this] { Poll(); }) {}

PeakSampler::~PeakSampler() { Stop(); }

void PeakSampler::Stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

long PeakSampler::PeakKib(const std::string& comm) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = peak_kib_.find(comm);
  return it == peak_kib_.end() ? 0 : it->second;
}

int PeakSampler::Processes(const std::string& comm) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = seen_.find(comm);
  return it == seen_.end() ? 0 : static_cast<int>(it->second.size());
}

double PeakSampler::CpuSeconds(const std::string& comm) const {
  std::lock_guard<std::mutex> lock(mu_);
  double total = 0;
  for (const auto& [pid, seen] : cpu_) {
    if (seen.first == comm) total += seen.second;
  }
  return total;
}

void PeakSampler::Poll() {
  while (!stop_) {
    for (pid_t pid : Descendants(root_)) {
      const std::string comm = Comm(pid);
      const long hwm = HighWaterKib(pid);
      const double cpu = bench::CpuSeconds(pid);
      if (comm.empty() || hwm == 0) continue;  // gone meanwhile
      std::lock_guard<std::mutex> lock(mu_);
      cpu_[pid] = {comm, std::max(cpu_[pid].second, cpu)};
      peak_kib_[comm] = std::max(peak_kib_[comm], hwm);
      seen_[comm].insert(pid);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

}  // namespace polybackup::bench
