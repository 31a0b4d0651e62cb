// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "views/support/RunAsync.h"

#include "platedesk/common/Time.h"
#include "platedesk/remote/Remote.h"

#include <wx/app.h>

#include <filesystem>
#include <memory>
#include <optional>

class wxCmdLineParser;
class wxConfigBase;
class wxWindow;

namespace platedesk::workstation {
class Session;
class Connection;
}  // namespace platedesk::workstation

namespace platedesk::views {
class MainFrame;
}  // namespace platedesk::views

namespace platedesk::app {

/// The GUI composition root: `platedesk [--storage DIR | --connect URL [--pin P | --ca-file F]]`. Picks the storage
/// (argument, the server or folder remembered from last time, else the connect dialog with its way to a folder
/// chooser), opens it, shows the sign-in dialog and then the main window; handles "Open Storage", "Connect to
/// Server" and "Sign out" for the main window.
class PlateDeskApp : public wxApp {
 public:
  bool OnInit() override;
  int OnRun() override;
  int OnExit() override;
  void OnInitCmdLine(wxCmdLineParser& parser) override;
  bool OnCmdLineParsed(wxCmdLineParser& parser) override;

 private:
  /// Opens `first` (if given), else asks for a folder; on failure explains why and asks again.
  /// Null when the user gives up.
  std::shared_ptr<workstation::Connection> OpenStorage(wxWindow* parent, std::optional<std::filesystem::path> first);
  std::optional<std::filesystem::path> AskForFolder(wxWindow* parent, const std::filesystem::path& near);
  std::unique_ptr<workstation::Session> SignIn(wxWindow* parent, workstation::Connection& workstation);
  void ShowMainFrame(std::shared_ptr<workstation::Connection> workstation,
                     std::unique_ptr<workstation::Session> session);
  void OnOpenStorage(views::MainFrame& frame);
  void OnConnectServer(views::MainFrame& frame);
  void OnSignOut(views::MainFrame& frame);
  std::unique_ptr<wxConfigBase> OpenSettings() const;
  std::optional<std::filesystem::path> RememberedStorage() const;
  void RememberStorage(const std::filesystem::path& folder) const;
  /// What the connect dialog led to: a server's connection and its endpoint, a folder's (no
  /// endpoint: "Open a Folder Instead..."), or nothing when the user gave up.
  struct Chosen {
    std::shared_ptr<workstation::Connection> connection;
    std::optional<remote::Endpoint> server;
  };
  /// The connect dialog prefilled with `server`, connecting to it at once when `connectNow` (a failure
  /// stays in the dialog, explained, for the user to correct or cancel). Remembers no server itself (OpenStorage
  /// remembers a folder it opened).
  Chosen ChooseServer(wxWindow* parent, const std::optional<remote::Endpoint>& server, bool connectNow);
  std::optional<remote::Endpoint> RememberedServer() const;
  void RememberServer(const std::optional<remote::Endpoint>& endpoint) const;

  SystemClock mClock;
  views::AsyncJobs mJobs;  // after mClock: the jobs borrow it
  std::optional<std::filesystem::path> mStorageArgument;
  /// `--connect URL` with `--pin` or `--ca-file`: a platedesk-server instead of a folder.
  std::optional<remote::Endpoint> mServerArgument;
  bool mCancelledAtStart = false;
};

}  // namespace platedesk::app
