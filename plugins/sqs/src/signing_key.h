// The SigV4 signing key of a secret and a scope (date, region, service):
// HMAC("AWS4" + secret, date) chained through region, service and
// "aws4_request". It changes once a day, yet deriving it costs four HMACs,
// as much as the rest of a request's signature: each thread keeps the last
// key it derived and derives again only when the secret or scope changes.
#pragma once

#include <string_view>

#include "crypto.h"
#include "sigv4.h"

namespace sluice::sqs {

Sha256Digest derive_signing_key(std::string_view secret_access_key, const SigningScope& scope);

// derive_signing_key, from this thread's last result when its inputs are the same.
Sha256Digest signing_key(std::string_view secret_access_key, const SigningScope& scope);

}  // namespace sluice::sqs
