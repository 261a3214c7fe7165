// A masker that cannot be undone: equal inputs give equal outputs, and
// nothing but the output comes back. Not thread-safe: one instance per thread.
#pragma once

#include <string>
#include <string_view>

#include <sluice/support/status.hpp>

namespace sluice::maskers {

class OneWayMasker {
 public:
  virtual ~OneWayMasker() = default;

  // Replaces the content of `out`; it may keep its capacity between calls.
  virtual support::Status mask(std::string_view value, std::string& out) = 0;
};

}  // namespace sluice::maskers
