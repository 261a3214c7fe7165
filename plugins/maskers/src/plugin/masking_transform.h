// What the three masker plugins share: the `fields` option, nulls and
// empty strings, per-row rejections, and output columns replacing input
// columns. A masker supplies only how one value is masked (and, when it is
// reversible, unmasked).
//
//   null          stays null
//   ""            stays "": there is nothing to protect and no format to keep,
//                 and every masker agrees, so swapping maskers changes nothing
//   a value the masker cannot take (an fpe format mismatch)
//                 rejects its row with "field '<name>': <why>", never the value
#pragma once

#include <sluice/plugin.hpp>

#include <string>
#include <vector>

#include <sluice/support/status.hpp>
#include "field_mapping.h"

namespace sluice::maskers {

class MaskingTransform : public sluice::Transform {
 public:
  sluice::OwnedBatch process(sluice::OwnedBatch in, sluice::Rejector& rejects) override;

 protected:
  explicit MaskingTransform(const sluice::Config& config) : fields_(read_field_mappings(config)) {}

  const std::vector<FieldMapping>& fields() const { return fields_; }

  // Masks a value (neither null nor empty) of fields()[field].
  virtual support::Status mask_value(std::size_t field, std::string_view value, std::string& out) = 0;
  // Recovers a value masked by mask_value; only reversible maskers override it.
  virtual support::Status unmask_value(std::size_t field, std::string_view value, std::string& out);

  // For invert(): reads each output column back into its input column.
  // Unlike process, it skips fields whose column is absent, since `sluice
  // unmask` recovers one field at a time; it needs at least one.
  sluice::OwnedBatch unmask_columns(sluice::OwnedBatch in, sluice::Rejector& rejects);

 private:
  enum class Direction { mask, unmask };

  void transform_column(sluice::OwnedBatch& batch, std::size_t field, Direction direction,
                        sluice::Rejector& rejects);

  std::vector<FieldMapping> fields_;
  std::string masked_;  // reused for every value
};

}  // namespace sluice::maskers
