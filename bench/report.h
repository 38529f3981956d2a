// What every section of polybackup_bench reports with: order statistics of
// samples, a text table for the terminal, and the JSON the same figures go
// to (bench/README.md describes both).
#ifndef POLYBACKUP_BENCH_REPORT_H_
#define POLYBACKUP_BENCH_REPORT_H_

#include <cstdio>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace polybackup::bench {

// Order statistics of one series of samples (nearest-rank percentiles).
struct Summary {
  size_t n = 0;
  double min = 0, p50 = 0, p90 = 0, p99 = 0, max = 0;
};
Summary Summarize(std::vector<double> samples);
// {"n", "min", "p50", "p90", "p99", "max"}.
nlohmann::json ToJson(const Summary& s);

// `value` with `digits` decimals; "-" for nullopt.
std::string Fixed(std::optional<double> value, int digits = 1);

// A table printed with aligned columns: the first left-aligned, the others
// right-aligned. Cells are text; rows may be shorter than the header.
class Table {
 public:
  Table(std::string title, std::vector<std::string> columns);
  void AddRow(std::vector<std::string> cells);
  void AddNote(std::string note);  // printed under the table
  void Print(std::FILE* out) const;

 private:
  std::string title_;
  std::vector<std::string> columns_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<std::string> notes_;
};

// One target of issue 13 and whether this run meets it.
struct Verdict {
  std::string target;       // "handshake <= 5 ms"
  std::string measured;     // "7.9 ms"
  std::optional<bool> met;  // nullopt: not measured in this run
};
nlohmann::json ToJson(const Verdict& v);
void PrintVerdicts(const std::vector<Verdict>& verdicts, std::FILE* out);

}  // namespace polybackup::bench

#endif  // POLYBACKUP_BENCH_REPORT_H_
