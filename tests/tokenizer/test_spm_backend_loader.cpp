// Where the sentencepiece backend module is found (environment, next to the executable, the
// installed layout, the build tree) and the errors when it cannot be used, with real processes
// (the loader runs once per process) and real copies of the module.
#include <QProcess>
#include <QtTest>

#include <filesystem>

#include "core/util/atomic_file.h"

namespace fs = std::filesystem;

namespace {

struct Result {
  int code;
  std::string out, err;
};

Result run(const std::string& exe, const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment()) {
  QProcess p;
  p.setProcessEnvironment(env);
  p.start(QString::fromStdString(exe), {});
  if (!p.waitForFinished(60000)) {
    p.kill();
    return {-1, "", "timeout"};
  }
  return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2,
          p.readAllStandardOutput().trimmed().toStdString(), p.readAllStandardError().toStdString()};
}

const std::string kModule = MINDLLM_SPM_BACKEND_MODULE;
const std::string kModuleName = fs::path(kModule).filename().string();

}  // namespace

class TestSpmBackendLoader : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  std::string path(const std::string& name) const { return (fs::path(tmp_.path().toStdString()) / name).string(); }

  // A copy of the probe at `exe`, with the module copied to `module` (if not empty).
  std::string placeProbe(const std::string& exe, const std::string& module) {
    fs::create_directories(fs::path(exe).parent_path());
    fs::copy_file(SPM_BACKEND_PROBE, exe);
    if (!module.empty()) {
      fs::create_directories(fs::path(module).parent_path());
      fs::copy_file(kModule, module);
    }
    return exe;
  }

private Q_SLOTS:
  void fallsBackToTheBuildTree() {
    const Result r = run(SPM_BACKEND_PROBE);
    QVERIFY2(r.code == 0, r.err.c_str());
    QCOMPARE(r.out, kModule);
  }

  void prefersTheCopyNextToTheExecutable() {
    const std::string exe = placeProbe(path("side/probe"), path("side/" + kModuleName));
    const Result r = run(exe);
    QVERIFY2(r.code == 0, r.err.c_str());
    QCOMPARE(r.out, path("side/" + kModuleName));
  }

  void findsTheInstalledLayout() {
    const std::string exe = placeProbe(path("prefix/bin/probe"), path("prefix/lib/mindllm/" + kModuleName));
    const Result r = run(exe);
    QVERIFY2(r.code == 0, r.err.c_str());
    QCOMPARE(r.out, path("prefix/lib/mindllm/" + kModuleName));
  }

  void environmentOverridesAndNamesWhatFailed() {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("MINDLLM_SPM_BACKEND", QString::fromStdString(kModule));
    Result r = run(SPM_BACKEND_PROBE, env);
    QVERIFY2(r.code == 0, r.err.c_str());
    QCOMPARE(r.out, kModule);

    const std::string notAModule = path("not-a-module.so");
    mindllm::writeFileAtomic(notAModule, "just text\n");
    env.insert("MINDLLM_SPM_BACKEND", QString::fromStdString(notAModule));
    r = run(SPM_BACKEND_PROBE, env);
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.find(notAModule + ": ") != std::string::npos, r.err.c_str());
    QVERIFY2(r.err.find(kModule) == std::string::npos, r.err.c_str());  // only the override is tried
  }

  void executableWithItsOwnStdCerrIsRefusedWithTheReason() {
    const Result r = run(SPM_BACKEND_PROBE_PIE);
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.find("copy relocation") != std::string::npos, r.err.c_str());
    QVERIFY2(r.err.find("-fPIC") != std::string::npos, r.err.c_str());
  }
};

QTEST_APPLESS_MAIN(TestSpmBackendLoader)
#include "test_spm_backend_loader.moc"
