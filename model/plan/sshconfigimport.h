// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "plan.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

/*! One Host alias of an OpenSSH client config, with the values its blocks give it. */
struct SshConfigHost
{
    QString alias;        //!< the name on the Host line
    QString hostName;     //!< HostName; empty = the alias itself
    QString user;         //!< User
    int port = 0;         //!< Port; 0 = not given
    QString proxyJump;    //!< ProxyJump ("none" is dropped)
    QString identityFile; //!< the first IdentityFile
    friend bool operator==(const SshConfigHost&, const SshConfigHost&) = default;
};

/*!
 * Reads the Host entries of ~/.ssh/config for the wizard's "Import from ~/.ssh/config": a pure
 * parser of Host blocks, not ssh's full evaluation (that stays with OpenSSH at connect time).
 *
 * - Keywords are case-insensitive; "Key value", "Key=value" and "Key = value" all work; values
 *   may be double-quoted; '#' starts a comment line.
 * - Host lines may carry several names: each name without wildcards ('*', '?') or negation ('!')
 *   becomes an entry. Blocks whose patterns are all wildcards are skipped, and so are Match
 *   blocks (their conditions need ssh itself).
 * - As in ssh, the first value obtained for a keyword wins when several blocks name an alias.
 * - %h in HostName stands for the alias (and %% for %), as ssh expands it.
 * - Include is followed (relative paths against ~/.ssh, globs in the file name part) up to
 *   maxIncludeDepth levels and maxFiles files, so a loop or a huge tree cannot hang the window.
 */
class SshConfigImport
{
public:
    /*! Returns a file's bytes, or nullopt when it cannot be read (tests pass a map). */
    using FileReader = std::function<std::optional<QByteArray>(const QString& path)>;
    /*! The file names a glob matches, sorted (tests pass a map's keys). */
    using GlobExpander = std::function<QStringList(const QString& pattern)>;

    static constexpr int maxIncludeDepth = 16; // ssh's own READCONF_MAX_DEPTH
    static constexpr int maxFiles = 64;

    /*! The entries of text, in the order their aliases first appear. sshDir resolves Include. */
    static QList<SshConfigHost> parse(const QByteArray& text, const QString& sshDir, const FileReader& reader = {},
                                      const GlobExpander& glob = {});
    /*! Reads path (usually ~/.ssh/config) and what it includes from the file system. */
    static QList<SshConfigHost> readFile(const QString& path);
    /*! The default config: ~/.ssh/config. */
    static QString defaultPath();

    /*! A plan VM for an entry: a DNS-1123 name from the alias, address = HostName or alias. */
    static Vm toVm(const SshConfigHost& host, const QString& group);
    /*! A DNS-1123 label made of text (lower case, other characters → '-'); "vm" if nothing is left. */
    static QString vmName(const QString& text);

    /*! One config line split into keyword and arguments (quotes removed); empty keyword = nothing. */
    static std::pair<QString, QStringList> splitLine(const QString& line);
};
