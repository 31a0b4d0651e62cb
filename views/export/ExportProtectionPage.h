// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/workstation/Session.h"

#include <wx/panel.h>

class wxCheckBox;
class wxTextCtrl;

namespace platedesk::views {

/// The export wizard's protection step: encrypt the package as an AES-256 zip (suggested for
/// removable drives until the user decides), and how the passphrase reaches the recipient.
/// Windows are named exportEncrypt and exportDelivery. GUI thread only.
class ExportProtectionPage : public wxPanel {
 public:
  ExportProtectionPage(wxWindow* parent, bool encrypt);

  [[nodiscard]] bool Encrypt() const;
  /// Ticks or clears the box as a click would (the user has decided).
  void SetEncrypt(bool encrypt);
  /// Ticks or clears the box unless the user has already decided (the destination changed).
  void SuggestEncrypt(bool encrypt);
  /// Whether to encrypt, and how the passphrase is delivered.
  void AddTo(workstation::EvidenceRequest& request) const;

 private:
  wxCheckBox* mEncrypt = nullptr;
  bool mTouched = false;  // the user ticked or cleared the box
  wxTextCtrl* mDelivery = nullptr;
};

}  // namespace platedesk::views
