// SPDX-License-Identifier: Apache-2.0
// The interfaces are headers; this file gives moc's output for them a library to live in.
#include "onboardingservice.h"
#include "weightsservice.h"
