// FF1 exactly as SP 800-38G writes it, on OpenSSL bignums: for inputs too
// long for the fast path, and as an independent check of it in tests.
#include <openssl/bn.h>

#include <algorithm>
#include <limits>
#include <memory>
#include <vector>

#include "ff1_internal.h"

namespace sluice::maskers {
namespace {

constexpr int kRounds = 10;

struct BignumFree {
  void operator()(BIGNUM* number) const { BN_free(number); }
};
struct BignumContextFree {
  void operator()(BN_CTX* context) const { BN_CTX_free(context); }
};
using Bignum = std::unique_ptr<BIGNUM, BignumFree>;

BN_ULONG power_word(unsigned radix, std::size_t exponent) {
  BN_ULONG result = 1;
  for (std::size_t i = 0; i < exponent; ++i) result *= radix;
  return result;
}

Bignum new_bignum() { return Bignum(BN_new()); }

// Numerals travel in groups of k, radix^k being the largest power that
// fits a bignum word: one word operation per group instead of per numeral.
struct NumeralGroups {
  explicit NumeralGroups(unsigned radix) : radix(radix) {
    while (span <= std::numeric_limits<BN_ULONG>::max() / radix) {
      span *= radix;
      ++size;
    }
  }
  unsigned radix;
  std::size_t size = 0;  // k
  BN_ULONG span = 1;     // radix^k
};

bool numerals_to_bignum(std::span<const std::uint8_t> numerals, const NumeralGroups& groups, BIGNUM* out) {
  BN_zero(out);
  for (std::size_t start = 0; start < numerals.size(); start += groups.size) {
    const std::size_t count = std::min(groups.size, numerals.size() - start);
    BN_ULONG group = 0, scale = 1;
    for (std::size_t i = start; i < start + count; ++i) {
      group = group * groups.radix + numerals[i];
      scale *= groups.radix;
    }
    if (BN_mul_word(out, scale) != 1 || BN_add_word(out, group) != 1) return false;
  }
  return true;
}

// Consumes `value` (it ends at zero).
void bignum_to_numerals(BIGNUM* value, const NumeralGroups& groups, std::span<std::uint8_t> out) {
  for (std::size_t end = out.size(); end > 0;) {
    const std::size_t count = std::min(groups.size, end);
    BN_ULONG group = BN_div_word(value, count == groups.size ? groups.span : power_word(groups.radix, count));
    for (std::size_t i = 0; i < count; ++i, group /= groups.radix) {
      out[--end] = static_cast<std::uint8_t>(group % groups.radix);
    }
  }
}

bool power(unsigned radix, std::size_t exponent, BIGNUM* out, BN_CTX* context) {
  Bignum base = new_bignum();
  Bignum exp = new_bignum();
  return base && exp && BN_set_word(base.get(), radix) == 1 && BN_set_word(exp.get(), exponent) == 1 &&
         BN_exp(out, base.get(), exp.get(), context) == 1;
}

class GeneralFf1 {
 public:
  GeneralFf1(AesBlockCipher& aes, unsigned radix, std::span<const std::uint8_t> tweak, std::size_t n)
      : aes_(aes), radix_(radix), groups_(radix), tweak_(tweak), n_(n), u_(n / 2), v_(n - n / 2) {}

  support::Status run(std::span<const std::uint8_t> in, std::span<std::uint8_t> out, Direction direction) {
    if (!context_ || !a_ || !b_ || !c_ || !y_ || !modulus_u_ || !modulus_v_ ||
        !power(radix_, u_, modulus_u_.get(), context_.get()) ||
        !power(radix_, v_, modulus_v_.get(), context_.get()) ||
        !numerals_to_bignum(in.first(u_), groups_, a_.get()) ||
        !numerals_to_bignum(in.subspan(u_), groups_, b_.get()) || !prepare_lengths()) {
      return support::internal_error("FF1: OpenSSL bignum arithmetic failed");
    }
    for (int step = 0; step < kRounds; ++step) {
      if (!round(direction == Direction::encrypt ? step : kRounds - 1 - step, direction)) {
        return support::internal_error("FF1: OpenSSL bignum arithmetic failed");
      }
    }
    bignum_to_numerals(a_.get(), groups_, out.first(u_));
    bignum_to_numerals(b_.get(), groups_, out.subspan(u_));
    return support::Status::success();
  }

 private:
  // b and d of FF1 steps 3 and 4; ceil(v log2 radix) is the bit length of radix^v - 1.
  bool prepare_lengths() {
    Bignum largest(BN_dup(modulus_v_.get()));
    if (!largest || BN_sub_word(largest.get(), 1) != 1) return false;
    b_bytes_ = (static_cast<std::size_t>(BN_num_bits(largest.get())) + 7) / 8;
    d_bytes_ = 4 * ((b_bytes_ + 3) / 4) + 4;
    return true;
  }

  // Encryption: C = (A + y(B)) mod radix^m, then A <- B, B <- C.
  // Decryption undoes round i: C = (B - y(A)) mod radix^m, B <- A, A <- C.
  bool round(int i, Direction direction) {
    const BIGNUM* modulus = i % 2 == 0 ? modulus_u_.get() : modulus_v_.get();
    const BIGNUM* into_q = direction == Direction::encrypt ? b_.get() : a_.get();
    if (!compute_y(i, into_q)) return false;
    if (direction == Direction::encrypt) {
      if (BN_mod_add(c_.get(), a_.get(), y_.get(), modulus, context_.get()) != 1) return false;
      std::swap(a_, b_);
      std::swap(b_, c_);
    } else {
      if (BN_mod_sub(c_.get(), b_.get(), y_.get(), modulus, context_.get()) != 1) return false;
      std::swap(b_, a_);
      std::swap(a_, c_);
    }
    return true;
  }

  // Steps 6.i to 6.iv: Q, R = PRF(P || Q), S, y = NUM(S).
  bool compute_y(int i, const BIGNUM* half) {
    AesBlock p;
    build_ff1_p_block(radix_, u_, n_, tweak_.size(), p);
    std::vector<std::uint8_t> message(std::begin(p), std::end(p));
    message.insert(message.end(), tweak_.begin(), tweak_.end());
    const std::size_t pad =
        (kAesBlockBytes - (tweak_.size() + b_bytes_ + 1) % kAesBlockBytes) % kAesBlockBytes;
    message.resize(message.size() + pad, 0);
    message.push_back(static_cast<std::uint8_t>(i));
    message.resize(message.size() + b_bytes_);
    if (BN_bn2binpad(half, message.data() + message.size() - b_bytes_, static_cast<int>(b_bytes_)) < 0)
      return false;

    AesBlock r = {};
    for (std::size_t offset = 0; offset < message.size(); offset += kAesBlockBytes) {
      for (std::size_t j = 0; j < kAesBlockBytes; ++j) r[j] ^= message[offset + j];
      aes_.encrypt(r, r);
    }
    std::vector<std::uint8_t> s(r, r + kAesBlockBytes);
    for (std::uint32_t j = 1; s.size() < d_bytes_; ++j) {
      // CIPH(R xor [j]^16), j a 16-byte big-endian integer.
      AesBlock block;
      std::uint8_t j_bytes[4];
      store_big_endian(j, j_bytes, 4);
      std::copy(std::begin(r), std::end(r), std::begin(block));
      for (std::size_t k = 0; k < 4; ++k) block[kAesBlockBytes - 4 + k] ^= j_bytes[k];
      aes_.encrypt(block, block);
      s.insert(s.end(), std::begin(block), std::end(block));
    }
    return BN_bin2bn(s.data(), static_cast<int>(d_bytes_), y_.get()) != nullptr;
  }

  AesBlockCipher& aes_;
  unsigned radix_;
  NumeralGroups groups_;
  std::span<const std::uint8_t> tweak_;
  std::size_t n_, u_, v_;
  std::size_t b_bytes_ = 0, d_bytes_ = 0;
  std::unique_ptr<BN_CTX, BignumContextFree> context_{BN_CTX_new()};
  Bignum a_ = new_bignum(), b_ = new_bignum(), c_ = new_bignum(), y_ = new_bignum();
  Bignum modulus_u_ = new_bignum(), modulus_v_ = new_bignum();
};

}  // namespace

support::Status ff1_general_crypt(AesBlockCipher& aes, unsigned radix, std::span<const std::uint8_t> tweak,
                                  std::span<const std::uint8_t> in, std::span<std::uint8_t> out,
                                  Direction direction) {
  return GeneralFf1(aes, radix, tweak, in.size()).run(in, out, direction);
}

}  // namespace sluice::maskers
