// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/TotpDialog.h"

#include "views/support/ErrorText.h"
#include "views/support/Icons.h"
#include "views/support/Prompts.h"
#include "views/support/QrCode.h"
#include "views/support/Strings.h"

#include "platedesk/workstation/Session.h"

#include <wx/button.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/statbmp.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/textdlg.h>

#include <algorithm>
#include <utility>

namespace platedesk::views {
namespace {

constexpr int kQrSide = 264;     // DIPs: large enough for a phone camera at arm's length
constexpr int kTextWidth = 460;  // DIPs

// "JBSWY3DPEHPK3PXP" -> "JBSW Y3DP EHPK 3PXP": easier to type without losing one's place.
wxString GroupInFours(const std::string& secret) {
  wxString out;
  for (std::size_t i = 0; i < secret.size(); ++i) {
    if (i > 0 && i % 4 == 0) {
      out += wxS(' ');
    }
    out += static_cast<wxUniChar>(secret[i]);
  }
  return out;
}

}  // namespace

std::string TotpDialog::SecretOf(const std::string& uri) {
  const std::size_t query = uri.find('?');
  if (query == std::string::npos) {
    return {};
  }
  for (std::size_t at = query + 1; at < uri.size();) {
    const std::size_t end = std::min(uri.find('&', at), uri.size());
    const std::string_view pair(uri.data() + at, end - at);
    if (pair.rfind("secret=", 0) == 0) {
      return std::string(pair.substr(7));
    }
    at = end + 1;
  }
  return {};
}

TotpDialog::TotpDialog(wxWindow* parent, const std::string& userName, std::string uri)
    : wxDialog(parent, wxID_ANY, wxString::Format(_("Authenticator App for %s"), ToWx(userName)), wxDefaultPosition,
               wxDefaultSize, wxDEFAULT_DIALOG_STYLE, wxS("totpDialog")),
      mUri(std::move(uri)) {
  const int gap = FromDIP(12);
  auto* top = new wxBoxSizer(wxVERTICAL);

  auto* intro = new wxStaticText(
      this, wxID_ANY,
      _("Scan this code with an authenticator app (time-based one-time codes, 6 digits, every 30 seconds). "
        "It is shown only now: once this window is closed, a new enrolment is needed. From the next sign-in "
        "on, the app's current code is asked for."));
  intro->Wrap(FromDIP(kTextWidth));
  top->Add(intro, 0, wxALL, gap);

  Result<QrCode> code = QrCode::Encode(mUri);
  if (code) {
    const int modulePixels = std::max(2, FromDIP(kQrSide) / (code->Size() + 2 * QrCode::kQuietZone));
    auto* qr = new wxStaticBitmap(this, wxID_ANY, code->Render(modulePixels), wxDefaultPosition, wxDefaultSize, 0,
                                  wxS("totpQr"));
    qr->SetToolTip(_("otpauth:// link with the secret key"));
    top->Add(qr, 0, wxALIGN_CENTER_HORIZONTAL | wxLEFT | wxRIGHT, gap);
  } else {
    LogError(code.Err(), Activity::ManageUsers);
    auto* failed = new wxStaticText(this, wxID_ANY, _("The QR code could not be drawn: enter the key below by hand."),
                                    wxDefaultPosition, wxDefaultSize, 0, wxS("totpQrError"));
    top->Add(failed, 0, wxLEFT | wxRIGHT, gap);
  }

  auto* form = new wxFlexGridSizer(2, FromDIP(8), FromDIP(10));
  form->AddGrowableCol(1, 1);
  form->Add(new wxStaticText(this, wxID_ANY, _("Account:")), 0, wxALIGN_CENTER_VERTICAL | wxALIGN_RIGHT);
  form->Add(new wxStaticText(this, wxID_ANY, wxString::Format(wxS("PlateDesk: %s"), ToWx(userName))), 0,
            wxALIGN_CENTER_VERTICAL);
  form->Add(new wxStaticText(this, wxID_ANY, _("Key:")), 0, wxALIGN_CENTER_VERTICAL | wxALIGN_RIGHT);
  auto* secret = new wxTextCtrl(this, wxID_ANY, GroupInFours(SecretOf(mUri)), wxDefaultPosition, wxDefaultSize,
                                wxTE_READONLY, wxDefaultValidator, wxS("totpSecret"));
  secret->SetFont(wxFont(wxFontInfo(GetFont().GetPointSize() + 1).Family(wxFONTFAMILY_TELETYPE)));
  form->Add(secret, 1, wxEXPAND);
  form->Add(new wxStaticText(this, wxID_ANY, _("Link:")), 0, wxALIGN_CENTER_VERTICAL | wxALIGN_RIGHT);
  auto* link = new wxTextCtrl(this, wxID_ANY, ToWx(mUri), wxDefaultPosition, wxDefaultSize, wxTE_READONLY,
                              wxDefaultValidator, wxS("totpUri"));
  form->Add(link, 1, wxEXPAND);
  top->Add(form, 0, wxEXPAND | wxALL, gap);

  auto* buttons = new wxStdDialogButtonSizer();
  auto* done = new wxButton(this, wxID_OK, _("&Done"));
  done->SetDefault();
  buttons->AddButton(done);
  buttons->Realize();
  top->Add(buttons, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, gap);
  SetSizerAndFit(top);
  CentreOnParent();
  done->SetFocus();
}

bool EnrolTotpInteractively(wxWindow* parent, workstation::Session& session, const std::string& userName, bool self) {
  const wxString question = self ? _("Enrol an authenticator app for your account?")
                                 : wxString::Format(_("Enrol a new authenticator app for %s?"), ToWx(userName));
  if (!Confirm(parent, _("Enrol Authenticator App"), question,
               _("A new secret key is made and shown once. It counts once a code from it is used: at the next "
                 "sign-in, from then on sign-in asks for a one-time code. Until then, an authenticator enrolled "
                 "before keeps working."),
               _("&Enrol"))) {
    return false;
  }
  std::string password;
  std::string code;
  if (self) {
    // Re-authentication: whoever sits at an unlocked session cannot enrol their own authenticator.
    wxPasswordEntryDialog askPassword(parent, _("Enter your password to enrol a new authenticator app."),
                                      _("Confirm It Is You"));
    if (askPassword.ShowModal() != wxID_OK) {
      return false;
    }
    password = FromWx(askPassword.GetValue());
    wxTextEntryDialog askCode(parent,
                              _("The one-time code from your current authenticator app (leave empty if you "
                                "have none yet)."),
                              _("Confirm It Is You"));
    if (askCode.ShowModal() != wxID_OK) {
      return false;
    }
    code = FromWx(askCode.GetValue().Strip(wxString::both));
  }
  Result<std::string> uri = session.EnrollTotp(userName, password, code);
  std::fill(password.begin(), password.end(), '\0');
  if (!uri) {
    LogError(uri.Err(), Activity::ManageUsers);
    ShowProblem(parent, _("Enrolment failed"), ErrorText(uri.Err(), Activity::ManageUsers));
    return false;
  }
  TotpDialog dialog(parent, userName, std::move(uri).Value());
  dialog.ShowModal();
  return true;
}

}  // namespace platedesk::views
