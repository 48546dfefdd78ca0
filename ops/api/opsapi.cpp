// SPDX-License-Identifier: Apache-2.0
// The interfaces are headers; this file gives moc's output for them a library to live in.
#include "fleetmonitor.h"
#include "onboardingservice.h"
#include "connectionservice.h"
#include "weightsservice.h"
