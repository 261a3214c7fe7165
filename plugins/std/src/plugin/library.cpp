// The std plugin library: file source and sink, json and fields transforms.
#include "fields_transform.h"
#include "file_sink.h"
#include "file_source.h"
#include "json_transform.h"

#include <sluice/plugin.hpp>

SLUICE_LIBRARY(sluice::standard::FileSource, sluice::standard::FileSink, sluice::standard::JsonTransform,
               sluice::standard::FieldsTransform)
