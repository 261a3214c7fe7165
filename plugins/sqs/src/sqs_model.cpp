#include "sqs_model.h"

namespace sluice::sqs {

std::string_view action_name(SqsAction action) {
  switch (action) {
    case SqsAction::kReceiveMessage: return "ReceiveMessage";
    case SqsAction::kDeleteMessageBatch: return "DeleteMessageBatch";
    case SqsAction::kChangeMessageVisibilityBatch: return "ChangeMessageVisibilityBatch";
    case SqsAction::kGetQueueAttributes: return "GetQueueAttributes";
  }
  return "UnknownAction";
}

}  // namespace sluice::sqs
