// Writes the JSON bodies of the calls made for every ten messages
// (ReceiveMessage, DeleteMessageBatch, ChangeMessageVisibilityBatch) straight
// into one string: building them as nlohmann documents cost about twenty
// allocations per message (bench/RESULTS.md, issue 12).
#pragma once

#include <string>
#include <string_view>

namespace sluice::sqs {

class JsonRequestWriter {
 public:
  JsonRequestWriter() { text_.reserve(256); }

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }

  // A member name; the value written next belongs to it.
  void key(std::string_view name);
  void string(std::string_view value);
  void integer(long long value);

  std::string take() && { return std::move(text_); }

 private:
  void open(char bracket);
  void close(char bracket);
  void separate();

  std::string text_;
  // True right after `[`, `{` or a key: the next value needs no comma.
  bool at_start_ = true;
};

}  // namespace sluice::sqs
