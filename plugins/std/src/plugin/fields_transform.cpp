#include "fields_transform.h"

namespace sluice::standard {

FieldsTransform::FieldsTransform(const sluice::Config& config, Clock clock)
    : drops_(config.string_list("drop")), clock_(std::move(clock)) {
  const sluice::Config rename = config.object("rename");
  for (const std::string& from : rename.keys()) {
    renames_.emplace_back(from, rename.require<std::string>(from));
  }
  const sluice::Config convert = config.object("convert");
  for (const std::string& column : convert.keys()) {
    conversions_.emplace_back(column,
                              conversion_named(convert.require<std::string>(column), convert.path(column)));
  }
  const sluice::Config set = config.object("set");
  for (const std::string& column : set.keys()) {
    constants_.emplace_back(column,
                            constant_from(nlohmann::json(set.ordered_json().at(column)), set.path(column)));
  }
}

sluice::OwnedBatch FieldsTransform::process(sluice::OwnedBatch in, sluice::Rejector& rejects) {
  rename(in);
  convert(in, rejects);
  set(in);
  drop(in);
  return in;
}

// Columns keep their place. All renames read the batch as it was, so
// {a: b, b: a} swaps; a column already named like a target is replaced.
void FieldsTransform::rename(sluice::OwnedBatch& batch) const {
  const auto is_renamed = [this](const std::string& name) {
    for (const auto& rename : renames_) {
      if (rename.first == name) return true;
    }
    return false;
  };
  for (const auto& [from, to] : renames_) {
    batch.column(from);  // a missing column is an error before any change
  }
  for (const auto& [from, to] : renames_) {
    if (!is_renamed(to)) batch.drop_column(to);
  }
  std::vector<sluice::Column*> sources;
  for (const auto& [from, to] : renames_) sources.push_back(&batch.column(from));
  for (size_t i = 0; i < sources.size(); ++i) {
    sources[i]->rename(renames_[i].second);
  }
}

void FieldsTransform::convert(sluice::OwnedBatch& batch, sluice::Rejector& rejects) const {
  for (const auto& [name, conversion] : conversions_) {
    sluice::Column& column = batch.column(name);
    column = convert_column(std::move(column), conversion, rejects);
  }
}

void FieldsTransform::set(sluice::OwnedBatch& batch) const {
  if (constants_.empty()) return;
  const auto now = clock_();
  for (const auto& [name, value] : constants_) {
    batch.set_column(constant_column(name, value, batch.num_rows(), now));
  }
}

void FieldsTransform::drop(sluice::OwnedBatch& batch) const {
  for (const std::string& name : drops_) batch.drop_column(name);
}

}  // namespace sluice::standard
