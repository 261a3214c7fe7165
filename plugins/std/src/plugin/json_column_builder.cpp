#include "json_column_builder.h"

#include "civil_time.h"

namespace sluice::standard {
namespace {

using Builder = std::variant<sluice::Utf8Builder, sluice::Int64Builder, sluice::Float64Builder,
                             sluice::BoolBuilder, sluice::Date32Builder, sluice::TimestampBuilder>;

Builder builder_for(JsonType type) {
  switch (type) {
    case JsonType::string:
    case JsonType::json: return sluice::Utf8Builder();
    case JsonType::int64: return sluice::Int64Builder();
    case JsonType::float64: return sluice::Float64Builder();
    case JsonType::boolean: return sluice::BoolBuilder();
    case JsonType::date: return sluice::Date32Builder();
    case JsonType::timestamp: return sluice::TimestampBuilder();
  }
  throw sluice::InternalError("unknown json field type");
}

}  // namespace

JsonColumnBuilder::JsonColumnBuilder(const JsonField& field, int64_t rows)
    : field_(field), builder_(builder_for(field.type)) {
  std::visit([rows](auto& b) { b.reserve(rows); }, builder_);
}

void JsonColumnBuilder::append_null() {
  std::visit([](auto& b) { b.append_null(); }, builder_);
}

bool JsonColumnBuilder::append(simdjson::dom::element value) {
  switch (field_.type) {
    case JsonType::string: return append_string(value);
    case JsonType::int64: {
      int64_t v;
      if (value.get_int64().get(v)) return false;
      std::get<sluice::Int64Builder>(builder_).append(v);
      return true;
    }
    case JsonType::float64: {
      double v;
      if (value.get_double().get(v)) return false;
      std::get<sluice::Float64Builder>(builder_).append(v);
      return true;
    }
    case JsonType::boolean: {
      bool v;
      if (value.get_bool().get(v)) return false;
      std::get<sluice::BoolBuilder>(builder_).append(v);
      return true;
    }
    case JsonType::date: return append_date(value);
    case JsonType::timestamp: return append_timestamp(value);
    case JsonType::json: std::get<sluice::Utf8Builder>(builder_).append(simdjson::minify(value)); return true;
  }
  return false;
}

bool JsonColumnBuilder::append_string(simdjson::dom::element value) {
  std::string_view v;
  if (value.get_string().get(v)) return false;
  std::get<sluice::Utf8Builder>(builder_).append(v);
  return true;
}

bool JsonColumnBuilder::append_date(simdjson::dom::element value) {
  std::string_view text;
  if (value.get_string().get(text)) return false;
  const auto days = parse_date(text);
  if (!days) return false;
  std::get<sluice::Date32Builder>(builder_).append(*days);
  return true;
}

bool JsonColumnBuilder::append_timestamp(simdjson::dom::element value) {
  std::string_view text;
  if (value.get_string().get(text)) return false;
  const auto micros = parse_timestamp(text);
  if (!micros) return false;
  std::get<sluice::TimestampBuilder>(builder_).append(*micros);
  return true;
}

std::string JsonColumnBuilder::type_mismatch_reason() const {
  switch (field_.type) {
    case JsonType::date: return "field '" + field_.path + "' is not a date (\"YYYY-MM-DD\")";
    case JsonType::timestamp: return "field '" + field_.path + "' is not an RFC 3339 timestamp";
    default: return "field '" + field_.path + "' is not of type " + json_type_name(field_.type);
  }
}

sluice::Column JsonColumnBuilder::finish() {
  return std::visit([this](auto& b) { return b.finish(field_.column); }, builder_);
}

}  // namespace sluice::standard
