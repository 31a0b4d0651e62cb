// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "views/support/RunAsync.h"

#include "platedesk/workstation/Session.h"

#include <wx/panel.h>

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <vector>

class wxCheckBox;
class wxChoice;
class wxListCtrl;
class wxNotebook;
class wxStaticText;
class wxTextCtrl;

namespace platedesk::views {

class ChartView;

/// The "Review" page (supervisors and auditors): the weekly audit review. The flags the audit log
/// raises for a period (from, to: ISO dates, the last seven days by default), filtered by kind, each
/// with its record, user, case and reason; "Sign off..." records the sign-off with a note and writes
/// the review report (PDF and CSV, carrying the checkpoint signed over the sign-off) into a folder;
/// the earlier sign-offs below. The "Audit trail" tab lists the period's records filtered by user,
/// case, event kind, outcome and flag; a search opens into its full query, justification, result
/// count and what was viewed, exported and released after it under its case (oversight::TraceSearch).
/// The "Charts" tab draws the period's activity (oversight::ActivityCharts: searches per day by
/// user, by hour and weekday, by purpose, flags per day), the same drawing as the PDF report.
/// Loading runs on a worker and is audited (audit.review).
/// Windows are named for tests: reviewFrom, reviewTo, reviewKind, reviewRefresh, reviewFlags,
/// reviewSignOff, reviewSignOffs, reviewStatus, reviewTabs, trailUser, trailCase, trailEvent,
/// trailOutcome, trailFlagged, trailShow, trailList, trailDetail, reviewChart1 to reviewChart4.
/// GUI thread only.
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

  /// Loads the audit trail of the period with the tab's filters (on a worker).
  bool LoadTrail();
  [[nodiscard]] bool IsTrailLoading() const { return mTrailLoading; }
  /// The records listed (after the outcome and flag filters), in log order.
  [[nodiscard]] const std::vector<audit::StoredRecord>& TrailShown() const { return mTrailShown; }
  /// Selects a row and shows its detail (a search's trail is read on a worker).
  void SelectTrail(long row);
  [[nodiscard]] bool IsDetailLoading() const { return mDetailLoading; }
  [[nodiscard]] wxString TrailDetail() const;
  /// The period's activity loaded with the flags (what the Charts tab draws).
  [[nodiscard]] const oversight::Activity& Activity() const { return mActivity; }
  /// Shows the Flags (0), Audit trail (1) or Charts (2) tab.
  void ShowTab(int tab);
  /// The audit record selected in the tab shown (a flag's or a trail row's), or 0.
  [[nodiscard]] std::uint64_t SelectedSeq() const;
  /// Marks record `seq` reviewed with `note` (Session::NoteReviewEntry); the flags list shows it.
  /// "Mark reviewed..." asks for the note for the selected record.
  Result<store::ReviewEntryNote> MarkReviewed(std::uint64_t seq, const std::string& note);
  /// The notes shown beside the flags, by record.
  [[nodiscard]] const std::map<std::uint64_t, std::vector<store::ReviewEntryNote>>& Notes() const { return mNotes; }

 private:
  void ShowFlags();
  void ShowSignOffs();
  void ShowStatus(const wxString& text, bool problem = false);
  void OnSignOff();
  wxWindow* BuildFlagsTab(wxWindow* parent);
  wxWindow* BuildTrailTab(wxWindow* parent);
  wxWindow* BuildChartsTab(wxWindow* parent);
  void ShowTrail();

  std::shared_ptr<workstation::Session> mSession;
  const Clock& mClock;
  AsyncJobs& mJobs;
  bool mLoading = false;
  bool mLoaded = false;
  UtcMs mFrom = 0;
  UtcMs mTo = 0;
  std::vector<oversight::Flag> mFlags;
  std::vector<oversight::Flag> mShown;
  oversight::Activity mActivity;
  std::vector<ChartView*> mCharts;
  std::map<std::uint64_t, std::vector<store::ReviewEntryNote>> mNotes;

  wxTextCtrl* mFromField = nullptr;
  wxTextCtrl* mToField = nullptr;
  wxChoice* mKind = nullptr;
  wxListCtrl* mList = nullptr;
  wxListCtrl* mSignOffs = nullptr;
  wxStaticText* mStatus = nullptr;
  wxNotebook* mTabs = nullptr;

  bool mTrailLoading = false;
  bool mDetailLoading = false;
  std::vector<audit::StoredRecord> mTrail;
  std::vector<audit::StoredRecord> mTrailShown;
  wxTextCtrl* mTrailUser = nullptr;
  wxTextCtrl* mTrailCase = nullptr;
  wxChoice* mTrailEvent = nullptr;
  wxChoice* mTrailOutcome = nullptr;
  wxCheckBox* mTrailFlagged = nullptr;
  wxListCtrl* mTrailList = nullptr;
  wxTextCtrl* mTrailDetail = nullptr;
};

}  // namespace platedesk::views
