// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Result.h"
#include "platedesk/store/Types.h"
#include "platedesk/workstation/Session.h"

#include <wx/panel.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

class wxChoice;
class wxStaticBitmap;
class wxStaticText;
class wxTextCtrl;

namespace platedesk::views {

/// The access-context bar that sits on top of every data panel: case number, purpose (from the
/// catalogue: prohibited and disabled purposes cannot be chosen, those that need approval say so)
/// and a free-text justification. It checks as the user types and says what is missing; nothing
/// may run until Context() has a value. Core stays the authority: a refusal it returns is shown
/// with ShowRefusal. Child windows are named accessCase, accessPurpose, accessJustification and
/// accessStatus. GUI thread only.
class AccessContextBar : public wxPanel {
 public:
  AccessContextBar(wxWindow* parent, const std::vector<store::PurposeRecord>& purposes,
                   const std::vector<store::CaseRecord>& cases, const wxString& name = wxS("accessContextBar"));

  /// The context when every field passes the local checks, nullopt otherwise.
  [[nodiscard]] std::optional<workstation::AccessContext> Context() const;
  /// What is still missing, in words ("" when complete).
  [[nodiscard]] wxString Problem() const;
  /// Shows core's refusal of the last action (ErrorText) until the fields change.
  void ShowRefusal(const Error& error);
  /// Fills the fields (a purpose code not in the list is ignored).
  void SetContext(const std::string& caseNumber, const std::string& purposeCode, const std::string& justification);
  /// Fills only the case number (the Cases panel's selection), keeping purpose and justification.
  void SetCaseNumber(const std::string& caseNumber);
  /// The registered cases the case field offers as the user types (the open ones).
  void SetCases(const std::vector<store::CaseRecord>& cases);
  /// The case number as typed (trimmed), complete context or not.
  [[nodiscard]] std::string CaseNumber() const;
  /// Called on the GUI thread whenever a field changes.
  void SetOnChange(std::function<void()> onChange) { mOnChange = std::move(onChange); }
  /// Called when Enter is pressed in the case or justification field and the context is complete.
  void SetOnEnter(std::function<void()> onEnter) { mOnEnter = std::move(onEnter); }

 private:
  void Update();

  std::vector<store::PurposeRecord> mChoosable;  // in the order of mPurpose's items (after the prompt)
  wxTextCtrl* mCase = nullptr;
  wxChoice* mPurpose = nullptr;
  wxTextCtrl* mJustification = nullptr;
  wxStaticBitmap* mStatusIcon = nullptr;
  wxStaticText* mStatus = nullptr;
  std::function<void()> mOnChange;
  std::function<void()> mOnEnter;
};

}  // namespace platedesk::views
