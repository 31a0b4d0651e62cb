// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Result.h"
#include "platedesk/evidence/Package.h"
#include "platedesk/workstation/Session.h"

#include <wx/panel.h>

#include <functional>

class wxButton;
class wxListCtrl;
class wxStaticText;
class wxTextCtrl;

namespace platedesk::views {

/// The export wizard's last step: where the package is, its size and SHA-256, the passphrase of
/// an encrypted package shown once (with Copy), and "Verify now" with every check the offline
/// verifier made. Windows are named exportPath, exportSize, exportSha256, exportPassphraseBox,
/// exportPassphrase, exportCopy, exportVerify, exportVerdict, exportChecks and exportCheckDetail.
/// GUI thread only.
class ExportDonePage : public wxPanel {
 public:
  explicit ExportDonePage(wxWindow* parent);

  /// Shows the finished export (the passphrase only if it is encrypted).
  void ShowExport(const workstation::EvidenceExport& exported);
  void EnableVerify(bool enable);
  /// A verification starts: the checks cleared, the verdict says it is running.
  void StartVerifying();
  /// Lists every check and the verdict.
  void ShowVerification(const evidence::PackageVerification& verification);
  /// The verification did not finish (stopped, or an error).
  void ShowVerificationError(const Error& error);
  /// A line in the verdict's place ("Passphrase copied...").
  void ShowNote(const wxString& text);
  /// Called on the GUI thread by "Verify now" and by "Copy".
  void SetOnVerify(std::function<void()> onVerify) { mOnVerify = std::move(onVerify); }
  void SetOnCopy(std::function<void()> onCopy) { mOnCopy = std::move(onCopy); }

 private:
  wxTextCtrl* mPath = nullptr;
  wxStaticText* mSize = nullptr;
  wxStaticText* mShaLabel = nullptr;
  wxTextCtrl* mSha = nullptr;
  wxWindow* mPassphraseBox = nullptr;
  wxTextCtrl* mPassphrase = nullptr;
  wxButton* mVerify = nullptr;
  wxStaticText* mVerdict = nullptr;
  wxListCtrl* mChecks = nullptr;
  std::function<void()> mOnVerify;
  std::function<void()> mOnCopy;
};

}  // namespace platedesk::views
