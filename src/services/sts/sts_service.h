// STS service: registers STS operations (handlers + authorization entries).
#pragma once

#include "services/registry.h"

namespace rampart::services::sts {

void RegisterSts(Registry& registry);

}  // namespace rampart::services::sts
