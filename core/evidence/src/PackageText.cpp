// SPDX-License-Identifier: GPL-3.0-or-later
#include "PackageText.h"

#include "platedesk/audit/AuditLog.h"
#include "platedesk/audit/Merkle.h"
#include "platedesk/common/Text.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <regex>
#include <string_view>

namespace platedesk::evidence::detail {
namespace {

using nlohmann::ordered_json;

// Policy asks for a visual check of a read before anyone acts on it; the package says plainly when
// nobody has recorded one.
constexpr const char* kNotVerified = "not visually verified";

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

// True for a plain decimal number ("-93.2", "1e-05"): a spreadsheet reads it as a number, never as
// a formula, and coordinates must stay numbers.
bool PlainNumber(const std::string& v) {
  static const std::regex kNumber(R"(^[+-]?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$)");
  return std::regex_match(v, kNumber);
}

// One cell of reads.csv (RFC 4180). Camera-supplied text (plate as reported, candidates, vehicle
// attributes, camera names and addresses) reaches spreadsheets: a cell starting with = + - @, a tab
// or a carriage return would be run as a formula, so it gets a leading apostrophe (OWASP "CSV
// injection"), which spreadsheets show as text. reads.json keeps every value as stored.
std::string Csv(const std::string& raw) {
  std::string v = raw;
  if (!v.empty() && std::string_view("=+-@\t\r").find(v.front()) != std::string_view::npos && !PlainNumber(v))
    v.insert(v.begin(), '\'');
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string Html(const std::string& v) { return EscapeHtml(v); }

const store::Camera* FindCamera(const PackageContent& c, store::CameraId id) {
  for (const auto& cam : c.cameras)
    if (cam.id == id) return &cam;
  return nullptr;
}

const store::CameraLocation* LocationAt(const store::Camera* cam, UtcMs t) {
  if (cam == nullptr) return nullptr;
  for (const auto& l : cam->locations)
    if (l.from <= t && (!l.to || t < *l.to)) return &l;
  return nullptr;
}

const store::ImageInfo* FindImage(const PackageContent& c, const std::string& sha) {
  for (const auto& i : c.images)
    if (i.sha256 == sha) return &i;
  return nullptr;
}

std::string TopConf(const std::vector<store::RankedValue>& v) {
  return v.empty() ? std::string() : Num(v.front().confidence);
}

ordered_json Ranked(const std::vector<store::RankedValue>& v) {
  ordered_json a = ordered_json::array();
  for (const auto& r : v) a.push_back({{"value", r.value}, {"confidence", r.confidence}});
  return a;
}

ordered_json ImageJson(const PackageContent& c, const std::string& sha) {
  if (sha.empty()) return nullptr;
  const auto* info = FindImage(c, sha);
  ordered_json j{{"sha256_recorded_at_import", sha}};
  if (info) {
    j["file"] = "data/" + ImageFileName(*info);
    j["mime"] = info->mime;
    j["bytes"] = info->bytes;
    j["width"] = info->width;
    j["height"] = info->height;
  }
  return j;
}

const std::vector<store::Verification>& VerificationsOf(const PackageContent& c, store::ReadId id) {
  static const std::vector<store::Verification> kNone;
  auto it = c.verifications.find(id);
  return it == c.verifications.end() ? kNone : it->second;
}

// "verified by d.reyes (case 26-004512) 2026-11-02T08:00:00.000Z; ..." or kNotVerified.
std::string VerificationText(const std::vector<store::Verification>& v) {
  if (v.empty()) return kNotVerified;
  std::string out;
  for (const auto& k : v)
    out += (out.empty() ? "verified by " : "; verified by ") + k.user + " (case " + k.caseNumber + ") " +
           FormatIso8601(k.createdAt);
  return out;
}

const std::vector<store::Correction>& CorrectionsOf(const PackageContent& c, store::ReadId id) {
  static const std::vector<store::Correction> kNone;
  auto it = c.corrections.find(id);
  return it == c.corrections.end() ? kNone : it->second;
}

std::string OffsetText(int minutes) {
  char buf[16];  // "+HH:MM"; room for any int, so an out-of-range offset is never cut short
  const int a = minutes < 0 ? -minutes : minutes;
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", minutes < 0 ? '-' : '+', a / 60, a % 60);
  return buf;
}

std::string ProcessText() {
  return "PlateDesk copied each image byte for byte from its content-addressed storage, where the "
         "file name is the SHA-256 recorded when the camera delivered it, checked each copy against "
         "that hash, listed every file with its SHA-512 and SHA-256 in the BagIt manifests "
         "(RFC 8493), signed the tag manifests with the agency's audit key (Ed25519), wrote the "
         "package to the medium, flushed it (fsync), and read every file back from the medium "
         "and compared its hashes before reporting the export complete. The export was recorded "
         "in the tamper-evident audit log before any data was written; the package carries that "
         "record with its Merkle inclusion proof and the signed checkpoint it is proved against.";
}

}  // namespace

std::string ImageFileName(const store::ImageInfo& image) {
  std::string ext = "bin";
  if (image.mime == "image/jpeg")
    ext = "jpg";
  else if (image.mime == "image/png")
    ext = "png";
  return "images/" + image.sha256 + "." + ext;
}

std::string FormatWithOffset(UtcMs t, int offsetMinutes) {
  std::string local = FormatIso8601(t + static_cast<UtcMs>(offsetMinutes) * kMsPerMinute);
  if (!local.empty() && local.back() == 'Z') local.pop_back();
  return local + OffsetText(offsetMinutes);
}

std::string ReadsCsv(const PackageContent& c) {
  const char* header =
      "read_id,source_format,source_uuid,captured_utc,camera_id,camera_external_id,camera_name,camera_latitude,"
      "camera_longitude,camera_address,plate_reported,plate,state,confidence,candidates,color,color_confidence,make,"
      "make_confidence,model,model_confidence,body,body_confidence,year,year_confidence,direction_deg,latitude,"
      "longitude,plate_image_sha256,plate_image_file,vehicle_image_sha256,vehicle_image_file,payload_sha256,"
      "ingested_utc,corrected_plate,corrected_state,correction_reason,corrected_by,corrected_utc,corrections,"
      "visual_verification,visually_verified_by,visually_verified_utc\r\n";
  std::string out = header;
  for (const auto& r : c.reads) {
    const auto* cam = FindCamera(c, r.camera);
    const auto* loc = LocationAt(cam, r.capturedAt);
    std::string candidates;
    for (const auto& k : r.candidates)
      candidates += (candidates.empty() ? "" : ";") + k.plateReported + ":" + Num(k.confidence);
    const auto& corr = CorrectionsOf(c, r.id);
    const store::Correction* latest = corr.empty() ? nullptr : &corr.back();
    const auto& ver = VerificationsOf(c, r.id);  // the newest is named; reads.json lists all
    auto file = [&](const std::string& sha) {
      const auto* i = sha.empty() ? nullptr : FindImage(c, sha);
      return i ? "data/" + ImageFileName(*i) : std::string();
    };
    const std::vector<std::string> row = {std::to_string(r.id),
                                          r.sourceFormat,
                                          r.sourceUuid,
                                          FormatIso8601(r.capturedAt),
                                          std::to_string(r.camera),
                                          cam ? cam->externalId : "",
                                          cam ? cam->name : "",
                                          loc ? Num(loc->latitude) : "",
                                          loc ? Num(loc->longitude) : "",
                                          loc ? loc->address : "",
                                          r.plateReported,
                                          r.plate,
                                          r.state,
                                          Num(r.confidence),
                                          candidates,
                                          store::TopValue(r.vehicle.color),
                                          TopConf(r.vehicle.color),
                                          store::TopValue(r.vehicle.make),
                                          TopConf(r.vehicle.make),
                                          store::TopValue(r.vehicle.model),
                                          TopConf(r.vehicle.model),
                                          store::TopValue(r.vehicle.body),
                                          TopConf(r.vehicle.body),
                                          store::TopValue(r.vehicle.year),
                                          TopConf(r.vehicle.year),
                                          r.directionDeg ? Num(*r.directionDeg) : "",
                                          r.latitude ? Num(*r.latitude) : "",
                                          r.longitude ? Num(*r.longitude) : "",
                                          r.plateImage,
                                          file(r.plateImage),
                                          r.vehicleImage,
                                          file(r.vehicleImage),
                                          r.payloadSha256,
                                          FormatIso8601(r.ingestedAt),
                                          latest ? latest->plate : "",
                                          latest ? latest->state : "",
                                          latest ? latest->reason : "",
                                          latest ? latest->user : "",
                                          latest ? FormatIso8601(latest->createdAt) : "",
                                          std::to_string(corr.size()),
                                          ver.empty() ? "no" : "yes",
                                          ver.empty() ? "" : ver.back().user,
                                          ver.empty() ? "" : FormatIso8601(ver.back().createdAt)};
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) line.append(i ? "," : "").append(Csv(row[i]));
    out += line + "\r\n";
  }
  return out;
}

std::string ReadsJson(const PackageContent& c) {
  ordered_json reads = ordered_json::array();
  for (const auto& r : c.reads) {
    const auto* cam = FindCamera(c, r.camera);
    const auto* loc = LocationAt(cam, r.capturedAt);
    ordered_json candidates = ordered_json::array();
    for (const auto& k : r.candidates)
      candidates.push_back({{"plate_reported", k.plateReported}, {"plate", k.plate}, {"confidence", k.confidence}});
    ordered_json corrections = ordered_json::array();
    for (const auto& k : CorrectionsOf(c, r.id))
      corrections.push_back({{"id", k.id},
                             {"plate", k.plate},
                             {"state", k.state},
                             {"reason", k.reason},
                             {"user", k.user},
                             {"created_utc", FormatIso8601(k.createdAt)}});
    ordered_json verifications = ordered_json::array();
    for (const auto& k : VerificationsOf(c, r.id))
      verifications.push_back(
          {{"id", k.id}, {"user", k.user}, {"case", k.caseNumber}, {"created_utc", FormatIso8601(k.createdAt)}});
    ordered_json camera{{"id", r.camera}};
    if (cam) {
      camera["external_id"] = cam->externalId;
      camera["name"] = cam->name;
      camera["kind"] = store::CameraKindName(cam->kind);
    }
    if (loc)
      camera["location_at_capture"] = {
          {"latitude", loc->latitude}, {"longitude", loc->longitude}, {"address", loc->address}};
    ordered_json j{
        {"read_id", r.id},
        {"source_format", r.sourceFormat},
        {"source_uuid", r.sourceUuid},
        {"captured_utc", FormatIso8601(r.capturedAt)},
        {"camera", camera},
        {"original",
         {{"plate_reported", r.plateReported}, {"plate", r.plate}, {"state", r.state}, {"confidence", r.confidence}}},
        {"candidates", candidates},
        {"vehicle",
         {{"color", Ranked(r.vehicle.color)},
          {"make", Ranked(r.vehicle.make)},
          {"model", Ranked(r.vehicle.model)},
          {"body", Ranked(r.vehicle.body)},
          {"year", Ranked(r.vehicle.year)}}},
        {"direction_deg", r.directionDeg ? ordered_json(*r.directionDeg) : ordered_json(nullptr)},
        {"latitude", r.latitude ? ordered_json(*r.latitude) : ordered_json(nullptr)},
        {"longitude", r.longitude ? ordered_json(*r.longitude) : ordered_json(nullptr)},
        {"plate_image", ImageJson(c, r.plateImage)},
        {"vehicle_image", ImageJson(c, r.vehicleImage)},
        {"payload_sha256", r.payloadSha256},
        {"ingested_utc", FormatIso8601(r.ingestedAt)},
        {"corrections", corrections},
        {"visual_verifications", verifications},
    };
    reads.push_back(std::move(j));
  }
  ordered_json doc{
      {"format", "platedesk-reads/1"}, {"case", c.caseNumber}, {"package_id", c.packageId}, {"reads", reads}};
  return doc.dump(2) + "\n";
}

// Which audit records of searches a package carries (selection.json, README, report).
constexpr std::string_view kSearchesIncluded =
    "only the searches that selected the exported reads: each search.result record of this case that names "
    "at least one read of this package among the reads it delivered, with the search.start record it "
    "answers (every query element); other searches of the case, by this or any user, are not included";

std::string SelectionJson(const PackageContent& c) {
  ordered_json searches = ordered_json::array();
  for (const auto& rec : c.searchRecords) {
    auto parsed = ordered_json::parse(rec, nullptr, false);
    searches.push_back(parsed.is_discarded() ? ordered_json(rec) : parsed);
  }
  ordered_json ids = ordered_json::array();
  for (const auto& r : c.reads) ids.push_back(r.id);
  ordered_json doc{{"format", "platedesk-selection/2"},
                   {"case", c.caseNumber},
                   {"case_title", c.caseTitle},
                   {"purpose_code", c.purposeCode},
                   {"purpose_text", c.purposeText},
                   {"justification", c.justification},
                   {"user", c.exportedBy},
                   {"time_utc", FormatIso8601(c.exportedAt)},
                   {"method", c.selectionMethod},
                   {"elements", c.selection},
                   {"read_ids", ids},
                   {"searches_included", std::string(kSearchesIncluded)},
                   {"searches", searches}};
  return doc.dump(2) + "\n";
}

std::string ExportEventJson(const PackageContent& c, const std::string& origin) {
  ordered_json proof = ordered_json::array();
  for (const auto& h : c.anchor.proof) proof.push_back(ToHex(h));
  ordered_json doc{{"format", "platedesk-audit-proof/1"},
                   {"origin", origin},
                   {"seq", c.anchor.seq},
                   {"tree_size", c.anchor.treeSize},
                   {"leaf_hash", ToHex(audit::LeafHash(c.anchor.record))},
                   {"inclusion_proof", proof},
                   {"record", c.anchor.record},
                   {"note",
                    "leaf_hash = SHA-256(0x00 || record); the proof is RFC 9162 §2.1.3, checked against "
                    "the root in checkpoint.txt"}};
  return doc.dump(2) + "\n";
}

std::string CustodyJson(const PackageContent& c, const std::map<std::string, std::string>& hashes,
                        const std::string& keyId, const std::string& fingerprint, const std::string& origin,
                        const std::string& mediaFileSystem, const std::string& mediaSerial) {
  ordered_json files = ordered_json::object();
  for (const auto& [path, sha] : hashes) files["data/" + path] = sha;
  ordered_json proof = ordered_json::array();
  for (const auto& h : c.anchor.proof) proof.push_back(ToHex(h));
  ordered_json doc{
      {"format", "platedesk-custody/1"},
      {"agency", c.agency},
      {"case_number", c.caseNumber},
      {"case_title", c.caseTitle},
      {"package_id", c.packageId},
      {"description", c.description},
      {"hashes_sha256", files},
      {"hashes_note", "every file, including this one, is also in manifest-sha512.txt and manifest-sha256.txt"},
      {"signature_key_id", keyId},
      {"signature_key_fingerprint", fingerprint},
      {"audit_checkpoint",
       {{"origin", origin}, {"tree_size", c.anchor.treeSize}, {"file", "data/audit/checkpoint.txt"}}},
      {"export_event", {{"seq", c.anchor.seq}, {"inclusion_proof", proof}, {"file", "data/audit/export-event.json"}}},
      {"software", "PlateDesk " + c.softwareVersion},
      {"workstation", c.workstation},
      {"query_and_purpose",
       {{"purpose_code", c.purposeCode},
        {"purpose_text", c.purposeText},
        {"justification", c.justification},
        {"selection_method", c.selectionMethod},
        {"selection", c.selection},
        {"file", "data/selection.json"}}},
      {"export_time_utc", FormatIso8601(c.exportedAt)},
      {"export_time_local", FormatWithOffset(c.exportedAt, c.utcOffsetMinutes)},
      {"media",
       {{"type", c.mediaType}, {"serial", mediaSerial}, {"label", c.mediaLabel}, {"file_system", mediaFileSystem}}},
      {"encryption",
       {{"method", c.encryptionMethod.empty() ? "none" : c.encryptionMethod},
        {"passphrase_delivery", c.passphraseDelivery}}},
      {"transfers",
       ordered_json::array({{{"released_by", c.exportedBy + (c.contactName.empty() ? "" : " (" + c.contactName + ")")},
                             {"received_by", c.recipient},
                             {"when_utc", FormatIso8601(c.exportedAt)},
                             {"why", "evidence export for case " + c.caseNumber},
                             {"hash_reverified",
                              "read back from the medium and verified before the export was reported complete "
                              "(audit event export.result)"}}})},
      {"transfers_note",
       "record each later hand-over (released by, received by, when, why, hashes re-verified with "
       "`platedesk-cli verify`) on the evidence form that travels with the medium"},
  };
  return doc.dump(2) + "\n";
}

std::string CertificationText(const PackageContent& c, const std::map<std::string, std::string>& hashes,
                              const std::string& keyId, const std::string& fingerprint) {
  std::string t;
  t += "CERTIFICATION OF DATA COPIED FROM AN ELECTRONIC DEVICE, STORAGE MEDIUM, OR FILE\n";
  t += "Federal Rule of Evidence 902(14) (and 902(11)); pre-filled by PlateDesk " + c.softwareVersion + "\n\n";
  t += "Agency: " + c.agency + "\nCase number: " + c.caseNumber + "\nPackage id: " + c.packageId + "\n";
  t += "Exported by: " + c.exportedBy + (c.contactName.empty() ? "" : " (" + c.contactName + ")") + "\n";
  t += "Export time: " + FormatIso8601(c.exportedAt) + " (" + FormatWithOffset(c.exportedAt, c.utcOffsetMinutes) +
       " local)\nWorkstation: " + c.workstation + "\n\n";
  t += "I, ______________________________ (name), ______________________________ (title),\n"
       "employed by " +
       c.agency + ", certify that:\n\n";
  t += "1. I am qualified by training and experience to operate the PlateDesk license-plate-reader\n"
       "   workstation and to make and verify copies of its records.\n";
  t += "2. The records in this package were made at or near the time of the events they record by\n"
       "   automated license plate reader cameras, were kept in the course of the agency's regularly\n"
       "   conducted activity, and making them is a regular practice of that activity.\n";
  t += "3. The data in this package was copied by the following process, and each file was\n"
       "   authenticated by its hash value:\n   ";
  std::string process = ProcessText();
  std::size_t col = 3;
  for (const auto& word : Split(process, ' ')) {
    if (col + word.size() + 1 > 94) {
      if (!t.empty() && t.back() == ' ') t.pop_back();
      t += "\n   ";
      col = 3;
    }
    t += word + " ";
    col += word.size() + 1;
  }
  if (!t.empty() && t.back() == ' ') t.pop_back();
  t += "\n4. The files and their SHA-256 hash values are:\n";
  for (const auto& [path, sha] : hashes) t += "   " + sha + "  data/" + path + "\n";
  t += "   (every file is also listed with SHA-512 and SHA-256 in manifest-sha512.txt and\n"
       "   manifest-sha256.txt; on any computer `sha512sum -c manifest-sha512.txt` in the package\n"
       "   folder re-checks them, and `platedesk-cli verify` checks the signature and audit proof.)\n";
  t += "5. The tag manifests are signed with the agency key " + keyId + ", fingerprint\n   " + fingerprint + ".\n\n";
  t += "I declare under penalty of perjury that the foregoing is true and correct.\n\n";
  t += "Signature: ______________________________   Date: ____________________\n";
  return t;
}

std::string ReportHtml(const PackageContent& c, const std::map<std::string, std::string>& hashes,
                       const std::string& keyId, const std::string& fingerprint) {
  std::string h;
  h += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Evidence package " +
       Html(c.packageId) + " - case " + Html(c.caseNumber) + "</title>\n";
  h +=
      "<style>body{font-family:sans-serif;margin:2em;color:#111}table{border-collapse:collapse;margin:1em 0}"
      "td,th{border:1px solid #999;padding:4px 6px;vertical-align:top;font-size:90%}th{background:#eee;text-align:left}"
      "code{font-size:85%;word-break:break-all}img{max-width:160px;max-height:120px}</style></head><body>\n";
  h += "<h1>Evidence package: case " + Html(c.caseNumber) + "</h1>\n";
  h += "<table><tr><th>Agency</th><td>" + Html(c.agency) + "</td></tr><tr><th>Case</th><td>" + Html(c.caseNumber) +
       (c.caseTitle.empty() ? "" : " &mdash; " + Html(c.caseTitle)) + "</td></tr><tr><th>Package id</th><td><code>" +
       Html(c.packageId) + "</code></td></tr><tr><th>Description</th><td>" + Html(c.description) +
       "</td></tr><tr><th>Purpose</th><td>" + Html(c.purposeCode) + " &mdash; " + Html(c.purposeText) +
       "</td></tr><tr><th>Justification</th><td>" + Html(c.justification) + "</td></tr><tr><th>Exported by</th><td>" +
       Html(c.exportedBy) + (c.contactName.empty() ? "" : " (" + Html(c.contactName) + ")") +
       "</td></tr><tr><th>Export time</th><td>" + Html(FormatIso8601(c.exportedAt)) + " (" +
       Html(FormatWithOffset(c.exportedAt, c.utcOffsetMinutes)) + " local)</td></tr><tr><th>Workstation</th><td>" +
       Html(c.workstation) + ", PlateDesk " + Html(c.softwareVersion) + "</td></tr></table>\n";
  h +=
      "<h2>How these reads were selected</h2>\n<table><tr><th>Method</th><td>" + Html(c.selectionMethod) + "</td></tr>";
  for (const auto& [k, v] : c.selection) h += "<tr><th>" + Html(k) + "</th><td>" + Html(v) + "</td></tr>";
  h += "</table>\n<p>" + std::to_string(c.searchRecords.size()) +
       " search record(s) from the audit log, with every query element, are in "
       "<code>data/selection.json</code>: " +
       Html(std::string(kSearchesIncluded)) + ".</p>\n";
  h += "<h2>Reads (" + std::to_string(c.reads.size()) +
       ")</h2>\n<table><tr><th>Read</th><th>Captured (UTC)</th><th>Camera</th>"
       "<th>Plate (as read)</th><th>State</th><th>Confidence</th><th>Correction</th><th>Visual verification</th>"
       "<th>Images</th></tr>\n";
  for (const auto& r : c.reads) {
    const auto* cam = FindCamera(c, r.camera);
    const auto& corr = CorrectionsOf(c, r.id);
    std::string images;
    for (const auto& sha : {r.plateImage, r.vehicleImage}) {
      if (sha.empty()) continue;
      const auto* info = FindImage(c, sha);
      if (!info) continue;
      const std::string file = ImageFileName(*info);
      images += "<a href=\"" + Html(file) + "\"><img src=\"" + Html(file) + "\" alt=\"image " +
                Html(sha.substr(0, 12)) + "\"></a><br><code>" + Html(sha) + "</code><br>";
    }
    h += "<tr><td>" + std::to_string(r.id) + "</td><td>" + Html(FormatIso8601(r.capturedAt)) + "</td><td>" +
         Html(cam ? cam->name : std::to_string(r.camera)) + "</td><td>" + Html(r.plate) + " (" + Html(r.plateReported) +
         ")</td><td>" + Html(r.state) + "</td><td>" + Num(r.confidence) + "</td><td>" +
         (corr.empty() ? std::string("none")
                       : Html(corr.back().plate + " " + corr.back().state + " by " + corr.back().user + ": " +
                              corr.back().reason)) +
         "</td><td>" + Html(VerificationText(VerificationsOf(c, r.id))) + "</td><td>" + images + "</td></tr>\n";
  }
  h += "</table>\n<h2>Files and hashes (SHA-256)</h2>\n<table><tr><th>File</th><th>SHA-256</th></tr>\n";
  for (const auto& [path, sha] : hashes)
    h += "<tr><td>data/" + Html(path) + "</td><td><code>" + sha + "</code></td></tr>\n";
  h += "</table>\n<h2>Chain of custody</h2>\n<p>" + Html(ProcessText()) + "</p>\n";
  h += "<table><tr><th>Released by</th><td>" + Html(c.exportedBy) + "</td></tr><tr><th>Received by</th><td>" +
       Html(c.recipient.empty() ? std::string("(to be completed on hand-over)") : c.recipient) +
       "</td></tr><tr><th>Medium</th><td>" + Html(c.mediaType) +
       (c.mediaLabel.empty() ? "" : ", label " + Html(c.mediaLabel)) + "</td></tr><tr><th>Audit event</th><td>seq " +
       std::to_string(c.anchor.seq) + ", proved against the checkpoint of " + std::to_string(c.anchor.treeSize) +
       " records</td></tr><tr><th>Signing key</th><td>" + Html(keyId) + "<br><code>" + Html(fingerprint) +
       "</code></td></tr></table>\n";
  h += "<p>The full custody record is <code>data/custody.json</code>; the FRE 902(14) certification text is "
       "<code>data/certification-FRE-902-14.txt</code>.</p>\n";
  h += "<h2>How to verify</h2>\n<p>In the package folder: <code>sha512sum -c manifest-sha512.txt</code> checks every "
       "payload file; <code>platedesk-cli verify --key agency-key.txt PACKAGE</code> also checks the signature, the "
       "image hashes and the audit proof.</p>\n</body></html>\n";
  return h;
}

std::string ReadmeText(const PackageContent& c, const std::string& keyId, const std::string& fingerprint) {
  std::string t;
  t += "PlateDesk evidence package\n==========================\n\n";
  t += "Case " + c.caseNumber + ", package " + c.packageId + ", exported " + FormatIso8601(c.exportedAt) + " by " +
       c.exportedBy + " (" + c.agency + ").\n\n";
  t += "This folder is a BagIt 1.0 bag (RFC 8493). Open data/report.html for a readable summary.\n\n";
  t += "What is in it\n-------------\n"
       "  data/reads.csv, data/reads.json   every stored field of each read; corrections beside the original,\n"
       "                                    who visually verified it and when. In reads.csv a text cell that\n"
       "                                    starts with = + - @, a tab or a carriage return gets a leading\n"
       "                                    apostrophe, so a spreadsheet shows it as text and never runs it as a\n"
       "                                    formula; reads.json holds every value exactly as stored\n"
       "  data/images/                      the original image files, byte for byte; each is named by the\n"
       "                                    SHA-256 recorded when the camera delivered it\n"
       "  data/selection.json               how the reads were selected: case, purpose, user, time, elements,\n"
       "                                    and the audit records of the searches that selected these reads\n"
       "                                    (a search that delivered at least one of them); no other search\n"
       "  data/report.html, report.pdf      the human-readable report (browser; print)\n"
       "  data/custody.json                 the chain-of-custody record\n"
       "  data/audit/                       the export's audit event, its inclusion proof, signed checkpoint\n"
       "  data/certification-FRE-902-14.txt a pre-filled certification for Federal Rule of Evidence 902(14)\n"
       "  manifest-sha512.txt, manifest-sha256.txt    hashes of every file under data/\n"
       "  tagmanifest-sha512.txt, tagmanifest-sha256.txt  hashes of the files in this folder\n"
       "  platedesk-key.txt                 the public key that signed the package (the agency's evidence\n"
       "                                    key) and the audit log's key that signed the checkpoint\n"
       "  platedesk-signature.txt           the signature over the tag manifests (so over every file)\n\n";
  t += "Checking it with standard tools\n-------------------------------\n"
       "In this folder, on Linux or macOS (or Git Bash / WSL on Windows):\n\n"
       "    sha512sum -c manifest-sha512.txt\n    sha512sum -c tagmanifest-sha512.txt\n\n"
       "Every line must say OK. Any BagIt validator (e.g. `bagit.py --validate .`) accepts the folder.\n\n";
  t += "Checking the signature and the audit proof\n------------------------------------------\n"
       "    platedesk-cli verify --key agency-key.txt THIS-FOLDER\n\n"
       "needs no PlateDesk storage. agency-key.txt holds the agency's published evidence keys; compare its\n"
       "fingerprint with the one below and with the one the agency publishes. Exit status 0 (VERIFIED)\n"
       "only with a trusted key; without one the verdict is 3, INTACT, SIGNER NOT VERIFIED: the key in\n"
       "platedesk-key.txt travels with the package, so anyone who changes the package can replace it.\n\n";
  t += "Signing key id: " + keyId + "\nFingerprint:    " + fingerprint + "\n";
  return t;
}

std::string KeyFileText(const std::string& verifierKey, const std::string& keyId, const std::string& fingerprint,
                        const std::string& auditVerifierKey) {
  std::string t = "Verifier-Key: " + verifierKey + "\nKey-Id: " + keyId + "\nFingerprint: " + fingerprint +
                  "\nAlgorithm: Ed25519 (C2SP signed note, https://c2sp.org/signed-note)\n";
  // The audit log's key is not a trusted-keys line: ParseTrustedKeys skips "Label: value" fields,
  // so publishing this file as it is trusts the evidence key alone.
  if (!auditVerifierKey.empty()) t += "Audit-Verifier-Key: " + auditVerifierKey + "\n";
  return t;
}

std::string StatementText(const std::string& packageId, const std::string& caseNumber, const std::string& tag512,
                          const std::string& tag256) {
  std::string t(audit::kStatementPrefix);
  t += std::string(kPackageFormat) + "\n";
  t += "package " + packageId + "\n";
  t += "case " + caseNumber + "\n";
  t += "tagmanifest-sha512.txt " + tag512 + "\n";
  t += "tagmanifest-sha256.txt " + tag256 + "\n";
  return t;
}

}  // namespace platedesk::evidence::detail
