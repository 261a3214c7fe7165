#include "ff1.h"

namespace sluice::maskers {

Result<Ff1> Ff1::create(std::span<const std::uint8_t> key, unsigned radix, std::span<const std::uint8_t> tweak) {
  if (Status radix_ok = check_radix(radix); !radix_ok.ok()) return fail("FF1: " + radix_ok.reason());
  if (tweak.size() > kFf1MaxTweakBytes) {
    return fail("FF1: the tweak is at most " + std::to_string(kFf1MaxTweakBytes) + " bytes; got " +
                std::to_string(tweak.size()));
  }
  Result<AesBlockCipher> aes = AesBlockCipher::create(key);
  if (!aes.ok()) return fail("FF1: " + aes.reason());
  return Ff1(std::move(aes).value(), radix, tweak);
}

Ff1::Ff1(AesBlockCipher aes, unsigned radix, std::span<const std::uint8_t> tweak)
    : aes_(std::move(aes)),
      radix_(radix),
      tweak_(tweak.begin(), tweak.end()),
      limits_{min_length_for_domain(radix), kFf1MaxLength} {
  for (std::size_t length = limits_.min; length <= limits_.max; ++length) {
    std::optional<Ff1LengthPlan> plan = make_ff1_plan(aes_, radix_, tweak_, length);
    if (!plan) break;  // longer lengths do not fit either
    plans_.push_back(*plan);
  }
}

Status Ff1::encrypt(std::span<const std::uint8_t> in, std::span<std::uint8_t> out) {
  return crypt(in, out, Direction::encrypt);
}

Status Ff1::decrypt(std::span<const std::uint8_t> in, std::span<std::uint8_t> out) {
  return crypt(in, out, Direction::decrypt);
}

Status Ff1::crypt(std::span<const std::uint8_t> in, std::span<std::uint8_t> out, Direction direction) {
  if (Status length_ok = check_length(in.size(), limits_, radix_, "FF1"); !length_ok.ok()) return length_ok;
  if (Status numerals_ok = check_numerals(in, radix_); !numerals_ok.ok()) return numerals_ok;
  if (out.size() != in.size()) return fail("FF1: output length differs from input length");
  if (const Ff1LengthPlan* plan = plan_for(in.size())) {
    ff1_fast_crypt(aes_, *plan, radix_, in, out, direction);
    return Status::success();
  }
  return ff1_general_crypt(aes_, radix_, tweak_, in, out, direction);
}

const Ff1LengthPlan* Ff1::plan_for(std::size_t length) const {
  const std::size_t index = length - limits_.min;
  return index < plans_.size() ? &plans_[index] : nullptr;
}

}  // namespace sluice::maskers
