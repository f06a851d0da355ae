#pragma once
// The main window's pages (Chat, Jobs, ...) behind a narrow navigation rail on the left. A new
// page is one addPage() call in MainWindow; Ctrl+1, Ctrl+2, ... switch in the order added.
#include <QIcon>
#include <QWidget>

class QButtonGroup;
class QStackedWidget;
class QToolButton;
class QVBoxLayout;

namespace mindllm::ui {

class PageSwitcher : public QWidget {
  Q_OBJECT
public:
  explicit PageSwitcher(QWidget* parent = nullptr);

  // `id` names the page for showPage() and tests ("chat", "jobs").
  void addPage(const QString& id, const QIcon& icon, const QString& label, QWidget* page);
  void showPage(const QString& id);
  QString currentPage() const;
  QWidget* page(const QString& id) const;
  QToolButton* button(const QString& id) const;

Q_SIGNALS:
  void pageChanged(const QString& id);

private:
  QWidget* rail_ = nullptr;
  QVBoxLayout* railLayout_ = nullptr;
  QButtonGroup* buttons_ = nullptr;
  QStackedWidget* stack_ = nullptr;
  QStringList ids_;
};

}  // namespace mindllm::ui
