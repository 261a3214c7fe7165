#include "aws_credentials_internal.h"

#include <openssl/crypto.h>

namespace sluice::sqs {

void AwsCredentials::wipe() {
  OPENSSL_cleanse(secret_access_key.data(), secret_access_key.size());
  OPENSSL_cleanse(session_token.data(), session_token.size());
  secret_access_key.clear();
  session_token.clear();
}

}  // namespace sluice::sqs
