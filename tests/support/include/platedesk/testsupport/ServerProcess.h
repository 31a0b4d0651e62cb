// SPDX-License-Identifier: GPL-3.0-or-later
// A real platedesk-server process for integration tests: 127.0.0.1, a free port (read back from
// --port-file), TLS with a certificate made for the test (or plain HTTP when asked), stderr kept
// in a log file of the test's work folder. The including target defines PLATEDESK_SERVER (the
// binary) and depends on it. Test-only, POSIX.
#pragma once

#include "platedesk/common/Files.h"
#include "platedesk/testsupport/Process.h"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <filesystem>
#include <signal.h>
#include <string>
#include <sys/wait.h>
#include <vector>

namespace platedesk::testsupport {

namespace fs = std::filesystem;

/// A platedesk-server process on 127.0.0.1, stderr in work/server-N.log. The first Start takes a
/// free port; a restart listens on the same one again, as a real server does.
class ServerProcess {
 public:
  ServerProcess(const fs::path& storage, const fs::path& work, std::vector<std::string> extra = {}, bool tls = true)
      : mStorage(storage), mWork(work), mExtra(std::move(extra)), mTls(tls) {
    mCert = work / "cert.pem";
    mKey = work / "key.pem";
    if (tls && !fs::exists(mCert)) {
      auto r = Run(ShellQuote(PLATEDESK_SERVER) + " make-cert --cert " + ShellQuote(mCert.string()) + " --key " +
                   ShellQuote(mKey.string()));
      BOOST_TEST_REQUIRE(r.exitCode == 0, r.err);
    }
    Start();
  }
  ~ServerProcess() {
    if (mPid > 0) Kill();
  }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  void Start() {
    static int serial = 0;
    mLog = mWork / ("server-" + std::to_string(++serial) + ".log");
    const fs::path portFile = mWork / "port";
    std::error_code ec;
    fs::remove(portFile, ec);
    std::vector<std::string> args = {
        PLATEDESK_SERVER, "--storage",      mStorage.string(), "--listen", "127.0.0.1:" + std::to_string(mPort),
        "--port-file",    portFile.string()};
    if (mTls) {
      args.insert(args.end(), {"--cert", mCert.string(), "--key", mKey.string()});
    } else {
      args.push_back("--insecure-http");
    }
    args.insert(args.end(), mExtra.begin(), mExtra.end());
    mPid = SpawnLogged(std::move(args), mLog);
    BOOST_TEST_REQUIRE(mPid > 0);
    mPort = WaitForPortFile(portFile, mPid, std::chrono::seconds(30));
    if (mPort != 0) return;
    const bool exited = ::kill(mPid, 0) != 0;
    if (exited) mPid = 0;
    BOOST_FAIL((exited ? "platedesk-server exited at start: " : "platedesk-server did not start listening: ") + Log());
  }

  /// SIGTERM and wait; the exit code.
  int Stop() {
    if (mPid <= 0) return -1;
    ::kill(mPid, SIGTERM);
    return Wait();
  }
  void Kill() {
    if (mPid <= 0) return;
    ::kill(mPid, SIGKILL);
    (void)Wait();
  }
  void Signal(int sig) { ::kill(mPid, sig); }
  [[nodiscard]] bool Running() const { return mPid > 0 && ::kill(mPid, 0) == 0; }
  [[nodiscard]] pid_t Pid() const { return mPid; }
  [[nodiscard]] int Port() const { return mPort; }
  [[nodiscard]] std::string Url() const {
    return (mTls ? "https://127.0.0.1:" : "http://127.0.0.1:") + std::to_string(mPort);
  }
  [[nodiscard]] std::string Cert() const { return mCert.string(); }
  /// The certificate's public key as a client pins it (sha256//BASE64, `platedesk-server fingerprint --pin`).
  [[nodiscard]] std::string Pin() const {
    auto r = Run(ShellQuote(PLATEDESK_SERVER) + " fingerprint --cert " + ShellQuote(mCert.string()) + " --pin");
    BOOST_TEST_REQUIRE(r.exitCode == 0, r.err);
    return r.out.substr(0, r.out.find('\n'));
  }
  [[nodiscard]] std::string Log() const {
    auto text = ReadFile(mLog);
    return text.Ok() ? *text : std::string();
  }

 private:
  int Wait() {
    int status = 0;
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < until) {
      if (waitpid(mPid, &status, WNOHANG) == mPid) {
        mPid = 0;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ::kill(mPid, SIGKILL);
    waitpid(mPid, &status, 0);
    mPid = 0;
    return -1;
  }

  fs::path mStorage, mWork, mCert, mKey, mLog;
  std::vector<std::string> mExtra;
  bool mTls = true;
  pid_t mPid = 0;
  int mPort = 0;
};

}  // namespace platedesk::testsupport
