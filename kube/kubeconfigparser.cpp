// SPDX-License-Identifier: Apache-2.0
#include "kubeconfigparser.h"

#include "yamljsonnode.h"

#include <yaml-cpp/yaml.h>

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

#include <functional>

namespace {

const QString kExecV1 = u"client.authentication.k8s.io/v1"_qs;
const QString kExecV1beta1 = u"client.authentication.k8s.io/v1beta1"_qs;
const QString kExecExtension = u"client.authentication.k8s.io/exec"_qs;

QString qs(const std::string& text)
{
    return QString::fromStdString(text);
}

QString kindOf(const YAML::Node& node)
{
    switch (node.Type()) {
    case YAML::NodeType::Map:
        return u"a mapping"_qs;
    case YAML::NodeType::Sequence:
        return u"a list"_qs;
    case YAML::NodeType::Scalar:
        return u"a scalar"_qs;
    default:
        return u"nothing"_qs;
    }
}

/*!
 * map[key], or a null node when map is not a mapping or has no such key. yaml-cpp's own
 * operator[] returns an invalid node for a missing key, and asking that node its type throws.
 */
YAML::Node child(const YAML::Node& map, const char* key)
{
    if (!map.IsDefined() || !map.IsMap())
        return YAML::Node();
    const YAML::Node value = map[key];
    return value.IsDefined() ? value : YAML::Node();
}

/*! 1-based line of node, 0 when unknown. */
int lineOf(const YAML::Node& node)
{
    return node.Mark().is_null() ? 0 : node.Mark().line + 1;
}

/*!
 * The fields of one entry. Problems are "field: what is wrong (line N)"; restConfigFor puts
 * the file, context and entry in front of them.
 */
class Fields
{
public:
    Fields(const YAML::Node& map, QString prefix, const QDir& dir, QStringList* problems)
        : m_map(map)
        , m_prefix(std::move(prefix))
        , m_dir(dir)
        , m_problems(problems)
    {
    }

    bool has(const char* key) const { return !child(m_map, key).IsNull(); }
    YAML::Node node(const char* key) const { return child(m_map, key); }
    QString field(const char* key) const { return m_prefix + QString::fromLatin1(key); }

    void problem(const char* key, const YAML::Node& at, const QString& message)
    {
        m_problems->append(u"%1: %2 (line %3)"_qs.arg(field(key), message).arg(lineOf(at)));
    }

    QString string(const char* key)
    {
        const YAML::Node value = node(key);
        if (!value.IsDefined() || value.IsNull())
            return {};
        if (!value.IsScalar()) {
            problem(key, value, u"expected a string, found "_qs + kindOf(value));
            return {};
        }
        return qs(value.Scalar());
    }

    /*! A file path: relative ones are relative to the kubeconfig file's directory (client-go). */
    QString path(const char* key)
    {
        const QString text = string(key);
        return text.isEmpty() ? text : QDir::cleanPath(m_dir.absoluteFilePath(text));
    }

    bool boolean(const char* key)
    {
        const QString text = string(key).toLower();
        if (text.isEmpty() || text == u"false" || text == u"no" || text == u"off")
            return false;
        if (text == u"true" || text == u"yes" || text == u"on")
            return true;
        problem(key, node(key), u"expected true or false, found \"%1\""_qs.arg(text));
        return false;
    }

    QStringList strings(const char* key)
    {
        const YAML::Node value = node(key);
        QStringList list;
        if (!value.IsDefined() || value.IsNull())
            return list;
        if (!value.IsSequence()) {
            problem(key, value, u"expected a list of strings, found "_qs + kindOf(value));
            return list;
        }
        for (const YAML::Node& item : value) {
            if (!item.IsScalar()) {
                problem(key, item, u"expected a string, found "_qs + kindOf(item));
                continue;
            }
            list.append(qs(item.Scalar()));
        }
        return list;
    }

private:
    YAML::Node m_map;
    QString m_prefix;
    const QDir& m_dir;
    QStringList* m_problems;
};

/*! The value mapping of an entry ("cluster:", "user:", "context:"), checked to be a mapping. */
YAML::Node entryBody(const YAML::Node& item, const char* key, QStringList* problems)
{
    const YAML::Node body = child(item, key);
    if (body.IsDefined() && !body.IsNull() && !body.IsMap()) {
        problems->append(u"%1: expected a mapping, found %2 (line %3)"_qs.arg(QString::fromLatin1(key), kindOf(body))
                             .arg(lineOf(body)));
        return YAML::Node();
    }
    return body;
}

KubeconfigCluster readCluster(const YAML::Node& item, const QDir& dir)
{
    KubeconfigCluster cluster;
    Fields fields(entryBody(item, "cluster", &cluster.problems), QString(), dir, &cluster.problems);
    cluster.server = fields.string("server");
    cluster.certificateAuthority = fields.path("certificate-authority");
    cluster.certificateAuthorityData = fields.string("certificate-authority-data");
    cluster.insecureSkipTlsVerify = fields.boolean("insecure-skip-tls-verify");
    cluster.tlsServerName = fields.string("tls-server-name");
    cluster.proxyUrl = fields.string("proxy-url");
    const YAML::Node extensions = fields.node("extensions");
    if (extensions.IsSequence()) {
        for (const YAML::Node& extension : extensions) {
            const YAML::Node name = child(extension, "name");
            if (!name.IsScalar() || qs(name.Scalar()) != kExecExtension)
                continue;
            // Read as client-go reads it (sigs.k8s.io/yaml), within YamlJson's bounds: a kubeconfig
            // is not trusted to be small (nested aliases expand without end).
            const YAML::Node value = child(extension, "extension");
            QString error;
            if (const std::optional<QJsonValue> json = YamlJson::fromNode(value, &error))
                cluster.execExtension = *json;
            else
                cluster.problems.append(u"extensions: "_qs + error + u" (line "_qs + QString::number(lineOf(value)) + u')');
        }
    }
    return cluster;
}

std::optional<ExecPluginConfig> readExec(Fields& user, const QDir& dir, QStringList* problems)
{
    const YAML::Node node = user.node("exec");
    if (!node.IsDefined() || node.IsNull())
        return std::nullopt;
    if (!node.IsMap()) {
        user.problem("exec", node, u"expected a mapping, found "_qs + kindOf(node));
        return std::nullopt;
    }
    Fields fields(node, u"exec."_qs, dir, problems);
    ExecPluginConfig exec;
    exec.apiVersion = fields.string("apiVersion");
    exec.command = fields.string("command");
    // A command with a '/' is a path (relative to this file); a bare name is looked up on PATH.
    if (exec.command.contains(u'/'))
        exec.command = QDir::cleanPath(dir.absoluteFilePath(exec.command));
    exec.args = fields.strings("args");
    exec.installHint = fields.string("installHint").trimmed();
    exec.provideClusterInfo = fields.boolean("provideClusterInfo");
    exec.interactiveMode = fields.string("interactiveMode");

    const YAML::Node env = fields.node("env");
    if (env.IsSequence()) {
        for (const YAML::Node& entry : env) {
            Fields variable(entry, u"exec.env."_qs, dir, problems);
            const QString name = variable.string("name");
            if (name.isEmpty())
                fields.problem("env", entry, u"an entry has no name"_qs);
            else
                exec.env.append({name, variable.string("value")});
        }
    } else if (env.IsDefined() && !env.IsNull()) {
        fields.problem("env", env, u"expected a list of {name, value}, found "_qs + kindOf(env));
    }

    // The checks of client-go's validation.go, with what to do about each.
    if (exec.command.isEmpty())
        fields.problem("command", node, u"is not set"_qs);
    if (exec.apiVersion.isEmpty()) {
        fields.problem("apiVersion", node, u"is not set (use %1)"_qs.arg(kExecV1));
    } else if (exec.apiVersion != kExecV1 && exec.apiVersion != kExecV1beta1) {
        fields.problem("apiVersion", fields.node("apiVersion"),
                       u"\"%1\" is not supported (v1alpha1 was removed in Kubernetes 1.24); use %2 or %3"_qs.arg(
                           exec.apiVersion, kExecV1, kExecV1beta1));
    }
    if (exec.interactiveMode.isEmpty() && exec.apiVersion == kExecV1beta1)
        exec.interactiveMode = u"IfAvailable"_qs; // the v1beta1 default
    if (exec.interactiveMode.isEmpty() && exec.apiVersion == kExecV1) {
        fields.problem("interactiveMode", node, u"is required with %1 (Never, IfAvailable or Always)"_qs.arg(kExecV1));
    } else if (!exec.interactiveMode.isEmpty() && exec.interactiveMode != u"Never"
               && exec.interactiveMode != u"IfAvailable" && exec.interactiveMode != u"Always") {
        fields.problem("interactiveMode", fields.node("interactiveMode"),
                       u"\"%1\" is not one of Never, IfAvailable, Always"_qs.arg(exec.interactiveMode));
    }
    return exec;
}

KubeconfigUser readUser(const YAML::Node& item, const QDir& dir)
{
    KubeconfigUser user;
    Fields fields(entryBody(item, "user", &user.problems), QString(), dir, &user.problems);
    user.clientCertificate = fields.path("client-certificate");
    user.clientCertificateData = fields.string("client-certificate-data");
    user.clientKey = fields.path("client-key");
    user.clientKeyData = fields.string("client-key-data");
    user.token = fields.string("token");
    user.tokenFile = fields.path("tokenFile");
    for (const char* key : {"username", "password", "as", "as-uid", "as-groups", "as-user-extra"}) {
        if (fields.has(key))
            user.unsupportedFields.append(QString::fromLatin1(key));
    }
    const YAML::Node provider = fields.node("auth-provider");
    if (provider.IsMap()) {
        Fields providerFields(provider, u"auth-provider."_qs, dir, &user.problems);
        user.authProvider = providerFields.string("name");
        if (user.authProvider.isEmpty())
            user.authProvider = u"(unnamed)"_qs;
    } else if (provider.IsDefined() && !provider.IsNull()) {
        fields.problem("auth-provider", provider, u"expected a mapping, found "_qs + kindOf(provider));
    }
    user.exec = readExec(fields, dir, &user.problems);
    return user;
}

KubeconfigContext readContext(const YAML::Node& item, const QDir& dir)
{
    KubeconfigContext context;
    Fields fields(entryBody(item, "context", &context.problems), QString(), dir, &context.problems);
    context.cluster = fields.string("cluster");
    context.user = fields.string("user");
    context.namespaceName = fields.string("namespace");
    return context;
}

class FileParser
{
public:
    FileParser(const QString& path, KubeconfigFileContent* content)
        : m_path(path)
        , m_display(kubeconfigDisplayPath(path))
        , m_dir(QFileInfo(path).absoluteDir())
        , m_content(content)
    {
    }

    QString where(const YAML::Node& node) const
    {
        const YAML::Mark mark = node.Mark();
        if (mark.is_null())
            return m_display;
        return u"%1:%2:%3"_qs.arg(m_display).arg(mark.line + 1).arg(mark.column + 1);
    }

    void error(const YAML::Node& node, const QString& message) { m_content->errors.append(where(node) + u": "_qs + message); }

    /*! Calls read(item, name) for each named entry of a section; checks the list's shape. */
    template<class Entry>
    void section(const YAML::Node& root, const char* key, QList<Entry>* entries,
                 const std::function<Entry(const YAML::Node&, const QDir&)>& read)
    {
        const QString sectionName = QString::fromLatin1(key);
        const YAML::Node list = child(root, key);
        if (!list.IsDefined() || list.IsNull())
            return;
        if (!list.IsSequence()) {
            error(list, u"%1: expected a list, found %2"_qs.arg(sectionName, kindOf(list)));
            return;
        }
        QHash<QString, int> lines;
        int index = 0;
        for (const YAML::Node& item : list) {
            const QString at = u"%1[%2]"_qs.arg(sectionName).arg(index++);
            if (!item.IsMap()) {
                error(item, u"%1: expected a mapping with name and %2, found %3"_qs.arg(at, sectionName.chopped(1), kindOf(item)));
                continue;
            }
            const YAML::Node nameNode = child(item, "name");
            const QString name = nameNode.IsScalar() ? qs(nameNode.Scalar()) : QString();
            if (name.isEmpty()) {
                m_content->warnings.append(where(item) + u": %1: an entry without a name is ignored"_qs.arg(at));
                continue;
            }
            if (lines.contains(name)) {
                // kubectl refuses the whole file ("duplicate name ... in list"); say where both are.
                error(item, u"%1: \"%2\" is defined twice in this file (also at line %3)"_qs.arg(sectionName, name)
                                .arg(lines.value(name)));
                continue;
            }
            lines.insert(name, lineOf(item));
            Entry entry = read(item, m_dir);
            entry.name = name;
            entry.file = m_path;
            entry.line = lineOf(item);
            entries->append(entry);
        }
    }

    void parse(const QByteArray& text)
    {
        YAML::Node root;
        try {
            root = YAML::Load(text.toStdString());
        } catch (const YAML::Exception& e) {
            m_content->errors.append(u"%1:%2:%3: malformed YAML: %4"_qs.arg(m_display)
                                         .arg(e.mark.line + 1)
                                         .arg(e.mark.column + 1)
                                         .arg(qs(e.msg)));
            return;
        }
        if (root.IsNull() || !root.IsDefined())
            return; // an empty file is an empty kubeconfig (client-go)
        if (!root.IsMap()) {
            error(root, u"expected a kubeconfig (a mapping with clusters, users and contexts), found "_qs + kindOf(root));
            return;
        }
        section<KubeconfigCluster>(root, "clusters", &m_content->clusters, readCluster);
        section<KubeconfigUser>(root, "users", &m_content->users, readUser);
        section<KubeconfigContext>(root, "contexts", &m_content->contexts, readContext);
        const YAML::Node current = child(root, "current-context");
        if (current.IsScalar())
            m_content->currentContext = qs(current.Scalar());
        else if (current.IsDefined() && !current.IsNull())
            error(current, u"current-context: expected a context name, found "_qs + kindOf(current));
    }

private:
    QString m_path;
    QString m_display;
    QDir m_dir;
    KubeconfigFileContent* m_content;
};

} // namespace

KubeconfigFileContent parseKubeconfig(const QByteArray& text, const QString& path)
{
    KubeconfigFileContent content;
    try {
        FileParser(path, &content).parse(text);
    } catch (const YAML::Exception& e) {
        // Conversions above avoid throwing; this keeps any yaml-cpp surprise inside meshkube.
        content.errors.append(u"%1: cannot read: %2"_qs.arg(kubeconfigDisplayPath(path), qs(e.what())));
    }
    return content;
}
