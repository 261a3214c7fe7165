#include "body_digest.h"

#include <openssl/evp.h>

#include <sluice/support/hex.hpp>

namespace sqs_server {

std::string md5_hex(std::string_view body) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(body.data(), body.size(), digest, &length, EVP_md5(), nullptr);
  std::string text;
  text.reserve(2 * length);
  sluice::support::append_hex(text, digest, length);
  return text;
}

}  // namespace sqs_server
