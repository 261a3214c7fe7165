// FF1's ten rounds in machine words, for lengths with a plan.
#include "ff1_rounds.h"

namespace sluice::maskers {
namespace {

constexpr int kRounds = 10;

// y of FF1 step 6 (before the reduction): PRF over Q with round i and
// NUM(B) = `half`, then the first d bytes of S. With b <= 12, [i] || NUM(B)
// sits in Q's last block and d <= 16, so S is R itself.
template <class Word>
Word round_value(AesBlockCipher& aes, const Ff1LengthPlan& plan, int round, Word half) {
  const uint128 round_data = uint128{static_cast<unsigned>(round)} << (8 * plan.b) | half;
  AesBlock block;
  store_block_value(plan.mac_base ^ round_data, block);
  aes.encrypt(block, block);
  return static_cast<Word>(load_block_value(block) >> (8 * (kAesBlockBytes - plan.d)));
}

template <class Word>
void crypt_in(AesBlockCipher& aes, const Ff1LengthPlan& plan, unsigned radix,
              std::span<const std::uint8_t> in, std::span<std::uint8_t> out, Direction direction) {
  Word a = numerals_to_int<Word>(in.first(plan.u), radix);
  Word b = numerals_to_int<Word>(in.subspan(plan.u), radix);
  const auto modulus_u = static_cast<Word>(plan.modulus_u);
  const auto modulus_v = static_cast<Word>(plan.modulus_v);
  for (int step = 0; step < kRounds; ++step) {
    if (direction == Direction::kEncrypt) {
      const Word modulus = step % 2 == 0 ? modulus_u : modulus_v;
      const Word c = add_mod(a, reduce(round_value(aes, plan, step, b), modulus), modulus);
      a = b;
      b = c;
    } else {
      const int round = kRounds - 1 - step;
      const Word modulus = round % 2 == 0 ? modulus_u : modulus_v;
      const Word c = sub_mod(b, reduce(round_value(aes, plan, round, a), modulus), modulus);
      b = a;
      a = c;
    }
  }
  int_to_numerals(a, radix, out.first(plan.u));
  int_to_numerals(b, radix, out.subspan(plan.u));
}

}  // namespace

void ff1_fast_crypt(AesBlockCipher& aes, const Ff1LengthPlan& plan, unsigned radix,
                    std::span<const std::uint8_t> in, std::span<std::uint8_t> out, Direction direction) {
  // d == 8 means y and every value fit in 64 bits, the common case (up to
  // 9 decimal digits per half) and the cheapest.
  if (plan.d <= sizeof(std::uint64_t)) {
    crypt_in<std::uint64_t>(aes, plan, radix, in, out, direction);
  } else {
    crypt_in<uint128>(aes, plan, radix, in, out, direction);
  }
}

}  // namespace sluice::maskers
