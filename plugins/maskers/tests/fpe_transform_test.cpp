// fpe as configured in a pipeline step: published vectors, formats, key ids,
// rejections and the inverse used by `sluice unmask`.
#include "fpe_transform.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <sluice/support/hex.hpp>
#include "batch_helpers.h"
#include "fpe_vectors.h"
#include "host_config.h"

namespace sluice::maskers {
namespace {

using testing::make_batch;
using testing::strings_of;
using testing::Values;

constexpr const char* kKeyVariable = "SLUICE_MASKERS_TEST_FPE_KEY";

std::string hex_of(const std::vector<std::uint8_t>& bytes) {
  std::string text;
  support::append_hex(text, bytes.data(), bytes.size());
  return text;
}

class FpeTransformTest : public ::testing::Test {
 protected:
  void SetUp() override { setenv(kKeyVariable, "2B7E151628AED2A6ABF7158809CF4F3C", 1); }
  void TearDown() override { unsetenv(kKeyVariable); }

  static FpeTransform make(const std::string& options) {
    return FpeTransform({}, testing::host_config<FpeTransform>(
                                R"({"key_env": "SLUICE_MASKERS_TEST_FPE_KEY", )" + options + "}"));
  }

  // Runs process (or invert) and returns the rejected rows' reasons too.
  static sluice::OwnedBatch run(FpeTransform& fpe, sluice::OwnedBatch batch,
                                std::vector<sluice::RowReason>* rejected = nullptr, bool invert = false) {
    sluice::Rejector rejects(batch.num_rows());
    sluice::OwnedBatch out =
        invert ? fpe.invert(std::move(batch), rejects) : fpe.process(std::move(batch), rejects);
    if (rejected) {
      *rejected = rejects.rejected();
    } else {
      EXPECT_TRUE(rejects.rejected().empty()) << rejects.rejected().front().reason;
    }
    return out;
  }
};

std::string format_options(unsigned radix) {
  if (radix == 10) return R"("format": "digits")";
  if (radix == 62) return R"("format": "alphanumeric")";
  return R"("format": "alphabet", "alphabet": "0123456789abcdefghijklmnopqrstuvwxyz")";
}

TEST_F(FpeTransformTest, ReproducesThePublishedVectorsThroughThePlugin) {
  for (const char* mode : {"ff1", "ff3-1"}) {
    for (const testing::FpeVector& vector : testing::load_fpe_vectors(mode)) {
      SCOPED_TRACE(std::string(mode) + " " + vector.plaintext);
      setenv(kKeyVariable, hex_of(vector.key).c_str(), 1);
      FpeTransform fpe = make(R"("fields": ["v"], "mode": ")" + std::string(mode) + R"(", "tweak": ")" +
                              hex_of(vector.tweak) + R"(", )" + format_options(vector.radix));
      const sluice::OwnedBatch masked = run(fpe, make_batch({{"v", {vector.plaintext}}}));
      EXPECT_EQ(strings_of(masked, "v"), Values{vector.ciphertext});
      const sluice::OwnedBatch recovered = run(fpe, make_batch({{"v", {vector.ciphertext}}}), nullptr, true);
      EXPECT_EQ(strings_of(recovered, "v"), Values{vector.plaintext});
    }
  }
}

TEST_F(FpeTransformTest, DefaultFormatMasksLoginRecordsAndRecoversThem) {
  FpeTransform fpe = make(R"("fields": {"ip": "masked_ip", "device_id": "masked_device_id"})");
  const Values ips = {"199.172.111.135", "2001:db8::1", std::nullopt, "", "199.172.111.135"};
  const Values devices = {"593-47-5928", "104-25-0070", "127-42-0862", std::nullopt, "593-47-5928"};
  sluice::OwnedBatch masked = run(fpe, make_batch({{"ip", ips}, {"device_id", devices}}));
  const Values masked_ips = strings_of(masked, "masked_ip");
  const Values masked_devices = strings_of(masked, "masked_device_id");
  EXPECT_EQ(masked_ips[0], masked_ips[4]);
  EXPECT_NE(masked_ips[0], ips[0]);
  EXPECT_EQ(masked_ips[2], std::nullopt);
  EXPECT_EQ(masked_ips[3], "");
  EXPECT_EQ(masked_devices[0], masked_devices[4]);
  EXPECT_EQ(masked_devices[0]->size(), 11u);
  EXPECT_EQ((*masked_devices[0])[3], '-');

  const sluice::OwnedBatch recovered = run(fpe, std::move(masked), nullptr, true);
  EXPECT_EQ(strings_of(recovered, "ip"), ips);
  EXPECT_EQ(strings_of(recovered, "device_id"), devices);
}

TEST_F(FpeTransformTest, EachFieldHasItsOwnTweak) {
  FpeTransform fpe = make(R"("fields": ["a", "b"], "format": "digits")");
  const sluice::OwnedBatch out = run(fpe, make_batch({{"a", {"123456789"}}, {"b", {"123456789"}}}));
  EXPECT_NE(strings_of(out, "a"), strings_of(out, "b"));
}

TEST_F(FpeTransformTest, FormatsCanBeGivenPerField) {
  FpeTransform fpe = make(R"("fields": ["ip", "code"], "format": {"ip": "ipv4", "code": "alphanumeric"})");
  const sluice::OwnedBatch out = run(fpe, make_batch({{"ip", {"10.1.2.3"}}, {"code", {"AbC-123x"}}}));
  EXPECT_EQ(strings_of(out, "code")[0]->size(), 8u);
  EXPECT_EQ((*strings_of(out, "code")[0])[3], '-');
}

TEST_F(FpeTransformTest, RejectsOnlyTheRowsItCannotTakeWithoutQuotingThem) {
  FpeTransform fpe = make(R"("fields": ["ip"], "format": "ipv4")");
  std::vector<sluice::RowReason> rejected;
  const sluice::OwnedBatch out =
      run(fpe, make_batch({{"ip", {"10.0.0.1", "10.0.0.256", "2001:db8::1", "10.0.0.2"}}}), &rejected);
  ASSERT_EQ(rejected.size(), 2u);
  EXPECT_EQ(rejected[0].row, 1);
  EXPECT_EQ(rejected[1].row, 2);
  EXPECT_EQ(rejected[0].reason, "field 'ip': not a valid IPv4 address");
  EXPECT_EQ(rejected[1].reason.find("2001"), std::string::npos);
  EXPECT_EQ(out.num_rows(), 4);  // the SDK's adapter removes the rejected rows
}

TEST_F(FpeTransformTest, AutoRefusesLettersAndBrokenAddresses) {
  FpeTransform fpe = make(R"("fields": ["v"])");
  std::vector<sluice::RowReason> rejected;
  run(fpe, make_batch({{"v", {"AB-123456", "300.1.2.3", "12345", "1::2::3"}}}), &rejected);
  ASSERT_EQ(rejected.size(), 4u);
  EXPECT_NE(rejected[0].reason.find("alphanumeric"), std::string::npos) << rejected[0].reason;
  EXPECT_NE(rejected[2].reason.find("at least 6"), std::string::npos) << rejected[2].reason;
}

TEST_F(FpeTransformTest, KeyIdPrefixesAndIsCheckedWhenUnmasking) {
  FpeTransform fpe = make(R"("fields": ["ip"], "key_id": "k2")");
  sluice::OwnedBatch masked = run(fpe, make_batch({{"ip", {"10.0.0.1"}}}));
  const std::string value = *strings_of(masked, "ip")[0];
  EXPECT_TRUE(value.starts_with("k2:")) << value;
  EXPECT_EQ(strings_of(run(fpe, std::move(masked), nullptr, true), "ip"), Values{"10.0.0.1"});

  std::vector<sluice::RowReason> rejected;
  run(fpe, make_batch({{"ip", {"k1:" + value.substr(3)}}}), &rejected, true);
  ASSERT_EQ(rejected.size(), 1u);
  EXPECT_EQ(rejected[0].reason, "field 'ip': was not masked under key id 'k2'");
}

TEST_F(FpeTransformTest, UnmaskRecoversTheFieldsPresentAndNeedsOne) {
  FpeTransform fpe = make(R"("fields": {"ip": "masked_ip", "device_id": "masked_device_id"})");
  const sluice::OwnedBatch masked =
      run(fpe, make_batch({{"ip", {"10.0.0.1"}}, {"device_id", {"593-47-5928"}}}));
  sluice::OwnedBatch only_ip = make_batch({{"masked_ip", strings_of(masked, "masked_ip")}});
  EXPECT_EQ(strings_of(run(fpe, std::move(only_ip), nullptr, true), "ip"), Values{"10.0.0.1"});
  sluice::Rejector rejects(1);
  EXPECT_THROW(fpe.invert(make_batch({{"other", {"x"}}}), rejects), sluice::ConfigError);
}

void expect_config_error(const std::string& options, const std::string& expected) {
  try {
    FpeTransform fpe({}, testing::host_config<FpeTransform>(R"({"key_env": "SLUICE_MASKERS_TEST_FPE_KEY", )" +
                                                            options + "}"));
    ADD_FAILURE() << "accepted " << options;
  } catch (const sluice::ConfigError& error) {
    EXPECT_NE(std::string(error.what()).find(expected), std::string::npos) << error.what();
  }
}

TEST_F(FpeTransformTest, ExplainsConfigurationMistakes) {
  expect_config_error(R"("fields": ["v"], "mode": "ff3")", "ff1 or ff3-1");
  expect_config_error(R"("fields": ["v"], "format": "email")", "must be one of auto");
  expect_config_error(R"("fields": ["v"], "format": {"w": "digits"})", "not one of the step's fields");
  expect_config_error(R"("fields": ["v"], "format": "alphabet")", "needs option 'alphabet'");
  expect_config_error(R"("fields": ["v"], "alphabet": "abc")", "used only by format alphabet");
  expect_config_error(R"("fields": ["v"], "format": "alphabet", "alphabet": "aab")", "twice");
  expect_config_error(R"("fields": ["v"], "tweak": "xyz")", "hex");
  expect_config_error(R"("fields": ["v"], "mode": "ff3-1", "tweak": "00")", "56 bits");
  setenv(kKeyVariable, "2B7E151628AED2A6ABF7158809CF4F", 1);
  expect_config_error(R"("fields": ["v"])", "32, 48 or 64 hex digits");
}

TEST_F(FpeTransformTest, Ff3_1DerivesA56BitTweakFromTheFieldName) {
  FpeTransform fpe = make(R"("fields": ["device_id"], "mode": "ff3-1", "format": "digits")");
  sluice::OwnedBatch masked = run(fpe, make_batch({{"device_id", {"593-47-5928"}}}));
  EXPECT_NE(strings_of(masked, "device_id"), Values{"593-47-5928"});
  EXPECT_EQ(strings_of(run(fpe, std::move(masked), nullptr, true), "device_id"), Values{"593-47-5928"});
}

}  // namespace
}  // namespace sluice::maskers
