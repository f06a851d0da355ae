// The crash test: a writer process streams answers into a database and is killed with SIGKILL in
// the middle of an answer. On reopen the file must pass PRAGMA integrity_check, every finished
// message must be exactly as written, and the partial answer must hold what was flushed (at most
// one flush batch lost).
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "core/storage/chat_store.h"
#include "storage/crash_script.h"

using namespace mindllm::storage;

namespace {

struct WriterProgress {
  int64_t conversation = 0;
  int finishedRounds = 0;  // rounds reported finished
  int round = -1;          // round of the last "appended" line
  int appended = 0;        // pieces of that round reported appended
};

void readProgress(QProcess& writer, WriterProgress& progress) {
  while (writer.canReadLine()) {
    const QList<QByteArray> words = writer.readLine().trimmed().split(' ');
    if (words[0] == "conversation") progress.conversation = words[1].toLongLong();
    if (words[0] == "finished") progress.finishedRounds = words[1].toInt() + 1;
    if (words[0] == "appended") {
      progress.round = words[1].toInt();
      progress.appended = words[2].toInt();
    }
  }
}

// Pieces of round `round` in `content`, or -1 if content is not a whole number of its pieces.
int piecesIn(const std::string& content, int round) {
  std::string expected;
  for (int p = 0; p <= crash_script::kPieces; ++p) {
    if (expected == content) return p;
    if (expected.size() > content.size()) return -1;
    expected += crash_script::piece(round, p);
  }
  return -1;
}

}  // namespace

class TestChatCrash : public QObject {
  Q_OBJECT

private Q_SLOTS:
  void killedMidStreamLosesAtMostOneBatch_data() {
    QTest::addColumn<int>("delayMicros");      // between pieces; 0 = flat out
    QTest::addColumn<int>("killAfterPieces");  // of round 2; 0 = as soon as round 2 or later has text on disk
    QTest::newRow("early") << crash_script::kPieceDelayMicros << 23;
    QTest::newRow("middle") << crash_script::kPieceDelayMicros << 171;
    QTest::newRow("late") << crash_script::kPieceDelayMicros << 362;
    QTest::newRow("flat out") << 0 << 0;
  }

  void killedMidStreamLosesAtMostOneBatch() {
    QFETCH(int, delayMicros);
    QFETCH(int, killAfterPieces);
    QTemporaryDir dir;
    const std::string path = dir.filePath("chats.sqlite").toStdString();

    QProcess writer;
    writer.setProcessChannelMode(QProcess::SeparateChannels);
    writer.start(CRASH_WRITER_PATH, {QString::fromStdString(path), "crash", QString::number(delayMicros)});
    QVERIFY2(writer.waitForStarted(10000), qPrintable(writer.errorString()));

    // Let it finish two rounds, then stream the third past `killAfterPieces` with text on disk.
    WriterProgress progress;
    std::unique_ptr<ChatStore> reader;
    int piecesOnDiskBeforeKill = 0, roundOnDiskBeforeKill = -1;
    QElapsedTimer timer;
    timer.start();
    while (true) {
      QVERIFY2(timer.elapsed() < 60000, "the writer did not get far enough in 60 s");
      QVERIFY2(writer.state() == QProcess::Running, writer.readAllStandardError().constData());
      writer.waitForReadyRead(50);
      readProgress(writer, progress);
      if (progress.conversation == 0) continue;
      if (!reader) reader = std::make_unique<ChatStore>(path);
      if (progress.finishedRounds < 2) continue;
      if (killAfterPieces > 0 && (progress.round != 2 || progress.appended < killAfterPieces)) continue;
      const auto messages = reader->messages(progress.conversation);
      if (messages.empty() || messages.back().state != MessageState::Streaming) continue;
      roundOnDiskBeforeKill = static_cast<int>(messages.size() - 1) / 2;
      piecesOnDiskBeforeKill = piecesIn(messages.back().content, roundOnDiskBeforeKill);
      QVERIFY2(piecesOnDiskBeforeKill >= 0, messages.back().content.c_str());
      if (piecesOnDiskBeforeKill > 0) break;
    }
    reader.reset();
    writer.kill();  // SIGKILL: no destructor, no flush, no clean WAL checkpoint
    QVERIFY(writer.waitForFinished(10000));
    QCOMPARE(writer.exitStatus(), QProcess::CrashExit);
    readProgress(writer, progress);  // lines still in the pipe

    ChatStore store(path);
    QCOMPARE(store.integrityCheck(), std::string("ok"));
    const auto messages = store.messages(progress.conversation);
    QVERIFY(messages.size() >= 2 * static_cast<size_t>(progress.finishedRounds));
    int streaming = 0;
    for (size_t i = 0; i < messages.size(); ++i) {
      const int round = static_cast<int>(i / 2);
      const Message& m = messages[i];
      if (i % 2 == 0) {
        QCOMPARE(m.role, std::string("user"));
        QCOMPARE(m.content, crash_script::question(round));
        continue;
      }
      QCOMPARE(m.role, std::string("assistant"));
      if (m.state == MessageState::Complete) {
        // Every finished answer is intact, to the byte.
        QCOMPARE(m.content, crash_script::answerPrefix(round, crash_script::kPieces));
        QCOMPARE(m.tokens, int64_t{crash_script::kPieces});
        continue;
      }
      QCOMPARE(m.state, MessageState::Streaming);
      QCOMPARE(i, messages.size() - 1);  // only the last answer can be cut off
      ++streaming;
      const int pieces = piecesIn(m.content, round);
      QVERIFY2(pieces >= 0, m.content.c_str());
      if (round == progress.round) {
        // What a reader saw on disk is still there, and at most one batch (StreamFlushPolicy:
        // maxChars bytes or intervalMs) of what the writer had appended is lost.
        qInfo("round %d: writer appended %d pieces, %d on disk after the kill (%d seen before it)", round,
              progress.appended, pieces, piecesOnDiskBeforeKill);
        if (round == roundOnDiskBeforeKill) QVERIFY(pieces >= piecesOnDiskBeforeKill);
        const int maxBatchPieces =
            static_cast<int>(StreamFlushPolicy{}.maxChars / crash_script::piece(round, 0).size()) + 1;
        QVERIFY2(progress.appended - pieces <= maxBatchPieces,
                 qPrintable(QString("appended %1, on disk %2").arg(progress.appended).arg(pieces)));
      }
    }
    QVERIFY(streaming <= 1);
    QCOMPARE(store.recoverInterruptedMessages(), streaming);
    QCOMPARE(store.integrityCheck(), std::string("ok"));
  }
};

QTEST_GUILESS_MAIN(TestChatCrash)
#include "test_chat_crash.moc"
