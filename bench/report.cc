#include "bench/report.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_format.h"

namespace polybackup::bench {

Summary Summarize(std::vector<double> samples) {
  Summary s;
  if (samples.empty()) return s;
  std::sort(samples.begin(), samples.end());
  // Nearest rank: the smallest sample with at least q of them at or below it.
  auto at = [&](double q) {
    size_t rank = static_cast<size_t>(std::ceil(q * static_cast<double>(samples.size())));
    return samples[std::clamp<size_t>(rank, 1, samples.size()) - 1];
  };
  s.n = samples.size();
  s.min = samples.front();
  s.p50 = at(0.50);
  s.p90 = at(0.90);
  s.p99 = at(0.99);
  s.max = samples.back();
  return s;
}

nlohmann::json ToJson(const Summary& s) {
  return {{"n", s.n},     {"min", s.min}, {"p50", s.p50},
          {"p90", s.p90}, {"p99", s.p99}, {"max", s.max}};
}

std::string Fixed(std::optional<double> value, int digits) {
  if (!value.has_value()) return "-";
  return absl::StrFormat("%.*f", digits, *value);
}

Table::Table(std::string title, std::vector<std::string> columns)
    : title_(std::move(title)), columns_(std::move(columns)) {}

void Table::AddRow(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }

void Table::AddNote(std::string note) { notes_.push_back(std::move(note)); }

void Table::Print(std::FILE* out) const {
  std::vector<size_t> width(columns_.size(), 0);
  auto widen = [&](const std::vector<std::string>& cells) {
    for (size_t i = 0; i < cells.size() && i < width.size(); ++i) {
      width[i] = std::max(width[i], cells[i].size());
    }
  };
  widen(columns_);
  for (const auto& row : rows_) widen(row);
  auto line = [&](const std::vector<std::string>& cells) {
    std::string text;
    for (size_t i = 0; i < width.size(); ++i) {
      const std::string cell = i < cells.size() ? cells[i] : "";
      const std::string pad(width[i] - std::min(width[i], cell.size()), ' ');
      text += (i == 0 ? cell + pad : "  " + pad + cell);
    }
    std::fprintf(out, "  %s\n", text.c_str());
  };
  std::fprintf(out, "\n%s\n", title_.c_str());
  line(columns_);
  size_t total = 0;
  for (size_t w : width) total += w + 2;
  std::fprintf(out, "  %s\n", std::string(total - 2, '-').c_str());
  for (const auto& row : rows_) line(row);
  for (const auto& note : notes_) std::fprintf(out, "  %s\n", note.c_str());
}

nlohmann::json ToJson(const Verdict& v) {
  nlohmann::json j = {{"target", v.target}, {"measured", v.measured}};
  j["met"] = v.met.has_value() ? nlohmann::json(*v.met) : nlohmann::json();
  return j;
}

void PrintVerdicts(const std::vector<Verdict>& verdicts, std::FILE* out) {
  Table t("Targets (issue 13)", {"target", "measured", "met"});
  for (const Verdict& v : verdicts) {
    t.AddRow({v.target, v.measured, !v.met.has_value() ? "not measured" : *v.met ? "yes" : "NO"});
  }
  t.Print(out);
}

}  // namespace polybackup::bench
