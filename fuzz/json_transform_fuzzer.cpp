// Fuzzes the `json` transform (plugins/std) with message bodies: each line of
// the input is the `body` of one row, and the batch goes through the
// user_logins `parse` step and through a step asking for every type and a
// nested path. Beyond sanitizer reports it checks what the rest of the
// pipeline relies on: the batch keeps its rows until the rejected ones are
// removed, a row that stays has every required field, and every string it
// produced is valid UTF-8 (Arrow utf8, then PostgreSQL text).
#include "fuzz_support.h"
#include "json_transform.h"

#include <sluice/plugin.hpp>
#include <sluice/support/utf8.hpp>

#include <string>
#include <vector>

namespace {

// One batch is at most this many rows: enough to mix good and bad rows.
constexpr size_t kMaxRows = 32;

// pipelines/user_logins.yaml, step `parse`.
constexpr const char* kUserLoginsParse = R"({
  "fields": {"user_id": "string", "app_version": "string", "device_type": "string",
             "ip": "string", "locale": "string", "device_id": "string"},
  "required": ["user_id", "device_type", "ip", "device_id"]})";

constexpr const char* kEveryType = R"({
  "source": "body",
  "fields": {"s": "string", "i": "int64", "f": "float64", "b": "bool", "d": "date",
             "t": "timestamp", "j": "json", "nested": {"path": "a.b.c", "type": "string"}},
  "required": ["s", "nested"]})";

struct Step {
  sluice::standard::JsonTransform transform;
  std::vector<std::string> required;
};

Step make_step(const char* config_json) {
  const sluice::Config config = sluice::Config::parse(config_json);
  return {sluice::standard::JsonTransform(config), config.string_list("required")};
}

sluice::OwnedBatch body_batch(const std::vector<std::string_view>& bodies) {
  sluice::Utf8Builder column;
  for (std::string_view body : bodies) column.append(body);
  sluice::OwnedBatch batch(static_cast<int64_t>(bodies.size()));
  batch.add_column(column.finish("body"));
  return batch;
}

// What the SDK does with a transform's answer before the host sees it.
void check_rows_kept(const Step& step, sluice::OwnedBatch out, const sluice::Rejector& rejects) {
  const int64_t rows_in = rejects.num_rows();
  FUZZ_CHECK(out.num_rows() == rows_in);
  for (const sluice::RowReason& rejected : rejects.rejected()) FUZZ_CHECK(!rejected.reason.empty());
  out.remove_rows(rejects.removed_mask());
  FUZZ_CHECK(out.num_rows() == rows_in - rejects.removed_count());

  const sluice::BatchView kept = out.view();
  for (const std::string& name : step.required) {
    const sluice::ColumnView& column = kept.column(name);
    for (int64_t row = 0; row < kept.num_rows(); ++row) FUZZ_CHECK(!column.is_null(row));
  }
  for (const sluice::ColumnView& column : kept.columns()) {
    if (column.name() == "body" || column.format() != sluice::format::utf8) continue;
    for (int64_t row = 0; row < kept.num_rows(); ++row) {
      if (!column.is_null(row)) FUZZ_CHECK(sluice::support::is_valid_utf8(column.string(row)));
    }
  }
}

void run(Step& step, const std::vector<std::string_view>& bodies) {
  sluice::Rejector rejects(static_cast<int64_t>(bodies.size()));
  sluice::OwnedBatch out = step.transform.process(body_batch(bodies), rejects);
  check_rows_kept(step, std::move(out), rejects);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // Built once, as a pipeline does: the parser's buffers carry over between
  // batches, which is part of what is tested.
  static Step user_logins = make_step(kUserLoginsParse);
  static Step every_type = make_step(kEveryType);

  const std::vector<std::string_view> bodies =
      sluice::fuzz::split(sluice::fuzz::as_text(data, size), '\n', kMaxRows);
  run(user_logins, bodies);
  run(every_type, bodies);
  return 0;
}
