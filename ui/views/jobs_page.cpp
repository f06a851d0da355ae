#include "ui/views/jobs_page.h"

#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

#include "ui/models/job_list_model.h"
#include "ui/models/job_manager.h"
#include "ui/views/icons.h"
#include "ui/views/job_delegate.h"
#include "ui/views/job_detail_view.h"
#include "ui/views/new_job_dialog.h"

namespace mindllm::ui {

JobsPage::JobsPage(JobManager* manager, ModelListModel* models, QWidget* parent)
    : QWidget(parent), manager_(manager), models_(models) {
  setObjectName(QStringLiteral("jobsPage"));
  list_ = new JobListModel(manager_, this);

  auto* side = new QWidget(this);
  side->setObjectName(QStringLiteral("sidebar"));
  newJob_ = new QPushButton(icons::get(QStringLiteral("model")), tr("New fine-tuning job…"), side);
  newJob_->setObjectName(QStringLiteral("newConversationButton"));
  auto* heading = new QLabel(tr("Fine-tuning jobs"), side);
  heading->setObjectName(QStringLiteral("sidebarHeading"));
  view_ = new QListView(side);
  view_->setObjectName(QStringLiteral("jobList"));
  view_->setModel(list_);
  view_->setItemDelegate(new JobDelegate(view_));
  view_->setMouseTracking(true);
  view_->setSelectionMode(QAbstractItemView::SingleSelection);
  view_->setFrameShape(QFrame::NoFrame);
  auto* empty = new QLabel(tr("No jobs yet. Fine-tune a model on your own legal or financial data with New "
                              "fine-tuning job…; the result appears in the chat's model list."),
                           side);
  empty->setObjectName(QStringLiteral("sidebarEmpty"));
  empty->setWordWrap(true);
  auto* sideLayout = new QVBoxLayout(side);
  sideLayout->setContentsMargins(10, 10, 10, 10);
  sideLayout->addWidget(newJob_);
  sideLayout->addWidget(heading);
  sideLayout->addWidget(view_, 1);
  sideLayout->addWidget(empty);
  auto updateEmpty = [this, empty] { empty->setVisible(list_->rowCount() == 0); };
  connect(list_, &QAbstractItemModel::modelReset, this, updateEmpty);
  updateEmpty();

  detail_ = new JobDetailView(manager_, this);
  auto* splitter = new QSplitter(this);
  splitter->addWidget(side);
  splitter->addWidget(detail_);
  splitter->setStretchFactor(1, 1);
  splitter->setSizes({300, 800});
  splitter->setChildrenCollapsible(false);
  side->setMinimumWidth(240);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(splitter);

  connect(newJob_, &QPushButton::clicked, this, &JobsPage::showNewJobDialog);
  connect(view_->selectionModel(), &QItemSelectionModel::currentChanged, this,
          [this](const QModelIndex& current) { detail_->showJob(list_->idAt(current.row())); });
  // A reset (new job, deleted job) loses the selection: keep showing the same job.
  connect(list_, &QAbstractItemModel::modelReset, this, [this] { selectJob(detail_->jobId()); });
  connect(detail_, &JobDetailView::useModelRequested, this, &JobsPage::useModelRequested);
  connect(detail_, &JobDetailView::errorOccurred, this, &JobsPage::errorOccurred);
  if (list_->rowCount() > 0) selectJob(list_->idAt(0));
}

void JobsPage::selectJob(qint64 id) {
  const int row = list_->rowOf(id);
  if (row < 0) {
    detail_->showJob(0);
    return;
  }
  view_->setCurrentIndex(list_->index(row));
  if (detail_->jobId() != id) detail_->showJob(id);
}

qint64 JobsPage::selectedJob() const { return detail_->jobId(); }

NewJobDialog* JobsPage::createNewJobDialog() {
  auto* dialog = new NewJobDialog(manager_, models_, devices_, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &QDialog::accepted, this, [this, dialog] {
    try {
      selectJob(manager_->submit(dialog->draft()).id);
    } catch (const std::exception& e) {
      Q_EMIT errorOccurred(QString::fromUtf8(e.what()));
    }
  });
  return dialog;
}

void JobsPage::showNewJobDialog() { createNewJobDialog()->open(); }

}  // namespace mindllm::ui
