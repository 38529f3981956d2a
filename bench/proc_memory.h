// What /proc says about a process: its memory, threads, CPU time and
// children. Linux only; a process that is gone reads as zeros.
#ifndef POLYBACKUP_BENCH_PROC_MEMORY_H_
#define POLYBACKUP_BENCH_PROC_MEMORY_H_

#include <sys/types.h>

#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace polybackup::bench {

struct ProcessMemory {
  long rss_kib = 0;  // VmRSS: every resident page, shared library text included
  long hwm_kib = 0;  // VmHWM: the largest VmRSS so far
  long pss_kib = 0;  // Pss: shared pages divided among the processes mapping them
  // Anonymous: memory of this process alone (heap, stacks, written data); the
  // rest of VmRSS is file pages (program and library text) shared with every
  // process that maps the same file.
  long anon_kib = 0;
  int threads = 0;
};
ProcessMemory ReadProcessMemory(pid_t pid);
// Resident and anonymous KiB by mapping (/proc/<pid>/smaps), keyed by the
// mapped file's name or [heap] / [stack] / [anon]: where the RSS goes.
struct MappingMemory {
  long rss_kib = 0;
  long anon_kib = 0;
};
std::map<std::string, MappingMemory> MemoryByMapping(pid_t pid);
// VmHWM alone (cheap: /proc/<pid>/status only).
long HighWaterKib(pid_t pid);

// User + system CPU seconds the process has used so far (clock ticks).
double CpuSeconds(pid_t pid);
// CPU time of the process's live threads so far, in milliseconds, to the
// nanosecond (/proc/<pid>/task/*/schedstat); threads that ended are missed.
double ThreadCpuMs(pid_t pid);
// /proc/<pid>/comm (at most 15 characters), "" when gone.
std::string Comm(pid_t pid);
// The process's children, grandchildren and so on, at this moment.
std::vector<pid_t> Descendants(pid_t root);
// The direct children of `parent` named `comm`.
std::vector<pid_t> ChildrenNamed(pid_t parent, const std::string& comm);

// Polls the descendants of one process every 10 ms while it lives and keeps,
// per process name (/proc comm: Terraform's providers all show as
// "terraform-provi"), the largest VmHWM seen, how many such processes
// there were and the CPU time they used. Processes that live less than a poll may be missed; VmHWM
// covers a peak between two polls of a process that is seen.
class PeakSampler {
 public:
  explicit PeakSampler(pid_t root);
  ~PeakSampler();  // stops polling
  PeakSampler(const PeakSampler&) = delete;
  PeakSampler& operator=(const PeakSampler&) = delete;

  void Stop();
  long PeakKib(const std::string& comm) const;
  int Processes(const std::string& comm) const;
  // CPU seconds of the processes of that name, each as last seen (up to one
  // poll and a clock tick short).
  double CpuSeconds(const std::string& comm) const;

 private:
  void Poll();

  const pid_t root_;
  std::atomic<bool> stop_{false};
  mutable std::mutex mu_;
  std::map<std::string, long> peak_kib_;
  std::map<std::string, std::set<pid_t>> seen_;
  std::map<pid_t, std::pair<std::string, double>> cpu_;  // pid -> comm, CPU seconds
  std::thread thread_;
};

}  // namespace polybackup::bench

#endif  // POLYBACKUP_BENCH_PROC_MEMORY_H_
