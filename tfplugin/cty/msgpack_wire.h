// Internal: a bounds-checked msgpack reader and a writer, just the subset of
// the msgpack spec (github.com/msgpack/msgpack/blob/master/spec.md) that cty
// uses. Not part of the public cty contract; msgpack.h is.
#ifndef POLYBACKUP_TFPLUGIN_CTY_MSGPACK_WIRE_H_
#define POLYBACKUP_TFPLUGIN_CTY_MSGPACK_WIRE_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace polybackup::cty::wire {

// go-cty's extension type for an unknown with refinements (cty/msgpack/unknown.go).
inline constexpr int8_t kRefinedUnknownExt = 12;

// One msgpack item header. For kStr/kBin/kExt `payload` is the item's bytes;
// for kArray/kMap `count` is the number of elements (pairs for maps), which
// are still to be read.
struct Head {
  enum class Tag { kNil, kBool, kInt, kUint, kFloat32, kFloat64, kStr, kBin, kArray, kMap, kExt };
  Tag tag = Tag::kNil;
  bool b = false;
  int64_t i = 0;   // kInt (negative or signed-encoded values)
  uint64_t u = 0;  // kUint
  double f = 0;    // kFloat32 (widened exactly) / kFloat64
  uint32_t count = 0;
  int8_t ext_type = 0;
  std::string_view payload;
};

enum class ReadError { kNone, kTruncated, kInvalid };

class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}

  bool at_end() const { return pos_ >= data_.size(); }
  size_t position() const { return pos_; }
  // The first byte of the next item; false at the end of the data.
  bool PeekByte(uint8_t& b) const;
  static bool IsExtByte(uint8_t b) { return (b >= 0xc7 && b <= 0xc9) || (b >= 0xd4 && b <= 0xd8); }

  // Reads the next header. Declared lengths are checked against the bytes
  // that remain (an array of n items needs >= n bytes, a map >= 2n), so a
  // hostile length can never cause a large allocation or an overread.
  ReadError ReadHead(Head& head);
  // Skips one complete item; false on malformed input or nesting > max_depth.
  bool Skip(int max_depth);

 private:
  bool Take(size_t n, std::string_view& out);
  bool BigEndian(size_t n, uint64_t& out);

  std::string_view data_;
  size_t pos_ = 0;
};

class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}
  void Nil() { out_ += static_cast<char>(0xc0); }
  void Bool(bool b) { out_ += static_cast<char>(b ? 0xc3 : 0xc2); }
  // Smallest encoding, as vmihailenco/msgpack with UseCompactInts (what cty
  // and Terraform use): non-negative values as fixint/uint8..64, negative as
  // negative fixint/int8..64.
  void Int(int64_t v);
  void Uint(uint64_t v);
  void Float64(double v);
  void Str(std::string_view s);
  void Bin(std::string_view s);
  void ArrayHeader(uint32_t n);
  void MapHeader(uint32_t n);
  // Extension header for a payload of `len` bytes (fixext1/2/4/8/16 when the
  // size fits, else ext8/16/32), followed by the caller's payload.
  void ExtHeader(int8_t type, uint32_t len);
  void Raw(std::string_view bytes) { out_ += bytes; }

 private:
  void BigEndian(uint64_t v, int bytes);
  std::string& out_;
};

}  // namespace polybackup::cty::wire

#endif  // POLYBACKUP_TFPLUGIN_CTY_MSGPACK_WIRE_H_
