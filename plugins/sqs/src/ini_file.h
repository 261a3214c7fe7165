// The INI dialect of ~/.aws/credentials: [section] headers, key = value
// lines, '#' and ';' comments.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace sluice::sqs {

using IniSection = std::map<std::string, std::string, std::less<>>;
using IniFile = std::map<std::string, IniSection, std::less<>>;

// Lenient like the AWS CLI: lines it cannot read are skipped, keys are
// lowercased, later duplicates win.
IniFile parse_ini(std::string_view text);

}  // namespace sluice::sqs
