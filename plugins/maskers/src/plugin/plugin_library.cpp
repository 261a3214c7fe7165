// The sluice_maskers shared object: the sha256, hmac_sha256 and fpe transforms.
#include <sluice/plugin.hpp>

#include "fpe_transform.h"
#include "hmac_sha256_transform.h"
#include "sha256_transform.h"

SLUICE_LIBRARY(sluice::maskers::Sha256Transform, sluice::maskers::HmacSha256Transform,
               sluice::maskers::FpeTransform)
