// Which way a format-preserving cipher runs: every cipher in this library
// implements both ways with one routine and this switch.
#pragma once

namespace sluice::maskers {

enum class Direction { kEncrypt, kDecrypt };

}  // namespace sluice::maskers
