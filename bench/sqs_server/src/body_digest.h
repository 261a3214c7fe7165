// MD5OfBody, as SQS reports it: the lowercase hex MD5 of the body's bytes.
#pragma once

#include <string>
#include <string_view>

namespace sqs_server {

std::string md5_hex(std::string_view body);

}  // namespace sqs_server
