// Reading strings that are headed for typed columns, with the server's own
// rules, so that a bad value is caught before it can fail a whole COPY.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace sluice::postgres {

// A decimal integer as int2/int4/int8 input accepts it (optional sign,
// surrounding whitespace); nullopt when malformed or beyond int64.
std::optional<int64_t> parse_integer_text(std::string_view text);

// A floating-point value as float4/float8 input accepts it, including NaN
// and [+-]Infinity/inf in any case; nullopt when malformed or out of double
// range.
std::optional<double> parse_float_text(std::string_view text);

// A numeric literal: the number of digits before the decimal point once the
// exponent is applied (0 for values below 1), or, for NaN and infinities,
// a flag. nullopt when malformed.
struct NumericShape {
  int64_t integer_digits = 0;
  bool is_nan = false;
  bool is_infinite = false;
};
std::optional<NumericShape> parse_numeric_text(std::string_view text);

// true/false as boolean input accepts it: t, true, y, yes, on, 1 and
// f, false, n, no, off, 0, any case, unambiguous prefixes allowed.
std::optional<bool> parse_boolean_text(std::string_view text);

// ISO 8601 calendar date YYYY-MM-DD (a real date), or [-]infinity.
bool is_iso_date_text(std::string_view text);

// ISO 8601 date, or date and time: YYYY-MM-DD[(T| )HH:MM[:SS[.fraction]]]
// with an optional Z or +-HH[:MM] zone, or [-]infinity.
bool is_iso_timestamp_text(std::string_view text);

}  // namespace sluice::postgres
