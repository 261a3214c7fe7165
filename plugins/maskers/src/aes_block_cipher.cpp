#include "aes_block_cipher.h"

namespace sluice::maskers {
namespace {

const EVP_CIPHER* ecb_cipher_for(std::size_t key_bytes) {
  switch (key_bytes) {
    case 16: return EVP_aes_128_ecb();
    case 24: return EVP_aes_192_ecb();
    case 32: return EVP_aes_256_ecb();
    default: return nullptr;
  }
}

}  // namespace

support::Result<AesBlockCipher> AesBlockCipher::create(std::span<const std::uint8_t> key) {
  const EVP_CIPHER* cipher = ecb_cipher_for(key.size());
  if (cipher == nullptr) {
    return support::config_error("an AES key is 128, 192 or 256 bits; this one has " +
                                 std::to_string(key.size() * 8));
  }
  std::unique_ptr<EVP_CIPHER_CTX, ContextFree> context(EVP_CIPHER_CTX_new());
  if (!context || EVP_EncryptInit_ex(context.get(), cipher, nullptr, key.data(), nullptr) != 1 ||
      EVP_CIPHER_CTX_set_padding(context.get(), 0) != 1) {
    return support::internal_error("OpenSSL could not set up AES");
  }
  return AesBlockCipher(std::move(context));
}

void AesBlockCipher::encrypt_blocks(const std::uint8_t* in, std::uint8_t* out, std::size_t blocks) {
  // EVP_Cipher goes straight to the provider's one-shot routine; ECB with a
  // valid key and whole blocks cannot fail, so there is nothing to report.
  EVP_Cipher(context_.get(), out, in, static_cast<unsigned>(blocks * kAesBlockBytes));
}

}  // namespace sluice::maskers
