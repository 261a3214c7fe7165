// A small, bounds-checked XML reader for SQS query-protocol replies. It
// builds a tree of elements with their decoded text and nothing else:
// attributes are checked and dropped, namespace prefixes are stripped, and
// DOCTYPE is refused (no entity expansion). It reads untrusted bytes from
// the network, so every limit is explicit and every failure is an Error.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "error_kind.h"

namespace sluice::sqs {

struct XmlElement {
  std::string name;  // local name, prefix stripped
  std::string text;  // character data directly inside, entities decoded
  std::vector<XmlElement> children;

  // The first child called `name`, or nullptr.
  const XmlElement* child(std::string_view name) const;
  // The text of the first child called `name`, or "" when there is none.
  std::string_view child_text(std::string_view name) const;
  std::vector<const XmlElement*> children_named(std::string_view name) const;
};

struct XmlLimits {
  std::size_t max_depth = 32;
  std::size_t max_elements = 100000;
};

Result<XmlElement> parse_xml(std::string_view document, const XmlLimits& limits = {});

}  // namespace sluice::sqs
