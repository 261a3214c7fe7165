#include "aws_credentials.h"

#include <openssl/crypto.h>

namespace sluice::sqs {

void AwsCredentials::wipe() {
  wipe_secret(secret_access_key);
  wipe_secret(session_token);
}

void wipe_secret(std::string& secret) {
  OPENSSL_cleanse(secret.data(), secret.size());
  secret.clear();
}

}  // namespace sluice::sqs

namespace sluice::sqs {

CredentialSupplier fixed_credentials(AwsCredentials credentials) {
  auto shared = std::make_shared<const AwsCredentials>(std::move(credentials));
  return [shared]() -> Result<SharedCredentials> { return SharedCredentials(shared); };
}

}  // namespace sluice::sqs
