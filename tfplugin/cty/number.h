// Number: an exact decimal, as cty.Number (512-bit big.Float) carries it.
//
// Stored as canonical decimal text: optional '-', digits, optional '.' and
// fraction digits, no exponent, no leading zeros (except "0"), no trailing
// fraction zeros, no "-0". "1e3", "1000.0" and "1000" all canonicalise to
// "1000", so equality is text equality. Infinity is "+Inf" / "-Inf" (cty
// allows both; msgpack carries them as float64). NaN is not a cty number.
#ifndef POLYBACKUP_TFPLUGIN_CTY_NUMBER_H_
#define POLYBACKUP_TFPLUGIN_CTY_NUMBER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace polybackup::cty {

class Number {
 public:
  Number() : text_("0") {}
  // Parses decimal text with optional exponent ("12", "-0.5", "1.5e-7", "1E+30").
  static absl::StatusOr<Number> Parse(std::string_view text);
  static Number FromInt(int64_t v);
  static Number FromUint(uint64_t v);
  // Exact decimal expansion of a finite double (what cty does with a float64
  // from msgpack), or +Inf/-Inf.
  static Number FromDouble(double v);
  static Number PositiveInfinity();
  static Number NegativeInfinity();

  const std::string& text() const { return text_; }  // canonical form
  bool is_integer() const;
  bool is_infinity() const;
  std::optional<int64_t> ToInt64() const;  // nullopt if not an integer in range
  std::optional<uint64_t> ToUint64() const;
  // Exact as a double (round-trips), else nullopt.
  std::optional<double> ToExactDouble() const;

  // Total order by value (-Inf < finite < +Inf).
  int Compare(const Number& other) const;
  friend bool operator==(const Number& a, const Number& b) { return a.text_ == b.text_; }
  friend bool operator!=(const Number& a, const Number& b) { return a.text_ != b.text_; }
  friend bool operator<(const Number& a, const Number& b) { return a.Compare(b) < 0; }

 private:
  explicit Number(std::string canonical) : text_(std::move(canonical)) {}
  std::string text_;
};

}  // namespace polybackup::cty

#endif  // POLYBACKUP_TFPLUGIN_CTY_NUMBER_H_
