#include "arrow_batch.h"

#include "row_texts.h"
#include "storable_text.h"

#include <sluice/plugin.hpp>

namespace sluice::core {

ArrowBatch& ArrowBatch::operator=(ArrowBatch&& other) noexcept {
  if (this != &other) {
    reset();
    schema_ = other.schema_;
    array_ = other.array_;
    other.schema_.release = nullptr;
    other.array_.release = nullptr;
  }
  return *this;
}

void ArrowBatch::reset() {
  if (array_.release != nullptr) array_.release(&array_);
  if (schema_.release != nullptr) schema_.release(&schema_);
  array_ = {};
  schema_ = {};
}

std::vector<std::optional<std::string>> copy_column_as_text(const ArrowBatch& batch, std::string_view name) {
  const RowTexts texts = RowTexts::copy(batch, name);
  std::vector<std::optional<std::string>> values;
  values.reserve(static_cast<size_t>(texts.size()));
  for (int64_t row = 0; row < texts.size(); ++row) {
    std::optional<std::string_view> text = texts.at(row);
    values.emplace_back(text ? std::optional<std::string>(*text) : std::nullopt);
  }
  return values;
}

namespace {

Column text_column_of(const std::string& name, const std::vector<std::optional<std::string>>& values) {
  Utf8Builder builder;
  builder.reserve(static_cast<int64_t>(values.size()));
  for (const auto& v : values) {
    if (v)
      builder.append(std::string_view(*v));
    else
      builder.append_null();
  }
  return builder.finish(name);
}

ArrowBatch export_batch(OwnedBatch batch) {
  ArrowBatch out;
  batch.release_into(out.schema(), out.array());
  return out;
}

}  // namespace

ArrowBatch make_text_batch(const std::vector<TextColumn>& columns, int64_t rows) {
  BatchBuilder builder(rows);
  for (const TextColumn& c : columns) builder.add(text_column_of(c.name, c.values));
  return export_batch(builder.finish());
}

ArrowBatch make_dead_letter_batch(const std::vector<DeadLetterRow>& rows) {
  Utf8Builder step, reason, message_id, body;
  TimestampBuilder time;
  for (const DeadLetterRow& r : rows) {
    step.append(std::string_view(r.step));
    if (r.message_id)
      message_id.append(std::string_view(*r.message_id));
    else
      message_id.append_null();
    if (!r.body) {
      reason.append(std::string_view(r.reason));
      body.append_null();
    } else if (is_storable_text(*r.body)) {
      reason.append(std::string_view(r.reason));
      body.append(std::string_view(*r.body));
    } else {
      reason.append(
          r.reason +
          " (the body held NUL bytes or invalid UTF-8: written with \\xNN escapes and backslashes doubled)");
      body.append(escape_unstorable_bytes(*r.body));
    }
    time.append(r.time_us);
  }
  BatchBuilder builder(static_cast<int64_t>(rows.size()));
  builder.add("step", step)
      .add("reason", reason)
      .add("message_id", message_id)
      .add("body", body)
      .add("time", time);
  return export_batch(builder.finish());
}

}  // namespace sluice::core
