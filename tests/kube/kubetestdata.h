// SPDX-License-Identifier: Apache-2.0
#pragma once

// Test material for the kubeconfig and credential tests: a throw-away CA and a client
// certificate/key it signed (EC P-256, CN=alice, O=system:masters, valid until 2126), made with
// `openssl req -x509 -newkey ec ...` and `openssl x509 -req ...`. Not used anywhere but tests.

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QString>

namespace KubeTestData {

inline const QByteArray caPem = QByteArrayLiteral(
    "-----BEGIN CERTIFICATE-----\n"
    "MIIBjTCCATOgAwIBAgIUSLdDiSfo82ZAePYpYuXL/kC3XjQwCgYIKoZIzj0EAwIw\n"
    "GzEZMBcGA1UEAwwQbWVzaGRlY2stdGVzdC1jYTAgFw0yNjExMjEyMjIyMDlaGA8y\n"
    "MTI2MTAyODIyMjIwOVowGzEZMBcGA1UEAwwQbWVzaGRlY2stdGVzdC1jYTBZMBMG\n"
    "ByqGSM49AgEGCCqGSM49AwEHA0IABAcHLdEpBSdcnWbOiM3dlbLSBLwWPq6TQUGA\n"
    "xvvIIdrep7DkrVxOmdj74M8ZprnEehhdDr93C8/KPSyfTEbvYDujUzBRMB0GA1Ud\n"
    "DgQWBBRWZQmWzQrIsAVfBeKo474vxc+t+DAfBgNVHSMEGDAWgBRWZQmWzQrIsAVf\n"
    "BeKo474vxc+t+DAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0gAMEUCIQCO\n"
    "F2oG6kjfdW1mGkLKhnEk3T80IbBICw2Oygn4k7yESAIgO8a6R+MEJDVITdYMIlMI\n"
    "t1raUsAP9d/GujIXt+pQyEY=\n"
    "-----END CERTIFICATE-----\n");

inline const QByteArray clientCertificatePem = QByteArrayLiteral(
    "-----BEGIN CERTIFICATE-----\n"
    "MIIBPzCB5wIUPjT+/y3YAgEjggcLdG5lSWNzU44wCgYIKoZIzj0EAwIwGzEZMBcG\n"
    "A1UEAwwQbWVzaGRlY2stdGVzdC1jYTAgFw0yNjExMjEyMjIyMDlaGA8yMTI2MTAy\n"
    "ODIyMjIwOVowKTEOMAwGA1UEAwwFYWxpY2UxFzAVBgNVBAoMDnN5c3RlbTptYXN0\n"
    "ZXJzMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEFh5aZ9cOTjLgjpaHia0C+q6X\n"
    "A9AtknN0Y8qbOFqcqAEXUeTkZxKuGKzCTdxzzxmAn4yAC/N1KSwC6kMelOkrJjAK\n"
    "BggqhkjOPQQDAgNHADBEAiANOxA/RG9DD2yDvLgKH9qhAOIfAyKHuChARNyJyP8D\n"
    "xQIgfF1wXXAm3/l7uln10X9Y8DGE4S4QLvSOtU03Yv/c84E=\n"
    "-----END CERTIFICATE-----\n");

inline const QByteArray clientKeyPem = QByteArrayLiteral(
    "-----BEGIN PRIVATE KEY-----\n"
    "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQghk0upqJ/YA7M8WM4\n"
    "Q8cA0RZkvTgYDP9+7FCr0BaCC4ihRANCAAQWHlpn1w5OMuCOloeJrQL6rpcD0C2S\n"
    "c3Rjyps4WpyoARdR5ORnEq4YrMJN3HPPGYCfjIAL83UpLALqQx6U6Ssm\n"
    "-----END PRIVATE KEY-----\n");

/*! Writes text to dir/relative (creating folders); returns the absolute path. */
inline QString writeFile(const QString& dir, const QString& relative, const QByteArray& text,
                         bool executable = false)
{
    const QString path = QDir(dir).absoluteFilePath(relative);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    file.write(text);
    file.close();
    if (executable)
        file.setPermissions(file.permissions() | QFileDevice::ExeOwner | QFileDevice::ExeUser);
    return path;
}

} // namespace KubeTestData
