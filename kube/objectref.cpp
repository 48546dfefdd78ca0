// SPDX-License-Identifier: Apache-2.0
#include "objectref.h"

QString ObjectRef::group() const
{
    const qsizetype slash = apiVersion.indexOf(u'/');
    return slash < 0 ? QString() : apiVersion.left(slash);
}

QString ObjectRef::version() const
{
    const qsizetype slash = apiVersion.indexOf(u'/');
    return slash < 0 ? apiVersion : apiVersion.mid(slash + 1);
}

ObjectRef ObjectRef::of(const QJsonObject& object)
{
    const QJsonObject metadata = object.value(u"metadata").toObject();
    return {object.value(u"apiVersion").toString(), object.value(u"kind").toString(),
            metadata.value(u"namespace").toString(), metadata.value(u"name").toString()};
}

QString ObjectRef::displayName() const
{
    if (name.isEmpty() && namespaceName.isEmpty())
        return kind + u" objects"_qs;
    if (name.isEmpty())
        return kind + u" objects in namespace "_qs + namespaceName;
    if (namespaceName.isEmpty())
        return kind + u' ' + name;
    return kind + u' ' + namespaceName + u'/' + name;
}
