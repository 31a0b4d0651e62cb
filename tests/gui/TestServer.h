// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A platedesk-server process on 127.0.0.1 (TLS with a certificate made here, a free port) serving
// one storage folder, and the endpoint a client pins it with: the GUI tests' server pass.

#include "platedesk/common/Files.h"
#include "platedesk/remote/Remote.h"
#include "platedesk/testsupport/Process.h"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <fcntl.h>
#include <filesystem>
#include <signal.h>
#include <spawn.h>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <vector>

extern char** environ;

namespace platedesk::tests {

class TestServer {
 public:
  explicit TestServer(const std::filesystem::path& storage) {
    namespace fs = std::filesystem;
    const fs::path cert = mWork.Path() / "cert.pem", key = mWork.Path() / "key.pem", port = mWork.Path() / "port";
    const std::string server = testsupport::ShellQuote(PLATEDESK_SERVER);
    auto made = testsupport::Run(server + " make-cert --cert " + testsupport::ShellQuote(cert.string()) + " --key " +
                                 testsupport::ShellQuote(key.string()));
    BOOST_TEST_REQUIRE(made.exitCode == 0, made.err);
    auto pin = testsupport::Run(server + " fingerprint --cert " + testsupport::ShellQuote(cert.string()) + " --pin");
    BOOST_TEST_REQUIRE(pin.exitCode == 0, pin.err);
    endpoint.trust.pin = pin.out.substr(0, pin.out.find('\n'));
    std::vector<std::string> args = {PLATEDESK_SERVER, "--storage",   storage.string(), "--listen",
                                     "127.0.0.1:0",    "--port-file", port.string(),    "--cert",
                                     cert.string(),    "--key",       key.string()};
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    const std::string log = (mWork.Path() / "server.log").string();
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 2, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    const int rc = posix_spawn(&mPid, PLATEDESK_SERVER, &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    BOOST_TEST_REQUIRE(rc == 0);
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < until) {
      auto text = ReadFile(port);
      if (text.Ok() && !text->empty() && text->back() == '\n') {
        endpoint.url = "https://127.0.0.1:" + std::to_string(std::stoi(*text));
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    BOOST_FAIL("platedesk-server did not start: " + ReadFile(log).Value());
  }
  ~TestServer() {
    if (mPid <= 0) return;
    ::kill(mPid, SIGTERM);
    int status = 0;
    waitpid(mPid, &status, 0);
  }
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  remote::Endpoint endpoint;

 private:
  TempFolder mWork{"platedesk-gui-server"};
  pid_t mPid = 0;
};

}  // namespace platedesk::tests
