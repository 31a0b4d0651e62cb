// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "views/support/RunAsync.h"

#include "platedesk/workstation/Session.h"

#include <wx/dialog.h>

#include <filesystem>
#include <memory>
#include <vector>

class wxChoice;
class wxListCtrl;
class wxStaticText;
class wxTextCtrl;

namespace platedesk::views {

/// Reports > Transparency report... (supervisors, auditors, administrators): the public report of
/// a period (the last whole month by default). Preview lists its numbers (the CSV form, each row a
/// line); Save... writes the chosen format and its signature (FILE.sig) where the user says.
/// Both run on a worker and are audited by the session (audit.review), exactly as
/// `platedesk-cli transparency`. Window names: transparencyFrom, transparencyTo,
/// transparencyFormat, transparencyPreview, transparencyRows, transparencySave, transparencyStatus.
/// GUI thread only.
class TransparencyDialog : public wxDialog {
 public:
  TransparencyDialog(wxWindow* parent, std::shared_ptr<workstation::Session> session, const Clock& clock,
                     AsyncJobs& jobs);

  /// Reads the report's numbers for the period in the fields (on a worker) and lists them.
  bool Preview();
  /// Writes the report in the chosen format to `file` and its signature beside it (on a worker).
  bool Save(const std::filesystem::path& file);
  [[nodiscard]] bool IsBusy() const { return mBusy; }
  [[nodiscard]] wxString StatusText() const;
  /// The files the last Save wrote.
  [[nodiscard]] const std::vector<std::filesystem::path>& Written() const { return mWritten; }

 private:
  bool Period(UtcMs& from, UtcMs& to);
  void ShowStatus(const wxString& text, bool problem = false);

  std::shared_ptr<workstation::Session> mSession;
  AsyncJobs& mJobs;
  bool mBusy = false;
  std::vector<std::filesystem::path> mWritten;
  wxTextCtrl* mFrom = nullptr;
  wxTextCtrl* mTo = nullptr;
  wxChoice* mFormat = nullptr;
  wxListCtrl* mRows = nullptr;
  wxStaticText* mStatus = nullptr;
};

}  // namespace platedesk::views
