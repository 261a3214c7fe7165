// Fuzzes the decoders of SQS replies in the query protocol's XML
// (plugins/sqs/src/query_protocol.cpp and xml_reader.cpp): bytes from the
// network, read by a parser of our own.
#include "sqs_reply_decoding.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto protocol = sluice::sqs::make_query_protocol();
  sluice::fuzz::decode_every_reply(*protocol, sluice::fuzz::as_text(data, size));
  return 0;
}
