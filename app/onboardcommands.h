// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QStringList>

/*! The subcommands that reach VMs: bundle (files only), onboard, offboard and refresh-token (over SSH). */
namespace OnboardCommands {

int bundle(const QStringList& args);
int onboard(const QStringList& args);
int offboard(const QStringList& args);
int refreshToken(const QStringList& args);

} // namespace OnboardCommands
