#include "redact.h"

#include <iterator>
#include <string_view>

namespace {

std::regex Compile(const sluice::Config& config) {
  auto flags = std::regex::ECMAScript;
  if (config.boolean("ignore_case")) flags |= std::regex::icase;
  try {
    return std::regex(config.require<std::string>("pattern"), flags);
  } catch (const std::regex_error& error) {
    throw sluice::ConfigError("option 'pattern' is not a valid ECMAScript regular expression: " +
                              std::string(error.what()));
  }
}

}  // namespace

Redact::Redact(const sluice::Config& config)
    : field_(config.require<std::string>("field")),
      pattern_(Compile(config)),
      replacement_(config.string("replacement", "[REDACTED]")) {}

sluice::OwnedBatch Redact::process(sluice::OwnedBatch batch, sluice::Rejector&) {
  const sluice::ColumnView in = batch.column(field_).view();
  if (in.format() != sluice::format::utf8) {
    // Naming the column and its type, never a value: the data may be personal.
    throw sluice::ConfigError("column '" + field_ + "' has type '" + std::string(in.format()) +
                              "', but redact needs a string column");
  }
  sluice::Utf8Builder out;
  out.reserve(in.length());
  std::string redacted;
  for (int64_t row = 0; row < in.length(); ++row) {
    if (in.is_null(row)) {
      out.append_null();
      continue;
    }
    const std::string_view text = in.string(row);
    redacted.clear();
    std::regex_replace(std::back_inserter(redacted), text.begin(), text.end(), pattern_, replacement_);
    out.append(redacted);
  }
  batch.set_column(out.finish(field_));  // same name: replaced in place
  return batch;
}
