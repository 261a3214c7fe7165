// The conversions of the `fields` transform's `convert` option.
#pragma once

#include <sluice/plugin.hpp>

#include <string>

namespace sluice::standard {

enum class Conversion { int64, float64, date, version_int };

// "int64", "float64", "date" or "version_int"; throws ConfigError naming
// `option` otherwise.
Conversion conversion_named(const std::string& name, const std::string& option);

// `column` converted row by row. A value that cannot convert rejects its
// row (reason naming the column) and leaves a null; null stays null.
// Accepted inputs:
//   int64        utf8 decimal text, int32, int64, whole float64, bool (0/1)
//   float64      utf8 decimal text, int32, int64, float64
//   date         utf8 "YYYY-MM-DD" or RFC 3339 text (its UTC day),
//                timestamp (its UTC day), date32
//   version_int  utf8 "MAJOR[.MINOR[.PATCH]]" (see text_numbers.h), int64
// Throws ConfigError for a column type the conversion does not accept.
sluice::Column convert_column(sluice::Column column, Conversion conversion, sluice::Rejector& rejects);

}  // namespace sluice::standard
