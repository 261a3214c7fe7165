#include "json_request_writer.h"

namespace sluice::sqs {
namespace {

constexpr char kHex[] = "0123456789abcdef";

// RFC 8259 escaping: quote, backslash and control characters; every other
// byte, UTF-8 included, is copied as it is.
void append_escaped(std::string& out, std::string_view value) {
  for (char c : value) {
    auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20) {
      out += "\\u00";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
    } else {
      out += c;
    }
  }
}

}  // namespace

void JsonRequestWriter::separate() {
  if (!at_start_) text_ += ',';
  at_start_ = false;
}

void JsonRequestWriter::open(char bracket) {
  separate();
  text_ += bracket;
  at_start_ = true;
}

void JsonRequestWriter::close(char bracket) {
  text_ += bracket;
  at_start_ = false;
}

void JsonRequestWriter::key(std::string_view name) {
  string(name);
  text_ += ':';
  at_start_ = true;
}

void JsonRequestWriter::string(std::string_view value) {
  separate();
  text_ += '"';
  append_escaped(text_, value);
  text_ += '"';
}

void JsonRequestWriter::integer(long long value) {
  separate();
  text_ += std::to_string(value);
}

}  // namespace sluice::sqs
