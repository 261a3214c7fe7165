#include "column_conversion.h"

#include "civil_time.h"
#include "text_numbers.h"

#include <cmath>
#include <optional>

namespace sluice::standard {
namespace {

const char* conversion_name(Conversion c) {
  switch (c) {
    case Conversion::int64: return "int64";
    case Conversion::float64: return "float64";
    case Conversion::date: return "date";
    case Conversion::version_int: return "version_int";
  }
  return "unknown";
}

// Builds the converted column: `convert(row)` gives the value or nullopt
// when the row's value cannot convert.
template <class Builder, class Convert>
sluice::Column convert_rows(const sluice::ColumnView& in, Conversion conversion, sluice::Rejector& rejects,
                            Convert convert) {
  Builder out;
  out.reserve(in.length());
  for (int64_t row = 0; row < in.length(); ++row) {
    if (in.is_null(row)) {
      out.append_null();
    } else if (const auto value = convert(row)) {
      out.append(*value);
    } else {
      rejects.reject(
          row, "column '" + std::string(in.name()) + "' cannot convert to " + conversion_name(conversion));
      out.append_null();
    }
  }
  return out.finish(std::string(in.name()));
}

std::optional<int64_t> whole_number(double value) {
  // 2^63 is exactly representable; anything at or above it overflows.
  if (!std::isfinite(value) || value != std::trunc(value) || value < -9223372036854775808.0 ||
      value >= 9223372036854775808.0) {
    return std::nullopt;
  }
  return static_cast<int64_t>(value);
}

std::optional<int32_t> date_of_text(std::string_view text) {
  if (auto day = parse_date(text)) return day;
  if (auto micros = parse_timestamp(text)) return day_of_timestamp(*micros);
  return std::nullopt;
}

[[noreturn]] void unsupported(const sluice::ColumnView& in, Conversion c) {
  throw sluice::ConfigError("column '" + std::string(in.name()) + "' has type '" + std::string(in.format()) +
                            "', which cannot convert to " + conversion_name(c));
}

sluice::Column to_int64(sluice::Column column, sluice::Rejector& rejects) {
  const sluice::ColumnView in = column.view();
  const std::string_view f = in.format();
  const Conversion c = Conversion::int64;
  using B = sluice::Int64Builder;
  if (f == sluice::format::int64) return column;
  if (f == sluice::format::utf8) {
    return convert_rows<B>(in, c, rejects, [&](int64_t r) { return parse_int64(in.string(r)); });
  }
  if (f == sluice::format::int32) {
    return convert_rows<B>(in, c, rejects, [&](int64_t r) { return std::optional<int64_t>(in.int32(r)); });
  }
  if (f == sluice::format::float64) {
    return convert_rows<B>(in, c, rejects, [&](int64_t r) { return whole_number(in.float64(r)); });
  }
  if (f == sluice::format::boolean) {
    return convert_rows<B>(in, c, rejects,
                           [&](int64_t r) { return std::optional<int64_t>(in.boolean(r) ? 1 : 0); });
  }
  unsupported(in, c);
}

sluice::Column to_float64(sluice::Column column, sluice::Rejector& rejects) {
  const sluice::ColumnView in = column.view();
  const std::string_view f = in.format();
  const Conversion c = Conversion::float64;
  using B = sluice::Float64Builder;
  if (f == sluice::format::float64) return column;
  if (f == sluice::format::utf8) {
    return convert_rows<B>(in, c, rejects, [&](int64_t r) { return parse_float64(in.string(r)); });
  }
  if (f == sluice::format::int64) {
    return convert_rows<B>(
        in, c, rejects, [&](int64_t r) { return std::optional<double>(static_cast<double>(in.int64(r))); });
  }
  if (f == sluice::format::int32) {
    return convert_rows<B>(in, c, rejects, [&](int64_t r) { return std::optional<double>(in.int32(r)); });
  }
  unsupported(in, c);
}

sluice::Column to_date(sluice::Column column, sluice::Rejector& rejects) {
  const sluice::ColumnView in = column.view();
  const std::string_view f = in.format();
  const Conversion c = Conversion::date;
  using B = sluice::Date32Builder;
  if (f == sluice::format::date32) return column;
  if (f == sluice::format::utf8) {
    return convert_rows<B>(in, c, rejects, [&](int64_t r) { return date_of_text(in.string(r)); });
  }
  if (sluice::format::is_timestamp_us(f)) {
    return convert_rows<B>(in, c, rejects, [&](int64_t r) {
      return std::optional<int32_t>(day_of_timestamp(in.timestamp_us(r)));
    });
  }
  unsupported(in, c);
}

sluice::Column to_version_int(sluice::Column column, sluice::Rejector& rejects) {
  const sluice::ColumnView in = column.view();
  if (in.format() == sluice::format::int64) return column;
  if (in.format() != sluice::format::utf8) unsupported(in, Conversion::version_int);
  return convert_rows<sluice::Int64Builder>(in, Conversion::version_int, rejects,
                                            [&](int64_t r) { return parse_version_int(in.string(r)); });
}

}  // namespace

Conversion conversion_named(const std::string& name, const std::string& option) {
  for (Conversion c : {Conversion::int64, Conversion::float64, Conversion::date, Conversion::version_int}) {
    if (name == conversion_name(c)) return c;
  }
  throw sluice::ConfigError("option '" + option + "' has unknown conversion '" + name +
                            "' (int64, float64, date, version_int)");
}

sluice::Column convert_column(sluice::Column column, Conversion conversion, sluice::Rejector& rejects) {
  switch (conversion) {
    case Conversion::int64: return to_int64(std::move(column), rejects);
    case Conversion::float64: return to_float64(std::move(column), rejects);
    case Conversion::date: return to_date(std::move(column), rejects);
    case Conversion::version_int: return to_version_int(std::move(column), rejects);
  }
  throw sluice::InternalError("unknown conversion");
}

}  // namespace sluice::standard
