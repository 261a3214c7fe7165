// Builds the output column of one JsonField from parsed JSON values,
// checking each value against the field's type.
#pragma once

#include "json_field.h"

#include <simdjson.h>
#include <sluice/plugin.hpp>

#include <string>
#include <variant>

namespace sluice::standard {

class JsonColumnBuilder {
 public:
  JsonColumnBuilder(const JsonField& field, int64_t rows);

  // Appends `value` converted to the field's type; false (appending
  // nothing) when it does not have that type.
  bool append(simdjson::dom::element value);
  void append_null();

  // Why append() refused a value: names the field and the expected type,
  // never the value.
  std::string type_mismatch_reason() const;

  sluice::Column finish();

 private:
  bool append_string(simdjson::dom::element value);
  bool append_date(simdjson::dom::element value);
  bool append_timestamp(simdjson::dom::element value);

  const JsonField& field_;
  std::variant<sluice::Utf8Builder, sluice::Int64Builder, sluice::Float64Builder, sluice::BoolBuilder,
               sluice::Date32Builder, sluice::TimestampBuilder>
      builder_;
};

}  // namespace sluice::standard
