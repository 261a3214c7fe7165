#include "test_runner.h"

#include <algorithm>
#include <chrono>

#include "suggest.h"
#include "transform_call.h"

namespace sluice::core {
namespace {

// A case ready to run: its input batch and the transforms it goes through.
struct PreparedCase {
  ArrowBatch input;
  std::vector<const PluginInstance*> chain;
};

std::string case_issue(const TestFile& file, TextPosition at, const std::string& name,
                       const std::string& message) {
  return format_issue(file.path, {at.line, at.column, "case '" + name + "'", message});
}

Result<std::vector<const PluginInstance*>> chain_of(const TestFile& file, const TestCase& test,
                                                    const Transforms& transforms) {
  std::vector<const PluginInstance*> chain;
  if (test.steps.empty()) {
    for (const auto& t : transforms) chain.push_back(t.get());
    return chain;
  }
  std::vector<std::string> names;
  for (const auto& t : transforms) names.push_back(t->step_name());
  for (const std::string& step : test.steps) {
    auto found = std::find_if(transforms.begin(), transforms.end(),
                              [&](const auto& t) { return t->step_name() == step; });
    if (found != transforms.end()) {
      chain.push_back(found->get());
      continue;
    }
    std::string message = "the pipeline has no transform '" + step + "'";
    if (std::string near = nearest_name(step, names); !near.empty())
      message += "; did you mean '" + near + "'?";
    return config_error(case_issue(file, test.steps_position, test.name, message));
  }
  return chain;
}

Result<PreparedCase> prepare(const TestFile& file, const TestCase& test, const Transforms& transforms) {
  SLUICE_ASSIGN_OR_RETURN(std::vector<const PluginInstance*> chain, chain_of(file, test, transforms));
  Result<ArrowBatch> input = make_input_batch(test.input, file.defaults);
  if (!input.ok()) return config_error(case_issue(file, test.position, test.name, input.status().message()));
  return PreparedCase{std::move(input).value(), std::move(chain)};
}

// Runs the chain as the runner does, following each row back to its input row.
void run_case(PreparedCase prepared, CaseOutcome* outcome) {
  ArrowBatch rows = std::move(prepared.input);
  std::vector<int64_t> origin(static_cast<size_t>(rows.length()));
  for (size_t i = 0; i < origin.size(); ++i) origin[i] = static_cast<int64_t>(i);
  for (const PluginInstance* step : prepared.chain) {
    if (rows.length() == 0) break;
    Result<TransformResult> result = call_transform(*step, std::move(rows));
    if (!result.ok()) {
      outcome->error = result.status().message();
      return;
    }
    for (auto& [row, reason] : result->rejected)
      outcome->rejected.push_back({origin[row], step->step_name(), reason});
    std::vector<int64_t> kept;
    for (int64_t row : result->kept) kept.push_back(origin[row]);
    origin = std::move(kept);
    rows = std::move(result->rows);
  }
  std::stable_sort(outcome->rejected.begin(), outcome->rejected.end(),
                   [](const RejectedRow& a, const RejectedRow& b) { return a.input_row < b.input_row; });
  outcome->rows = read_output_rows(rows);
}

std::string rejected_list(const std::vector<RejectedRow>& rejected) {
  std::string out;
  for (const RejectedRow& r : rejected) {
    out += (out.empty() ? "" : "; ") +
           ("input " + std::to_string(r.input_row) + " by '" + r.step + "': " + r.reason);
  }
  return out.empty() ? "none" : out;
}

const CaseOutcome* find_outcome(const std::vector<CaseOutcome>& outcomes, const std::string& name) {
  for (const CaseOutcome& o : outcomes)
    if (o.name == name) return &o;
  return nullptr;
}

// The value (not_)same_as compares with: the field of the named row of the
// other case, by default the row of the same number.
CellValue same_as_value(const ValueMatcher& m, size_t row, const std::vector<CaseOutcome>& outcomes) {
  if (m.other_case.empty()) return CellValue::absent();
  const CaseOutcome* other = find_outcome(outcomes, m.other_case);
  const size_t other_row = m.other_row.value_or(row);
  if (other == nullptr || other_row >= other->rows.size()) return CellValue::absent();
  return cell_of(other->rows[other_row], m.other_field);
}

void check_rows(const std::vector<RowExpectation>& expected, const std::vector<CaseOutcome>& outcomes,
                CaseOutcome* outcome) {
  if (expected.size() != outcome->rows.size()) {
    outcome->failures.push_back("rows: expected " + std::to_string(expected.size()) + " rows, got " +
                                std::to_string(outcome->rows.size()) +
                                " (rejected: " + rejected_list(outcome->rejected) + ")");
  }
  for (size_t r = 0; r < std::min(expected.size(), outcome->rows.size()); ++r) {
    for (const FieldExpectation& f : expected[r]) {
      const CellValue actual = cell_of(outcome->rows[r], f.field);
      const auto problem = mismatch(f.matcher, actual, same_as_value(f.matcher, r, outcomes));
      if (!problem) continue;
      outcome->failures.push_back("rows[" + std::to_string(r) + "]." + f.field + ": expected " + *problem +
                                  ", got " + describe_cell(actual));
    }
  }
}

void check_rejected(const std::vector<RejectExpectation>& expected, CaseOutcome* outcome) {
  if (expected.size() != outcome->rejected.size()) {
    outcome->failures.push_back("rejected: expected " + std::to_string(expected.size()) +
                                " rejected rows, got " + std::to_string(outcome->rejected.size()) + " (" +
                                rejected_list(outcome->rejected) + ")");
    return;
  }
  for (size_t i = 0; i < expected.size(); ++i) {
    const RejectedRow& actual = outcome->rejected[i];
    if (actual.step == expected[i].step && actual.reason.find(expected[i].reason) != std::string::npos)
      continue;
    outcome->failures.push_back("rejected[" + std::to_string(i) + "]: expected step '" + expected[i].step +
                                "' with a reason containing '" + expected[i].reason + "', got step '" +
                                actual.step + "': " + actual.reason);
  }
}

void check_case(const TestCase& test, const std::vector<CaseOutcome>& outcomes, CaseOutcome* outcome) {
  if (!outcome->error.empty()) return;
  if (test.rows) check_rows(*test.rows, outcomes, outcome);
  if (test.rejected) check_rejected(*test.rejected, outcome);
}

}  // namespace

Result<std::vector<CaseOutcome>> run_test_file(const TestFile& file, const Transforms& transforms) {
  std::vector<PreparedCase> prepared;
  for (const TestCase& test : file.cases) {
    SLUICE_ASSIGN_OR_RETURN(PreparedCase p, prepare(file, test, transforms));
    prepared.push_back(std::move(p));
  }
  std::vector<CaseOutcome> outcomes(file.cases.size());
  for (size_t i = 0; i < file.cases.size(); ++i) {
    outcomes[i].name = file.cases[i].name;
    const auto start = std::chrono::steady_clock::now();
    run_case(std::move(prepared[i]), &outcomes[i]);
    outcomes[i].seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  for (size_t i = 0; i < file.cases.size(); ++i) check_case(file.cases[i], outcomes, &outcomes[i]);
  return outcomes;
}

}  // namespace sluice::core
