#pragma once
// The models the app can chat with: the shipped default model, Hugging Face folders the user
// imported, and models written by fine-tuning jobs (every sub-folder of the fine-tuned root).
// Folders are inspected on a worker thread; a folder that fails inspection stays listed with its
// error so the user sees why it cannot be used.
#include <QAbstractListModel>
#include <QStringList>
#include <vector>

#include "ui/workers/model_files.h"

namespace mindllm::ui {

struct ModelSources {
  QStringList shipped;        // folders that come with the app
  QStringList imported;       // folders the user imported
  QString fineTunedRoot;      // each sub-folder with a config.json is a fine-tuned model

  // The app's defaults: $MINDLLM_DEFAULT_MODEL, <AppDataLocation>/models/* (the demo model that
  // `mindllm-cli demo build` installs), <app>/models/* and <app>/../share/mindllm-studio/models/*;
  // fine-tuned models under <AppDataLocation>/finetuned.
  static ModelSources appDefaults(const QStringList& imported);
};

class ModelListModel : public QAbstractListModel {
  Q_OBJECT
public:
  enum class Source { Shipped, Imported, FineTuned };
  enum Roles {
    DirRole = Qt::UserRole + 1,
    NameRole,
    SourceRole,       // Source as int
    LayoutRole,
    ParametersRole,
    DtypeRole,
    SizeOnDiskRole,
    ContextLengthRole,
    ErrorRole,        // empty when usable
    UsableRole,
  };
  struct Entry {
    Source source = Source::Imported;
    ModelSummary summary;     // summary.dir is always set
    QString error;
  };

  explicit ModelListModel(QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;

  // Inspects every folder of `sources` in the background; emits refreshed() when the list is new.
  void setSources(const ModelSources& sources);
  void refresh();
  bool isRefreshing() const { return pending_ > 0; }

  // Adds an already inspected folder to the imported ones (the import dialog validated it).
  void addImported(const ModelSummary& summary);
  void removeImported(const QString& dir);

  const std::vector<Entry>& entries() const { return entries_; }
  int rowOfDir(const QString& dir) const;
  // The folder to use when a conversation names none: `preferred` if usable, else the first usable.
  QString resolveDefault(const QString& preferred) const;

  static QString sourceLabel(Source source);
  static QString describe(const ModelSummary& summary);  // "llama · 1.3B · bfloat16 · 2.6 GB"

Q_SIGNALS:
  void refreshed();

private:
  ModelSources sources_;
  std::vector<Entry> entries_;
  quint64 generation_ = 0;
  int pending_ = 0;
};

}  // namespace mindllm::ui
