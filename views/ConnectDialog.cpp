// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/ConnectDialog.h"

#include "views/support/ErrorText.h"
#include "views/support/Icons.h"
#include "views/support/Strings.h"
#include "views/support/Widgets.h"

#include "platedesk/workstation/Session.h"

#include <wx/activityindicator.h>
#include <wx/button.h>
#include <wx/filepicker.h>
#include <wx/panel.h>
#include <wx/radiobut.h>
#include <wx/sizer.h>
#include <wx/statbmp.h>
#include <wx/statline.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/utils.h>

#include <algorithm>
#include <stop_token>
#include <string>
#include <utility>

namespace platedesk::views {
namespace {

constexpr int kFieldWidth = 440;  // DIPs: a whole pin (sha256// and 44 characters) shows without scrolling
constexpr int kTrustIndent = 22;  // DIPs: a trust field sits under its radio button's label
constexpr int kGap = 12;          // DIPs: the margin around and between the dialog's parts

}  // namespace

ConnectDialog::ConnectDialog(wxWindow* parent, AsyncJobs& jobs, const std::optional<remote::Endpoint>& prefill)
    : wxDialog(parent, wxID_ANY, _("Connect to a PlateDesk Server"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER, wxS("connectDialog")),
      mJobs(jobs) {
  SetIcons(AppIcons());
  BuildLayout(prefill);
  UpdateTrustFields();
  mUrl->SetFocus();
}

ConnectDialog::~ConnectDialog() {
  // A running attempt finishes on its worker; its result is dropped (RunAsync: this window is gone).
  mCancel.Cancel();
}

std::shared_ptr<workstation::Connection> ConnectDialog::TakeConnection() { return std::move(mConnection); }

void ConnectDialog::BuildLayout(const std::optional<remote::Endpoint>& prefill) {
  const int gap = FromDIP(kGap);
  const int fieldWidth = FromDIP(kFieldWidth);
  auto* top = new wxBoxSizer(wxVERTICAL);

  // Header: what this is and where the answers come from.
  auto* header = new wxBoxSizer(wxHORIZONTAL);
  header->Add(new wxStaticBitmap(this, wxID_ANY, Icon("platedesk", 48)), 0, wxALIGN_CENTER_VERTICAL);
  auto* titles = new wxBoxSizer(wxVERTICAL);
  auto* title = new wxStaticText(this, wxID_ANY, _("Connect to a PlateDesk Server"));
  title->SetFont(GetFont().Scaled(1.4f).Bold());
  titles->Add(title);
  const wxString intro =
      _("Your agency's PlateDesk server keeps the data, the rules and the audit log. Your administrator gives you "
        "its address and its pin or CA certificate.");
  auto* introText = Muted(this, intro, fieldWidth);
  titles->Add(introText, 0, wxTOP, FromDIP(4));
  header->Add(titles, 1, wxALIGN_CENTER_VERTICAL | wxLEFT, gap);
  top->Add(header, 0, wxEXPAND | wxALL, gap);
  top->Add(new wxStaticLine(this), 0, wxEXPAND | wxLEFT | wxRIGHT, gap);

  auto* form = new wxFlexGridSizer(2, FromDIP(10), FromDIP(10));
  form->AddGrowableCol(1, 1);

  form->Add(new wxStaticText(this, wxID_ANY, _("Server address:")), 0, wxALIGN_CENTER_VERTICAL | wxALIGN_RIGHT);
  mUrl = HintedField(this, wxS("serverUrl"), _("https://HOST:PORT"));
  mUrl->SetMinSize(wxSize(fieldWidth, -1));
  form->Add(mUrl, 1, wxEXPAND);

  // The trust: one of two, the other's field disabled. Labels align with the first radio button.
  form->Add(new wxStaticText(this, wxID_ANY, _("Trust the server by:")), 0, wxALIGN_RIGHT | wxTOP, FromDIP(2));
  auto* trust = new wxBoxSizer(wxVERTICAL);
  const int indent = FromDIP(kTrustIndent);
  auto indented = [&](wxWindow* window, int above) {
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    row->AddSpacer(indent);
    row->Add(window, 1, wxALIGN_CENTER_VERTICAL);
    trust->Add(row, 0, wxEXPAND | wxTOP, above);
  };
  mTrustPin = new wxRadioButton(this, wxID_ANY, _("Its &pinned public key"), wxDefaultPosition, wxDefaultSize,
                                wxRB_GROUP, wxDefaultValidator, wxS("trustPin"));
  trust->Add(mTrustPin);
  mPin = HintedField(this, wxS("serverPin"), _("sha256//BASE64"));
  // Base64 is easier to compare character by character in a fixed-width font.
  mPin->SetFont(wxFontInfo(GetFont().GetPointSize()).Family(wxFONTFAMILY_TELETYPE));
  // Wide enough for a whole pin, which is then read without scrolling.
  const int pinWidth = mPin->GetTextExtent(wxS("sha256//") + wxString(wxS('M'), 44)).x + FromDIP(24);
  const int trustWidth = std::max(pinWidth, fieldWidth - indent);
  mPin->SetMinSize(wxSize(trustWidth, -1));
  indented(mPin, FromDIP(4));
  mTrustCaFile = new wxRadioButton(this, wxID_ANY, _("A certificate &authority (CA) file"), wxDefaultPosition,
                                   wxDefaultSize, 0, wxDefaultValidator, wxS("trustCaFile"));
  trust->Add(mTrustCaFile, 0, wxTOP, FromDIP(10));
  mCaFile = new wxFilePickerCtrl(this, wxID_ANY, wxString(), _("Choose the CA certificate your administrator gave you"),
                                 _("Certificates (*.pem;*.crt;*.cer)|*.pem;*.crt;*.cer|All files|*"), wxDefaultPosition,
                                 wxDefaultSize, wxFLP_OPEN | wxFLP_FILE_MUST_EXIST | wxFLP_USE_TEXTCTRL,
                                 wxDefaultValidator, wxS("caFile"));
  indented(mCaFile, FromDIP(4));
  indented(Muted(this,
                 _("The pin is what \"platedesk-server fingerprint --pin\" prints on the server. A server "
                   "that does not match it, or whose certificate the CA did not sign, is refused."),
                 trustWidth),
           FromDIP(10));
  form->Add(trust, 1, wxEXPAND);
  top->Add(form, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap);

  // Why the last attempt failed (hidden until then), in the sign-in dialog's style.
  const NoteRow error = MakeNoteRow(this, "error", wxString(), fieldWidth, wxS("connectError"));
  mErrorRow = error.row;
  mError = error.label;
  mError->SetForegroundColour(ErrorColour());
  top->Add(mErrorRow, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap);
  mErrorRow->Hide();

  top->Add(new wxStaticLine(this), 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap);

  // Buttons: the way out to a folder on the left, the platform's Connect/Cancel on the right. While
  // connecting, a turning indicator and where to take the folder button's place (it cannot be used
  // then), so nothing else moves.
  auto* buttonRow = new wxBoxSizer(wxHORIZONTAL);
  auto* left = new wxBoxSizer(wxHORIZONTAL);  // takes the free width, shown or not
  mOpenFolder = new wxButton(this, kOpenFolderInstead, _("Open a &Folder Instead..."), wxDefaultPosition, wxDefaultSize,
                             0, wxDefaultValidator, wxS("openFolderInstead"));
  mOpenFolder->SetToolTip(_("Open a storage folder on this computer (a demo, or a single workstation)"));
  left->Add(mOpenFolder, 0, wxALIGN_CENTER_VERTICAL);
  mBusyRow = new wxPanel(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, wxS("connectBusy"));
  auto* busy = new wxBoxSizer(wxHORIZONTAL);
  mActivity = new wxActivityIndicator(mBusyRow, wxID_ANY, wxDefaultPosition, mBusyRow->FromDIP(wxSize(16, 16)), 0,
                                      wxS("connectActivity"));
  busy->Add(mActivity, 0, wxALIGN_CENTER_VERTICAL);
  mBusyText = new wxStaticText(mBusyRow, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                               wxST_NO_AUTORESIZE | wxST_ELLIPSIZE_MIDDLE, wxS("connectBusyText"));
  mBusyText->SetMinSize(wxSize(mBusyRow->FromDIP(60), -1));  // a long address is shortened, not the buttons
  busy->Add(mBusyText, 1, wxALIGN_CENTER_VERTICAL | wxLEFT, mBusyRow->FromDIP(6));
  mBusyRow->SetSizer(busy);
  left->Add(mBusyRow, 1, wxALIGN_CENTER_VERTICAL);
  mBusyRow->Hide();
  buttonRow->Add(left, 1, wxALIGN_CENTER_VERTICAL);
  auto* buttons = new wxStdDialogButtonSizer();
  mConnect = new wxButton(this, wxID_OK, _("&Connect"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                          wxS("connect"));
  mConnect->SetDefault();
  buttons->AddButton(mConnect);
  buttons->AddButton(new wxButton(this, wxID_CANCEL, _("Cancel"), wxDefaultPosition, wxDefaultSize, 0,
                                  wxDefaultValidator, wxS("cancel")));
  buttons->Realize();
  buttonRow->Add(buttons, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, gap);
  top->Add(buttonRow, 0, wxEXPAND | wxALL, gap);

  if (prefill) {
    mUrl->SetValue(wxString::FromUTF8(prefill->url));
    mPin->SetValue(wxString::FromUTF8(prefill->trust.pin));
    mCaFile->SetPath(PathToWx(prefill->trust.caFile));
    // The pin when there is one: alone it is the stronger tie to one server.
    const bool caFile = prefill->trust.pin.empty() && !prefill->trust.caFile.empty();
    mTrustPin->SetValue(!caFile);
    mTrustCaFile->SetValue(caFile);
  } else {
    mTrustPin->SetValue(true);
  }

  SetSizerAndFit(top);
  // The introduction as wide as the form below it (which the pin field's width decides), not narrower.
  introText->SetLabel(intro);
  introText->Wrap(std::max(fieldWidth, GetClientSize().x - 3 * gap - FromDIP(48)));
  Fit();
  SetMinSize(GetSize());
  CentreOnParent();

  mTrustPin->Bind(wxEVT_RADIOBUTTON, [this](wxCommandEvent&) { UpdateTrustFields(); });
  mTrustCaFile->Bind(wxEVT_RADIOBUTTON, [this](wxCommandEvent&) { UpdateTrustFields(); });
  Bind(
      wxEVT_BUTTON, [this](wxCommandEvent&) { StartConnecting(); }, wxID_OK);
  Bind(
      wxEVT_BUTTON, [this](wxCommandEvent&) { OnCancel(); }, wxID_CANCEL);
  Bind(
      wxEVT_BUTTON, [this](wxCommandEvent&) { Finish(kOpenFolderInstead); }, kOpenFolderInstead);
  // The window's close box closes the dialog, also while connecting (where Cancel only abandons).
  Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent&) {
    if (mConnecting) {
      mCancel.Cancel();
      SetConnecting(false);
    }
    Finish(wxID_CANCEL);
  });
}

void ConnectDialog::UpdateTrustFields() {
  const bool pin = mTrustPin->GetValue();
  mPin->Enable(!mConnecting && pin);
  mCaFile->Enable(!mConnecting && !pin);
}

std::optional<remote::Endpoint> ConnectDialog::EndpointFromFields() {
  remote::Endpoint endpoint;
  endpoint.url = FromWx(Trimmed(mUrl->GetValue()));
  if (endpoint.url.empty()) {
    ShowError(_("Enter the server's address, https://HOST:PORT, as your administrator gave it."));
    mUrl->SetFocus();
    return std::nullopt;
  }
  // The address on its own first, so that the focus goes to the field at fault.
  if (Status address = remote::CheckEndpoint(endpoint); !address.Ok()) {
    LogError(address.Err(), Activity::Connect);
    ShowError(ErrorText(address.Err(), Activity::Connect));
    mUrl->SetFocus();
    return std::nullopt;
  }
  wxWindow* trustField = nullptr;
  if (mTrustPin->GetValue()) {
    endpoint.trust.pin = FromWx(Trimmed(mPin->GetValue()));
    if (endpoint.trust.pin.empty()) {
      ShowError(_("Enter the server's pin (sha256//...) that your administrator gave you, or choose its CA file."));
      mPin->SetFocus();
      return std::nullopt;
    }
    trustField = mPin;
  } else {
    const wxString caFile = Trimmed(mCaFile->GetPath());
    if (caFile.empty()) {
      ShowError(_("Choose the CA certificate file your administrator gave you, or enter the server's pin."));
      mCaFile->SetFocus();
      return std::nullopt;
    }
    endpoint.trust.caFile = PathFromWx(caFile);
    trustField = mCaFile;
  }
  if (Status trust = remote::CheckEndpoint(endpoint); !trust.Ok()) {
    LogError(trust.Err(), Activity::Connect);
    ShowError(ErrorText(trust.Err(), Activity::Connect));
    trustField->SetFocus();
    return std::nullopt;
  }
  return endpoint;
}

void ConnectDialog::StartConnecting() {
  if (mConnecting) {
    return;  // Enter pressed again while an attempt runs
  }
  std::optional<remote::Endpoint> endpoint = EndpointFromFields();
  if (!endpoint) {
    return;
  }
  HideError();
  SetConnecting(true, wxString::FromUTF8(endpoint->url));
  // Cancel (or the application closing) closes the request: the attempt stops at once, and a
  // result that arrives all the same is dropped.
  const std::stop_token abandoned = mCancel.Arm();
  RunAsync(
      mJobs, this,
      [endpoint = *endpoint, abandoned](std::stop_token job) -> Result<std::unique_ptr<workstation::Connection>> {
        std::stop_source either;
        const std::stop_callback onCancel(abandoned, [&either] { either.request_stop(); });
        const std::stop_callback onExit(job, [&either] { either.request_stop(); });
        return remote::Connect(endpoint, either.get_token());
      },
      [this, endpoint = *endpoint, abandoned](Result<std::unique_ptr<workstation::Connection>> connected) {
        if (abandoned.stop_requested()) {
          return;  // cancelled: the fields are the user's again, perhaps already for a new attempt
        }
        SetConnecting(false);
        if (!connected) {
          LogError(connected.Err(), Activity::Connect);
          ShowError(ErrorText(connected.Err(), Activity::Connect));
          if (connected.Err().detail == ErrorDetail::ServerNotTrusted) {
            (mTrustPin->GetValue() ? static_cast<wxWindow*>(mPin) : mCaFile)->SetFocus();
          }  // else the address keeps the focus SetConnecting gave it
          return;
        }
        mConnection = std::shared_ptr<workstation::Connection>(std::move(connected).Value());
        mEndpoint = endpoint;
        Finish(wxID_OK);
      });
}

void ConnectDialog::SetConnecting(bool connecting, const wxString& url) {
  mConnecting = connecting;
  mUrl->Enable(!connecting);
  mTrustPin->Enable(!connecting);
  mTrustCaFile->Enable(!connecting);
  UpdateTrustFields();
  mConnect->Enable(!connecting);
  mOpenFolder->Enable(!connecting);
  mOpenFolder->Show(!connecting);
  if (connecting) {
    const wxString text = wxString::Format(_("Connecting to %s"), url) + wxS("\u2026");
    mBusyText->SetLabel(text);
    mBusyText->SetToolTip(text);
    mBusyRow->Show();
    mActivity->Start();
  } else {
    mActivity->Stop();
    mBusyRow->Hide();
    mUrl->SetFocus();
  }
  Layout();
}

void ConnectDialog::OnCancel() {
  if (!mConnecting) {
    Finish(wxID_CANCEL);
    return;
  }
  mCancel.Cancel();
  SetConnecting(false);
}

void ConnectDialog::Finish(int answer) {
  // The code also when shown modeless (tests): EndDialog only hides such a dialog.
  SetReturnCode(answer);
  EndDialog(answer);
}

void ConnectDialog::ShowError(const wxString& text) {
  // As wide as the form above it: the dialog's width less its margins and the error icon.
  const int wrap = std::max(FromDIP(kFieldWidth), GetClientSize().x - 2 * FromDIP(kGap) - FromDIP(kNoteIndent));
  ShowNote(NoteRow{mErrorRow, mError}, text, wrap);
  Layout();
  GetSizer()->SetSizeHints(this);
  wxBell();
}

void ConnectDialog::HideError() {
  mErrorRow->Hide();
  Layout();
}

}  // namespace platedesk::views
