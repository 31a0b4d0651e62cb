// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <wx/dialog.h>

#include <string>

namespace platedesk::workstation {
class Session;
}

namespace platedesk::views {

/// Shows a new authenticator enrolment once: the otpauth:// URI as a QR code to scan, and the
/// secret key (grouped in fours) and the URI as text for entering by hand. Closing it is the
/// end: the secret is not shown again (a new enrolment makes a new one). Window names for tests:
/// totpQr, totpSecret, totpUri, totpQrError.
class TotpDialog : public wxDialog {
 public:
  TotpDialog(wxWindow* parent, const std::string& userName, std::string uri);

  /// The URI this dialog shows (and its QR code encodes).
  [[nodiscard]] const std::string& Uri() const { return mUri; }
  /// The secret key from the URI's "secret" parameter (base32), or empty.
  [[nodiscard]] static std::string SecretOf(const std::string& uri);

 private:
  std::string mUri;
};

/// Asks for confirmation (enrolling replaces any earlier authenticator), enrols `userName`
/// through Session::EnrollTotp (audited; administrators may enrol anyone, others only
/// themselves) and shows the result in a TotpDialog; errors in a message box (ErrorText). `self`
/// words the question for one's own account. Returns true when an enrolment was made.
bool EnrolTotpInteractively(wxWindow* parent, workstation::Session& session, const std::string& userName, bool self);

}  // namespace platedesk::views
