#include "tfplugin/cty/number.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace polybackup::cty {
namespace {

// cty keeps numbers as 512-bit big.Floats whose decimal rendering can be long
// (1e400 is 401 digits), but an exponent like 1e999999999 would make the
// canonical text gigabytes long. Refuse numbers whose canonical text would
// exceed this many digits; no real configuration comes close.
constexpr int64_t kMaxDigits = 4096;

// Builds the canonical text of sign * 0.D * 10^point, where D is a digit
// string. Returns "" if the result would be longer than kMaxDigits.
std::string Canonical(bool negative, std::string_view digits, int64_t point) {
  size_t first = digits.find_first_not_of('0');
  if (first == std::string_view::npos) return "0";
  point -= static_cast<int64_t>(first);
  digits.remove_prefix(first);
  digits.remove_suffix(digits.size() - 1 - digits.find_last_not_of('0'));
  const auto n = static_cast<int64_t>(digits.size());
  if (point > kMaxDigits || -point > kMaxDigits || n > kMaxDigits) return "";
  std::string out;
  out.reserve(static_cast<size_t>(n + (point < 0 ? -point : point) + 3));
  if (negative) out += '-';
  if (point <= 0) {
    out += "0.";
    out.append(static_cast<size_t>(-point), '0');
    out += digits;
  } else if (point >= n) {
    out += digits;
    out.append(static_cast<size_t>(point - n), '0');
  } else {
    out += digits.substr(0, static_cast<size_t>(point));
    out += '.';
    out += digits.substr(static_cast<size_t>(point));
  }
  return out;
}

// Little-endian base-1e9 magnitude, just enough to expand a double exactly.
class BigDecimal {
 public:
  explicit BigDecimal(uint64_t v) {
    do {
      limbs_.push_back(static_cast<uint32_t>(v % kBase));
      v /= kBase;
    } while (v != 0);
  }
  void Multiply(uint32_t f) {  // f < 2^32 keeps every step inside uint64
    uint64_t carry = 0;
    for (auto& limb : limbs_) {
      uint64_t cur = static_cast<uint64_t>(limb) * f + carry;
      limb = static_cast<uint32_t>(cur % kBase);
      carry = cur / kBase;
    }
    while (carry != 0) {
      limbs_.push_back(static_cast<uint32_t>(carry % kBase));
      carry /= kBase;
    }
  }
  std::string ToString() const {
    std::string out = std::to_string(limbs_.back());
    for (size_t i = limbs_.size() - 1; i-- > 0;) {
      std::string part = std::to_string(limbs_[i]);
      out.append(9 - part.size(), '0');
      out += part;
    }
    return out;
  }

 private:
  static constexpr uint64_t kBase = 1000000000;
  std::vector<uint32_t> limbs_;
};

// Splits canonical text into sign and magnitude ("-1.5" -> true, "1.5").
std::string_view Magnitude(std::string_view t, bool& negative) {
  negative = !t.empty() && t[0] == '-';
  if (negative || (!t.empty() && t[0] == '+')) t.remove_prefix(1);
  return t;
}

int CompareMagnitude(std::string_view a, std::string_view b) {
  size_t ap = a.find('.'), bp = b.find('.');
  std::string_view ai = a.substr(0, ap), bi = b.substr(0, bp);
  if (ai.size() != bi.size()) return ai.size() < bi.size() ? -1 : 1;
  if (int c = ai.compare(bi); c != 0) return c < 0 ? -1 : 1;
  // Canonical fractions have no trailing zeros, so plain string order is
  // numeric order ("5" < "51", and a proper prefix is always smaller).
  std::string_view af = ap == std::string_view::npos ? "" : a.substr(ap + 1);
  std::string_view bf = bp == std::string_view::npos ? "" : b.substr(bp + 1);
  int c = af.compare(bf);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

}  // namespace

absl::StatusOr<Number> Number::Parse(std::string_view text) {
  auto bad = [&]() {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", std::string(text.substr(0, 64)), "\" is not a valid number"));
  };
  std::string_view s = text;
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  if (absl::EqualsIgnoreCase(std::string(s), "inf") ||
      absl::EqualsIgnoreCase(std::string(s), "infinity")) {
    return negative ? NegativeInfinity() : PositiveInfinity();
  }
  std::string digits;
  int64_t point = 0;
  size_t i = 0;
  bool any_digit = false;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
    digits += s[i];
    ++point;
    any_digit = true;
  }
  if (i < s.size() && s[i] == '.') {
    for (++i; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
      digits += s[i];
      any_digit = true;
    }
  }
  if (!any_digit) return bad();
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) exp_negative = s[i++] == '-';
    if (i == s.size()) return bad();
    int64_t exp = 0;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
      if (exp < 1'000'000'000) exp = exp * 10 + (s[i] - '0');  // clamp; range checked below
    }
    point += exp_negative ? -exp : exp;
  }
  if (i != s.size()) return bad();
  std::string canonical = Canonical(negative, digits, point);
  if (canonical.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("number \"", std::string(text.substr(0, 64)),
                                                   "\" is outside the supported range"));
  }
  return Number(std::move(canonical));
}

Number Number::FromInt(int64_t v) { return Number(std::to_string(v)); }
Number Number::FromUint(uint64_t v) { return Number(std::to_string(v)); }
Number Number::PositiveInfinity() { return Number("+Inf"); }
Number Number::NegativeInfinity() { return Number("-Inf"); }

Number Number::FromDouble(double v) {
  if (std::isinf(v)) return v > 0 ? PositiveInfinity() : NegativeInfinity();
  if (std::isnan(v) || v == 0) return Number("0");  // NaN is not a cty number
  bool negative = std::signbit(v);
  int exp = 0;
  double m = std::frexp(std::fabs(v), &exp);  // |v| = m * 2^exp, m in [0.5, 1)
  auto mant = static_cast<uint64_t>(std::ldexp(m, 53));
  exp -= 53;
  while ((mant & 1) == 0) {
    mant >>= 1;
    ++exp;
  }
  BigDecimal big(mant);
  int64_t point;
  if (exp >= 0) {
    for (int left = exp; left > 0; left -= 16) big.Multiply(1u << (left < 16 ? left : 16));
    std::string digits = big.ToString();
    point = static_cast<int64_t>(digits.size());
    return Number(Canonical(negative, digits, point));
  }
  // mant * 2^-k = mant * 5^k / 10^k.
  for (int left = -exp; left > 0; left -= 13) {
    uint32_t f = 1;
    for (int j = 0; j < (left < 13 ? left : 13); ++j) f *= 5;
    big.Multiply(f);
  }
  std::string digits = big.ToString();
  point = static_cast<int64_t>(digits.size()) + exp;
  return Number(Canonical(negative, digits, point));
}

bool Number::is_integer() const { return !is_infinity() && text_.find('.') == std::string::npos; }
bool Number::is_infinity() const { return text_ == "+Inf" || text_ == "-Inf"; }

std::optional<int64_t> Number::ToInt64() const {
  if (!is_integer()) return std::nullopt;
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text_.data(), text_.data() + text_.size(), v);
  if (ec != std::errc() || end != text_.data() + text_.size()) return std::nullopt;
  return v;
}

std::optional<uint64_t> Number::ToUint64() const {
  if (!is_integer() || text_[0] == '-') return std::nullopt;
  uint64_t v = 0;
  auto [end, ec] = std::from_chars(text_.data(), text_.data() + text_.size(), v);
  if (ec != std::errc() || end != text_.data() + text_.size()) return std::nullopt;
  return v;
}

std::optional<double> Number::ToExactDouble() const {
  if (text_ == "+Inf") return HUGE_VAL;
  if (text_ == "-Inf") return -HUGE_VAL;
  double d = 0;
  auto [end, ec] = std::from_chars(text_.data(), text_.data() + text_.size(), d);
  if (ec != std::errc() || end != text_.data() + text_.size()) return std::nullopt;
  // from_chars rounds correctly; the number is exact iff expanding the double
  // back gives the same canonical text.
  if (FromDouble(d).text_ != text_) return std::nullopt;
  return d;
}

int Number::Compare(const Number& other) const {
  if (text_ == other.text_) return 0;
  auto rank = [](const std::string& t) { return t == "-Inf" ? -1 : (t == "+Inf" ? 1 : 0); };
  int ra = rank(text_), rb = rank(other.text_);
  if (ra != rb || ra != 0) return ra < rb ? -1 : (ra > rb ? 1 : 0);
  bool na = false, nb = false;
  std::string_view ma = Magnitude(text_, na), mb = Magnitude(other.text_, nb);
  if (na != nb) return na ? -1 : 1;
  int c = CompareMagnitude(ma, mb);
  return na ? -c : c;
}

}  // namespace polybackup::cty
