#include "ui/views/icons.h"

#include <QFile>
#include <QHash>
#include <QtDebug>

namespace mindllm::ui::icons {

QIcon get(const QString& name) {
  static QHash<QString, QIcon> cache;
  if (auto it = cache.constFind(name); it != cache.constEnd()) return *it;
  const QString path = QStringLiteral(":/icons/%1.png").arg(name);
  QIcon icon;
  if (QFile::exists(path))
    icon = QIcon(path);
  else
    qWarning() << "icon not found in resources:" << path;
  cache.insert(name, icon);
  return icon;
}

}  // namespace mindllm::ui::icons
