// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>

class Question;
struct Plan;

/*! One context of the merged kubeconfig (client-go's merge rules: the first file that names it wins). */
struct KubeContextInfo
{
    QString name;
    QString cluster;
    QString user;
    QString nameSpace; //!< as written; empty = "default"
    QString server;    //!< the cluster entry's server, empty when the cluster entry is missing
    QString file;      //!< the kubeconfig file that defined the context
    bool current = false; //!< the merged current-context
    friend bool operator==(const KubeContextInfo&, const KubeContextInfo&) = default;
};

/*! The connection to the cluster as the window shows it. */
struct ConnectionInfo
{
    enum class State { Disconnected, Connecting, Connected, Failed };
    State state = State::Disconnected;
    QString context;           //!< the context in use (the plan's, or the one the user chose)
    QString server;
    QString kubernetesVersion; //!< "v1.30.2" (/version's gitVersion)
    QString istioVersion;      //!< "1.29.2"; empty when no istiod was found
    QString istioRevision;     //!< the istiod's istio.io/rev: "default", "canary"
    QString user;              //!< the kubeconfig user of the context
    QString defaultNamespace;  //!< the context's namespace, "default" when unset
    QString kubeconfigSource;  //!< "plan", "KUBECONFIG" or "default": where the files came from
    QString error;             //!< Failed: one sentence, what went wrong
    QString fix;               //!< Failed: one sentence, what to do
    QStringList warnings;      //!< e.g. insecure-skip-tls-verify, no istiod found
};

Q_DECLARE_METATYPE(ConnectionInfo)

/*!
 * The window's connection to a cluster: the kubeconfig contexts to choose from and the one in
 * use, read and checked without blocking the window. The plan's cluster section (kubeconfig and
 * context; else $KUBECONFIG, else ~/.kube/config) is the default; choosing another context keeps
 * the plan. A question (an exec plugin to approve) comes through question(): answer it, or the
 * connection waits for it. ops/ implements it (ClusterConnectionService); tests give fakes.
 */
class ConnectionService : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionService)
public:
    using QObject::QObject;
    ~ConnectionService() override = default;

    /*!
     * The plan whose cluster section names the kubeconfig and the default context. Loading a
     * plan with the same cluster section (a reload, a save, another plan of the same cluster)
     * keeps the connection and the context the user chose.
     */
    virtual void setPlan(const Plan& plan) = 0;
    /*! Every context of the plan's kubeconfig files, in the order of first appearance. */
    virtual QList<KubeContextInfo> contexts() const = 0;
    virtual ConnectionInfo info() const = 0;
    /*! Connects to another context of the same kubeconfig files; the plan stays. */
    virtual void useContext(const QString& name) = 0;
    /*! Reads the kubeconfig again and reconnects (after a failure the user fixed). */
    virtual void reconnect() = 0;

signals:
    void contextsChanged();
    void infoChanged();
    /*! Something to decide before the connection can go on (Question::Kind::ExecPlugin). */
    void question(Question* question);
};
