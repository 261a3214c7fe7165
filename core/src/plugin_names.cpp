#include "plugin_names.h"

#include <elf.h>

#include <cstring>
#include <fstream>

#include "sluice/plugin.h"

namespace sluice::core {
namespace {

// A names section is a few hundred bytes; anything larger is not ours.
constexpr uint64_t kMaxSectionBytes = 64 * 1024;
constexpr uint16_t kMaxSections = 4096;

template <typename T>
bool read_at(std::ifstream& file, uint64_t offset, uint64_t file_size, T* out, size_t bytes = sizeof(T)) {
  if (offset > file_size || bytes > file_size - offset) return false;
  file.seekg(static_cast<std::streamoff>(offset));
  return static_cast<bool>(file.read(reinterpret_cast<char*>(out), static_cast<std::streamsize>(bytes)));
}

std::vector<std::string> split_names(const std::string& bytes) {
  std::vector<std::string> names;
  size_t start = 0;
  while (start < bytes.size()) {
    size_t end = bytes.find('\0', start);
    if (end == std::string::npos) end = bytes.size();
    if (end > start) names.push_back(bytes.substr(start, end - start));  // skips alignment padding
    start = end + 1;
  }
  return names;
}

}  // namespace

std::optional<std::vector<std::string>> declared_plugin_names(const std::string& path) {
  std::ifstream file(path, std::ios::binary | std::ios::ate);
  if (!file) return std::nullopt;
  const auto file_size = static_cast<uint64_t>(file.tellg());
  Elf64_Ehdr header;
  if (!read_at(file, 0, file_size, &header)) return std::nullopt;
  if (std::memcmp(header.e_ident, ELFMAG, SELFMAG) != 0 || header.e_ident[EI_CLASS] != ELFCLASS64 ||
      header.e_ident[EI_DATA] != ELFDATA2LSB || header.e_shentsize != sizeof(Elf64_Shdr) ||
      header.e_shnum > kMaxSections || header.e_shstrndx >= header.e_shnum) {
    return std::nullopt;
  }
  auto section = [&](uint16_t index, Elf64_Shdr* out) {
    return read_at(file, header.e_shoff + uint64_t{index} * sizeof(Elf64_Shdr), file_size, out);
  };
  Elf64_Shdr names_table;
  if (!section(header.e_shstrndx, &names_table)) return std::nullopt;
  const std::string wanted = SLUICE_NAMES_SECTION;
  for (uint16_t i = 0; i < header.e_shnum; ++i) {
    Elf64_Shdr candidate;
    if (!section(i, &candidate)) return std::nullopt;
    char name[sizeof(SLUICE_NAMES_SECTION)] = {};
    if (candidate.sh_name >= names_table.sh_size ||
        !read_at(file, names_table.sh_offset + candidate.sh_name, file_size, name, sizeof name) ||
        wanted != std::string_view(name, sizeof name - 1) || name[sizeof name - 1] != '\0') {
      continue;
    }
    if (candidate.sh_size > kMaxSectionBytes || candidate.sh_type == SHT_NOBITS) return std::nullopt;
    std::string bytes(candidate.sh_size, '\0');
    if (!read_at(file, candidate.sh_offset, file_size, bytes.data(), bytes.size())) return std::nullopt;
    return split_names(bytes);
  }
  return std::nullopt;
}

}  // namespace sluice::core
