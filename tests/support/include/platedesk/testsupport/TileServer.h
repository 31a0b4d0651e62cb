// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A map tile server on loopback for the tests (Poco's HTTP server on an ephemeral port): the test
// says what each path answers; the server counts and remembers the requests. Link Poco::Net.

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace platedesk::testsupport {

class TileServer {
 public:
  struct Answer {
    int status = 200;
    std::string contentType = "image/png";
    std::string body;
    std::chrono::milliseconds delay{0};
  };
  using Handler = std::function<Answer(const std::string& path)>;

  explicit TileServer(Handler handler) : mState(std::make_shared<State>()) {
    mState->handler = std::move(handler);
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    auto* params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(4);
    mServer = std::make_unique<Poco::Net::HTTPServer>(new Factory(mState), socket, params);
    mServer->start();
    mPort = socket.address().port();
  }
  ~TileServer() { mServer->stopAll(true); }
  TileServer(const TileServer&) = delete;
  TileServer& operator=(const TileServer&) = delete;

  /// "http://127.0.0.1:PORT" + path.
  [[nodiscard]] std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(mPort) + path;
  }
  [[nodiscard]] std::vector<std::string> Requests() const {
    std::lock_guard lock(mState->mutex);
    return mState->requests;
  }

 private:
  struct State {
    Handler handler;
    mutable std::mutex mutex;
    std::vector<std::string> requests;
  };
  class Responder : public Poco::Net::HTTPRequestHandler {
   public:
    explicit Responder(std::shared_ptr<State> state) : mState(std::move(state)) {}
    void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override {
      {
        std::lock_guard lock(mState->mutex);
        mState->requests.push_back(request.getURI());
      }
      const Answer answer = mState->handler(request.getURI());
      if (answer.delay.count() > 0) std::this_thread::sleep_for(answer.delay);
      response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(answer.status));
      response.setContentType(answer.contentType);
      response.setContentLength(static_cast<std::streamsize>(answer.body.size()));
      response.send().write(answer.body.data(), static_cast<std::streamsize>(answer.body.size()));
    }

   private:
    std::shared_ptr<State> mState;
  };
  class Factory : public Poco::Net::HTTPRequestHandlerFactory {
   public:
    explicit Factory(std::shared_ptr<State> state) : mState(std::move(state)) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
      return new Responder(mState);
    }

   private:
    std::shared_ptr<State> mState;
  };

  std::shared_ptr<State> mState;
  std::unique_ptr<Poco::Net::HTTPServer> mServer;
  unsigned short mPort = 0;
};

}  // namespace platedesk::testsupport
