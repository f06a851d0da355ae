#include "ui/models/model_list_model.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QStandardPaths>

#include "ui/workers/background_task.h"

namespace mindllm::ui {

namespace {

QStringList modelSubfolders(const QString& root) {
  QStringList out;
  if (root.isEmpty()) return out;
  for (const QFileInfo& f : QDir(root).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
    if (QFileInfo::exists(f.filePath() + QStringLiteral("/config.json"))) out << f.filePath();
  return out;
}

}  // namespace

ModelSources ModelSources::appDefaults(const QStringList& imported) {
  ModelSources s;
  const QString env = qEnvironmentVariable("MINDLLM_DEFAULT_MODEL");
  if (!env.isEmpty()) s.shipped << env;
  // Models made on this computer by `mindllm-cli demo build` (it installs models/default here).
  s.shipped << modelSubfolders(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                               QStringLiteral("/models"));
  const QString appDir = QCoreApplication::applicationDirPath();
  s.shipped << modelSubfolders(appDir + QStringLiteral("/models"));
  s.shipped << modelSubfolders(appDir + QStringLiteral("/../share/mindllm-studio/models"));
  s.imported = imported;
  s.fineTunedRoot = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/finetuned");
  return s;
}

ModelListModel::ModelListModel(QObject* parent) : QAbstractListModel(parent) {}

int ModelListModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(entries_.size());
}

QVariant ModelListModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const Entry& e = entries_[index.row()];
  switch (role) {
    case Qt::DisplayRole:
    case NameRole: return e.summary.name;
    case Qt::ToolTipRole:
      return e.error.isEmpty() ? e.summary.dir + QLatin1Char('\n') + describe(e.summary)
                               : e.summary.dir + QLatin1Char('\n') + e.error;
    case DirRole: return e.summary.dir;
    case SourceRole: return static_cast<int>(e.source);
    case LayoutRole: return e.summary.layout;
    case ParametersRole: return e.summary.parameters;
    case DtypeRole: return e.summary.dtype;
    case SizeOnDiskRole: return e.summary.sizeOnDisk;
    case ContextLengthRole: return e.summary.contextLength;
    case ErrorRole: return e.error;
    case UsableRole: return e.error.isEmpty();
    default: return {};
  }
}

void ModelListModel::setSources(const ModelSources& sources) {
  sources_ = sources;
  refresh();
}

void ModelListModel::refresh() {
  struct Folder {
    Source source;
    QString dir;
  };
  std::vector<Folder> folders;
  QStringList seen;
  auto add = [&](Source source, const QString& dir) {
    const QString clean = QDir::cleanPath(dir);
    if (clean.isEmpty() || seen.contains(clean)) return;
    seen << clean;
    folders.push_back({source, clean});
  };
  for (const QString& d : sources_.shipped) add(Source::Shipped, d);
  for (const QString& d : sources_.imported) add(Source::Imported, d);
  for (const QString& d : modelSubfolders(sources_.fineTunedRoot)) add(Source::FineTuned, d);

  const quint64 generation = ++generation_;
  ++pending_;
  runInBackground<std::vector<Entry>>(
      this,
      [folders] {
        std::vector<Entry> out;
        for (const Folder& f : folders) {
          Entry e;
          e.source = f.source;
          try {
            e.summary = inspectModel(f.dir);
          } catch (const std::exception& ex) {
            e.summary.dir = f.dir;
            e.summary.name = QFileInfo(f.dir).fileName();
            e.error = QString::fromUtf8(ex.what());
          }
          out.push_back(std::move(e));
        }
        return out;
      },
      [this, generation](std::vector<Entry> entries) {
        --pending_;
        if (generation != generation_) return;  // a newer refresh is on its way
        beginResetModel();
        entries_ = std::move(entries);
        endResetModel();
        Q_EMIT refreshed();
      },
      [this](const QString&) { --pending_; });
}

void ModelListModel::addImported(const ModelSummary& summary) {
  const QString dir = QDir::cleanPath(summary.dir);
  if (!sources_.imported.contains(dir)) sources_.imported << dir;
  if (rowOfDir(dir) >= 0) return;
  const int row = rowCount();
  beginInsertRows({}, row, row);
  entries_.push_back({Source::Imported, summary, {}});
  endInsertRows();
}

void ModelListModel::removeImported(const QString& dir) {
  sources_.imported.removeAll(QDir::cleanPath(dir));
  const int row = rowOfDir(dir);
  if (row < 0 || entries_[row].source != Source::Imported) return;
  beginRemoveRows({}, row, row);
  entries_.erase(entries_.begin() + row);
  endRemoveRows();
}

int ModelListModel::rowOfDir(const QString& dir) const {
  const QString clean = QDir::cleanPath(dir);
  for (size_t i = 0; i < entries_.size(); ++i)
    if (entries_[i].summary.dir == clean) return static_cast<int>(i);
  return -1;
}

QString ModelListModel::resolveDefault(const QString& preferred) const {
  const int row = preferred.isEmpty() ? -1 : rowOfDir(preferred);
  if (row >= 0 && entries_[row].error.isEmpty()) return entries_[row].summary.dir;
  for (const Entry& e : entries_)
    if (e.error.isEmpty()) return e.summary.dir;
  return {};
}

QString ModelListModel::sourceLabel(Source source) {
  switch (source) {
    case Source::Shipped: return tr("Built-in");
    case Source::Imported: return tr("Imported");
    case Source::FineTuned: return tr("Fine-tuned");
  }
  return {};
}

QString ModelListModel::describe(const ModelSummary& s) {
  QStringList parts;
  if (!s.layout.isEmpty()) parts << s.layout;
  if (s.parameters > 0) parts << tr("%1 parameters").arg(formatParameterCount(s.parameters));
  if (!s.dtype.isEmpty()) parts << s.dtype;
  if (s.sizeOnDisk > 0) parts << QLocale().formattedDataSize(s.sizeOnDisk);
  if (s.contextLength > 0) parts << tr("context %1").arg(s.contextLength);
  return parts.join(QStringLiteral(" · "));
}

}  // namespace mindllm::ui
