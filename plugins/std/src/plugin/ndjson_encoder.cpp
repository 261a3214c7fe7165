#include "ndjson_encoder.h"

#include "civil_time.h"
#include "json_text.h"

#include <sluice/support/json_text.hpp>

namespace sluice::standard {

NdjsonEncoder::NdjsonEncoder(const sluice::BatchView& batch) {
  for (const sluice::ColumnView& view : batch.columns()) {
    std::string key;
    support::append_json_string(key, view.name());
    key += ':';
    columns_.push_back({std::move(key), kind_of(view), view});
  }
}

NdjsonEncoder::Kind NdjsonEncoder::kind_of(const sluice::ColumnView& column) {
  const std::string_view f = column.format();
  if (f == sluice::format::utf8) return Kind::utf8;
  if (f == sluice::format::int64) return Kind::int64;
  if (f == sluice::format::int32) return Kind::int32;
  if (f == sluice::format::float64) return Kind::float64;
  if (f == sluice::format::boolean) return Kind::boolean;
  if (f == sluice::format::date32) return Kind::date32;
  if (sluice::format::is_timestamp_us(f)) return Kind::timestamp;
  throw sluice::ConfigError("column '" + std::string(column.name()) + "' has Arrow type '" + std::string(f) +
                            "', which the file sink cannot write");
}

void NdjsonEncoder::append_row(std::string& out, int64_t row) const {
  out += '{';
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (i != 0) out += ',';
    out += columns_[i].key;
    append_value(out, columns_[i], row);
  }
  out += "}\n";
}

void NdjsonEncoder::append_value(std::string& out, const Column& column, int64_t row) {
  const sluice::ColumnView& v = column.view;
  if (v.is_null(row)) {
    out += "null";
    return;
  }
  switch (column.kind) {
    case Kind::utf8: support::append_json_string(out, v.string(row)); return;
    case Kind::int64: append_json_int(out, v.int64(row)); return;
    case Kind::int32: append_json_int(out, v.int32(row)); return;
    case Kind::float64: append_json_double(out, v.float64(row)); return;
    case Kind::boolean: out += v.boolean(row) ? "true" : "false"; return;
    case Kind::date32:
      out += '"';
      append_date(out, v.date32(row));
      out += '"';
      return;
    case Kind::timestamp:
      out += '"';
      append_timestamp(out, v.timestamp_us(row));
      out += '"';
      return;
  }
}

}  // namespace sluice::standard
