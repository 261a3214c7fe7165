#include "ff1.h"

namespace sluice::maskers {

support::Result<Ff1> Ff1::create(std::span<const std::uint8_t> key, unsigned radix,
                                 std::span<const std::uint8_t> tweak) {
  SLUICE_TRY(check_radix(radix).with_context("FF1"));
  if (tweak.size() > kFf1MaxTweakBytes) {
    return support::config_error("FF1: the tweak is at most " + std::to_string(kFf1MaxTweakBytes) +
                                 " bytes; got " + std::to_string(tweak.size()));
  }
  support::Result<AesBlockCipher> aes = AesBlockCipher::create(key);
  SLUICE_TRY(aes.status().with_context("FF1"));
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

support::Status Ff1::encrypt(std::span<const std::uint8_t> in, std::span<std::uint8_t> out) {
  return crypt(in, out, Direction::encrypt);
}

support::Status Ff1::decrypt(std::span<const std::uint8_t> in, std::span<std::uint8_t> out) {
  return crypt(in, out, Direction::decrypt);
}

support::Status Ff1::crypt(std::span<const std::uint8_t> in, std::span<std::uint8_t> out,
                           Direction direction) {
  SLUICE_TRY(check_length(in.size(), limits_, radix_, "FF1"));
  SLUICE_TRY(check_numerals(in, radix_));
  if (out.size() != in.size()) return support::internal_error("FF1: output length differs from input length");
  if (const Ff1LengthPlan* plan = plan_for(in.size())) {
    ff1_fast_crypt(aes_, *plan, radix_, in, out, direction);
    return support::Status::success();
  }
  return ff1_general_crypt(aes_, radix_, tweak_, in, out, direction);
}

const Ff1LengthPlan* Ff1::plan_for(std::size_t length) const {
  const std::size_t index = length - limits_.min;
  return index < plans_.size() ? &plans_[index] : nullptr;
}

}  // namespace sluice::maskers
