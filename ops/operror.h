// SPDX-License-Identifier: Apache-2.0
#pragma once

// The transports' errors as the operations layer's one Error type (core/error.h), keeping what a
// page decides on: the kind (host key changed vs wrong password vs Kubernetes Status), the user's
// sentence, the technical detail, and the kind's own facts (fingerprints, HTTP status, reason).

#include "error.h"

struct KubeError;
struct PrometheusError;
struct SshError;

Error toError(const SshError& error);
Error toError(const KubeError& error);
Error toError(const PrometheusError& error);
