#include "tfplugin/cty/msgpack_wire.h"

#include <cstring>

namespace polybackup::cty::wire {

bool Reader::PeekByte(uint8_t& b) const {
  if (at_end()) return false;
  b = static_cast<uint8_t>(data_[pos_]);
  return true;
}

bool Reader::Take(size_t n, std::string_view& out) {
  if (n > data_.size() - pos_) return false;
  out = data_.substr(pos_, n);
  pos_ += n;
  return true;
}

bool Reader::BigEndian(size_t n, uint64_t& out) {
  std::string_view bytes;
  if (!Take(n, bytes)) return false;
  out = 0;
  for (char c : bytes) out = (out << 8) | static_cast<uint8_t>(c);
  return true;
}

ReadError Reader::ReadHead(Head& h) {
  using Tag = Head::Tag;
  std::string_view one;
  if (!Take(1, one)) return ReadError::kTruncated;
  const auto b = static_cast<uint8_t>(one[0]);
  uint64_t v = 0;
  size_t len_bytes = 0;  // for str/bin/array/map/ext with explicit lengths
  h = Head();
  if (b <= 0x7f) {
    h.tag = Tag::kUint;
    h.u = b;
    return ReadError::kNone;
  }
  if (b >= 0xe0) {
    h.tag = Tag::kInt;
    h.i = static_cast<int8_t>(b);
    return ReadError::kNone;
  }
  if ((b & 0xf0) == 0x80 || (b & 0xf0) == 0x90) {
    h.tag = (b & 0xf0) == 0x80 ? Tag::kMap : Tag::kArray;
    v = b & 0x0f;
  } else if ((b & 0xe0) == 0xa0) {
    h.tag = Tag::kStr;
    v = b & 0x1f;
  } else {
    switch (b) {
      case 0xc0:
        h.tag = Tag::kNil;
        return ReadError::kNone;
      case 0xc2:
      case 0xc3:
        h.tag = Tag::kBool;
        h.b = b == 0xc3;
        return ReadError::kNone;
      case 0xc4:
      case 0xc5:
      case 0xc6:  // bin 8/16/32
        h.tag = Tag::kBin;
        len_bytes = size_t{1} << (b - 0xc4);
        break;
      case 0xc7:
      case 0xc8:
      case 0xc9:  // ext 8/16/32
        h.tag = Tag::kExt;
        len_bytes = size_t{1} << (b - 0xc7);
        break;
      case 0xca:
      case 0xcb: {  // float 32/64
        if (!BigEndian(b == 0xca ? 4 : 8, v)) return ReadError::kTruncated;
        if (b == 0xca) {
          auto bits = static_cast<uint32_t>(v);
          float f;
          std::memcpy(&f, &bits, 4);
          h.tag = Tag::kFloat32;
          h.f = f;
        } else {
          double d;
          std::memcpy(&d, &v, 8);
          h.tag = Tag::kFloat64;
          h.f = d;
        }
        return ReadError::kNone;
      }
      case 0xcc:
      case 0xcd:
      case 0xce:
      case 0xcf:  // uint 8..64
        if (!BigEndian(size_t{1} << (b - 0xcc), v)) return ReadError::kTruncated;
        h.tag = Tag::kUint;
        h.u = v;
        return ReadError::kNone;
      case 0xd0:
      case 0xd1:
      case 0xd2:
      case 0xd3: {  // int 8..64
        const size_t n = size_t{1} << (b - 0xd0);
        if (!BigEndian(n, v)) return ReadError::kTruncated;
        h.tag = Tag::kInt;
        // Sign-extend from n bytes.
        const int shift = static_cast<int>(64 - 8 * n);
        h.i = static_cast<int64_t>(v << shift) >> shift;
        return ReadError::kNone;
      }
      case 0xd4:
      case 0xd5:
      case 0xd6:
      case 0xd7:
      case 0xd8: {  // fixext 1..16
        std::string_view t;
        if (!Take(1, t)) return ReadError::kTruncated;
        h.tag = Tag::kExt;
        h.ext_type = static_cast<int8_t>(t[0]);
        if (!Take(size_t{1} << (b - 0xd4), h.payload)) return ReadError::kTruncated;
        return ReadError::kNone;
      }
      case 0xd9:
      case 0xda:
      case 0xdb:  // str 8/16/32
        h.tag = Tag::kStr;
        len_bytes = size_t{1} << (b - 0xd9);
        break;
      case 0xdc:
      case 0xdd:  // array 16/32
        h.tag = Tag::kArray;
        len_bytes = b == 0xdc ? 2 : 4;
        break;
      case 0xde:
      case 0xdf:  // map 16/32
        h.tag = Tag::kMap;
        len_bytes = b == 0xde ? 2 : 4;
        break;
      default:  // 0xc1 is never used
        return ReadError::kInvalid;
    }
    if (!BigEndian(len_bytes, v)) return ReadError::kTruncated;
  }
  const size_t remaining = data_.size() - pos_;
  switch (h.tag) {
    case Tag::kArray:
      if (v > remaining) return ReadError::kTruncated;
      h.count = static_cast<uint32_t>(v);
      return ReadError::kNone;
    case Tag::kMap:
      if (v * 2 > remaining) return ReadError::kTruncated;
      h.count = static_cast<uint32_t>(v);
      return ReadError::kNone;
    case Tag::kExt: {
      std::string_view t;
      if (!Take(1, t)) return ReadError::kTruncated;
      h.ext_type = static_cast<int8_t>(t[0]);
      [[fallthrough]];
    }
    default:
      if (!Take(static_cast<size_t>(v), h.payload)) return ReadError::kTruncated;
      return ReadError::kNone;
  }
}

bool Reader::Skip(int max_depth) {
  if (max_depth < 0) return false;
  Head h;
  if (ReadHead(h) != ReadError::kNone) return false;
  uint64_t items = h.tag == Head::Tag::kArray ? h.count
                   : h.tag == Head::Tag::kMap ? 2ull * h.count
                                              : 0;
  for (uint64_t i = 0; i < items; ++i) {
    if (!Skip(max_depth - 1)) return false;
  }
  return true;
}

void Writer::BigEndian(uint64_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out_ += static_cast<char>((v >> (8 * i)) & 0xff);
}

void Writer::Uint(uint64_t v) {
  if (v <= 0x7f) {
    out_ += static_cast<char>(v);
  } else if (v <= 0xff) {
    out_ += static_cast<char>(0xcc);
    BigEndian(v, 1);
  } else if (v <= 0xffff) {
    out_ += static_cast<char>(0xcd);
    BigEndian(v, 2);
  } else if (v <= 0xffffffffull) {
    out_ += static_cast<char>(0xce);
    BigEndian(v, 4);
  } else {
    out_ += static_cast<char>(0xcf);
    BigEndian(v, 8);
  }
}

void Writer::Int(int64_t v) {
  if (v >= 0) return Uint(static_cast<uint64_t>(v));
  const auto u = static_cast<uint64_t>(v);
  if (v >= -32) {
    out_ += static_cast<char>(v);
  } else if (v >= INT8_MIN) {
    out_ += static_cast<char>(0xd0);
    BigEndian(u, 1);
  } else if (v >= INT16_MIN) {
    out_ += static_cast<char>(0xd1);
    BigEndian(u, 2);
  } else if (v >= INT32_MIN) {
    out_ += static_cast<char>(0xd2);
    BigEndian(u, 4);
  } else {
    out_ += static_cast<char>(0xd3);
    BigEndian(u, 8);
  }
}

void Writer::Float64(double v) {
  uint64_t bits;
  std::memcpy(&bits, &v, 8);
  out_ += static_cast<char>(0xcb);
  BigEndian(bits, 8);
}

void Writer::Str(std::string_view s) {
  const uint64_t n = s.size();
  if (n <= 31) {
    out_ += static_cast<char>(0xa0 | n);
  } else if (n <= 0xff) {
    out_ += static_cast<char>(0xd9);
    BigEndian(n, 1);
  } else if (n <= 0xffff) {
    out_ += static_cast<char>(0xda);
    BigEndian(n, 2);
  } else {
    out_ += static_cast<char>(0xdb);
    BigEndian(n, 4);
  }
  out_ += s;
}

void Writer::Bin(std::string_view s) {
  const uint64_t n = s.size();
  if (n <= 0xff) {
    out_ += static_cast<char>(0xc4);
    BigEndian(n, 1);
  } else if (n <= 0xffff) {
    out_ += static_cast<char>(0xc5);
    BigEndian(n, 2);
  } else {
    out_ += static_cast<char>(0xc6);
    BigEndian(n, 4);
  }
  out_ += s;
}

void Writer::ArrayHeader(uint32_t n) {
  if (n <= 15) {
    out_ += static_cast<char>(0x90 | n);
  } else if (n <= 0xffff) {
    out_ += static_cast<char>(0xdc);
    BigEndian(n, 2);
  } else {
    out_ += static_cast<char>(0xdd);
    BigEndian(n, 4);
  }
}

void Writer::MapHeader(uint32_t n) {
  if (n <= 15) {
    out_ += static_cast<char>(0x80 | n);
  } else if (n <= 0xffff) {
    out_ += static_cast<char>(0xde);
    BigEndian(n, 2);
  } else {
    out_ += static_cast<char>(0xdf);
    BigEndian(n, 4);
  }
}

void Writer::ExtHeader(int8_t type, uint32_t len) {
  switch (len) {
    case 1:
      out_ += static_cast<char>(0xd4);
      break;
    case 2:
      out_ += static_cast<char>(0xd5);
      break;
    case 4:
      out_ += static_cast<char>(0xd6);
      break;
    case 8:
      out_ += static_cast<char>(0xd7);
      break;
    case 16:
      out_ += static_cast<char>(0xd8);
      break;
    default:
      if (len <= 0xff) {
        out_ += static_cast<char>(0xc7);
        BigEndian(len, 1);
      } else if (len <= 0xffff) {
        out_ += static_cast<char>(0xc8);
        BigEndian(len, 2);
      } else {
        out_ += static_cast<char>(0xc9);
        BigEndian(len, 4);
      }
  }
  out_ += static_cast<char>(type);
}

}  // namespace polybackup::cty::wire
