// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "views/support/Preferences.h"
#include "views/support/RunAsync.h"

#include "platedesk/common/Result.h"
#include "platedesk/common/Time.h"
#include "platedesk/search/Query.h"
#include "platedesk/workstation/Session.h"

#include <wx/panel.h>
#include <wx/weakref.h>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

class wxButton;
class wxCheckBox;
class wxCheckListBox;
class wxChoice;
class wxComboBox;
class wxGauge;
class wxSizer;
class wxSpinCtrl;
class wxStaticText;
class wxTextCtrl;

namespace platedesk::map {
class TileProvider;
}  // namespace platedesk::map

namespace platedesk::views {

class AccessContextBar;
class ColourSwatch;
class MapView;
class ReadDetailDialog;
class ScenesDialog;
class SearchResultsList;
class SightingsTimeline;
class VehicleGroupsList;

/// The "Search" page: the access-context bar, the query form (plate pattern with its syntax and a
/// live preview of the misreads the options accept, OCR look-alikes, alternative reads, edits,
/// states, time range, cameras, near a place, colour, make, model, body, minimum confidence) and
/// the results. The search runs on a worker (RunAsync) through the shared Session, shows the first
/// page as soon as it streams, reports progress and can be cancelled. A double click (or Enter)
/// opens the read in a ReadDetailDialog; "Add to case" (a button and the rows' context menu)
/// collects the selected reads for the bar's case. Windows are named for tests (searchPlate, searchPreview,
/// searchRun, searchCancel, searchAddToCase, searchStatus, searchProgress, searchResults, ...). GUI thread only.
class SearchPanel : public wxPanel {
 public:
  /// The session and workstation are shared with the workers (they outlive any search in flight);
  /// `clock` and `jobs` belong to the composition root.
  /// `preferences` keeps the signed-in user's result columns ("users/NAME/result_columns").
  SearchPanel(wxWindow* parent, std::shared_ptr<workstation::Connection> workstation,
              std::shared_ptr<workstation::Session> session, const Clock& clock, AsyncJobs& jobs,
              Preferences preferences = {});
  ~SearchPanel() override;

  /// Runs what the form says. Returns false, and says why, when the access-context bar is not
  /// complete or the form is invalid: then nothing reaches the session. A search the session
  /// refuses for want of a supervisor's approval offers "Request approval..." (RequestApproval).
  bool StartSearch();
  /// Runs an approved request's exact query under its approval, with its case, purpose and
  /// justification put in the access-context bar (the Approvals page's "Run approved search").
  /// Returns false, and says why, when its query cannot be read.
  bool RunApproved(const store::SearchApproval& approval);
  /// Asks a supervisor to approve the search refused last (on a worker); the outcome shows in the
  /// status line. False when no search was refused for want of approval.
  bool RequestApproval();
  [[nodiscard]] bool IsRequesting() const { return mRequesting; }
  [[nodiscard]] wxString StatusText() const;
  /// Asks the running search to stop (its results so far are dropped).
  void CancelSearch();
  [[nodiscard]] bool IsSearching() const { return mSearching; }
  /// The query the form describes. Errors: InvalidArgument naming the field.
  [[nodiscard]] Result<search::Query> BuildQuery() const;
  /// Opens the read shown in `row` of the results (display order).
  void OpenDetail(long row);
  /// Saves the rows shown (in their order) as CSV to `file` on a worker: Session::SaveResults
  /// (the search's rules, recorded as results.saved first), then the file, never over another.
  /// False, and says why, when there are no rows or a search runs.
  bool SaveResultsTo(const wxString& file);
  [[nodiscard]] bool IsSaving() const { return mSaving; }
  /// The result columns the user chose, in their order (Plate first), kept for this user.
  void SetResultColumns(const std::vector<int>& columns);
  /// Right-click on the results' headings: which columns, in which order (a wxRearrangeDialog).
  void ChooseColumns();
  /// Multi-scene...: opens the multi-scene search window (one at a time) and returns it.
  ScenesDialog* OpenScenes();
  /// Opens one of the last search's reads (the timeline's marks).
  void OpenHit(const search::Hit& hit);
  /// Shows the results one row per vehicle (best plate and state: sightings, first and last seen)
  /// with the chosen vehicle's sightings on a time line, or one row per read again.
  void ShowByVehicle(bool byVehicle);
  /// Shows the results on a map instead: every camera, the number of results at each, the Near
  /// circle. Drawing a circle on it (or "Search near here") fills in the form's Near fields;
  /// double-clicking a camera shows its rows (or, when it has none, adds it to the Cameras filter).
  /// The base map is the agency's (Session::MapSource), opened on a worker when the map or a
  /// read's detail first needs it (and again after a failure); the read detail draws on it too.
  void ShowMap(bool map);
  [[nodiscard]] MapView* Map() const { return mMap; }
  [[nodiscard]] VehicleGroupsList* Vehicles() const { return mVehicles; }
  [[nodiscard]] SightingsTimeline* Timeline() const { return mTimeline; }

  /// "Add to case": collects the selected rows' reads for the case in the access-context bar
  /// (Session::CollectForCase, audited) on a worker. Returns false, and says why, when no row is
  /// selected or the bar is not complete: then nothing reaches the session.
  bool AddSelectedToCase();
  [[nodiscard]] bool IsCollecting() const { return mCollecting; }
  /// Called on the GUI thread with the case number after reads were added to it.
  void SetOnCollected(std::function<void(const std::string&)> onCollected) { mOnCollected = std::move(onCollected); }

  [[nodiscard]] AccessContextBar* ContextBar() const { return mBar; }
  [[nodiscard]] SearchResultsList* Results() const { return mResults; }
  /// Matches of the last finished search (before the engine's limit).
  [[nodiscard]] std::size_t TotalMatches() const { return mTotalMatches; }

 private:
  // The query form, one builder per section (each creates its fields and binds their events).
  wxWindow* BuildForm(wxWindow* parent);
  wxSizer* BuildPlateSection(wxWindow* form);
  wxSizer* BuildWhenWhereSection(wxWindow* form);
  wxSizer* BuildVehicleSection(wxWindow* form);
  wxSizer* BuildActions(wxWindow* form);
  wxWindow* BuildResults(wxWindow* parent);
  /// Runs `query` under `context` (options.limit: 0 is the agency's cap).
  bool RunSearch(const workstation::AccessContext& context, search::Query query, std::size_t limit);
  void UpdatePreview();
  /// Marks the rows shown as an earlier search's when the form or the context no longer match
  /// them (and back when they match again); clears a "did not run" once the context is complete.
  void CheckStale();
  void UpdateRunButton();
  void SetBusy(bool busy);
  void ShowStatus(const wxString& text, bool problem = false);
  /// A session's failure: a refusal under the access context (with the status line pointing to
  /// it), anything else in the status line.
  void ShowFailure(const Error& error);
  void RequestThumbnails(std::vector<store::ReadId> reads);
  void ClearForm();
  /// Regroups the rows shown by vehicle (when that view is on).
  void RefreshVehicles();
  /// Puts the cameras and the rows shown on the map, and the form's Near circle.
  void RefreshMap();
  void LoadBaseMap();
  /// Gives a read detail the base map, now or when it arrives.
  void LendBaseMap(ReadDetailDialog* detail);
  /// The map's circle chosen: into the form's Near fields.
  void SetNear(double lat, double lon, double km);
  /// Rows (0), by vehicle (1) or the map (2).
  void ShowResultsAs(int view);

  [[nodiscard]] std::string ColumnsKey() const;

  Preferences mPreferences;
  std::shared_ptr<workstation::Connection> mWorkstation;
  std::shared_ptr<workstation::Session> mSession;
  const Clock& mClock;
  AsyncJobs& mJobs;
  std::vector<store::Camera> mCameras;

  AccessContextBar* mBar = nullptr;
  wxTextCtrl* mPlate = nullptr;
  wxStaticText* mPreview = nullptr;
  wxCheckBox* mOcr = nullptr;
  wxCheckBox* mCandidates = nullptr;
  wxChoice* mEdits = nullptr;
  wxTextCtrl* mStates = nullptr;
  wxCheckBox* mUnknownState = nullptr;
  wxChoice* mTime = nullptr;
  wxTextCtrl* mFrom = nullptr;  ///< local "YYYY-MM-DD" or "YYYY-MM-DD HH:MM" (custom range)
  wxTextCtrl* mTo = nullptr;
  wxTextCtrl* mHours = nullptr;  ///< a time-of-day window, "22:00-04:00"
  wxCheckListBox* mCameraList = nullptr;
  wxTextCtrl* mNearLat = nullptr;
  wxTextCtrl* mNearLon = nullptr;
  wxTextCtrl* mNearKm = nullptr;
  std::vector<ColourSwatch*> mSwatches;
  wxComboBox* mMake = nullptr;
  wxComboBox* mModel = nullptr;
  wxChoice* mBody = nullptr;
  wxSpinCtrl* mMinConfidence = nullptr;
  wxButton* mRun = nullptr;
  wxButton* mCancel = nullptr;
  wxButton* mAddToCase = nullptr;
  wxButton* mRequestApproval = nullptr;
  wxGauge* mProgress = nullptr;
  wxStaticText* mStatus = nullptr;
  wxStaticText* mLegend = nullptr;
  SearchResultsList* mResults = nullptr;
  wxCheckBox* mByVehicle = nullptr;
  wxCheckBox* mShowMap = nullptr;
  wxWindow* mMapPane = nullptr;
  MapView* mMap = nullptr;
  bool mMapFitted = false;  // fitted to the cameras once, then to each search's results
  bool mBaseMapLoading = false;
  bool mBaseMapLoaded = false;                    // MapSource read and the source opened (or there is none)
  std::shared_ptr<map::TileProvider> mBaseTiles;  // lent to the read detail too
  wxString mBaseCredit;
  std::vector<wxWeakRef<ReadDetailDialog>> mDetails;  // the read details open
  wxButton* mSave = nullptr;
  bool mSaving = false;
  wxWindow* mVehiclesPane = nullptr;
  VehicleGroupsList* mVehicles = nullptr;
  SightingsTimeline* mTimeline = nullptr;

  bool mSearching = false;
  unsigned mGeneration = 0;
  Canceller mCancelSearch;
  std::optional<workstation::AccessContext> mSearchContext;  // the context of the rows shown
  std::optional<search::Query> mSearchedQuery;               // the query of the rows shown
  int mSearchedTime = -1;             // the form's time choice it ran with (-1: an approval's exact window)
  wxString mResultsText;              // what the status said of them
  bool mStale = false;                // the form or the context changed since
  bool mContextProblemShown = false;  // "did not run": the bar was incomplete
  std::size_t mTotalMatches = 0;
  std::chrono::steady_clock::time_point mStartedAt;
  bool mCollecting = false;
  bool mRequesting = false;
  /// The search refused last for want of approval: what "Request approval..." asks for.
  struct Refused {
    workstation::AccessContext context;
    search::Query query;
    std::size_t limit = 0;
  };
  std::optional<Refused> mRefused;
  std::function<void(const std::string&)> mOnCollected;
  bool mThumbnailsBusy = false;
  std::vector<store::ReadId> mThumbnailQueue;
};

}  // namespace platedesk::views
