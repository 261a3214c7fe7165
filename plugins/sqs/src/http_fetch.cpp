#include "http_fetch.h"

#include <optional>

#include "http_transport.h"

namespace sluice::sqs {

HttpFetch curl_fetch() {
  return [](HttpRequest request) -> Result<HttpResponse> {
    CurlTransportOptions options;
    options.connect_timeout = request.timeout;
    options.max_reply_bytes = 1024 * 1024;  // credential replies are a few KiB
    SLUICE_ASSIGN_OR_RETURN(auto transport, make_curl_transport(options));
    std::optional<Result<HttpResponse>> outcome;
    transport->start(std::move(request), [&](Result<HttpResponse> reply) { outcome = std::move(reply); });
    while (!outcome) transport->poll(std::chrono::milliseconds(100));
    return std::move(*outcome);
  };
}

}  // namespace sluice::sqs
