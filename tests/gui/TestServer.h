// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A platedesk-server process on 127.0.0.1 (TLS with a certificate made here, a free port) serving
// one storage folder, and the endpoint a client pins it with: the GUI tests' server pass.

#include "platedesk/common/Files.h"
#include "platedesk/remote/Remote.h"
#include "platedesk/testsupport/ServerProcess.h"

#include <filesystem>
#include <memory>

namespace platedesk::tests {

class TestServer {
 public:
  explicit TestServer(const std::filesystem::path& storage)
      : mServer(std::make_unique<testsupport::ServerProcess>(storage, mWork.Path())) {
    endpoint.url = mServer->Url();
    endpoint.trust.pin = mServer->Pin();
  }

  remote::Endpoint endpoint;

 private:
  TempFolder mWork{"platedesk-gui-server"};
  std::unique_ptr<testsupport::ServerProcess> mServer;
};

}  // namespace platedesk::tests
