// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "views/support/RunAsync.h"

#include "platedesk/remote/Remote.h"

#include <wx/dialog.h>

#include <memory>
#include <optional>

class wxActivityIndicator;
class wxButton;
class wxFilePickerCtrl;
class wxRadioButton;
class wxStaticText;
class wxTextCtrl;

namespace platedesk::workstation {
class Connection;
}  // namespace platedesk::workstation

namespace platedesk::views {

/// "Connect to a PlateDesk Server": the server's address (https://HOST:PORT) and how to trust it,
/// a pinned public key (sha256//BASE64) or a CA certificate file, one chosen by a radio button
/// (the other field is disabled). Connect checks the form first (remote::CheckEndpoint, nothing
/// sent), then connects on a worker while a busy indicator turns; the dialog stays responsive.
/// Cancel while connecting abandons the attempt (its late result is dropped) and returns to the
/// fields; Cancel otherwise closes the dialog. A failure (wrong pin, untrusted certificate,
/// unreachable server) is shown inline, the fields kept as typed. ShowModal() answers wxID_OK
/// once connected, kOpenFolderInstead for "Open a Folder Instead...", else wxID_CANCEL.
/// Window names for tests: serverUrl, trustPin, trustCaFile, serverPin, caFile, connect,
/// openFolderInstead, connectError, connectBusy, connectActivity.
class ConnectDialog : public wxDialog {
 public:
  /// ShowModal()'s answer when the user would rather open a storage folder.
  static constexpr int kOpenFolderInstead = wxID_OPEN;

  /// `jobs` (the composition root's) runs the attempt and must outlive it; `prefill` is the server
  /// remembered or given on the command line (its pin, else its CA file, chooses the radio button).
  ConnectDialog(wxWindow* parent, AsyncJobs& jobs, const std::optional<remote::Endpoint>& prefill = std::nullopt);
  ~ConnectDialog() override;

  /// Starts connecting with what the fields hold, as the Connect button does (the application
  /// calls it before ShowModal() to connect to a remembered server with Cancel at hand).
  void StartConnecting();
  /// True while an attempt runs.
  [[nodiscard]] bool IsConnecting() const { return mConnecting; }

  /// The connection after the dialog closed with wxID_OK; null before, after cancel, or when taken.
  [[nodiscard]] std::shared_ptr<workstation::Connection> TakeConnection();
  /// The endpoint the connection was made with (valid after wxID_OK: for remembering it).
  [[nodiscard]] const remote::Endpoint& ConnectedEndpoint() const { return mEndpoint; }

 private:
  void BuildLayout(const std::optional<remote::Endpoint>& prefill);
  void UpdateTrustFields();
  /// The endpoint the fields describe, or why not (the field at fault gets the focus).
  [[nodiscard]] std::optional<remote::Endpoint> EndpointFromFields();
  void SetConnecting(bool connecting, const wxString& url = wxString());
  /// Cancel (also Escape): abandons a running attempt, else closes the dialog.
  void OnCancel();
  /// Ends the dialog with `answer` (ShowModal()'s result, GetReturnCode()).
  void Finish(int answer);
  void ShowError(const wxString& text);
  void HideError();

  AsyncJobs& mJobs;
  Canceller mCancel;  // the running attempt
  bool mConnecting = false;
  std::shared_ptr<workstation::Connection> mConnection;
  remote::Endpoint mEndpoint;
  wxTextCtrl* mUrl = nullptr;
  wxRadioButton* mTrustPin = nullptr;
  wxRadioButton* mTrustCaFile = nullptr;
  wxTextCtrl* mPin = nullptr;
  wxFilePickerCtrl* mCaFile = nullptr;
  wxButton* mConnect = nullptr;
  wxButton* mOpenFolder = nullptr;
  wxWindow* mErrorRow = nullptr;
  wxStaticText* mError = nullptr;
  wxWindow* mBusyRow = nullptr;
  wxActivityIndicator* mActivity = nullptr;
  wxStaticText* mBusyText = nullptr;
};

}  // namespace platedesk::views
