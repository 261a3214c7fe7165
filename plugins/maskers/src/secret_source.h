// Loading keys and salts from where the pipeline says they live: an
// environment variable or a file, read by the SDK's one secret reader
// (sluice/support/secret.hpp: surrounding ASCII whitespace, such as a key
// file's trailing newline, is ignored). This file adds what a masker needs
// on top: a size cap on key files and the key encodings below. No message
// ever contains the secret itself.
//
// Key encoding (the same for fpe and hmac_sha256, so one SLUICE_MASK_KEY
// works for both and swapping maskers stays a one-word change):
//   fpe          hex, exactly 32, 48 or 64 hex digits (AES-128/192/256)
//   hmac_sha256  hex, 32 to 512 hex digits (128 to 2048 bits; keys longer
//                than 64 bytes are hashed first, as HMAC specifies)
// A salt is taken as raw text: its bytes, not hex.
#pragma once

#include <string>

#include <sluice/support/secret.hpp>
#include <sluice/support/status.hpp>
#include "secret_bytes.h"

namespace sluice::maskers {

class SecretSource {
 public:
  static SecretSource environment(std::string variable);
  static SecretSource file(std::string path);

  // "environment variable NAME" or "file PATH", for messages.
  std::string describe() const;

  support::Result<support::SecretText> read_text() const;

 private:
  enum class Kind { environment, file };
  SecretSource(Kind kind, std::string location) : kind_(kind), location_(std::move(location)) {}

  Kind kind_;
  std::string location_;
};

support::Result<SecretBytes> load_fpe_key(const SecretSource& source);
support::Result<SecretBytes> load_hmac_key(const SecretSource& source);
support::Result<SecretBytes> load_salt(const SecretSource& source);
// A salt given in hex, as the keyed maskers' keys are (32 to 512 digits).
support::Result<SecretBytes> load_hex_salt(const SecretSource& source);

}  // namespace sluice::maskers
