// The std plugin library: file source and sink, json and fields transforms.
#include "fields_transform.hpp"
#include "file_sink.hpp"
#include "file_source.hpp"
#include "json_transform.hpp"

#include <sluice/plugin.hpp>

SLUICE_LIBRARY(sluice_std::FileSource, sluice_std::FileSink,
               sluice_std::JsonTransform, sluice_std::FieldsTransform)
