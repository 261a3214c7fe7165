// Fuzzes the decoders of SQS replies in the AWS JSON 1.0 protocol
// (plugins/sqs/src/json_protocol.cpp): bytes from the network.
#include "sqs_reply_decoding.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto protocol = sluice::sqs::make_json_protocol();
  sluice::fuzz::decode_every_reply(*protocol, sluice::fuzz::as_text(data, size));
  return 0;
}
