#include "constant_column.h"

#include "civil_time.h"

namespace sluice::standard {
namespace {

template <class Builder, class Value>
sluice::Column repeat(const std::string& name, const Value& value, int64_t rows) {
  Builder builder;
  builder.reserve(rows);
  for (int64_t i = 0; i < rows; ++i) builder.append(value);
  return builder.finish(name);
}

int64_t micros_since_epoch(std::chrono::system_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
}

}  // namespace

Constant constant_from(const nlohmann::json& value, const std::string& option) {
  if (value.is_string()) {
    const std::string text = value.get<std::string>();
    if (text == "today") return Today{};
    if (text == "now") return Now{};
    return text;
  }
  if (value.is_boolean()) return value.get<bool>();
  if (value.is_number_integer()) return value.get<int64_t>();
  if (value.is_number()) return value.get<double>();
  throw sluice::ConfigError("option '" + option + "' must be a string, number, boolean, today or now");
}

sluice::Column constant_column(const std::string& name, const Constant& value, int64_t rows,
                               std::chrono::system_clock::time_point now) {
  struct Make {
    const std::string& name;
    int64_t rows;
    int64_t now_us;
    sluice::Column operator()(const std::string& s) const {
      return repeat<sluice::Utf8Builder>(name, std::string_view(s), rows);
    }
    sluice::Column operator()(int64_t v) const { return repeat<sluice::Int64Builder>(name, v, rows); }
    sluice::Column operator()(double v) const { return repeat<sluice::Float64Builder>(name, v, rows); }
    sluice::Column operator()(bool v) const { return repeat<sluice::BoolBuilder>(name, v, rows); }
    sluice::Column operator()(Today) const {
      return repeat<sluice::Date32Builder>(name, day_of_timestamp(now_us), rows);
    }
    sluice::Column operator()(Now) const { return repeat<sluice::TimestampBuilder>(name, now_us, rows); }
  };
  return std::visit(Make{name, rows, micros_since_epoch(now)}, value);
}

}  // namespace sluice::standard
