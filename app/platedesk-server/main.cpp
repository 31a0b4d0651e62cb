// SPDX-License-Identifier: GPL-3.0-or-later
// platedesk-server: the agency's storage server. Cameras post their reads to it over HTTPS; it
// owns the storage folder (and its audit log) while it runs.
#include "platedesk/common/Files.h"
#include "platedesk/common/Log.h"
#include "platedesk/server/Server.h"

#include <csignal>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#ifndef _WIN32
#include <pthread.h>
#include <sys/stat.h>
#endif

#ifndef PLATEDESK_VERSION
#define PLATEDESK_VERSION "0.0.0"
#endif

namespace {

using namespace platedesk;

constexpr int kOk = 0;
constexpr int kFailed = 1;
constexpr int kUsage = 2;

void Usage(std::FILE* out) {
  std::string text =
      "usage: platedesk-server --storage DIR --listen ADDR:PORT --cert FILE --key FILE [--config FILE] [options]\n"
      "       platedesk-server make-cert --cert FILE --key FILE [--name HOST]... [--days N]\n"
      "       platedesk-server fingerprint --cert FILE [--pin]\n"
      "       platedesk-server --help | --version\n"
      "\n"
      "Serves camera ingest over HTTPS (TLS 1.2 or later) on the storage folder, which it owns while it\n"
      "runs: the CLI and the workstation refuse to open it directly meanwhile. SIGHUP re-reads the ingest\n"
      "tokens; SIGTERM or Ctrl-C stops after the requests in flight. Endpoints: POST /v1/ingest/<vendor>[/<token>]\n"
      "(vendor: openalpr, platerecognizer, genetec, axis, survision; the token in the path or as\n"
      "`Authorization: Bearer <token>`), GET /v1/health. docs/server.md has the details.\n"
      "\n"
      "Options (also as `name = value` lines in the --config file, with _ for -):\n";
  text += server::OptionsHelp();
  text +=
      "  --config FILE                read options from FILE first; the command line overrides it\n"
      "  --port-file FILE             write the port listened on to FILE once listening (for --listen ADDR:0)\n"
      "\n"
      "make-cert: a self-signed certificate (ECDSA P-256) and key (0600) for a first start; prints its\n"
      "SHA-256 fingerprint, which clients pin (simulate-cameras --pin). --name defaults to localhost and 127.0.0.1.\n";
  std::fputs(text.c_str(), out);
}

int Error(const std::string& message, int code = kFailed) {
  std::fprintf(stderr, "platedesk-server: %s\n", message.c_str());
  return code;
}

int MakeCert(const std::vector<std::string>& args) {
  std::string cert, key;
  std::vector<std::string> names;
  int days = 825;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> const std::string* { return i + 1 < args.size() ? &args[++i] : nullptr; };
    const std::string* v = nullptr;
    if ((a == "--cert" || a == "--key" || a == "--name" || a == "--days") && !(v = value()))
      return Error(a + " needs a value", kUsage);
    if (a == "--cert")
      cert = *v;
    else if (a == "--key")
      key = *v;
    else if (a == "--name")
      names.push_back(*v);
    else if (a == "--days") {
      try {
        days = std::stoi(*v);
      } catch (const std::exception&) {
        return Error("--days needs a number", kUsage);
      }
    } else
      return Error("unknown argument for make-cert: " + a, kUsage);
  }
  if (cert.empty() || key.empty()) return Error("make-cert needs --cert FILE and --key FILE", kUsage);
  if (names.empty()) names = {"localhost", "127.0.0.1", "::1"};
  auto fingerprint = server::MakeSelfSignedCertificate(cert, key, names, days);
  if (!fingerprint) return Error(fingerprint.Err().ToString());
  std::printf("%s\n", fingerprint->c_str());
  return kOk;
}

int Fingerprint(const std::vector<std::string>& args) {
  if (args.size() == 3 && args[0] == "--cert" && args[2] == "--pin") {
    // What workstations pin: platedesk --connect URL --pin sha256//...
    auto pin = server::PublicKeyPin(args[1]);
    if (!pin) return Error(pin.Err().ToString());
    std::printf("%s\n", pin->c_str());
    return kOk;
  }
  if (args.size() != 2 || args[0] != "--cert") return Error("fingerprint needs --cert FILE [--pin]", kUsage);
  auto fingerprint = server::CertificateFingerprint(args[1]);
  if (!fingerprint) return Error(fingerprint.Err().ToString());
  std::printf("%s\n", fingerprint->c_str());
  return kOk;
}

int Serve(const std::vector<std::string>& args) {
  server::ServerConfig config;
  std::string portFile;
  // The config file first, whatever its place on the command line; then the options over it.
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] != "--config") continue;
    if (i + 1 >= args.size()) return Error("--config needs a file", kUsage);
    if (Status s = server::LoadConfigFile(config, args[i + 1]); !s.Ok()) return Error(s.Err().ToString(), kUsage);
  }
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--config") {
      ++i;
      continue;
    }
    if (a == "--port-file") {
      if (i + 1 >= args.size()) return Error("--port-file needs a file", kUsage);
      portFile = args[++i];
      continue;
    }
    if (!a.starts_with("--")) return Error("unexpected argument: " + a, kUsage);
    std::string name = a.substr(2);
    std::string value;
    if (const auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name.resize(eq);
    } else if (name == "insecure-http" || name == "log-requests") {
      value = "true";
    } else {
      if (i + 1 >= args.size()) return Error(a + " needs a value", kUsage);
      value = args[++i];
    }
    if (Status s = server::SetOption(config, name, value); !s.Ok()) return Error(s.Err().ToString(), kUsage);
  }
  if (Status s = server::CheckConfig(config); !s.Ok()) return Error(s.Err().ToString(), kUsage);

#ifndef _WIN32
  ::umask(077);  // everything the server creates is its own alone
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // every thread started below inherits the mask
  std::signal(SIGPIPE, SIG_IGN);
#endif

  SystemClock clock;
  auto started = server::Server::Start(config, clock);
  if (!started)
    return Error(started.Err().ToString(), started.Err().code == ErrorCode::InvalidArgument ? kUsage : kFailed);
  std::unique_ptr<server::Server> srv = std::move(*started);
  const std::string scheme = config.insecureHttp ? "http" : "https";
  std::fprintf(stderr, "platedesk-server %s: serving %s on %s://%s:%u\n", PLATEDESK_VERSION,
               config.storage.string().c_str(), scheme.c_str(),
               config.listen.substr(0, config.listen.rfind(':')).c_str(), static_cast<unsigned>(srv->Port()));
  if (!portFile.empty()) {
    if (Status s = WriteFileAtomic(portFile, std::to_string(srv->Port()) + "\n"); !s.Ok()) {
      srv->Stop();
      return Error("cannot write the port file: " + s.Err().ToString());
    }
  }

#ifndef _WIN32
  for (;;) {
    int sig = 0;
    if (sigwait(&signals, &sig) != 0) continue;
    if (sig == SIGHUP) {
      if (Status s = srv->Service().ReloadTokens(); !s.Ok())
        std::fprintf(stderr, "platedesk-server: cannot reload tokens: %s\n", s.Err().ToString().c_str());
      else
        std::fprintf(stderr, "platedesk-server: ingest tokens reloaded\n");
      continue;
    }
    break;
  }
#else
  static std::atomic<bool> stop{false};
  std::signal(SIGINT, [](int) { stop = true; });
  std::signal(SIGTERM, [](int) { stop = true; });
  while (!stop) std::this_thread::sleep_for(std::chrono::milliseconds(200));
#endif
  std::fprintf(stderr, "platedesk-server: stopping\n");
  srv->Stop();
  return kOk;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    Usage(stderr);
    return kUsage;
  }
  if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    Usage(stdout);
    return kOk;
  }
  if (args[0] == "--version") {
    std::printf("platedesk-server %s\n", PLATEDESK_VERSION);
    return kOk;
  }
  if (args[0] == "make-cert") return MakeCert({args.begin() + 1, args.end()});
  if (args[0] == "fingerprint") return Fingerprint({args.begin() + 1, args.end()});
  return Serve(args);
}
