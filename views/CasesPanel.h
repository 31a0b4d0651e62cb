// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "views/support/RunAsync.h"

#include "platedesk/common/Time.h"
#include "platedesk/workstation/Session.h"

#include <wx/panel.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

class wxButton;
class wxListCtrl;
class wxListEvent;
class wxNotebook;
class wxStaticText;

namespace platedesk::views {

class AccessContextBar;
class ExportWizard;
class FormDialog;

/// The "Cases" page: the registered cases (number, title, lead, open or closed) and, for the case
/// in the access-context bar, what has been done under it: the reads collected for it and held
/// by its evidence packages, its searches with every query element, and its exports. Opening a
/// case is plate data (the searches' query elements, the reads), so it needs the complete access
/// context and is recorded (case.reviewed); it runs on a worker. "Export evidence..." opens the
/// ExportWizard for the case's reads. Windows are named for tests: casesList, casesRefresh,
/// caseTitle, caseMeta, caseOpen, caseExport, caseStatus, caseTabs, caseReads, caseSearches,
/// caseExports, caseReleases, caseHolds, caseHoldPlace, caseHoldRelease, caseHoldReview,
/// casesRegister, casesOpenClose.
/// The Holds tab lists every hold of the case (in force, due for review, released); "Place
/// hold..." (the case's lead or a supervisor: the session decides) holds the case's reads for
/// discovery or places a preservation order; a supervisor releases or reviews the selected hold,
/// each with a reason. GUI thread only.
class CasesPanel : public wxPanel {
 public:
  /// The session and workstation are shared with the workers; `jobs` belongs to the composition root.
  CasesPanel(wxWindow* parent, std::shared_ptr<workstation::Connection> workstation,
             std::shared_ptr<workstation::Session> session, AsyncJobs& jobs);

  /// Reads the list of cases again (no plate data, not audited) and keeps the selection.
  void RefreshCases();
  /// Selects a case in the list and puts its number into the bar. False if it is not listed.
  bool SelectCase(const std::string& number);
  /// Opens the case in the bar (audited) on a worker. Returns false, and says why, when the bar
  /// is not complete: then nothing reaches the session.
  bool LoadCase();
  [[nodiscard]] bool IsLoading() const { return mLoading; }
  /// The case shown, as the session returned it (nullopt before one is opened).
  [[nodiscard]] const std::optional<workstation::CaseSummary>& Summary() const { return mSummary; }
  /// Opens the export wizard for the case shown (nullptr, and says why, when none is shown).
  ExportWizard* OpenExportWizard();
  /// The frame calls this when the page is shown: fresh cases, and the shown case again if reads
  /// were added to it meanwhile.
  void Activated();
  /// Reads were added to `caseNumber` elsewhere (the Search page): the shown case is out of date.
  void CaseChanged(const std::string& caseNumber);

  [[nodiscard]] AccessContextBar* ContextBar() const { return mBar; }

  /// The "Register case" form (number, title, lead: the user name of the detective leading it);
  /// the caller shows it. Fields: caseNumberNew, caseTitleNew, caseLeadNew.
  FormDialog* MakeRegisterCaseDialog();
  /// Closes or reopens the case selected in the list (supervisors and administrators; audited).
  Status SetSelectedCaseOpen(bool open);

  /// The "Place hold" form for the case shown (nullptr, and says why, when none is shown); the
  /// caller shows it. Its fields: holdKind (discovery of the case's reads, or a preservation
  /// order), holdReason, holdCameras, holdPlates, holdFrom, holdTo.
  FormDialog* MakePlaceHoldDialog();
  /// Places a hold under the context the case was opened with, then opens the case again.
  Status PlaceHold(const workstation::HoldRequest& request);
  /// Releases (supervisors) or reviews the hold with this id, then opens the case again.
  Status ReleaseHold(std::int64_t id, const std::string& reason);
  Status ReviewHold(std::int64_t id, const std::string& note);

 private:
  wxWindow* BuildDetails(wxWindow* parent);
  void ShowCases();
  void ShowSummary();
  void ClearSummary(const wxString& why);
  void ShowStatus(const wxString& text, bool problem = false);
  void UpdateButtons();
  [[nodiscard]] wxString CameraName(store::CameraId id) const;
  [[nodiscard]] const store::Hold* SelectedHold() const;
  void OnHoldDecision(bool release);

  std::shared_ptr<workstation::Connection> mWorkstation;
  std::shared_ptr<workstation::Session> mSession;
  AsyncJobs& mJobs;
  std::vector<store::CaseRecord> mCases;
  std::map<store::CameraId, wxString> mCameraNames;

  AccessContextBar* mBar = nullptr;
  wxListCtrl* mList = nullptr;
  wxStaticText* mTitle = nullptr;
  wxStaticText* mMeta = nullptr;
  wxButton* mOpen = nullptr;
  wxButton* mExport = nullptr;
  wxStaticText* mStatus = nullptr;
  wxNotebook* mTabs = nullptr;
  wxListCtrl* mReads = nullptr;
  wxListCtrl* mSearches = nullptr;
  wxListCtrl* mExports = nullptr;
  wxListCtrl* mReleases = nullptr;
  wxListCtrl* mHolds = nullptr;
  wxButton* mHoldPlace = nullptr;
  wxButton* mCaseOpenClose = nullptr;
  wxButton* mHoldRelease = nullptr;
  wxButton* mHoldReview = nullptr;

  bool mLoading = false;
  bool mStale = false;
  unsigned mGeneration = 0;
  std::optional<workstation::CaseSummary> mSummary;
  std::optional<workstation::AccessContext> mSummaryContext;  // the context the summary was opened under
};

}  // namespace platedesk::views
