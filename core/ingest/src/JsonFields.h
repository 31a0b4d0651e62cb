// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Json.h"
#include "Normalise.h"

#include "platedesk/common/Time.h"
#include "platedesk/ingest/Records.h"
#include "platedesk/store/Types.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// Shared by the JSON record parsers (JsonRecord.cpp and the vendor files): typed field access
// that rejects the record naming the field, and the mappings every format uses.
namespace platedesk::ingest::detail {

// Longest list (candidates, ranked attribute values, results) looked at in one record; the rest
// is ignored so that hostile input cannot make normalisation quadratic.
inline constexpr std::size_t kMaxListInput = 64;

// Field access with type checks on one object: a present value of the wrong type rejects the
// record; an absent or null one is "not reported". Field names ("results[1].candidates[0].plate")
// are built only when something is wrong: records that are fine allocate none.
class Fields {
 public:
  Fields(ParsedRecord& rec, json::Value obj) : mRec(rec), mObj(obj) {}
  // A member (index < 0) or an element of a member list.
  Fields(const Fields& parent, std::string_view key, json::Value obj, std::ptrdiff_t index = -1)
      : mRec(parent.mRec), mObj(obj), mParent(&parent), mKey(key), mIndex(index) {}

  [[nodiscard]] ParsedRecord& Rec() const { return mRec; }
  [[nodiscard]] const json::Value& Obj() const { return mObj; }

  // "a.b[2]." (empty for the record itself).
  [[nodiscard]] std::string Path() const {
    if (!mParent) return {};
    std::string s = mParent->Path();
    s += mKey;
    if (mIndex >= 0) {  // not "[" + ...: GCC 12's bogus -Wrestrict (HELPERS.md)
      s += '[';
      s += std::to_string(mIndex);
      s += ']';
    }
    s += '.';
    return s;
  }
  [[nodiscard]] std::string Name(std::string_view key) const { return Path() + std::string(key); }
  [[nodiscard]] std::string Self() const {
    std::string p = Path();
    if (!p.empty()) p.pop_back();
    return p;
  }
  // Rejects the record naming key; returns false.
  bool Fail(std::string_view key, std::string message) const { return Reject(mRec, Name(key), std::move(message)); }

  // 1: present and of the type, 0: absent/null, -1: wrong type (record rejected).
  int Get(std::string_view key, json::Type type, json::Value& out, const char* what) const {
    const auto v = mObj.Find(key);
    if (!v || v->IsNull()) return 0;
    if (v->GetType() != type) {
      Fail(key, std::string("must be ") + what);
      return -1;
    }
    out = *v;
    return 1;
  }
  int String(std::string_view key, std::string_view& out) const {
    json::Value v;
    const int r = Get(key, json::Type::String, v, "a string");
    if (r == 1) out = v.AsString();
    return r;
  }
  int Number(std::string_view key, double& out) const {
    json::Value v;
    const int r = Get(key, json::Type::Number, v, "a number");
    if (r == 1) out = v.AsNumber();
    return r;
  }
  int Object(std::string_view key, json::Value& out) const { return Get(key, json::Type::Object, out, "an object"); }
  int Array(std::string_view key, json::Value& out) const { return Get(key, json::Type::Array, out, "an array"); }
  // An id that cameras send as an integer or a string.
  int Id(std::string_view key, std::string& out) const {
    const auto v = mObj.Find(key);
    if (!v || v->IsNull()) return 0;
    if (v->IsInteger()) {
      out = std::string(v->NumberText());
    } else if (v->IsString()) {
      out = std::string(v->AsString());
    } else {
      Fail(key, "must be an integer or a string");
      return -1;
    }
    if (out.size() > kMaxIdBytes) {
      Fail(key, "is longer than " + std::to_string(kMaxIdBytes) + " bytes");
      return -1;
    }
    return out.empty() ? 0 : 1;
  }
  // A 0-100 confidence (after multiplying by scale); 1 ok, 0 absent, -1 rejected.
  int Confidence(std::string_view key, double scale, double& out) const {
    const int r = Number(key, out);
    if (r != 1) return r;
    if (scale == 1.0 ? !ConfidenceOk(out) : !(out >= 0.0 && out <= 1.0)) {
      Fail(key, scale == 1.0 ? kConfidenceRange : "score is outside 0-1");
      return -1;
    }
    out *= scale;
    return 1;
  }

  // A number that cameras send as a JSON number or as decimal text ("99", "-122.38"); "" is
  // "not reported" like null. 1 ok, 0 absent, -1 rejected.
  int NumberOrText(std::string_view key, double& out) const;
  // A confidence sent as a number or decimal text: 0-100 (scale 1) or a 0-1 score (scale 100).
  int ConfidenceOrText(std::string_view key, double scale, double& out) const;
  // A whole number sent as a JSON integer or digit text ("1623405938252"); "" is absent.
  int IntegerOrText(std::string_view key, std::int64_t& out) const;

 private:
  ParsedRecord& mRec;
  json::Value mObj;
  const Fields* mParent = nullptr;
  std::string_view mKey;
  std::ptrdiff_t mIndex = -1;
};

// Decodes a base64 image field. Rule (docs/formats.md): absent, null or "" -> no image; a short
// documentation placeholder that starts and ends with "..." -> no image plus a warning; anything
// else that is not valid base64 is a damaged image: the read imports without it (a camera's cut
// upload must not cost the read) and the whole record is kept in quarantine for review.
bool TakeImage(const Fields& f, std::string_view key, ReceivedImage& out);

// Latitude and longitude, both or neither, in range; 0,0 is "no fix". allowText: also as
// decimal text (Genetec, Axis).
bool TakeLatLon(const Fields& f, std::string_view latKey, std::string_view lonKey, store::NewRead& read,
                bool allowText = false);

// A travel direction in degrees 0-360; "" is "not reported".
bool TakeDirection(const Fields& f, std::string_view key, store::NewRead& read);

// Candidates [{plate, confidence|score}] of the list owner.key. scale 1: OpenALPR 0-100;
// 100: Plate Recognizer 0-1 (a missing score is 0: Stream sends none).
bool TakeCandidates(const Fields& owner, std::string_view key, const json::Value& list, const char* confKey,
                    double scale, store::NewRead& read);

// Ranked lists [{<nameKey>: value, <confKey>: confidence}] -> attribute values.
bool TakeRanked(const Fields& owner, std::string_view key, std::string_view nameKey, const char* confKey, double scale,
                std::vector<store::RankedValue>& out);

// A required epoch (seconds or milliseconds) that must be a plausible capture time.
bool TakeEpoch(const Fields& f, std::string_view key, const ParseOptions& options, UtcMs& out);

// Checks a capture time; rejects naming key when implausible.
bool CheckCaptureTime(const Fields& f, std::string_view key, UtcMs t, const ParseOptions& options);

// A required plate: sets read.plate/plateReported or rejects naming key.
bool TakePlate(const Fields& f, std::string_view key, std::string_view plate, store::NewRead& read);

}  // namespace platedesk::ingest::detail
