#include "xml_reader.h"

#include <charconv>
#include <cstdint>
#include <optional>

#include <sluice/support/utf8.hpp>

namespace sluice::sqs {
namespace {

bool is_xml_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

bool is_name_char(char c) {
  auto byte = static_cast<unsigned char>(c);
  return byte >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '_' || c == ':' || c == '-' || c == '.';
}

// The Char production of XML 1.0: what a character reference may name.
bool is_xml_char(std::uint32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}

std::string_view local_name(std::string_view name) {
  auto colon = name.rfind(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

// "&#x0010FFFF;" with a few leading zeros to spare.
constexpr std::size_t kLongestReference = 16;

class XmlParser {
 public:
  XmlParser(std::string_view document, const XmlLimits& limits) : doc_(document), limits_(limits) {}

  Result<XmlElement> parse_document() {
    if (!support::is_valid_utf8(doc_)) return fail("the document is not valid UTF-8");
    if (doc_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
    if (!skip_misc()) return *error_;
    if (at_end() || peek() != '<') return fail("expected the root element");
    XmlElement root;
    if (!parse_element(root, 1)) return *error_;
    if (!skip_misc()) return *error_;
    if (!at_end()) return fail("content after the root element");
    return root;
  }

 private:
  bool at_end() const { return pos_ >= doc_.size(); }
  char peek() const { return doc_[pos_]; }
  bool starts_with(std::string_view prefix) const { return doc_.substr(pos_, prefix.size()) == prefix; }
  void skip_spaces() {
    while (!at_end() && is_xml_space(peek())) ++pos_;
  }

  Status fail(std::string_view what) {
    record_failure(what);
    return *error_;
  }
  void record_failure(std::string_view what) {
    error_ = make_error(ErrorKind::kMalformed,
                        "malformed XML at byte " + std::to_string(pos_) + ": " + std::string(what));
  }
  bool failed(std::string_view what) {
    record_failure(what);
    return false;
  }

  // Moves past `terminator`, or fails naming what was left open.
  bool skip_past(std::string_view terminator, std::string_view construct) {
    auto end = doc_.find(terminator, pos_);
    if (end == std::string_view::npos) return failed("unterminated " + std::string(construct));
    pos_ = end + terminator.size();
    return true;
  }

  // Whitespace, comments and processing instructions (the XML declaration
  // among them) around the root element.
  bool skip_misc() {
    while (true) {
      skip_spaces();
      if (starts_with("<?")) {
        if (!skip_past("?>", "processing instruction")) return false;
      } else if (starts_with("<!--")) {
        if (!skip_past("-->", "comment")) return false;
      } else if (starts_with("<!")) {
        return failed("DOCTYPE and other declarations are not accepted");
      } else {
        return true;
      }
    }
  }

  std::optional<std::string_view> parse_name() {
    auto start = pos_;
    while (!at_end() && is_name_char(peek())) ++pos_;
    if (pos_ == start) {
      record_failure("expected a name");
      return std::nullopt;
    }
    return doc_.substr(start, pos_ - start);
  }

  bool parse_element(XmlElement& element, std::size_t depth) {
    if (depth > limits_.max_depth) return failed("elements nested too deeply");
    if (++element_count_ > limits_.max_elements) return failed("too many elements");
    ++pos_;  // '<'
    auto name = parse_name();
    if (!name) return false;
    element.name = std::string(local_name(*name));
    bool self_closing = false;
    if (!parse_attributes(self_closing)) return false;
    if (self_closing) return true;
    if (!parse_content(element, depth)) return false;
    return parse_end_tag(*name);
  }

  // Checks the attributes' syntax; their values are not needed.
  bool parse_attributes(bool& self_closing) {
    while (true) {
      bool had_space = !at_end() && is_xml_space(peek());
      skip_spaces();
      if (at_end()) return failed("unterminated start tag");
      if (peek() == '>') {
        ++pos_;
        return true;
      }
      if (starts_with("/>")) {
        pos_ += 2;
        self_closing = true;
        return true;
      }
      if (!had_space) return failed("expected whitespace before an attribute");
      if (!parse_name()) return false;
      skip_spaces();
      if (at_end() || peek() != '=') return failed("expected '=' after an attribute name");
      ++pos_;
      skip_spaces();
      if (at_end() || (peek() != '"' && peek() != '\'')) return failed("expected a quoted attribute value");
      char quote = doc_[pos_++];
      std::string ignored;
      if (!parse_text(ignored, quote)) return false;
      if (at_end()) return failed("unterminated attribute value");
      ++pos_;  // closing quote
    }
  }

  bool parse_content(XmlElement& element, std::size_t depth) {
    while (true) {
      if (!parse_text(element.text, '<')) return false;
      if (at_end()) return failed("unterminated element <" + element.name + ">");
      if (starts_with("</")) return true;
      if (starts_with("<!--")) {
        if (!skip_past("-->", "comment")) return false;
      } else if (starts_with("<![CDATA[")) {
        pos_ += 9;
        auto end = doc_.find("]]>", pos_);
        if (end == std::string_view::npos) return failed("unterminated CDATA section");
        element.text.append(doc_.substr(pos_, end - pos_));
        pos_ = end + 3;
      } else if (starts_with("<?")) {
        if (!skip_past("?>", "processing instruction")) return false;
      } else if (starts_with("<!")) {
        return failed("declarations are not accepted inside elements");
      } else {
        element.children.emplace_back();
        if (!parse_element(element.children.back(), depth + 1)) return false;
      }
    }
  }

  bool parse_end_tag(std::string_view open_name) {
    pos_ += 2;  // "</"
    auto name = parse_name();
    if (!name) return false;
    if (*name != open_name)
      return failed("</" + std::string(*name) + "> closes <" + std::string(open_name) + ">");
    skip_spaces();
    if (at_end() || peek() != '>') return failed("unterminated end tag");
    ++pos_;
    return true;
  }

  // Appends character data up to (not including) `stop` or the end.
  bool parse_text(std::string& out, char stop) {
    while (!at_end() && peek() != stop) {
      char c = peek();
      if (c == '&') {
        if (!parse_reference(out)) return false;
      } else if (c == '<') {
        return failed("'<' inside an attribute value");
      } else {
        out.push_back(c);
        ++pos_;
      }
    }
    return true;
  }

  bool parse_reference(std::string& out) {
    auto end = doc_.find(';', pos_);
    if (end == std::string_view::npos || end - pos_ > kLongestReference) {
      return failed("'&' that starts no reference");
    }
    auto name = doc_.substr(pos_ + 1, end - pos_ - 1);
    pos_ = end + 1;
    if (!name.empty() && name.front() == '#') return append_character_reference(out, name.substr(1));
    if (auto replacement = predefined_entity(name)) {
      out.push_back(*replacement);
      return true;
    }
    return failed("unknown entity");
  }

  static std::optional<char> predefined_entity(std::string_view name) {
    if (name == "lt") return '<';
    if (name == "gt") return '>';
    if (name == "amp") return '&';
    if (name == "quot") return '"';
    if (name == "apos") return '\'';
    return std::nullopt;
  }

  bool append_character_reference(std::string& out, std::string_view digits) {
    int base = 10;
    if (!digits.empty() && digits.front() == 'x') {
      base = 16;
      digits.remove_prefix(1);
    }
    std::uint32_t code_point = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), code_point, base);
    if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size()) {
      return failed("malformed character reference");
    }
    if (!is_xml_char(code_point)) return failed("character reference to a character XML forbids");
    support::append_utf8(out, code_point);
    return true;
  }

  std::string_view doc_;
  const XmlLimits& limits_;
  std::size_t pos_ = 0;
  std::size_t element_count_ = 0;
  std::optional<Status> error_;
};

}  // namespace

const XmlElement* XmlElement::child(std::string_view child_name) const {
  for (const auto& element : children) {
    if (element.name == child_name) return &element;
  }
  return nullptr;
}

std::string_view XmlElement::child_text(std::string_view child_name) const {
  const auto* element = child(child_name);
  return element == nullptr ? std::string_view() : std::string_view(element->text);
}

std::vector<const XmlElement*> XmlElement::children_named(std::string_view child_name) const {
  std::vector<const XmlElement*> found;
  for (const auto& element : children) {
    if (element.name == child_name) found.push_back(&element);
  }
  return found;
}

Result<XmlElement> parse_xml(std::string_view document, const XmlLimits& limits) {
  return XmlParser(document, limits).parse_document();
}

}  // namespace sluice::sqs
