#pragma once
// Runs a short job (export, import, folder inspection) on Qt's thread pool and delivers its result
// or its error message back on the thread of `context`. If `context` is destroyed first, the
// result is dropped. The job must not touch widgets or the GUI thread's ChatStore.
#include <QMetaObject>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QThreadPool>
#include <exception>
#include <functional>
#include <memory>

namespace mindllm::ui {

template <typename Result>
void runInBackground(QObject* context, std::function<Result()> job, std::function<void(Result)> onDone,
                     std::function<void(const QString&)> onError) {
  QPointer<QObject> guard(context);
  QThreadPool::globalInstance()->start([guard, job = std::move(job), onDone = std::move(onDone),
                                        onError = std::move(onError)]() mutable {
    auto result = std::make_shared<Result>();
    QString error;
    bool ok = true;
    try {
      *result = job();
    } catch (const std::exception& e) {
      ok = false;
      error = QString::fromUtf8(e.what());
    }
    if (!guard) return;
    QMetaObject::invokeMethod(
        guard.data(),
        [guard, ok, result, error, onDone = std::move(onDone), onError = std::move(onError)] {
          if (!guard) return;
          if (ok)
            onDone(std::move(*result));
          else if (onError)
            onError(error);
        },
        Qt::QueuedConnection);
  });
}

}  // namespace mindllm::ui
