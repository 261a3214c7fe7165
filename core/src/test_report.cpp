#include "test_report.h"

#include <cstdio>
#include <fstream>

namespace sluice::core {
namespace {

std::string seconds_text(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", seconds);
  return text;
}

// Escapes text for an XML attribute or element; drops the control
// characters XML 1.0 cannot carry at all.
std::string xml_escaped(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r') break;
        out += c;
    }
  }
  return out;
}

std::string failure_text(const CaseOutcome& outcome) {
  if (!outcome.error.empty()) return outcome.error;
  std::string text;
  for (const std::string& f : outcome.failures) text += (text.empty() ? "" : "\n") + f;
  return text;
}

struct Counts {
  size_t passed = 0, failed = 0, errors = 0;
};

Counts count_of(const std::vector<CaseOutcome>& cases) {
  Counts counts;
  for (const CaseOutcome& c : cases) {
    if (c.passed())
      ++counts.passed;
    else if (!c.error.empty())
      ++counts.errors;
    else
      ++counts.failed;
  }
  return counts;
}

std::string test_case_xml(const std::string& classname, const CaseOutcome& c) {
  std::string xml = "    <testcase classname=\"" + xml_escaped(classname) + "\" name=\"" +
                    xml_escaped(c.name) + "\" time=\"" + seconds_text(c.seconds) + "\"";
  if (c.passed()) return xml + "/>\n";
  const char* element = c.error.empty() ? "failure" : "error";
  const std::string text = failure_text(c);
  const std::string first_line = text.substr(0, text.find('\n'));
  return xml + ">\n      <" + element + " message=\"" + xml_escaped(first_line) + "\">" + xml_escaped(text) +
         "</" + element + ">\n    </testcase>\n";
}

}  // namespace

void print_case(std::ostream& out, const CaseOutcome& outcome) {
  if (outcome.passed()) {
    out << "ok   " << outcome.name << " (" << seconds_text(outcome.seconds) << " s)\n";
    return;
  }
  out << "FAIL " << outcome.name << "\n";
  if (!outcome.error.empty()) out << "     error: " << outcome.error << "\n";
  for (const std::string& failure : outcome.failures) out << "     " << failure << "\n";
}

std::string summary(const std::vector<FileOutcome>& files) {
  size_t passed = 0, failed = 0;
  for (const FileOutcome& f : files) {
    Counts counts = count_of(f.cases);
    passed += counts.passed;
    failed += counts.failed + counts.errors;
  }
  return std::to_string(passed) + " passed, " + std::to_string(failed) + " failed";
}

std::string junit_xml(const std::string& pipeline_name, const std::vector<FileOutcome>& files) {
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"sluice test\">\n";
  for (const FileOutcome& f : files) {
    Counts counts = count_of(f.cases);
    double seconds = 0;
    for (const CaseOutcome& c : f.cases) seconds += c.seconds;
    xml += "  <testsuite name=\"" + xml_escaped(f.path) + "\" tests=\"" + std::to_string(f.cases.size()) +
           "\" failures=\"" + std::to_string(counts.failed) + "\" errors=\"" + std::to_string(counts.errors) +
           "\" skipped=\"0\" time=\"" + seconds_text(seconds) + "\">\n";
    for (const CaseOutcome& c : f.cases) xml += test_case_xml(pipeline_name, c);
    xml += "  </testsuite>\n";
  }
  return xml + "</testsuites>\n";
}

Status write_j_unit(const std::string& path, const std::string& pipeline_name,
                    const std::vector<FileOutcome>& files) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return runtime_error(path + ": cannot write the JUnit report");
  out << junit_xml(pipeline_name, files);
  out.flush();
  if (!out) return runtime_error(path + ": cannot write the JUnit report");
  return Status();
}

}  // namespace sluice::core
