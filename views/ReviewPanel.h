// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "views/support/RunAsync.h"

#include "platedesk/workstation/Session.h"

#include <wx/panel.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

class wxChoice;
class wxListCtrl;
class wxStaticText;
class wxTextCtrl;

namespace platedesk::views {

/// The "Review" page (supervisors and auditors): the weekly audit review. The flags the audit log
/// raises for a period (from, to: ISO dates, the last seven days by default), filtered by kind, each
/// with its record, user, case and reason; "Sign off..." records the sign-off with a note and writes
/// the review report (PDF and CSV, carrying the checkpoint signed over the sign-off) into a folder;
/// the earlier sign-offs below. Loading the flags runs on a worker and is audited (audit.review).
/// Windows are named for tests: reviewFrom, reviewTo, reviewKind, reviewRefresh, reviewFlags,
/// reviewSignOff, reviewSignOffs, reviewStatus. GUI thread only.
class ReviewPanel : public wxPanel {
 public:
  ReviewPanel(wxWindow* parent, std::shared_ptr<workstation::Session> session, const Clock& clock, AsyncJobs& jobs);

  /// Loads the flags of the period in the fields (on a worker). False, and says why, when the
  /// period cannot be read.
  bool Load();
  [[nodiscard]] bool IsLoading() const { return mLoading; }
  /// The flags shown (after the kind filter).
  [[nodiscard]] const std::vector<oversight::Flag>& Shown() const { return mShown; }
  [[nodiscard]] wxString StatusText() const;
  /// Signs off the period loaded last with `note` and writes the report into `folder`; returns
  /// the files written. The button asks for the note and the folder.
  Result<std::vector<std::filesystem::path>> SignOff(const std::string& note, const std::filesystem::path& folder);
  /// The frame calls this when the page is shown (loads the first time).
  void Activated();

 private:
  void ShowFlags();
  void ShowSignOffs();
  void ShowStatus(const wxString& text, bool problem = false);
  void OnSignOff();

  std::shared_ptr<workstation::Session> mSession;
  const Clock& mClock;
  AsyncJobs& mJobs;
  bool mLoading = false;
  bool mLoaded = false;
  UtcMs mFrom = 0;
  UtcMs mTo = 0;
  std::vector<oversight::Flag> mFlags;
  std::vector<oversight::Flag> mShown;

  wxTextCtrl* mFromField = nullptr;
  wxTextCtrl* mToField = nullptr;
  wxChoice* mKind = nullptr;
  wxListCtrl* mList = nullptr;
  wxListCtrl* mSignOffs = nullptr;
  wxStaticText* mStatus = nullptr;
};

}  // namespace platedesk::views
