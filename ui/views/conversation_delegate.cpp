#include "ui/views/conversation_delegate.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QDateTime>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QTextDocument>

#include "ui/assistant_catalog.h"
#include "ui/models/conversation_list_model.h"
#include "ui/views/icons.h"

namespace mindllm::ui {

namespace {
const QColor kSelected(0xdd, 0xe7, 0xf7);
const QColor kHover(0xe9, 0xed, 0xf2);
const QColor kHeaderText(0x7a, 0x86, 0x99);
const QColor kText(0x1f, 0x29, 0x37);
const QColor kMuted(0x8a, 0x94, 0xa6);

QString shortTime(const QDateTime& t) {
  const QDate today = QDate::currentDate();
  if (t.date() == today) return QLocale().toString(t.time(), QLocale::ShortFormat);
  if (t.date().year() == today.year())
    return QLocale().toString(t.date(), ConversationDelegate::tr("MMM d", "sidebar date format, this year"));
  return QLocale().toString(t.date(), QLocale::ShortFormat);
}
}  // namespace

ConversationDelegate::ConversationDelegate(const AssistantCatalog& assistants, QObject* parent)
    : QStyledItemDelegate(parent), assistants_(assistants) {}

QSize ConversationDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const {
  const bool header = index.data(ConversationListModel::FirstInSectionRole).toBool();
  return {option.rect.width(), kRowHeight + (header ? kHeaderHeight : 0)};
}

void ConversationDelegate::updateEditorGeometry(QWidget* editor, const QStyleOptionViewItem& option,
                                                const QModelIndex& index) const {
  QRect r = option.rect;
  if (index.data(ConversationListModel::FirstInSectionRole).toBool()) r.setTop(r.top() + kHeaderHeight);
  editor->setGeometry(r.adjusted(34, 6, -8, -6));
}

void ConversationDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                                 const QModelIndex& index) const {
  painter->save();
  painter->setRenderHint(QPainter::Antialiasing);
  QRect r = option.rect;

  if (index.data(ConversationListModel::FirstInSectionRole).toBool()) {
    QFont f = option.font;
    f.setPointSizeF(f.pointSizeF() * 0.85);
    f.setBold(true);
    painter->setFont(f);
    painter->setPen(kHeaderText);
    const QRect header(r.left() + 12, r.top() + 6, r.width() - 24, kHeaderHeight - 6);
    painter->drawText(header, Qt::AlignLeft | Qt::AlignVCenter, index.data(ConversationListModel::SectionRole).toString());
    r.setTop(r.top() + kHeaderHeight);
  }

  const QRect row = r.adjusted(6, 2, -6, -2);
  if (option.state & (QStyle::State_Selected | QStyle::State_MouseOver)) {
    QPainterPath path;
    path.addRoundedRect(row, 8, 8);
    painter->fillPath(path, (option.state & QStyle::State_Selected) ? kSelected : kHover);
  }

  const QString assistant = index.data(ConversationListModel::AssistantRole).toString();
  const QIcon icon = assistants_.icon(assistant);
  icon.paint(painter, QRect(row.left() + 8, row.center().y() - 9, 18, 18));

  const QDateTime updated = index.data(ConversationListModel::UpdatedAtRole).toDateTime();
  const QString time = shortTime(updated);
  QFont small = option.font;
  small.setPointSizeF(small.pointSizeF() * 0.85);
  const int timeWidth = QFontMetrics(small).horizontalAdvance(time) + 4;
  const bool pinned = index.data(ConversationListModel::PinnedRole).toBool();
  const int pinWidth = pinned ? 18 : 0;

  const QRect titleRect(row.left() + 34, row.top(), row.width() - 34 - timeWidth - pinWidth - 12, row.height());
  painter->setFont(option.font);
  painter->setPen(kText);
  const QString title = index.data(Qt::DisplayRole).toString();
  painter->drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter,
                    QFontMetrics(option.font).elidedText(title, Qt::ElideRight, titleRect.width()));

  if (pinned) icons::get(QStringLiteral("pin")).paint(painter, QRect(titleRect.right() + 4, row.center().y() - 7, 14, 14));
  painter->setFont(small);
  painter->setPen(kMuted);
  painter->drawText(QRect(row.right() - timeWidth - 6, row.top(), timeWidth, row.height()),
                    Qt::AlignRight | Qt::AlignVCenter, time);
  painter->restore();
}

void SearchHitDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const {
  painter->save();
  painter->setRenderHint(QPainter::Antialiasing);
  const QRect row = option.rect.adjusted(6, 2, -6, -2);
  if (option.state & (QStyle::State_Selected | QStyle::State_MouseOver)) {
    QPainterPath path;
    path.addRoundedRect(row, 8, 8);
    painter->fillPath(path, (option.state & QStyle::State_Selected) ? kSelected : kHover);
  }
  QTextDocument doc;
  doc.setDefaultFont(option.font);
  doc.setHtml(index.data(Qt::DisplayRole).toString());
  doc.setTextWidth(row.width() - 16);
  painter->translate(row.left() + 8, row.top() + 4);
  doc.drawContents(painter);
  painter->restore();
}

QSize SearchHitDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const {
  QTextDocument doc;
  doc.setDefaultFont(option.font);
  doc.setHtml(index.data(Qt::DisplayRole).toString());
  const int width = option.rect.width() > 0 ? option.rect.width() : 260;
  doc.setTextWidth(width - 28);
  return {width, static_cast<int>(doc.size().height()) + 12};
}

}  // namespace mindllm::ui
