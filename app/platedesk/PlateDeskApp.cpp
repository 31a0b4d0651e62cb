// SPDX-License-Identifier: GPL-3.0-or-later
#include "PlateDeskApp.h"

#include "views/ConnectDialog.h"
#include "views/LoginDialog.h"
#include "views/MainFrame.h"
#include "views/support/ErrorText.h"
#include "views/support/Strings.h"

#include "platedesk/common/Log.h"
#include "platedesk/workstation/Workstation.h"

#include <wx/cmdline.h>
#include <wx/config.h>
#include <wx/crt.h>
#include <wx/dirdlg.h>
#include <wx/fileconf.h>
#include <wx/filename.h>
#include <wx/log.h>
#include <wx/msgdlg.h>
#include <wx/stdpaths.h>
#include <wx/uilocale.h>
#include <wx/utils.h>

#include <system_error>
#include <utility>

namespace platedesk::app {
namespace {

constexpr const char* kLastStorageKey = "Storage/Last";
constexpr const char* kServerUrlKey = "Server/Url";  ///< the server last connected to ("" after a folder)
constexpr const char* kServerPinKey = "Server/Pin";
constexpr const char* kServerCaKey = "Server/CaFile";

}  // namespace

void PlateDeskApp::OnInitCmdLine(wxCmdLineParser& parser) {
  wxApp::OnInitCmdLine(parser);
  parser.AddOption(wxString(), wxS("storage"), _("the storage folder to open (else the last one used)"),
                   wxCMD_LINE_VAL_STRING);
  parser.AddOption(wxString(), wxS("connect"), _("a PlateDesk server to connect to (https://HOST:PORT)"),
                   wxCMD_LINE_VAL_STRING);
  parser.AddOption(wxString(), wxS("pin"), _("with --connect: the server's public key, sha256//BASE64"),
                   wxCMD_LINE_VAL_STRING);
  parser.AddOption(wxString(), wxS("ca-file"), _("with --connect: the CA certificate the server's must chain to"),
                   wxCMD_LINE_VAL_STRING);
  parser.AddSwitch(wxString(), wxS("version"), _("print the version and exit"));
}

bool PlateDeskApp::OnCmdLineParsed(wxCmdLineParser& parser) {
  if (parser.Found(wxS("version"))) {
    wxPrintf(wxS("platedesk %s\n"), wxS(PLATEDESK_VERSION));
    return false;
  }
  wxString storage;
  if (parser.Found(wxS("storage"), &storage)) {
    mStorageArgument = views::PathFromWx(storage);
  }
  wxString url;
  if (parser.Found(wxS("connect"), &url)) {
    remote::Endpoint endpoint;
    endpoint.url = url.utf8_string();
    wxString value;
    if (parser.Found(wxS("pin"), &value)) endpoint.trust.pin = value.utf8_string();
    if (parser.Found(wxS("ca-file"), &value)) endpoint.trust.caFile = views::PathFromWx(value);
    if (Status ok = remote::CheckEndpoint(endpoint); !ok.Ok()) {
      wxFprintf(stderr, wxS("platedesk: %s\n"), wxString::FromUTF8(ok.Err().ToString()));
      return false;
    }
    mServerArgument = std::move(endpoint);
  }
  return wxApp::OnCmdLineParsed(parser);
}

bool PlateDeskApp::OnInit() {
  SetAppName(wxS("platedesk"));
  SetAppDisplayName(wxS("PlateDesk"));
  SetVendorName(wxS("PlateDesk"));
  wxStandardPaths::Get().SetFileLayout(wxStandardPaths::FileLayout_XDG);  // for data and cache folders
  wxUILocale::UseDefault();  // digit grouping and dates in the user's conventions
  if (!wxApp::OnInit()) {
    return false;  // --help, --version or a bad argument
  }

  // A server given on the command line, else a folder given, else the server or folder used last. With
  // nothing remembered, the connect dialog (agencies use servers) with its way to the folder chooser.
  std::optional<remote::Endpoint> server = mServerArgument;
  if (!server && !mStorageArgument) server = RememberedServer();
  const std::optional<std::filesystem::path> folder = mStorageArgument ? mStorageArgument : RememberedStorage();
  std::shared_ptr<workstation::Connection> workstation;
  if (server || !folder) {
    // A known server is connected to at once, in the dialog: Cancel is at hand while it tries, and a
    // failure is explained there with the address and pin ready to correct.
    Chosen chosen = ChooseServer(nullptr, server, server.has_value());
    if (chosen.server) RememberServer(chosen.server);
    workstation = std::move(chosen.connection);
  } else {
    workstation = OpenStorage(nullptr, folder);
  }
  std::unique_ptr<workstation::Session> session = workstation ? SignIn(nullptr, *workstation) : nullptr;
  if (!session) {
    mCancelledAtStart = true;  // the user chose not to go on: a normal exit, not a failure
    return true;
  }
  ShowMainFrame(std::move(workstation), std::move(session));
  return true;
}

int PlateDeskApp::OnRun() { return mCancelledAtStart ? 0 : wxApp::OnRun(); }

int PlateDeskApp::OnExit() {
  // Windows may have closed while their jobs ran; wait for those before wxWidgets goes away.
  mJobs.JoinAll();
  return wxApp::OnExit();
}

std::shared_ptr<workstation::Connection> PlateDeskApp::OpenStorage(wxWindow* parent,
                                                                   std::optional<std::filesystem::path> first) {
  std::filesystem::path lastTried = first.value_or(std::filesystem::path());
  std::optional<std::filesystem::path> folder = std::move(first);
  for (;;) {
    if (!folder) {
      folder = AskForFolder(parent, lastTried);
      if (!folder) {
        return nullptr;
      }
    }
    Result<std::unique_ptr<workstation::Workstation>> opened = workstation::Workstation::Open(*folder, mClock);
    if (opened) {
      RememberStorage(*folder);
      RememberServer(std::nullopt);
      return std::shared_ptr<workstation::Connection>(std::move(opened).Value());
    }
    views::LogError(opened.Err(), views::Activity::OpenStorage);
    wxMessageDialog message(parent, _("PlateDesk could not open this storage."), _("Cannot open storage"),
                            wxOK | wxCANCEL | wxICON_WARNING | wxCENTRE);
    message.SetExtendedMessage(views::PathToWx(*folder) + wxS("\n\n") +
                               views::ErrorText(opened.Err(), views::Activity::OpenStorage));
    message.SetOKCancelLabels(_("Choose Another Folder..."), _("Cancel"));
    if (message.ShowModal() != wxID_OK) {
      return nullptr;
    }
    lastTried = *folder;
    folder.reset();
  }
}

std::optional<std::filesystem::path> PlateDeskApp::AskForFolder(wxWindow* parent, const std::filesystem::path& near) {
  std::error_code ignored;
  wxString start = wxFileName::GetHomeDir();
  if (!near.empty() && std::filesystem::is_directory(near, ignored)) {
    start = views::PathToWx(near);
  }
  wxDirDialog dialog(parent, _("Choose a PlateDesk storage folder (the folder that holds platedesk.db)"), start,
                     wxDD_DEFAULT_STYLE | wxDD_DIR_MUST_EXIST);
  if (dialog.ShowModal() != wxID_OK) {
    return std::nullopt;
  }
  return views::PathFromWx(dialog.GetPath());
}

std::unique_ptr<workstation::Session> PlateDeskApp::SignIn(wxWindow* parent, workstation::Connection& workstation) {
  views::LoginDialog dialog(parent, workstation);
  if (dialog.ShowModal() != wxID_OK) {
    return nullptr;
  }
  return dialog.TakeSession();
}

void PlateDeskApp::ShowMainFrame(std::shared_ptr<workstation::Connection> workstation,
                                 std::unique_ptr<workstation::Session> session) {
  views::MainFrameActions actions;
  actions.openStorage = [this](views::MainFrame& frame) { OnOpenStorage(frame); };
  actions.connectServer = [this](views::MainFrame& frame) { OnConnectServer(frame); };
  actions.signOut = [this](views::MainFrame& frame) { OnSignOut(frame); };
  // The views' per-user choices, in the settings file beside the remembered storage (a key holds
  // the user's name: "users/detective/result_columns").
  actions.preferences.read = [this](const std::string& key) -> std::optional<std::string> {
    const wxLogNull quiet;
    std::unique_ptr<wxConfigBase> settings = OpenSettings();
    wxString value;
    if (!settings->Read(wxS("/") + wxString::FromUTF8(key), &value)) return std::nullopt;
    return value.utf8_string();
  };
  actions.preferences.write = [this](const std::string& key, const std::string& value) {
    const wxLogNull quiet;  // a convenience: failing to remember must not interrupt the user
    std::unique_ptr<wxConfigBase> settings = OpenSettings();
    if (!settings->Write(wxS("/") + wxString::FromUTF8(key), wxString::FromUTF8(value)) || !settings->Flush()) {
      Log(LogLevel::Info, "platedesk: could not remember a view setting in the settings file");
    }
  };
  auto* frame = new views::MainFrame(std::move(workstation), std::move(session), mClock, mJobs, std::move(actions));
  frame->Show();
  SetTopWindow(frame);
}

void PlateDeskApp::OnOpenStorage(views::MainFrame& frame) {
  // The current session stays open until the user has signed in to the other storage, so
  // cancelling anywhere leaves everything as it was.
  std::shared_ptr<workstation::Connection> workstation = OpenStorage(&frame, std::nullopt);
  if (!workstation) {
    return;
  }
  std::unique_ptr<workstation::Session> session = SignIn(&frame, *workstation);
  if (!session) {
    return;
  }
  frame.EndSession();
  ShowMainFrame(std::move(workstation), std::move(session));
  frame.Destroy();
}

void PlateDeskApp::OnConnectServer(views::MainFrame& frame) {
  // As OnOpenStorage: the current session stays open until the user has signed in on the server, so
  // cancelling anywhere leaves everything as it was, the server remembered for the next start included.
  Chosen chosen = ChooseServer(&frame, RememberedServer(), false);
  if (!chosen.connection) {
    return;
  }
  std::unique_ptr<workstation::Session> session = SignIn(&frame, *chosen.connection);
  if (!session) {
    return;
  }
  if (chosen.server) RememberServer(chosen.server);
  frame.EndSession();
  ShowMainFrame(std::move(chosen.connection), std::move(session));
  frame.Destroy();
}

void PlateDeskApp::OnSignOut(views::MainFrame& frame) {
  // The frame has ended its session; it stays (hidden) until the next sign-in so the app keeps
  // a top-level window, and it keeps the Workstation alive for the dialog.
  frame.Hide();
  std::shared_ptr<workstation::Connection> workstation = frame.SharedWorkstation();
  std::unique_ptr<workstation::Session> session = SignIn(nullptr, *workstation);
  if (session) {
    ShowMainFrame(std::move(workstation), std::move(session));
  }
  frame.Destroy();
}

std::unique_ptr<wxConfigBase> PlateDeskApp::OpenSettings() const {
#ifdef __WINDOWS__
  return std::make_unique<wxConfig>(GetAppName());  // the registry, per user
#else
  // $XDG_CONFIG_HOME/platedesk/platedesk.conf (wxWidgets 3.2 would use ~/.platedesk), and the
  // folder made first: wxFileConfig does not create it.
  wxString base;
  if (!wxGetEnv(wxS("XDG_CONFIG_HOME"), &base) || base.empty()) {
    base = wxFileName::GetHomeDir() + wxS("/.config");
  }
  const wxFileName file(base + wxS("/") + GetAppName(), GetAppName() + wxS(".conf"));
  if (!file.DirExists()) {
    file.Mkdir(wxS_DIR_DEFAULT, wxPATH_MKDIR_FULL);
  }
  return std::make_unique<wxFileConfig>(GetAppName(), wxString(), file.GetFullPath(), wxString(),
                                        wxCONFIG_USE_LOCAL_FILE);
#endif
}

std::optional<std::filesystem::path> PlateDeskApp::RememberedStorage() const {
  const wxLogNull quiet;  // a missing or unreadable settings file just means "nothing remembered"
  std::unique_ptr<wxConfigBase> settings = OpenSettings();
  wxString last;
  if (!settings->Read(wxString::FromUTF8(kLastStorageKey), &last) || last.empty()) {
    return std::nullopt;
  }
  return views::PathFromWx(last);
}

void PlateDeskApp::RememberStorage(const std::filesystem::path& folder) const {
  std::error_code ignored;
  const std::filesystem::path absolute = std::filesystem::absolute(folder, ignored);
  const wxLogNull quiet;  // a convenience: failing to remember must not interrupt the user
  std::unique_ptr<wxConfigBase> settings = OpenSettings();
  if (!settings->Write(wxString::FromUTF8(kLastStorageKey), views::PathToWx(absolute.empty() ? folder : absolute)) ||
      !settings->Flush()) {
    Log(LogLevel::Info, "platedesk: could not remember the storage folder in the settings file");
  }
}

PlateDeskApp::Chosen PlateDeskApp::ChooseServer(wxWindow* parent, const std::optional<remote::Endpoint>& server,
                                                bool connectNow) {
  int answer = wxID_CANCEL;
  {
    views::ConnectDialog dialog(parent, mJobs, server);
    if (connectNow) dialog.StartConnecting();  // its result arrives in the dialog's modal loop
    answer = dialog.ShowModal();
    if (answer == wxID_OK) {
      return Chosen{dialog.TakeConnection(), dialog.ConnectedEndpoint()};
    }
  }  // the dialog is gone before the folder chooser shows
  if (answer == views::ConnectDialog::kOpenFolderInstead) {
    return Chosen{OpenStorage(parent, std::nullopt), std::nullopt};
  }
  return Chosen{};
}

std::optional<remote::Endpoint> PlateDeskApp::RememberedServer() const {
  const wxLogNull quiet;
  std::unique_ptr<wxConfigBase> settings = OpenSettings();
  wxString url;
  if (!settings->Read(wxString::FromUTF8(kServerUrlKey), &url) || url.empty()) return std::nullopt;
  remote::Endpoint endpoint;
  endpoint.url = url.utf8_string();
  wxString value;
  if (settings->Read(wxString::FromUTF8(kServerPinKey), &value)) endpoint.trust.pin = value.utf8_string();
  if (settings->Read(wxString::FromUTF8(kServerCaKey), &value) && !value.empty())
    endpoint.trust.caFile = views::PathFromWx(value);
  if (!remote::CheckEndpoint(endpoint).Ok()) return std::nullopt;
  return endpoint;
}

void PlateDeskApp::RememberServer(const std::optional<remote::Endpoint>& endpoint) const {
  const wxLogNull quiet;  // a convenience: failing to remember must not interrupt the user
  std::unique_ptr<wxConfigBase> settings = OpenSettings();
  settings->Write(wxString::FromUTF8(kServerUrlKey), endpoint ? wxString::FromUTF8(endpoint->url) : wxString());
  settings->Write(wxString::FromUTF8(kServerPinKey), endpoint ? wxString::FromUTF8(endpoint->trust.pin) : wxString());
  settings->Write(wxString::FromUTF8(kServerCaKey), endpoint ? views::PathToWx(endpoint->trust.caFile) : wxString());
  if (!settings->Flush()) Log(LogLevel::Info, "platedesk: could not remember the server in the settings file");
}

}  // namespace platedesk::app
