#include "ui/views/job_delegate.h"

#include <QPainter>
#include <QPainterPath>

#include "core/jobs/job_state.h"
#include "ui/models/job_list_model.h"

namespace mindllm::ui {

namespace {
const QColor kSelected(0xdd, 0xe7, 0xf7);
const QColor kHover(0xe9, 0xed, 0xf2);
const QColor kText(0x1f, 0x29, 0x37);
const QColor kMuted(0x7a, 0x86, 0x99);
const QColor kTrack(0xe1, 0xe5, 0xeb);
const QColor kAccent(0x2f, 0x6f, 0xed);
const QColor kGood(0x2e, 0x7d, 0x32);
const QColor kBad(0xc6, 0x28, 0x28);
const QColor kPaused(0xb2, 0x6a, 0x00);

QColor stateColor(jobs::JobState state) {
  switch (state) {
    case jobs::JobState::Running: return kAccent;
    case jobs::JobState::Succeeded: return kGood;
    case jobs::JobState::Failed: return kBad;
    case jobs::JobState::Paused:
    case jobs::JobState::Interrupted: return kPaused;
    default: return kMuted;
  }
}
}  // namespace

QSize JobDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const {
  return {option.rect.width(), 64};
}

void JobDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const {
  painter->save();
  painter->setRenderHint(QPainter::Antialiasing);
  const QRect r = option.rect.adjusted(6, 3, -6, -3);
  if (option.state & (QStyle::State_Selected | QStyle::State_MouseOver)) {
    QPainterPath bg;
    bg.addRoundedRect(r, 8, 8);
    painter->fillPath(bg, option.state & QStyle::State_Selected ? kSelected : kHover);
  }
  const auto state = static_cast<jobs::JobState>(index.data(JobListModel::StateRole).toInt());
  const QRect inner = r.adjusted(10, 7, -10, -7);

  QFont bold = option.font;
  bold.setBold(true);
  painter->setFont(bold);
  const QString stateText = index.data(JobListModel::StateTextRole).toString();
  const int stateWidth = QFontMetrics(option.font).horizontalAdvance(stateText) + 4;
  painter->setPen(kText);
  const QRect nameRect(inner.left(), inner.top(), inner.width() - stateWidth - 8, 18);
  painter->drawText(nameRect, Qt::AlignLeft | Qt::AlignVCenter,
                    QFontMetrics(bold).elidedText(index.data(JobListModel::NameRole).toString(), Qt::ElideRight, nameRect.width()));
  painter->setFont(option.font);
  painter->setPen(stateColor(state));
  painter->drawText(QRect(inner.right() - stateWidth, inner.top(), stateWidth, 18), Qt::AlignRight | Qt::AlignVCenter, stateText);

  const QRectF track(inner.left(), inner.top() + 23, inner.width(), 4);
  painter->setPen(Qt::NoPen);
  painter->setBrush(kTrack);
  painter->drawRoundedRect(track, 2, 2);
  const double progress = index.data(JobListModel::ProgressRole).toDouble();
  if (progress > 0) {
    painter->setBrush(state == jobs::JobState::Running || state == jobs::JobState::Queued ? kAccent : stateColor(state));
    painter->drawRoundedRect(QRectF(track.left(), track.top(), track.width() * progress, track.height()), 2, 2);
  }

  QFont small = option.font;
  small.setPointSizeF(small.pointSizeF() * 0.9);
  painter->setFont(small);
  painter->setPen(state == jobs::JobState::Failed ? kBad : kMuted);
  const QRect detail(inner.left(), inner.top() + 31, inner.width(), 16);
  painter->drawText(detail, Qt::AlignLeft | Qt::AlignVCenter,
                    QFontMetrics(small).elidedText(index.data(JobListModel::DetailRole).toString(), Qt::ElideRight, detail.width()));
  painter->restore();
}

}  // namespace mindllm::ui
