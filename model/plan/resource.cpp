// SPDX-License-Identifier: Apache-2.0
#include "resource.h"

QString Resource::apiVersion() const
{
    return object.value(u"apiVersion").toString();
}

QString Resource::kind() const
{
    return object.value(u"kind").toString();
}

QString Resource::name() const
{
    return object.value(u"metadata").toObject().value(u"name").toString();
}

QString Resource::namespaceName() const
{
    return object.value(u"metadata").toObject().value(u"namespace").toString();
}

QString Resource::key() const
{
    const QString ns = namespaceName();
    if (ns.isEmpty())
        return kind() + u'/' + name();
    return kind() + u'/' + ns + u'/' + name();
}

const VmFile* VmBundle::file(const QString& name) const
{
    for (const VmFile& f : files) {
        if (f.name == name)
            return &f;
    }
    return nullptr;
}
