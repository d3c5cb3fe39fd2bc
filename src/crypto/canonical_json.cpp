#include "crypto/canonical_json.hpp"

#include <charconv>
#include <cstdint>

namespace licensor::crypto {
namespace {

using Json = nlohmann::json;
constexpr int kMaxDepth = 64;

class CanonicalParser {
 public:
  explicit CanonicalParser(std::string_view text) : text_(text) {}

  bool ParseDocument(Json& out) {
    if (Peek() != '{' || !ParseValue(out, 0)) return false;
    return pos_ == text_.size();
  }

 private:
  int Peek() const { return pos_ < text_.size() ? static_cast<unsigned char>(text_[pos_]) : -1; }
  bool Take(char c) {
    if (Peek() != static_cast<unsigned char>(c)) return false;
    ++pos_;
    return true;
  }
  bool TakeWord(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  bool ParseValue(Json& out, int depth) {
    if (depth > kMaxDepth) return false;
    switch (Peek()) {
      case '{':
        return ParseObject(out, depth);
      case '[':
        return ParseArray(out, depth);
      case '"': {
        std::string s;
        if (!ParseString(s)) return false;
        out = std::move(s);
        return true;
      }
      case 't':
        out = true;
        return TakeWord("true");
      case 'f':
        out = false;
        return TakeWord("false");
      case 'n':
        out = nullptr;
        return TakeWord("null");
      default:
        return ParseInteger(out);
    }
  }

  bool ParseObject(Json& out, int depth) {
    ++pos_;  // '{'
    out = Json::object();
    auto& members = out.get_ref<Json::object_t&>();
    if (Take('}')) return true;
    do {
      std::string key;
      if (!ParseString(key) || !Take(':')) return false;
      // Keys must come in strictly increasing order: sorted, and none repeated.
      if (!members.empty() && !(members.rbegin()->first < key)) return false;
      Json value;
      if (!ParseValue(value, depth + 1)) return false;
      members.emplace_hint(members.end(), std::move(key), std::move(value));
    } while (Take(','));
    return Take('}');
  }

  bool ParseArray(Json& out, int depth) {
    ++pos_;  // '['
    out = Json::array();
    if (Take(']')) return true;
    do {
      Json value;
      if (!ParseValue(value, depth + 1)) return false;
      out.push_back(std::move(value));
    } while (Take(','));
    return Take(']');
  }

  // -?(0|[1-9][0-9]*), no fraction or exponent, no "-0", within the 64-bit integer range.
  bool ParseInteger(Json& out) {
    const std::size_t start = pos_;
    const bool negative = Take('-');
    const std::size_t digits = pos_;
    while (Peek() >= '0' && Peek() <= '9') ++pos_;
    const std::size_t count = pos_ - digits;
    if (count == 0 || (text_[digits] == '0' && (count > 1 || negative))) return false;
    if (Peek() == '.' || Peek() == 'e' || Peek() == 'E') return false;  // a float
    const char* first = text_.data() + start;
    const char* last = text_.data() + pos_;
    if (negative) {
      std::int64_t v = 0;
      if (std::from_chars(first, last, v).ec != std::errc()) return false;
      out = v;
    } else {
      std::uint64_t v = 0;
      if (std::from_chars(first, last, v).ec != std::errc()) return false;
      out = v;
    }
    return true;
  }

  static int HexValue(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;  // upper case is not what dump() writes
  }

  // Escapes exactly as dump() writes them: \" \\ \b \f \n \r \t, and \u00xx (lower-case hex)
  // for the other control characters; everything else raw and valid UTF-8.
  bool ParseString(std::string& out) {
    if (!Take('"')) return false;
    for (;;) {
      // A run of plain ASCII is copied at once.
      const std::size_t run = pos_;
      while (pos_ < text_.size()) {
        const unsigned char b = static_cast<unsigned char>(text_[pos_]);
        if (b < 0x20 || b >= 0x80 || b == '"' || b == '\\') break;
        ++pos_;
      }
      out.append(text_.substr(run, pos_ - run));
      const int c = Peek();
      if (c < 0 || c < 0x20) return false;
      ++pos_;
      if (c == '"') return true;
      if (c == '\\') {
        const int e = Peek();
        ++pos_;
        switch (e) {
          case '"':
          case '\\':
            out.push_back(static_cast<char>(e));
            break;
          case 'b':
            out.push_back('\b');
            break;
          case 'f':
            out.push_back('\f');
            break;
          case 'n':
            out.push_back('\n');
            break;
          case 'r':
            out.push_back('\r');
            break;
          case 't':
            out.push_back('\t');
            break;
          case 'u': {
            if (!TakeWord("00")) return false;
            const int hi = HexValue(Peek());
            if (hi < 0 || hi > 1) return false;
            ++pos_;
            const int lo = HexValue(Peek());
            if (lo < 0) return false;
            ++pos_;
            const int ch = hi * 16 + lo;
            if (ch == '\b' || ch == '\f' || ch == '\n' || ch == '\r' || ch == '\t') return false;
            out.push_back(static_cast<char>(ch));
            break;
          }
          default:
            return false;
        }
        continue;
      }
      if (c < 0x80) {
        out.push_back(static_cast<char>(c));
        continue;
      }
      if (!TakeUtf8Tail(c, out)) return false;
    }
  }

  // The rest of a multi-byte UTF-8 sequence led by `lead`: no overlong forms, no surrogates,
  // nothing above U+10FFFF.
  bool TakeUtf8Tail(int lead, std::string& out) {
    int tail = 0;
    std::uint32_t cp = 0;
    std::uint32_t min = 0;
    if (lead >= 0xc2 && lead <= 0xdf) {
      tail = 1, cp = lead & 0x1f, min = 0x80;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      tail = 2, cp = lead & 0x0f, min = 0x800;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      tail = 3, cp = lead & 0x07, min = 0x10000;
    } else {
      return false;
    }
    out.push_back(static_cast<char>(lead));
    for (int i = 0; i < tail; ++i) {
      const int c = Peek();
      if (c < 0x80 || c > 0xbf) return false;
      cp = cp << 6 | (c & 0x3f);
      out.push_back(static_cast<char>(c));
      ++pos_;
    }
    return cp >= min && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff);
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

bool ParseCanonicalJson(std::string_view text, nlohmann::json& out) {
  CanonicalParser parser(text);
  Json document;
  if (!parser.ParseDocument(document)) return false;
  out = std::move(document);
  return true;
}

}  // namespace licensor::crypto
