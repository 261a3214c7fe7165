// A batch a plugin hands the host (a source's `next`, a transform's
// `process` or `invert`) is checked before the host reads a byte of it, so
// that a buggy plugin is refused with its step and the column named instead
// of crashing the host (sluice::validate_batch says what is checked).
#pragma once

#include <string_view>

#include "arrow_batch.h"
#include "plugin_instance.h"
#include "status.h"

namespace sluice::core {

// OK, or a runtime error "step 'mask' (fpe): process returned a malformed
// batch: column 'ip' has offsets that decrease at row 3" — the same kind of
// failure as the plugin call returning an error.
Status check_returned_batch(const PluginInstance& step, std::string_view operation, const ArrowBatch& batch);

}  // namespace sluice::core
