#include "json_transform.h"

namespace sluice::standard {
namespace {

// The member `key` of `object`. When the key appears more than once the
// last one wins, as in Python, Go and Jackson (simdjson's at_key keeps the
// first), so that a later duplicate cannot hide behind an earlier one.
bool last_member(simdjson::dom::object object, std::string_view key, simdjson::dom::element& value) {
  bool found = false;
  for (const simdjson::dom::key_value_pair member : object) {
    if (member.key == key) {
      value = member.value;
      found = true;
    }
  }
  return found;
}

// The value at `keys` under `root`, or nullopt when a key is absent or an
// intermediate value is not an object.
std::optional<simdjson::dom::element> lookup(simdjson::dom::object root,
                                             const std::vector<std::string>& keys) {
  simdjson::dom::object object = root;
  simdjson::dom::element value;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (!last_member(object, keys[i], value)) return std::nullopt;
    const bool last = i + 1 == keys.size();
    if (!last && value.get_object().get(object)) return std::nullopt;
  }
  return value;
}

const char* parse_error_text(simdjson::error_code error) {
  switch (error) {
    case simdjson::UTF8_ERROR: return "is not valid UTF-8";
    case simdjson::NUMBER_ERROR: return "holds a number that is malformed or out of range";
    default: return "is not valid JSON";
  }
}

void append_nulls(std::vector<JsonColumnBuilder>& columns) {
  for (JsonColumnBuilder& column : columns) column.append_null();
}

std::vector<size_t> required_first(const std::vector<JsonField>& fields,
                                   const std::vector<std::string>& required) {
  std::vector<size_t> order;
  for (const std::string& name : required) {
    for (size_t i = 0; i < fields.size(); ++i) {
      if (fields[i].column == name) order.push_back(i);
    }
  }
  for (size_t i = 0; i < fields.size(); ++i) {
    if (!fields[i].required) order.push_back(i);
  }
  return order;
}

}  // namespace

JsonTransform::JsonTransform(const sluice::Config& config)
    : source_(config.require<std::string>("source")),
      fields_(json_fields_from(config)),
      extraction_order_(required_first(fields_, config.string_list("required"))) {}

sluice::OwnedBatch JsonTransform::process(sluice::OwnedBatch in, sluice::Rejector& rejects) {
  const sluice::ColumnView source = in.column(source_).view();
  if (source.format() != sluice::format::utf8) {
    throw sluice::ConfigError("json: source column '" + source_ + "' is not a string column");
  }
  std::vector<JsonColumnBuilder> columns;
  columns.reserve(fields_.size());
  for (const JsonField& field : fields_) columns.emplace_back(field, in.num_rows());

  for (int64_t row = 0; row < source.length(); ++row) {
    if (source.is_null(row)) {
      rejects.reject(row, "column '" + source_ + "' is null");
      append_nulls(columns);
    } else if (auto reason = parse_row(source.string(row), columns)) {
      rejects.reject(row, *reason);
    }
  }
  for (JsonColumnBuilder& column : columns) in.set_column(column.finish());
  return in;
}

std::optional<std::string> JsonTransform::parse_row(std::string_view text,
                                                    std::vector<JsonColumnBuilder>& columns) {
  simdjson::dom::element root;
  if (const auto error = parser_.parse(text.data(), text.size()).get(root)) {
    append_nulls(columns);
    return "column '" + source_ + "' " + parse_error_text(error);
  }
  simdjson::dom::object object;
  if (root.get_object().get(object)) {
    append_nulls(columns);
    return "column '" + source_ + "' is not a JSON object";
  }
  return extract_fields(object, columns);
}

std::optional<std::string> JsonTransform::extract_fields(simdjson::dom::object root,
                                                         std::vector<JsonColumnBuilder>& columns) {
  for (size_t k = 0; k < extraction_order_.size(); ++k) {
    const size_t i = extraction_order_[k];
    const JsonField& field = fields_[i];
    const std::optional<simdjson::dom::element> value = lookup(root, field.keys);
    std::optional<std::string> reason;
    if (!value || value->is_null()) {
      if (field.required) {
        reason = "required field '" + field.path + "' is " + (value ? "null" : "missing");
      } else {
        columns[i].append_null();
      }
    } else if (!columns[i].append(*value)) {
      reason = columns[i].type_mismatch_reason();
    }
    if (reason) {
      // The columns not reached yet still need a placeholder for the row,
      // which the SDK removes.
      for (size_t rest = k; rest < extraction_order_.size(); ++rest) {
        columns[extraction_order_[rest]].append_null();
      }
      return reason;
    }
  }
  return std::nullopt;
}

}  // namespace sluice::standard
