// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/TransparencyDialog.h"

#include "views/support/ErrorText.h"
#include "views/support/Strings.h"
#include "views/support/Widgets.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/filedlg.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <sstream>

namespace platedesk::views {
namespace {

// The CSV form's rows (section, item, day, value), for the preview list.
std::vector<std::vector<std::string>> CsvRows(const std::string& csv) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string cell;
  bool quoted = false;
  for (std::size_t i = 0; i < csv.size(); ++i) {
    const char c = csv[i];
    if (quoted) {
      if (c == '"' && i + 1 < csv.size() && csv[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(cell));
      cell.clear();
    } else if (c == '\n') {
      row.push_back(std::move(cell));
      cell.clear();
      rows.push_back(std::move(row));
      row.clear();
    } else if (c != '\r') {
      cell += c;
    }
  }
  return rows;
}

}  // namespace

TransparencyDialog::TransparencyDialog(wxWindow* parent, std::shared_ptr<workstation::Session> session,
                                       const Clock& clock, AsyncJobs& jobs)
    : wxDialog(parent, wxID_ANY, _("Transparency report"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER, wxS("transparencyDialog")),
      mSession(std::move(session)),
      mJobs(jobs) {
  auto* s = new wxBoxSizer(wxVERTICAL);
  s->Add(Muted(this,
               _("The public report of a period: counts only, never a plate, a person, a user or a case. Each file "
                 "is saved with a signature (.sig) that anyone can check against the agency's published key."),
               FromDIP(620)),
         0, wxALL, FromDIP(12));
  // The last whole month (UTC), as the CLI's default.
  const std::string today = FormatIso8601(clock.Now());
  const int year = std::stoi(today.substr(0, 4)), month = std::stoi(today.substr(5, 2));
  const UtcMs to = UtcFromCivil(year, month, 1);
  const UtcMs from = month == 1 ? UtcFromCivil(year - 1, 12, 1) : UtcFromCivil(year, month - 1, 1);
  auto* bar = new wxBoxSizer(wxHORIZONTAL);
  bar->Add(new wxStaticText(this, wxID_ANY, _("From")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
  mFrom = HintedField(this, wxS("transparencyFrom"), _("YYYY-MM-DD"));
  mFrom->SetValue(ToWx(FormatIso8601(from).substr(0, 10)));
  bar->Add(mFrom, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(10));
  bar->Add(new wxStaticText(this, wxID_ANY, _("to (before)")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
  mTo = HintedField(this, wxS("transparencyTo"), _("YYYY-MM-DD"));
  mTo->SetValue(ToWx(FormatIso8601(to).substr(0, 10)));
  bar->Add(mTo, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(10));
  mFormat = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0, wxDefaultValidator,
                         wxS("transparencyFormat"));
  mFormat->Append(_("HTML with charts"));
  mFormat->Append(_("CSV"));
  mFormat->Append(_("PDF"));
  mFormat->SetSelection(0);
  bar->Add(mFormat, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(10));
  auto* preview = new wxButton(this, wxID_ANY, _("Preview"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                               wxS("transparencyPreview"));
  preview->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { Preview(); });
  bar->Add(preview, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
  auto* save = new wxButton(this, wxID_ANY, _("Save..."), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                            wxS("transparencySave"));
  save->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    static const wxString kWildcards[] = {_("HTML files (*.html)|*.html"), _("CSV files (*.csv)|*.csv"),
                                          _("PDF files (*.pdf)|*.pdf")};
    static const wxString kExtensions[] = {wxS("html"), wxS("csv"), wxS("pdf")};
    const int f = std::max(0, mFormat->GetSelection());
    wxFileDialog dialog(this, _("Save the transparency report"), wxString(),
                        wxS("transparency-") + mFrom->GetValue() + wxS(".") + kExtensions[f], kWildcards[f],
                        wxFD_SAVE);  // a published report is never overwritten: Save says so
    if (dialog.ShowModal() != wxID_OK) return;
    Save(std::filesystem::path(FromWx(dialog.GetPath())));
  });
  bar->Add(save, 0, wxALIGN_CENTER_VERTICAL);
  s->Add(bar, 0, wxLEFT | wxRIGHT, FromDIP(12));
  mStatus =
      new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0, wxS("transparencyStatus"));
  s->Add(mStatus, 0, wxEXPAND | wxALL, FromDIP(12));
  mRows = ReportList(this, wxS("transparencyRows"),
                     {{_("Section"), 180}, {_("Item"), 300}, {_("Day"), 110}, {_("Value"), 160}});
  mRows->SetMinSize(FromDIP(wxSize(780, 380)));
  s->Add(mRows, 1, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(12));
  s->Add(CreateStdDialogButtonSizer(wxCLOSE), 0, wxEXPAND | wxALL, FromDIP(12));
  SetSizerAndFit(s);
  SetEscapeId(wxID_CLOSE);
}

wxString TransparencyDialog::StatusText() const { return mStatus->GetLabel(); }

void TransparencyDialog::ShowStatus(const wxString& text, bool problem) {
  mStatus->SetLabel(text);
  mStatus->SetForegroundColour(problem ? wxColour(0xB0, 0x1E, 0x1E) : GetForegroundColour());
  mStatus->Wrap(GetClientSize().x - FromDIP(24));
  Layout();
}

bool TransparencyDialog::Period(UtcMs& from, UtcMs& to) {
  auto f = ParseIso8601(FromWx(Trimmed(mFrom->GetValue())));
  auto t = ParseIso8601(FromWx(Trimmed(mTo->GetValue())));
  if (!f || !t || *t <= *f) {
    ShowStatus(_("Type the period as two dates, YYYY-MM-DD, the second after the first."), true);
    return false;
  }
  from = *f;
  to = *t;
  return true;
}

bool TransparencyDialog::Preview() {
  UtcMs from = 0, to = 0;
  if (mBusy || !Period(from, to)) return false;
  mBusy = true;
  ShowStatus(_("Counting") + wxS("\u2026"));
  auto session = mSession;
  RunAsync(
      mJobs, this,
      [session, from, to](std::stop_token) {
        return session->PublishTransparency(from, to, oversight::TransparencyFormat::Csv);
      },
      [this](const Result<workstation::PublishedReport>& report) {
        mBusy = false;
        if (!report) {
          ShowStatus(ErrorText(report.Err()), true);
          return;
        }
        const auto rows = CsvRows(report->bytes);
        mRows->Freeze();
        mRows->DeleteAllItems();
        for (std::size_t i = 1; i < rows.size(); ++i) {  // row 0: the header
          std::vector<wxString> cells;
          for (const auto& cell : rows[i]) cells.push_back(ToWx(cell));
          cells.resize(4);
          AppendRow(mRows, cells);
        }
        mRows->Thaw();
        ShowStatus(_("The numbers the report publishes. Save... writes it with its signature."));
      });
  return true;
}

bool TransparencyDialog::Save(const std::filesystem::path& file) {
  UtcMs from = 0, to = 0;
  if (mBusy || !Period(from, to)) return false;
  static const oversight::TransparencyFormat kFormats[] = {
      oversight::TransparencyFormat::Html, oversight::TransparencyFormat::Csv, oversight::TransparencyFormat::Pdf};
  const auto format = kFormats[std::max(0, std::min(2, mFormat->GetSelection()))];
  mBusy = true;
  ShowStatus(_("Writing the report") + wxS("\u2026"));
  auto session = mSession;
  RunAsync(
      mJobs, this,
      [session, from, to, format, file](std::stop_token) -> Result<std::vector<std::filesystem::path>> {
        auto report = session->PublishTransparency(from, to, format);
        if (!report) return report.Err();
        return workstation::WritePublishedReport(*report, file);
      },
      [this](const Result<std::vector<std::filesystem::path>>& written) {
        mBusy = false;
        if (!written) {
          ShowStatus(ErrorText(written.Err()), true);
          return;
        }
        mWritten = *written;
        ShowStatus(
            wxString::Format(_("Saved %s and its signature %s."), PathToWx(mWritten.at(0)), PathToWx(mWritten.at(1))));
      });
  return true;
}

}  // namespace platedesk::views
