// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A demo storage like `platedesk-cli demo` makes, small enough for GUI tests, with the demo
// detective (README password) signed in through the real facade. Shared by the Search and Cases
// GUI tests.

#include "platedesk/audit/AuditLog.h"
#include "platedesk/common/Files.h"
#include "platedesk/demo/DemoGenerator.h"
#include "platedesk/store/Storage.h"
#include "platedesk/workstation/Workstation.h"

#include <boost/test/unit_test.hpp>

#include <memory>
#include <string>
#include <vector>

namespace platedesk::tests {

inline constexpr char kDemoDetective[] = "detective";
inline constexpr char kDemoDetectivePassword[] = "Blue-Heron-Pier-7";  // README: the demo detective

struct DemoStorageFixture {
  TempFolder folder;
  ManualClock clock{UtcFromCivil(2025, 11, 24, 9, 30)};
  std::string plate;  ///< the best plate of read `sampleRead`, to search for

  /// reads with images at `cameras` cameras over `days` days, and the demo detective.
  DemoStorageFixture(const char* tempName, int reads, int cameras, int days, store::ReadId sampleRead)
      : folder(tempName) {
    {
      auto storage = store::Storage::Create(folder.Path(), clock);
      BOOST_REQUIRE_MESSAGE(storage.Ok(), (storage.Ok() ? "" : storage.Err().ToString()));
      demo::DemoOptions options;
      options.reads = reads;
      options.cameras = cameras;
      options.days = days;
      options.images = true;
      auto summary = demo::GenerateDemo(**storage, options);
      BOOST_REQUIRE_MESSAGE(summary.Ok(), (summary.Ok() ? "" : summary.Err().ToString()));
      auto read = (*storage)->GetRead(sampleRead);
      BOOST_REQUIRE(read.Ok() && read->has_value());
      plate = (*read)->plate;
    }
    auto ws = Open();
    BOOST_REQUIRE(ws->BootstrapUser(kDemoDetective, store::Role::Detective, kDemoDetectivePassword,
                                    "Dana Reyes (demo detective)", true)
                      .Ok());
  }

  std::shared_ptr<workstation::Workstation> Open() const {
    auto opened = workstation::Workstation::Open(folder.Path(), clock);
    BOOST_REQUIRE_MESSAGE(opened.Ok(), (opened.Ok() ? "" : opened.Err().ToString()));
    return std::shared_ptr<workstation::Workstation>(std::move(opened).Value());
  }

  std::unique_ptr<workstation::Session> Login(workstation::Workstation& ws, const char* user = kDemoDetective,
                                              const char* password = kDemoDetectivePassword) const {
    workstation::LoginRequest request;
    request.user = user;
    request.password = password;
    request.bannerAccepted = true;
    auto session = ws.Login(request);
    BOOST_REQUIRE_MESSAGE(session.Ok(), (session.Ok() ? "" : session.Err().ToString()));
    return std::move(session).Value();
  }

  std::vector<audit::StoredRecord> Audit() const {
    auto log = audit::AuditLog::OpenReadOnly(folder.Path() / audit::kAuditDbFileName);
    BOOST_REQUIRE(log.Ok());
    return (*log)->List({}).Value();
  }
};

}  // namespace platedesk::tests
