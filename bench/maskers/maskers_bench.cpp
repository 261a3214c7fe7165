// Values per second on one core for each masker on IPv4 addresses and
// 11-character device ids, FF1 on a bare 9-digit id, and the references the
// summary divides by. Run: build/bin/sluice_maskers_bench (add
// --benchmark_repetitions=5 for medians).
#include <benchmark/benchmark.h>
#include <openssl/evp.h>

#include <functional>
#include <memory>
#include <string>

#include "aes_block_cipher.h"
#include "bench_inputs.h"
#include "ff1.h"
#include "fpe_value_cipher.h"
#include "hmac_sha256_masker.h"
#include "reference_ratio_reporter.h"
#include "sha256_masker.h"

namespace sluice::maskers::bench {
namespace {

// Fixed, published test keys: this is a benchmark, not a deployment.
const std::uint8_t kKey[16] = {0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6,
                               0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c};
const std::uint8_t kTweak56[7] = {0xd8, 0xe7, 0x92, 0x0a, 0xfa, 0x33, 0x0a};

std::span<const std::uint8_t> text_bytes(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

void reference_aes_block(benchmark::State& state) {
  AesBlockCipher aes = AesBlockCipher::create(kKey).value();
  AesBlock block = {};
  for (auto _ : state) {
    aes.encrypt(block, block);  // chained, like FF1's rounds
    benchmark::DoNotOptimize(block);
  }
  state.SetItemsProcessed(state.iterations());
}

void reference_sha256(benchmark::State& state, const std::vector<std::string>& inputs) {
  EVP_MD* sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  EVP_MD_CTX* context = EVP_MD_CTX_new();
  unsigned char digest[32];
  std::size_t i = 0;
  for (auto _ : state) {
    const std::string& value = inputs[i++ & (kInputCount - 1)];
    EVP_DigestInit_ex2(context, sha256, nullptr);
    EVP_DigestUpdate(context, value.data(), value.size());
    EVP_DigestFinal_ex(context, digest, nullptr);
    benchmark::DoNotOptimize(digest);
  }
  EVP_MD_CTX_free(context);
  EVP_MD_free(sha256);
  state.SetItemsProcessed(state.iterations());
}

template <class Mask>
void mask_each(benchmark::State& state, const std::vector<std::string>& inputs, Mask mask) {
  std::string out;
  std::size_t i = 0;
  for (auto _ : state) {
    if (!mask(inputs[i++ & (kInputCount - 1)], out).ok()) state.SkipWithError("masking failed");
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations());
}

void one_way(benchmark::State& state, std::unique_ptr<OneWayMasker> masker,
             const std::vector<std::string>& inputs) {
  mask_each(state, inputs,
            [&](const std::string& value, std::string& out) { return masker->mask(value, out); });
}

void fpe(benchmark::State& state, FpeMode mode, FpeFormat format, const std::vector<std::string>& inputs) {
  const std::span<const std::uint8_t> tweak = mode == FpeMode::kFf1 ? text_bytes("device_id") : kTweak56;
  std::unique_ptr<ValueCipher> cipher = make_fpe_value_cipher({mode, format, ""}, kKey, tweak).value();
  mask_each(state, inputs,
            [&](const std::string& value, std::string& out) { return cipher->encrypt(value, out); });
}

void ff1_nine_digit_id(benchmark::State& state) {
  Ff1 ff1 = Ff1::create(kKey, 10, text_bytes("device_id")).value();
  const auto& ids = nine_digit_ids();
  std::uint8_t out[9];
  std::size_t i = 0;
  for (auto _ : state) {
    if (!ff1.encrypt(ids[i++ & (kInputCount - 1)], out).ok()) state.SkipWithError("FF1 failed");
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations());
}

std::unique_ptr<OneWayMasker> salted_sha256() {
  return std::make_unique<Sha256Masker>(
      Sha256Masker::create(text_bytes("bench-salt"), DigestText(DigestEncoding::kHex, "")).value());
}

std::unique_ptr<OneWayMasker> hmac_sha256() {
  return std::make_unique<HmacSha256Masker>(
      HmacSha256Masker::create(kKey, DigestText(DigestEncoding::kHex, "")).value());
}

// name -> reference name, registered in display order.
std::map<std::string, std::string> register_benchmarks() {
  const auto& ips = ipv4_addresses();
  const auto& ids = device_ids();
  benchmark::RegisterBenchmark("reference/aes_block", reference_aes_block);
  benchmark::RegisterBenchmark("reference/sha256_ipv4", reference_sha256, ips);
  benchmark::RegisterBenchmark("reference/sha256_device_id", reference_sha256, ids);
  benchmark::RegisterBenchmark("sha256/ipv4", [&](auto& s) { one_way(s, salted_sha256(), ips); });
  benchmark::RegisterBenchmark("sha256/device_id", [&](auto& s) { one_way(s, salted_sha256(), ids); });
  benchmark::RegisterBenchmark("hmac_sha256/ipv4", [&](auto& s) { one_way(s, hmac_sha256(), ips); });
  benchmark::RegisterBenchmark("hmac_sha256/device_id", [&](auto& s) { one_way(s, hmac_sha256(), ids); });
  benchmark::RegisterBenchmark("fpe_ff1/ipv4", fpe, FpeMode::kFf1, FpeFormat::kIpv4, ips);
  benchmark::RegisterBenchmark("fpe_ff1/device_id", fpe, FpeMode::kFf1, FpeFormat::kDigits, ids);
  benchmark::RegisterBenchmark("fpe_ff3_1/ipv4", fpe, FpeMode::kFf31, FpeFormat::kIpv4, ips);
  benchmark::RegisterBenchmark("fpe_ff3_1/device_id", fpe, FpeMode::kFf31, FpeFormat::kDigits, ids);
  benchmark::RegisterBenchmark("ff1/9_digit_id", ff1_nine_digit_id);
  return {
      {"sha256/ipv4", "reference/sha256_ipv4"},      {"sha256/device_id", "reference/sha256_device_id"},
      {"hmac_sha256/ipv4", "reference/sha256_ipv4"}, {"hmac_sha256/device_id", "reference/sha256_device_id"},
      {"fpe_ff1/ipv4", "reference/aes_block"},       {"fpe_ff1/device_id", "reference/aes_block"},
      {"fpe_ff3_1/ipv4", "reference/aes_block"},     {"fpe_ff3_1/device_id", "reference/aes_block"},
      {"ff1/9_digit_id", "reference/aes_block"},
  };
}

}  // namespace
}  // namespace sluice::maskers::bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  sluice::maskers::bench::ReferenceRatioReporter reporter(sluice::maskers::bench::register_benchmarks());
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
