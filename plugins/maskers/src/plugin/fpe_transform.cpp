#include "fpe_transform.h"

#include <algorithm>
#include <map>
#include <optional>

#include <sluice/support/hex.hpp>

#include "fpe_tweak.h"
#include "key_id.h"
#include "secret_source.h"

namespace sluice::maskers {
namespace {

FpeMode read_mode(const sluice::Config& config) {
  const std::optional<FpeMode> mode = parse_fpe_mode(config.require<std::string>("mode"));
  if (!mode) throw sluice::ConfigError("option 'mode' must be ff1 or ff3-1");
  return *mode;
}

FpeFormat parse_format(const std::string& name, const std::string& option) {
  const std::optional<FpeFormat> format = parse_fpe_format(name);
  if (!format) {
    throw sluice::ConfigError("option '" + option +
                              "' must be one of auto, ipv4, ipv6, ip, digits, alphanumeric, alphabet");
  }
  return *format;
}

// One format per field, from `format: NAME` or `format: {field: NAME}`.
std::vector<FpeFormat> read_formats(const sluice::Config& config, const std::vector<FieldMapping>& fields) {
  if (config.json().at("format").is_string()) {
    return std::vector<FpeFormat>(fields.size(),
                                  parse_format(config.require<std::string>("format"), "format"));
  }
  const std::map<std::string, std::string> by_field = config.string_map("format");
  std::vector<FpeFormat> formats;
  for (const FieldMapping& field : fields) {
    const auto found = by_field.find(field.input);
    formats.push_back(found == by_field.end() ? FpeFormat::automatic
                                              : parse_format(found->second, "format." + field.input));
  }
  for (const auto& [name, format] : by_field) {
    if (std::none_of(fields.begin(), fields.end(), [&](const FieldMapping& f) { return f.input == name; })) {
      throw sluice::ConfigError("option 'format' names '" + name +
                                "', which is not one of the step's fields");
    }
  }
  return formats;
}

std::string read_alphabet(const sluice::Config& config, const std::vector<FpeFormat>& formats) {
  const bool wanted = std::find(formats.begin(), formats.end(), FpeFormat::alphabet) != formats.end();
  if (wanted && !config.has("alphabet")) throw sluice::ConfigError("format alphabet needs option 'alphabet'");
  if (!wanted && config.has("alphabet"))
    throw sluice::ConfigError("option 'alphabet' is used only by format alphabet");
  return config.string("alphabet");
}

std::optional<std::vector<std::uint8_t>> read_tweak(const sluice::Config& config) {
  if (!config.has("tweak")) return std::nullopt;
  const std::optional<std::string> tweak = support::hex_decode(config.require<std::string>("tweak"));
  if (!tweak) throw sluice::ConfigError("option 'tweak' must be hex digits, two per byte");
  return std::vector<std::uint8_t>(tweak->begin(), tweak->end());
}

}  // namespace

FpeTransform::FpeTransform(const sluice::Host& host, const sluice::Config& config)
    : MaskingTransform(config),
      mode_(read_mode(config)),
      formats_(read_formats(config, fields())),
      key_prefix_(read_key_prefix(config)) {
  if (mode_ == FpeMode::ff3_1) {
    host.warn("fpe mode ff3-1 is withdrawn in NIST's draft SP 800-38G Rev. 2; use it only for existing data");
  }
  const std::string alphabet = read_alphabet(config, formats_);
  const std::optional<std::vector<std::uint8_t>> tweak = read_tweak(config);
  const SecretBytes key = read_required_secret(config, "key", &load_fpe_key);
  for (std::size_t i = 0; i < fields().size(); ++i) {
    const std::vector<std::uint8_t> field_tweak = tweak ? *tweak : default_tweak(mode_, fields()[i].input);
    support::Result<std::unique_ptr<ValueCipher>> cipher =
        make_fpe_value_cipher({mode_, formats_[i], alphabet}, key.bytes(), field_tweak);
    sluice::throw_if_error(cipher.status().with_context("field '" + fields()[i].input + "'"));
    ciphers_.push_back(std::move(cipher).value());
  }
}

support::Status FpeTransform::mask_value(std::size_t field, std::string_view value, std::string& out) {
  if (key_prefix_.empty()) return ciphers_[field]->encrypt(value, out);
  SLUICE_TRY(ciphers_[field]->encrypt(value, plain_));
  out.assign(key_prefix_).append(plain_);
  return support::Status::success();
}

support::Status FpeTransform::unmask_value(std::size_t field, std::string_view value, std::string& out) {
  const std::optional<std::string_view> ciphertext = strip_key_prefix(value, key_prefix_);
  if (!ciphertext)
    return support::config_error("was not masked under key id '" +
                                 key_prefix_.substr(0, key_prefix_.size() - 1) + "'");
  return ciphers_[field]->decrypt(*ciphertext, out);
}

}  // namespace sluice::maskers
