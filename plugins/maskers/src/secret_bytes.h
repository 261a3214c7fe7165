// A byte buffer for key material: move-only, never copied, and wiped with
// OPENSSL_cleanse when it goes away so keys do not linger in freed memory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

namespace sluice::maskers {

class SecretBytes {
 public:
  SecretBytes() = default;
  explicit SecretBytes(std::size_t size);
  SecretBytes(std::span<const std::uint8_t> bytes);  // NOLINT: implicit for tests and literals
  ~SecretBytes();

  SecretBytes(SecretBytes&& other) noexcept;
  SecretBytes& operator=(SecretBytes&& other) noexcept;
  SecretBytes(const SecretBytes&) = delete;
  SecretBytes& operator=(const SecretBytes&) = delete;

  std::uint8_t* data() { return bytes_.get(); }
  std::span<const std::uint8_t> bytes() const { return {bytes_.get(), size_}; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

 private:
  void wipe();

  std::unique_ptr<std::uint8_t[]> bytes_;
  std::size_t size_ = 0;
};

}  // namespace sluice::maskers
