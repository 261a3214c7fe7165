// A main() for the fuzz targets in builds without libFuzzer (GCC, the
// warnings-as-errors and ASan+UBSan builds): it feeds every file of the
// corpus directories named on the command line to LLVMFuzzerTestOneInput
// once, so the committed corpora run as ordinary tests under the sanitizers.
// A broken promise aborts, as it does under libFuzzer.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

std::vector<uint8_t> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Sorted, so that a failure names the same input on every run.
std::vector<std::filesystem::path> corpus_files(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s CORPUS_DIR...\n", argv[0]);
    return 2;
  }
  size_t replayed = 0;
  for (int i = 1; i < argc; ++i) {
    std::error_code error;
    if (!std::filesystem::is_directory(argv[i], error)) {
      std::fprintf(stderr, "%s: not a directory\n", argv[i]);
      return 2;
    }
    for (const auto& file : corpus_files(argv[i])) {
      std::fprintf(stderr, "replaying %s\n", file.c_str());
      const std::vector<uint8_t> input = read_file(file);
      // libFuzzer never passes a null pointer, even for an empty input.
      const uint8_t empty = 0;
      LLVMFuzzerTestOneInput(input.empty() ? &empty : input.data(), input.size());
      ++replayed;
    }
  }
  if (replayed == 0) {
    std::fprintf(stderr, "no corpus file found\n");
    return 1;
  }
  std::printf("%zu inputs replayed without a finding\n", replayed);
  return 0;
}
