// How the sink tells its caller what became of each row: rejected alone
// with a reason (never the value), or committed with the rest of its write.
#pragma once

#include <cstdint>
#include <string>

#include "pending_rows.h"

namespace sluice::postgres {

class DeliveryReporter {
 public:
  virtual ~DeliveryReporter() = default;
  // Called before `committed` for the row's write.
  virtual void reject(RowOrigin origin, const std::string& reason) = 0;
  // Once per write, after COMMIT succeeded.
  virtual void committed(uint64_t write_id) = 0;
};

}  // namespace sluice::postgres
