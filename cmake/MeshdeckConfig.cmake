# SPDX-License-Identifier: Apache-2.0
# meshconfig: the C++ standard, warnings and Qt defines every meshdeck target shares
# (modelled on qBittorrent's qbt_common_cfg).
add_library(meshconfig INTERFACE)
target_compile_features(meshconfig INTERFACE cxx_std_20)
target_compile_definitions(meshconfig INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_NO_FOREACH
    QT_DISABLE_DEPRECATED_UP_TO=0x060400
    MESHDECK_VERSION="${PROJECT_VERSION}")
target_compile_options(meshconfig INTERFACE
    -Wall -Wextra -pedantic -Wold-style-cast -Woverloaded-virtual
    -Wnon-virtual-dtor -Wcast-qual
    $<$<BOOL:${MESHDECK_WERROR}>:-Werror>)
