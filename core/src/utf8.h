// UTF-8 validity: configuration reaches plugins as JSON text, which must be
// UTF-8, so the host checks the pipeline file's text before it gets that far.
#pragma once

#include <string_view>

namespace sluice::core {

// True when `text` is well-formed UTF-8: no overlong forms, no surrogates,
// nothing above U+10FFFF.
bool IsValidUtf8(std::string_view text);

}  // namespace sluice::core
