// SPDX-License-Identifier: GPL-3.0-or-later
// platedesk-server's listener: Poco::Net's TCP server (one thread per connection, bounded) with
// TLS 1.2+ from Poco NetSSL over OpenSSL, handing each connection to the IngestService.
#include "platedesk/server/Server.h"

#include "platedesk/common/Log.h"

#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/Net/TCPServerConnection.h>
#include <Poco/Net/TCPServerConnectionFactory.h>
#include <Poco/Net/TCPServerParams.h>

#include <condition_variable>
#include <mutex>
#include <set>

#ifndef _WIN32
#include <cerrno>
#include <poll.h>
#include <sys/socket.h>
#endif

namespace platedesk::server {

namespace {

using Steady = std::chrono::steady_clock;

std::string PeerOf(Poco::Net::StreamSocket& socket) {
  try {
    return socket.peerAddress().host().toString();
  } catch (const Poco::Exception&) {
    return std::string(1, '?');
  }
}

// A Poco socket as a Channel: reads wait at most until the deadline.
class SocketChannel final : public Channel {
 public:
  explicit SocketChannel(Poco::Net::StreamSocket& socket) : mSocket(socket), mPeer(PeerOf(socket)) {}

  Result<std::size_t> Read(char* buf, std::size_t size, Deadline deadline) override {
    for (;;) {
      const auto left = std::chrono::duration_cast<std::chrono::microseconds>(deadline - Steady::now());
      if (left.count() <= 0) return Fail(ErrorCode::Cancelled, "timed out");
      try {
        mSocket.setReceiveTimeout(Poco::Timespan(std::min<std::int64_t>(left.count(), 1'000'000)));
        const int n = mSocket.receiveBytes(buf, static_cast<int>(std::min<std::size_t>(size, 1 << 20)));
        if (n >= 0) return static_cast<std::size_t>(n);
      } catch (const Poco::TimeoutException&) {
        continue;
      } catch (const Poco::Exception& e) {
        return Fail(ErrorCode::Io, "connection failed: " + e.displayText());
      }
    }
  }

  Status Write(std::string_view bytes) override {
    try {
      mSocket.setSendTimeout(Poco::Timespan(30, 0));
      std::size_t sent = 0;
      while (sent < bytes.size()) {
        const int n = mSocket.sendBytes(bytes.data() + sent,
                                        static_cast<int>(std::min<std::size_t>(bytes.size() - sent, 1 << 20)));
        if (n <= 0) return Fail(ErrorCode::Io, "connection closed while answering");
        sent += static_cast<std::size_t>(n);
      }
      return {};
    } catch (const Poco::Exception& e) {
      return Fail(ErrorCode::Io, "connection failed: " + e.displayText());
    }
  }

  std::string Peer() const override { return mPeer; }

  // Looks at the TCP socket under TLS too, never through it: a readable TLS socket may only hold
  // a record (a key update, a pipelined request), and SSL_peek could block on half a record.
  // Server::Stop's shutdownReceive reads as a close here too, so a stream in flight stops then.
  bool PeerClosed() override {
    try {
#if defined(POLLRDHUP)
      // Linux reports the peer's FIN even behind unread bytes.
      pollfd p{};
      p.fd = mSocket.impl()->sockfd();
      p.events = POLLIN | POLLRDHUP;
      if (::poll(&p, 1, 0) <= 0) return false;
      return (p.revents & (POLLRDHUP | POLLHUP | POLLERR | POLLNVAL)) != 0;
#else
      if (!mSocket.poll(Poco::Timespan(0), Poco::Net::Socket::SELECT_READ | Poco::Net::Socket::SELECT_ERROR))
        return false;
      // Readable: a 0-byte peek is the peer's FIN; bytes waiting (a TLS record, a pipelined
      // request) are not a close.
      char c = 0;
      const auto n = ::recv(mSocket.impl()->sockfd(), &c, 1, MSG_PEEK);
#ifdef _WIN32
      return n == 0 || (n < 0 && WSAGetLastError() != WSAEWOULDBLOCK);
#else
      return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR);
#endif
#endif
    } catch (const Poco::Exception&) {
      return true;  // the socket is no longer usable
    }
  }

 private:
  Poco::Net::StreamSocket& mSocket;
  std::string mPeer;
};

// The connections being served, so that Stop can end them (Poco's TCPServer::stop only stops
// accepting) and wait for them before the service goes away.
class ActiveConnections {
 public:
  void Enter(Poco::Net::StreamSocket* socket) {
    std::lock_guard lock(mMutex);
    mSockets.insert(socket);
    if (mStopping) ShutDown(*socket);
  }
  void Leave(Poco::Net::StreamSocket* socket) {
    std::lock_guard lock(mMutex);
    mSockets.erase(socket);
    mDrained.notify_all();
  }
  // Ends every connection's reading (requests in flight still get their answer) and waits for
  // them to finish, at most `limit`.
  void StopAll(std::chrono::seconds limit) {
    std::unique_lock lock(mMutex);
    mStopping = true;
    for (Poco::Net::StreamSocket* s : mSockets) ShutDown(*s);
    mDrained.wait_for(lock, limit, [&] { return mSockets.empty(); });
  }

 private:
  static void ShutDown(Poco::Net::StreamSocket& s) {
    try {
      s.shutdownReceive();
    } catch (const Poco::Exception&) {
    }
  }
  std::mutex mMutex;
  std::condition_variable mDrained;
  std::set<Poco::Net::StreamSocket*> mSockets;
  bool mStopping = false;
};

class Connection final : public Poco::Net::TCPServerConnection {
 public:
  Connection(const Poco::Net::StreamSocket& socket, IngestService& service, ActiveConnections& active)
      : Poco::Net::TCPServerConnection(socket), mService(service), mActive(active) {}
  void run() override {
    Poco::Net::StreamSocket& s = socket();
    mActive.Enter(&s);
    struct Leave {
      ActiveConnections& active;
      Poco::Net::StreamSocket* socket;
      ~Leave() { active.Leave(socket); }
    } leave{mActive, &s};
    try {
      s.setNoDelay(true);
      SocketChannel channel(s);
      mService.Serve(channel);
      try {
        s.shutdown();
      } catch (const Poco::Exception&) {
      }
    } catch (const Poco::Exception& e) {
      Log(LogLevel::Debug, "server: connection ended: " + e.displayText());
    } catch (const std::exception& e) {
      Log(LogLevel::Error, std::string("server: connection failed: ") + e.what());
    }
  }

 private:
  IngestService& mService;
  ActiveConnections& mActive;
};

class ConnectionFactory final : public Poco::Net::TCPServerConnectionFactory {
 public:
  ConnectionFactory(IngestService& service, ActiveConnections& active) : mService(service), mActive(active) {}
  Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& socket) override {
    return new Connection(socket, mService, mActive);
  }

 private:
  IngestService& mService;
  ActiveConnections& mActive;
};

void InitialiseSsl() {
  static std::once_flag once;
  std::call_once(once, [] { Poco::Net::initializeSSL(); });
}

}  // namespace

struct Server::Impl {
  ActiveConnections active;  // outlives the listener and the service
  std::unique_ptr<IngestService> service;
  std::unique_ptr<Poco::Net::TCPServer> tcp;
  std::uint16_t port = 0;
  bool stopped = false;
};

Server::Server(std::unique_ptr<Impl> impl) : mImpl(std::move(impl)) {}

Result<std::unique_ptr<Server>> Server::Start(const ServerConfig& config, const Clock& clock) {
  PLATEDESK_TRY(CheckConfig(config));
  auto impl = std::make_unique<Impl>();
  std::unique_ptr<Poco::Net::ServerSocket> socket;
  try {
    const Poco::Net::SocketAddress address(config.listen);
    if (config.insecureHttp) {
      socket = std::make_unique<Poco::Net::ServerSocket>(address, 128);
    } else {
      InitialiseSsl();
      Poco::Net::Context::Params params;
      params.privateKeyFile = config.key.string();
      params.certificateFile = config.cert.string();
      params.verificationMode = Poco::Net::Context::VERIFY_NONE;
      params.loadDefaultCAs = false;
      params.cipherList = "ECDHE+AESGCM:ECDHE+CHACHA20:DHE+AESGCM:!aNULL:!MD5:!DSS";
      Poco::Net::Context::Ptr context = new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, params);
      context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
      context->preferServerCiphers();
      socket = std::make_unique<Poco::Net::SecureServerSocket>(address, 128, context);
    }
    impl->port = socket->address().port();
  } catch (const Poco::Exception& e) {
    return Fail(ErrorCode::Io, "cannot listen on " + config.listen + ": " + e.displayText());
  }
  std::string description = config.insecureHttp ? "http://" : "https://";
  description += config.listen.substr(0, config.listen.rfind(':'));
  description += ':';
  description += std::to_string(impl->port);
  auto service = IngestService::Open(config, clock, description);
  if (!service) return service.Err();
  impl->service = std::move(*service);
  auto* params = new Poco::Net::TCPServerParams;
  params->setMaxThreads(config.maxConnections);
  params->setMaxQueued(std::max(16, config.maxConnections / 4));
  params->setThreadIdleTime(Poco::Timespan(10, 0));
  try {
    impl->tcp =
        std::make_unique<Poco::Net::TCPServer>(new ConnectionFactory(*impl->service, impl->active), *socket, params);
    impl->tcp->start();
  } catch (const Poco::Exception& e) {
    return Fail(ErrorCode::Io, "cannot start the listener: " + e.displayText());
  }
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Server::~Server() { Stop(); }

std::uint16_t Server::Port() const { return mImpl->port; }

IngestService& Server::Service() { return *mImpl->service; }

void Server::Stop() {
  if (mImpl->stopped) return;
  mImpl->stopped = true;
  if (mImpl->tcp) mImpl->tcp->stop();               // stops accepting
  mImpl->active.StopAll(std::chrono::seconds(30));  // ends keep-alive waits; requests in flight finish
  mImpl->tcp.reset();
  mImpl->service.reset();  // writes what is queued, records server.stopped, releases the lock
}

}  // namespace platedesk::server
