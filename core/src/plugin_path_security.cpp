#include "plugin_path_security.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sstream>

namespace sluice::core {

std::string insecure_path_reason(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return std::string("cannot be checked: ") + std::strerror(errno);
  const char* what = S_ISDIR(st.st_mode) ? "directory" : "file";
  if ((st.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
    std::ostringstream mode;
    mode << std::oct << (st.st_mode & 07777);
    return std::string("insecure: the ") + what + " is writable by " +
           ((st.st_mode & S_IWOTH) != 0 ? "others" : "its group") + " (mode 0" + mode.str() +
           "); fix its permissions (chmod go-w) or pass --allow-insecure-plugin-path";
  }
  if (st.st_uid != 0 && st.st_uid != ::geteuid()) {
    return std::string("insecure: the ") + what + " is owned by uid " + std::to_string(st.st_uid) +
           ", neither root nor the user running sluice; pass --allow-insecure-plugin-path to load it anyway";
  }
  return {};
}

}  // namespace sluice::core
