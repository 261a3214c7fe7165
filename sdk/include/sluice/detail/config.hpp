// sluice/detail/config.hpp — typed access to a step's configuration (the
// JSON object the host passes to `create`) and secrets named by
// `<key>_env` / `<key>_file` options.
#ifndef SLUICE_DETAIL_CONFIG_HPP
#define SLUICE_DETAIL_CONFIG_HPP

#include <sluice/detail/config_defaults.hpp>
#include <sluice/detail/errors.hpp>
#include <sluice/detail/secret_checks.hpp>
#include <sluice/support/secret.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace sluice {

// A JSON object of options. Getters throw ConfigError naming the key (its
// dotted path from the step's root) when a value has the wrong type.
// keys() keeps the order the options were written in when the Config was
// parsed from text (the order matters to users: e.g. output columns).
class Config {
 public:
  Config() : Config(nlohmann::ordered_json::object()) {}
  explicit Config(const nlohmann::json& json, std::string path = "")
      : Config(nlohmann::ordered_json(json), std::move(path)) {}
  explicit Config(nlohmann::ordered_json json, std::string path = "")
      : json_(json), ordered_(std::move(json)), path_(std::move(path)) {}

  // Parses the host's JSON text; throws ConfigError if it is not an object.
  static Config parse(std::string_view text) {
    auto json = nlohmann::ordered_json::parse(text, nullptr, false);
    if (json.is_discarded() || !json.is_object()) {
      throw ConfigError("the configuration is not a JSON object");
    }
    return Config(std::move(json));
  }

  // Adds the `default`s of `schema_text` (a plugin's config_schema; null or
  // not JSON: nothing) that the configuration lacks.
  void fill_defaults(const char* schema_text) {
    if (schema_text == nullptr) return;
    const auto schema = nlohmann::json::parse(schema_text, nullptr, false);
    if (schema.is_discarded()) return;
    fill_schema_defaults(ordered_, schema);
    json_ = nlohmann::json(ordered_);
  }

  const nlohmann::json& json() const noexcept { return json_; }
  // The same, with keys in document order.
  const nlohmann::ordered_json& ordered_json() const noexcept {
    return ordered_;
  }
  bool has(std::string_view key) const {
    return json_.is_object() && json_.contains(key) && !json_.at(key).is_null();
  }

  // The value of `key` as T, or `fallback` when absent or null.
  template <class T>
  T get(std::string_view key, T fallback) const {
    if (!has(key)) return fallback;
    return as<T>(key);
  }
  // The value of `key` as T; throws ConfigError when absent.
  template <class T>
  T require(std::string_view key) const {
    if (!has(key)) throw ConfigError("missing option '" + path(key) + "'");
    return as<T>(key);
  }

  std::string string(std::string_view key, std::string fallback = "") const {
    return get<std::string>(key, std::move(fallback));
  }
  int64_t int64(std::string_view key, int64_t fallback = 0) const {
    return get<int64_t>(key, fallback);
  }
  double number(std::string_view key, double fallback = 0) const {
    return get<double>(key, fallback);
  }
  bool boolean(std::string_view key, bool fallback = false) const {
    return get<bool>(key, fallback);
  }

  // The sub-object at `key` (an empty Config when absent).
  Config object(std::string_view key) const {
    if (!has(key)) return Config(nlohmann::ordered_json::object(), path(key));
    const nlohmann::ordered_json& v = ordered_.at(key);
    if (!v.is_object()) throw wrong_type(key, "an object");
    return Config(v, path(key));
  }
  // The array at `key` (empty when absent).
  std::vector<nlohmann::json> array(std::string_view key) const {
    if (!has(key)) return {};
    const nlohmann::json& v = json_.at(key);
    if (!v.is_array()) throw wrong_type(key, "an array");
    return v.get<std::vector<nlohmann::json>>();
  }
  // The array of strings at `key` (empty when absent).
  std::vector<std::string> string_list(std::string_view key) const {
    return get<std::vector<std::string>>(key, {});
  }
  // The object of strings at `key`, in key order (empty when absent).
  std::map<std::string, std::string> string_map(std::string_view key) const {
    return get<std::map<std::string, std::string>>(key, {});
  }
  // The keys of this object, in document order.
  std::vector<std::string> keys() const {
    std::vector<std::string> out;
    if (ordered_.is_object()) {
      for (auto it = ordered_.begin(); it != ordered_.end(); ++it) {
        out.push_back(it.key());
      }
    }
    return out;
  }

  // The dotted path of `key` for messages ("fields.ip").
  std::string path(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }

 private:
  template <class T>
  T as(std::string_view key) const {
    try {
      return json_.at(key).get<T>();
    } catch (const nlohmann::json::exception&) {
      throw wrong_type(key, expected_type<T>());
    }
  }
  template <class T>
  static const char* expected_type() {
    if constexpr (std::is_same_v<T, bool>) return "a boolean";
    else if constexpr (std::is_integral_v<T>) return "an integer";
    else if constexpr (std::is_floating_point_v<T>) return "a number";
    else if constexpr (std::is_same_v<T, std::string>) return "a string";
    else if constexpr (std::is_same_v<T, std::vector<std::string>>)
      return "a list of strings";
    else if constexpr (std::is_same_v<T, std::map<std::string, std::string>>)
      return "a map of strings";
    else return "of another type";
  }
  ConfigError wrong_type(std::string_view key, const char* expected) const {
    return ConfigError("option '" + path(key) + "' must be " + expected);
  }

  nlohmann::json json_;
  nlohmann::ordered_json ordered_;
  std::string path_;
};

// A secret value; its memory is overwritten when it is destroyed. Never log
// it: log the name of the option it came from.
class Secret {
 public:
  Secret() = default;
  explicit Secret(std::string value) : value_(std::move(value)) {}
  Secret(Secret&& other) noexcept : value_(std::move(other.value_)) {
    other.wipe();
  }
  Secret& operator=(Secret&& other) noexcept {
    if (this != &other) {
      wipe();
      value_ = std::move(other.value_);
      other.wipe();
    }
    return *this;
  }
  Secret(const Secret&) = delete;
  Secret& operator=(const Secret&) = delete;
  ~Secret() { wipe(); }

  std::string_view view() const noexcept { return value_; }
  const std::string& value() const noexcept { return value_; }
  bool empty() const noexcept { return value_.empty(); }
  size_t size() const noexcept { return value_.size(); }

  void wipe() noexcept {
    volatile char* p = value_.data();
    for (size_t i = 0; i < value_.size(); ++i) p[i] = 0;
    value_.clear();
  }

 private:
  std::string value_;
};

namespace detail {

// Never echoes a value that looks like a secret rather than a name.
inline ConfigError secret_not_a_name(const Config& config, const std::string& option,
                                     const char* what) {
  return ConfigError("option '" + config.path(option) + "' looks like a secret, not " + what +
                     " (its value is not shown)");
}

// The secret a support reader found, or a ConfigError naming the option
// (support::read_secret_* name the variable or file, never the value).
inline Secret secret_or_throw(const Config& config, const std::string& option,
                              support::Result<support::SecretText> read) {
  if (!read.ok()) throw ConfigError("option '" + config.path(option) + "': " + read.status().message());
  return Secret(std::string(read->view()));
}

// The value is trimmed as support/secret.hpp documents, for every plugin alike.
inline Secret secret_from_env(const Config& config, const std::string& option) {
  const std::string variable = config.require<std::string>(option);
  if (!looks_like_variable_name(variable)) {
    throw secret_not_a_name(config, option, "the name of an environment variable");
  }
  return secret_or_throw(config, option, support::read_secret_from_env(variable));
}

inline Secret secret_from_file(const Config& config, const std::string& option) {
  const std::string file = config.require<std::string>(option);
  if (!looks_like_path(file)) throw secret_not_a_name(config, option, "a file's path");
  if (std::string problem = secret_file_permission_problem(file); !problem.empty()) {
    throw ConfigError("option '" + config.path(option) + "' names file " + file + ", which " +
                      problem);
  }
  return secret_or_throw(config, option, support::read_secret_from_file(file));
}

}  // namespace detail

// The secret named by `<key>_env` (an environment variable's name) or
// `<key>_file` (a file's path), or nullopt when neither option is given.
// Throws ConfigError when both are given, the one given cannot be read, it
// looks like a secret rather than a name or path (secret_checks.hpp), or
// the file is accessible by others or writable by its group.
inline std::optional<Secret> read_optional_secret(const Config& config,
                                                  std::string_view key) {
  const std::string env_option = std::string(key) + "_env";
  const std::string file_option = std::string(key) + "_file";
  const bool from_env = config.has(env_option);
  const bool from_file = config.has(file_option);
  if (from_env && from_file) {
    throw ConfigError("give only one of '" + config.path(env_option) +
                      "' and '" + config.path(file_option) + "'");
  }
  if (from_env) return detail::secret_from_env(config, env_option);
  if (from_file) return detail::secret_from_file(config, file_option);
  return std::nullopt;
}

// As read_optional_secret, but one of the two options is required.
inline Secret read_secret(const Config& config, std::string_view key) {
  if (auto secret = read_optional_secret(config, key)) return std::move(*secret);
  throw ConfigError("one of '" + config.path(std::string(key) + "_env") +
                    "' or '" + config.path(std::string(key) + "_file") +
                    "' is required");
}

}  // namespace sluice

#endif  // SLUICE_DETAIL_CONFIG_HPP
