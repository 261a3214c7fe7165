#include "fpe_vectors.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <sluice/support/hex.hpp>
#include "alphabet.h"

namespace sluice::maskers::testing {
namespace {

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream stream(line);
  std::string field;
  while (std::getline(stream, field, '\t')) fields.push_back(field);
  if (!line.empty() && line.back() == '\t') fields.emplace_back();
  return fields;
}

}  // namespace

std::vector<FpeVector> load_fpe_vectors(const std::string& mode) {
  std::ifstream file(SLUICE_MASKERS_TEST_DATA "/fpe_vectors.tsv");
  if (!file) throw std::runtime_error("cannot open fpe_vectors.tsv");
  std::vector<FpeVector> vectors;
  std::string line;
  while (std::getline(file, line)) {
    if (line.empty() || line[0] == '#' || line.starts_with("mode\t")) continue;
    const std::vector<std::string> fields = split_tabs(line);
    if (fields.size() != 6) throw std::runtime_error("malformed vector line: " + line);
    if (fields[0] != mode) continue;
    vectors.push_back({fields[0], hex_bytes(fields[1]), static_cast<unsigned>(std::stoul(fields[2])),
                       hex_bytes(fields[3]), fields[4], fields[5]});
  }
  return vectors;
}

std::vector<std::uint8_t> to_numerals(const std::string& text) {
  std::vector<std::uint8_t> numerals;
  for (const char c : text) numerals.push_back(static_cast<std::uint8_t>(kAlphanumericSymbols.find(c)));
  return numerals;
}

std::string from_numerals(const std::vector<std::uint8_t>& numerals) {
  std::string text;
  for (const std::uint8_t numeral : numerals) text.push_back(kAlphanumericSymbols[numeral]);
  return text;
}

std::vector<std::uint8_t> hex_bytes(const std::string& hex) {
  const std::optional<std::string> bytes = support::hex_decode(hex);
  if (!bytes) throw std::runtime_error("bad hex in test data");
  return {bytes->begin(), bytes->end()};
}

}  // namespace sluice::maskers::testing
