// `sluice mask` and `sluice unmask`: one step of a pipeline applied to
// values read from stdin, one per line, written to stdout in the same order.
// This is how an authorised person recovers values from a reversible masker.
#include <iostream>

#include "arrow_batch.h"
#include "commands.h"
#include "pipeline.h"

namespace sluice::core {
namespace {

constexpr size_t kChunkRows = 4096;

struct FieldNames {
  std::string plain;   // the column a masker reads
  std::string masked;  // the column it writes (the same when masking in place)
};

// Maskers share the `fields` option: a list (in place) or a map
// input -> output.
std::vector<FieldNames> step_fields(const ConfigJson& config) {
  std::vector<FieldNames> all;
  const ConfigJson fields = config.value("fields", ConfigJson());
  if (fields.is_array()) {
    for (const auto& f : fields)
      if (f.is_string()) all.push_back({f, f});
  } else if (fields.is_object()) {
    for (auto it = fields.begin(); it != fields.end(); ++it)
      all.push_back({it.key(), it.value().is_string() ? it.value().get<std::string>() : it.key()});
  }
  return all;
}

// The field to work on: `field` may name either side; empty means the
// step's only field.
Result<FieldNames> resolve_field(const std::vector<FieldNames>& all, const std::string& field,
                                 const std::string& step) {
  if (all.empty()) return config_error("step '" + step + "' has no `fields` option to mask");
  std::string names;
  for (const FieldNames& f : all) {
    if (field.empty() ? all.size() == 1 : (f.plain == field || f.masked == field)) return f;
    names += (names.empty() ? "" : ", ") + f.plain;
  }
  if (field.empty())
    return usage_error("step '" + step + "' masks several fields (" + names + "); choose one with --field");
  return usage_error("step '" + step + "' does not mask a field '" + field + "' (it masks " + names + ")");
}

struct Outcome {
  std::vector<std::pair<int64_t, std::string>> rejected;
  static void reject(void* ctx, int64_t row, const char* reason) {
    static_cast<Outcome*>(ctx)->rejected.emplace_back(row, reason ? reason : "rejected");
  }
  static void drop(void* ctx, int64_t row) {
    static_cast<Outcome*>(ctx)->rejected.emplace_back(row, "dropped");
  }
};

// Runs one chunk; prints one output line per input line (empty for a
// rejected value, with the reason on stderr). The step's other fields go in
// as all-null columns: a masker insists on every column it is configured
// for (so a misspelt field never lets a value through), and nulls pass
// through unchanged. Returns rows rejected.
Result<int64_t> mask_chunk(PluginInstance& step, const std::vector<FieldNames>& fields,
                           const FieldNames& names, bool unmask,
                           std::vector<std::optional<std::string>> values, int64_t first_line) {
  const std::string& in_name = unmask ? names.masked : names.plain;
  const std::string& out_name = unmask ? names.plain : names.masked;
  int64_t rows = static_cast<int64_t>(values.size());
  std::vector<TextColumn> columns{{in_name, std::move(values)}};
  for (const FieldNames& other : fields) {
    const std::string& name = unmask ? other.masked : other.plain;
    if (name != in_name) columns.push_back({name, std::vector<std::optional<std::string>>(rows)});
  }
  ArrowBatch in = make_text_batch(columns, rows);
  ArrowBatch out;
  Outcome outcome;
  sluice_rejector rejector{sizeof(sluice_rejector), &outcome, Outcome::reject, Outcome::drop};
  sluice_error err{sizeof(sluice_error), {0}};
  auto fn = unmask ? inverse_of(step.plugin()) : step.plugin().transform->process;
  sluice_status status =
      fn(step.handle(), in.schema(), in.array(), out.schema(), out.array(), &rejector, &err);
  if (status != SLUICE_OK) return plugin_call_failed(step, unmask ? "unmask" : "mask", status, err);
  std::vector<char> removed(rows, 0);
  for (const auto& [row, reason] : outcome.rejected) {
    if (row < 0 || row >= rows) continue;
    removed[row] = 1;
    std::cerr << "line " << first_line + row << ": " << reason << "\n";
  }
  std::vector<std::optional<std::string>> results = copy_column_as_text(out, out_name);
  size_t next = 0;
  for (int64_t row = 0; row < rows; ++row) {
    if (!removed[row] && next < results.size()) std::cout << results[next++].value_or("");
    std::cout << "\n";
  }
  return static_cast<int64_t>(outcome.rejected.size());
}

}  // namespace

Status mask(const GlobalOptions& global, const MaskCommand& command) {
  SLUICE_ASSIGN_OR_RETURN(PipelineSpec spec, load_pipeline(command.pipeline, command.overrides));
  const StepSpec* step = spec.find_step(command.step);
  if (step == nullptr || step->kind != SLUICE_KIND_TRANSFORM) {
    return usage_error(command.pipeline + ": no transform step named '" + command.step + "'");
  }
  const std::vector<WantedPlugin> wanted{{step->plugin, SLUICE_KIND_TRANSFORM}};
  PluginCatalog catalog = load_catalog(global, &wanted);
  SLUICE_ASSIGN_OR_RETURN(PluginEntry plugin, catalog.find(step->plugin, SLUICE_KIND_TRANSFORM));
  if (command.unmask && inverse_of(*plugin.descriptor) == nullptr) {
    return usage_error("step '" + command.step + "' uses " + step->plugin +
                       ", which is one-way: its values cannot be recovered. Use a reversible masker "
                       "such as fpe for values that must be recoverable");
  }
  SLUICE_ASSIGN_OR_RETURN(ConfigJson config, check_step_config(spec.path, *step, plugin));
  std::vector<FieldNames> fields = step_fields(config);
  SLUICE_ASSIGN_OR_RETURN(FieldNames names, resolve_field(fields, command.field, command.step));
  SLUICE_ASSIGN_OR_RETURN(auto instance, PluginInstance::create(*step, plugin, config, spec.name, false));

  int64_t rejected = 0, line_number = 1;
  std::vector<std::optional<std::string>> chunk;
  std::string line;
  auto flush = [&]() -> Status {
    if (chunk.empty()) return Status();
    int64_t first = line_number - static_cast<int64_t>(chunk.size());
    SLUICE_ASSIGN_OR_RETURN(
        int64_t r, mask_chunk(*instance, fields, names, command.unmask, std::exchange(chunk, {}), first));
    rejected += r;
    return Status();
  };
  while (std::getline(std::cin, line)) {
    chunk.push_back(line);
    ++line_number;
    if (chunk.size() == kChunkRows) SLUICE_TRY(flush());
  }
  SLUICE_TRY(flush());
  std::cout.flush();
  if (rejected > 0)
    return runtime_error(std::to_string(rejected) + " value(s) could not be processed (see above)");
  return Status();
}

}  // namespace sluice::core
