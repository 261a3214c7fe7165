// One HTTP exchange, waited for: what the credential providers need (a few
// requests at start and at each refresh), without the SQS client's
// concurrency. A function so that tests can answer in place of the network.
#pragma once

#include <functional>

#include "error_kind.h"
#include "http_message.h"

namespace sluice::sqs {

// The reply (any status), or a kNetwork error when there was none.
using HttpFetch = std::function<Result<HttpResponse>(HttpRequest request)>;

// Over libcurl; each call has its own connection.
HttpFetch curl_fetch();

}  // namespace sluice::sqs
