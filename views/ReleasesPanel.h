// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "views/support/RunAsync.h"

#include "platedesk/workstation/Session.h"

#include <wx/panel.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

class wxButton;
class wxChoice;
class wxListCtrl;
class wxNotebook;
class wxStaticText;
class wxTextCtrl;

namespace platedesk::views {

class ExportWizard;
class FormDialog;

/// The "Releases" page: secondary dissemination, the only way LPR data leaves the agency. The
/// requests by state (received, second approval, approved, denied, referred, receipt pending,
/// released) with the selected one in full (requester, asks, authority, the rules that applied,
/// reviews, release with its package hash, receipt, notices); "New request..." (the written
/// request's form with its document attached), "Approve..." and "Deny..." with a reason
/// (supervisors), "Release..." through the export wizard (the case's held reads) and "Receipt...";
/// the correction notices still to send with "Mark sent...". Administrators get "Agencies..." (the
/// recipient registry). Every call goes through the session, which checks the rules and audits
/// each step; a refusal shows the core's reason. Windows are named for tests: releasesState,
/// releasesRefresh, releasesNew, releasesApprove, releasesDeny, releasesRelease, releasesReceipt,
/// releasesAgencies, releasesTabs, releasesList, releasesDetails, releasesNotices, releasesNoticeSent,
/// releasesStatus. GUI thread only.
class ReleasesPanel : public wxPanel {
 public:
  ReleasesPanel(wxWindow* parent, std::shared_ptr<workstation::Connection> workstation,
                std::shared_ptr<workstation::Session> session, AsyncJobs& jobs);

  /// Reads the requests and the open notices again (audited as a review of the log).
  void Refresh();
  /// The frame calls this when the page is shown.
  void Activated() { Refresh(); }
  /// The requests shown, as the session returned them (after the state filter).
  [[nodiscard]] const std::vector<store::DisseminationRecord>& Records() const { return mRecords; }
  [[nodiscard]] const std::vector<store::DisseminationNotice>& OpenNotices() const { return mNotices; }
  /// Selects the request with this id in the list. False if it is not listed.
  bool Select(std::int64_t request);
  [[nodiscard]] std::optional<std::int64_t> Selected() const;
  /// The text of the status line (what the last action did, or why it was refused).
  [[nodiscard]] wxString StatusText() const;

  // The actions behind the buttons, for the dialogs and for tests. Each reports into the status
  // line and refreshes the page.
  Status SubmitRequest(const store::DisseminationRequest& request, const std::string& documentPath);
  Status Review(std::int64_t request, bool approve, const std::string& reason);
  Status RecordReceipt(std::int64_t request, const std::string& signedBy, const std::string& scanPath);
  Status MarkNoticeSent(std::int64_t notice, const std::string& method);
  Status SaveAgency(const store::Agency& agency, const std::string& mouPath);
  /// Opens the export wizard as the release of an approved request, for the case's held reads
  /// (read on a worker, audited as the case's review); `opened` gets the wizard on the GUI thread.
  /// False, and says why, when the selection cannot be released.
  bool OpenRelease(std::int64_t request, store::ReleaseMethod method, std::function<void(ExportWizard*)> opened = {});

  /// The dialogs the buttons open (modeless when shown by tests): the new request, a review's
  /// reason, a receipt, a notice sent, an agency.
  FormDialog* MakeRequestDialog();

 private:
  void ShowRecords();
  void ShowDetails();
  void ShowStatus(const wxString& text, bool problem = false);
  void UpdateButtons();
  Status Report(const Status& st, const wxString& done);
  void OnReview(bool approve);
  void OnRelease();
  void OnReceipt();
  void OnNoticeSent();
  void OnAgencies();

  std::shared_ptr<workstation::Connection> mWorkstation;
  std::shared_ptr<workstation::Session> mSession;
  AsyncJobs& mJobs;
  std::vector<store::DisseminationRecord> mRecords;
  std::vector<store::DisseminationNotice> mNotices;
  bool mLoading = false;

  wxChoice* mState = nullptr;
  wxButton* mNew = nullptr;
  wxButton* mApprove = nullptr;
  wxButton* mDeny = nullptr;
  wxButton* mRelease = nullptr;
  wxButton* mReceipt = nullptr;
  wxButton* mAgenciesButton = nullptr;
  wxNotebook* mTabs = nullptr;
  wxListCtrl* mList = nullptr;
  wxTextCtrl* mDetails = nullptr;
  wxListCtrl* mNoticeList = nullptr;
  wxButton* mNoticeSent = nullptr;
  wxStaticText* mStatus = nullptr;
};

}  // namespace platedesk::views
