// What `sluice test` shows: a line per case (and a line per failed
// expectation under it), a closing count, and JUnit XML for CI systems.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "status.h"
#include "test_runner.h"

namespace sluice::core {

struct FileOutcome {
  std::string path;  // the test file
  std::vector<CaseOutcome> cases;
};

// "ok   NAME (0.001 s)" or "FAIL NAME" followed by its failures, indented.
void print_case(std::ostream& out, const CaseOutcome& outcome);

// "N passed, N failed".
std::string summary(const std::vector<FileOutcome>& files);

// One <testsuite> per test file, one <testcase> per case.
std::string junit_xml(const std::string& pipeline_name, const std::vector<FileOutcome>& files);
Status write_j_unit(const std::string& path, const std::string& pipeline_name,
                    const std::vector<FileOutcome>& files);

}  // namespace sluice::core
