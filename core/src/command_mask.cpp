// `sluice mask` and `sluice unmask`: one step of a pipeline applied to
// values read from stdin, one per line, written to stdout in the same order.
// This is how an authorised person recovers values from a reversible masker.
#include <iostream>

#include "arrow_batch.h"
#include "commands.h"
#include "pipeline.h"
#include "returned_batch.h"

namespace sluice::core {
namespace {

constexpr size_t kChunkRows = 4096;

struct FieldNames {
  std::string plain;   // the column a masker reads
  std::string masked;  // the column it writes (the same when masking in place)
};

// Maskers share the `fields` option: a list (in place) or a map
// input -> output.
std::vector<FieldNames> StepFields(const ConfigJson& config) {
  std::vector<FieldNames> all;
  const ConfigJson fields = config.value("fields", ConfigJson());
  if (fields.is_array()) {
    for (const auto& f : fields) if (f.is_string()) all.push_back({f, f});
  } else if (fields.is_object()) {
    for (auto it = fields.begin(); it != fields.end(); ++it)
      all.push_back({it.key(), it.value().is_string() ? it.value().get<std::string>() : it.key()});
  }
  return all;
}

// The field to work on: `field` may name either side; empty means the
// step's only field.
Result<FieldNames> ResolveField(const std::vector<FieldNames>& all, const std::string& field,
                                const std::string& step) {
  if (all.empty()) return Status::Config("step '" + step + "' has no `fields` option to mask");
  std::string names;
  for (const FieldNames& f : all) {
    if (field.empty() ? all.size() == 1 : (f.plain == field || f.masked == field)) return f;
    names += (names.empty() ? "" : ", ") + f.plain;
  }
  if (field.empty()) return Status::Usage("step '" + step + "' masks several fields (" + names + "); choose one with --field");
  return Status::Usage("step '" + step + "' does not mask a field '" + field + "' (it masks " + names + ")");
}

struct Outcome {
  std::vector<std::pair<int64_t, std::string>> rejected;
  static void Reject(void* ctx, int64_t row, const char* reason) {
    static_cast<Outcome*>(ctx)->rejected.emplace_back(row, reason ? reason : "rejected");
  }
  static void Drop(void* ctx, int64_t row) { static_cast<Outcome*>(ctx)->rejected.emplace_back(row, "dropped"); }
};

// Runs one chunk; prints one output line per input line (empty for a
// rejected value, with the reason on stderr). The step's other fields go in
// as all-null columns: a masker insists on every column it is configured
// for (so a misspelt field never lets a value through), and nulls pass
// through unchanged. Returns rows rejected.
Result<int64_t> MaskChunk(PluginInstance& step, const std::vector<FieldNames>& fields, const FieldNames& names,
                          bool unmask, std::vector<std::optional<std::string>> values, int64_t first_line) {
  const std::string& in_name = unmask ? names.masked : names.plain;
  const std::string& out_name = unmask ? names.plain : names.masked;
  int64_t rows = static_cast<int64_t>(values.size());
  std::vector<TextColumn> columns{{in_name, std::move(values)}};
  for (const FieldNames& other : fields) {
    const std::string& name = unmask ? other.masked : other.plain;
    if (name != in_name) columns.push_back({name, std::vector<std::optional<std::string>>(rows)});
  }
  ArrowBatch in = MakeTextBatch(columns, rows);
  ArrowBatch out;
  Outcome outcome;
  sluice_rejector rejector{sizeof(sluice_rejector), &outcome, Outcome::Reject, Outcome::Drop};
  sluice_error err{sizeof(sluice_error), {0}};
  auto fn = unmask ? InverseOf(step.plugin()) : step.plugin().transform->process;
  sluice_status status = fn(step.handle(), in.schema(), in.array(), out.schema(), out.array(), &rejector, &err);
  if (status != SLUICE_OK) return PluginCallFailed(step, unmask ? "unmask" : "mask", status, err);
  if (out.valid()) SLUICE_RETURN_IF_ERROR(check_returned_batch(step, unmask ? "unmask" : "mask", out));
  std::vector<char> removed(rows, 0);
  for (const auto& [row, reason] : outcome.rejected) {
    if (row < 0 || row >= rows) continue;
    removed[row] = 1;
    std::cerr << "line " << first_line + row << ": " << reason << "\n";
  }
  std::vector<std::optional<std::string>> results = CopyColumnAsText(out, out_name);
  size_t next = 0;
  for (int64_t row = 0; row < rows; ++row) {
    if (!removed[row] && next < results.size()) std::cout << results[next++].value_or("");
    std::cout << "\n";
  }
  return static_cast<int64_t>(outcome.rejected.size());
}

}  // namespace

Status Mask(const GlobalOptions& global, const MaskCommand& command) {
  Result<PipelineSpec> spec = LoadPipeline(command.pipeline, command.overrides);
  if (!spec.ok()) return spec.status();
  const StepSpec* step = spec->FindStep(command.step);
  if (step == nullptr || step->kind != SLUICE_KIND_TRANSFORM) {
    return Status::Usage(command.pipeline + ": no transform step named '" + command.step + "'");
  }
  const std::vector<WantedPlugin> wanted{{step->plugin, SLUICE_KIND_TRANSFORM}};
  PluginCatalog catalog = LoadCatalog(global, &wanted);
  Result<PluginEntry> plugin = catalog.Find(step->plugin, SLUICE_KIND_TRANSFORM);
  if (!plugin.ok()) return plugin.status();
  if (command.unmask && InverseOf(*plugin->descriptor) == nullptr) {
    return Status::Usage("step '" + command.step + "' uses " + step->plugin +
                         ", which is one-way: its values cannot be recovered. Use a reversible masker "
                         "such as fpe for values that must be recoverable");
  }
  Result<ConfigJson> config = CheckStepConfig(spec->path, *step, *plugin);
  if (!config.ok()) return config.status();
  std::vector<FieldNames> fields = StepFields(*config);
  Result<FieldNames> names = ResolveField(fields, command.field, command.step);
  if (!names.ok()) return names.status();
  auto instance = PluginInstance::Create(*step, *plugin, *config, spec->name, false);
  if (!instance.ok()) return instance.status();

  int64_t rejected = 0, line_number = 1;
  std::vector<std::optional<std::string>> chunk;
  std::string line;
  auto flush = [&]() -> Status {
    if (chunk.empty()) return Status::Ok();
    int64_t first = line_number - static_cast<int64_t>(chunk.size());
    Result<int64_t> r = MaskChunk(**instance, fields, *names, command.unmask, std::exchange(chunk, {}), first);
    if (!r.ok()) return r.status();
    rejected += *r;
    return Status::Ok();
  };
  while (std::getline(std::cin, line)) {
    chunk.push_back(line);
    ++line_number;
    if (chunk.size() == kChunkRows) SLUICE_RETURN_IF_ERROR(flush());
  }
  SLUICE_RETURN_IF_ERROR(flush());
  std::cout.flush();
  if (rejected > 0) return Status::Runtime(std::to_string(rejected) + " value(s) could not be processed (see above)");
  return Status::Ok();
}

}  // namespace sluice::core
