// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/export/ExportReviewPage.h"

#include "views/support/Strings.h"
#include "views/support/Widgets.h"

#include <wx/sizer.h>
#include <wx/stattext.h>

namespace platedesk::views {

ExportReviewPage::ExportReviewPage(wxWindow* parent)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, wxS("exportReviewPage")) {
  auto* s = new wxBoxSizer(wxVERTICAL);
  mReview = new wxPanel(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, wxS("exportReview"));
  s->Add(mReview, 0, wxEXPAND);
  s->Add(Muted(this,
               _("\"Export\" records the export in the audit log before any file is written (with the case, purpose, "
                 "justification and every read), places a hold for the case on every read so retention keeps it, "
                 "writes and signs the package, and reads it back from the medium to check every hash."),
               FromDIP(600)),
         0, wxTOP, FromDIP(16));
  SetSizer(s);
}

void ExportReviewPage::Fill(const workstation::AccessContext& context, const workstation::EvidenceRequest& request,
                            const wxString& destination) {
  mReview->DestroyChildren();
  auto* grid = new wxFlexGridSizer(2, FromDIP(6), FromDIP(14));
  grid->AddGrowableCol(1, 1);
  auto row = [&](const wxString& label, const wxString& value, const wxString& name = wxS("staticText")) {
    auto* l = new wxStaticText(mReview, wxID_ANY, label);
    l->SetFont(GetFont().Bold());
    grid->Add(l, 0, wxALIGN_TOP);
    auto* v = new wxStaticText(mReview, wxID_ANY, value, wxDefaultPosition, wxDefaultSize, 0, name);
    v->Wrap(FromDIP(480));
    grid->Add(v, 1, wxEXPAND);
  };
  const std::size_t reads = request.reads.size();
  row(_("Case"), ToWx(context.caseNumber), wxS("exportReviewCase"));
  row(_("Purpose"), ToWx(context.purposeCode));
  row(_("Justification"), ToWx(context.justification));
  row(_("Reads"),
      wxString::Format(
          wxPLURAL("%s read, with its images", "%s reads, with their images", static_cast<unsigned long>(reads)),
          FormatCount(static_cast<std::int64_t>(reads))),
      wxS("exportReviewReads"));
  row(_("Destination"), destination, wxS("exportReviewDestination"));
  wxString protection = request.encrypt ? _("AES-256 zip; the passphrase is shown once after the export")
                                        : _("none (a folder anyone with the medium can read)");
  if (request.encrypt && !request.passphraseDelivery.empty()) {
    protection += wxS("; ") + wxString::Format(_("delivered %s"), ToWx(request.passphraseDelivery));
  }
  row(_("Protection"), protection, wxS("exportReviewProtection"));
  const wxString notGiven = _("(not given)");
  row(_("Media label"), request.mediaLabel.empty() ? notGiven : ToWx(request.mediaLabel));
  if (request.release != 0) {
    const wxString method = request.releaseMethod == store::ReleaseMethod::Media      ? _("on portable media")
                            : request.releaseMethod == store::ReleaseMethod::Transfer ? _("by secure transfer")
                                                                                      : _("in person");
    row(_("Release"),
        wxString::Format(_("to %s, %s (dissemination request %lld)"), ToWx(request.recipient), method,
                         static_cast<long long>(request.release)),
        wxS("exportReviewRelease"));
    row(_("Taken by"), request.receivedBy.empty() ? notGiven : ToWx(request.receivedBy));
  } else {
    row(_("Received by"), request.custodian.empty() ? notGiven : ToWx(request.custodian));
  }
  if (!request.description.empty()) {
    row(_("Description"), ToWx(request.description));
  }
  mReview->SetSizer(grid);
  Layout();
}

}  // namespace platedesk::views
