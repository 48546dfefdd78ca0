// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

#include <optional>

/*! An Istio release as a plan names it ("1.29", "1.29.2", "1.30.0-beta.1"). */
struct IstioVersion
{
    int major = 1;
    int minor = 0;
    int patch = 0;

    static std::optional<IstioVersion> parse(const QString& text);
    bool atLeast(int maj, int min) const { return major > maj || (major == maj && minor >= min); }
    QString toString() const;

    /*! networking.istio.io/v1 from 1.22, v1alpha3 (served by every release) before. */
    QString networkingApiVersion() const;

    friend auto operator<=>(const IstioVersion&, const IstioVersion&) = default;
};
