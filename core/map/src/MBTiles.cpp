// SPDX-License-Identifier: GPL-3.0-or-later
// Tiles from an MBTiles file (the MBTiles 1.3 layout: a `tiles` table or view of
// zoom_level, tile_column, tile_row, tile_data with TMS rows, and a `metadata` table of names and
// values), opened read-only.

#include "Internal.h"

#include "platedesk/common/Text.h"
#include "platedesk/sqlite/Sqlite.h"

#include <charconv>
#include <filesystem>
#include <mutex>
#include <system_error>

namespace platedesk::map::detail {

namespace {

constexpr sqlite::ErrorWords kWords{.corrupt = "the map file is damaged or not an MBTiles file",
                                    .busy = "the map file is busy",
                                    .refused = "the map file refused the request",
                                    .cantOpen = "the map file cannot be opened",
                                    .cannotWrite = "the map file is read-only here",
                                    .other = "the map file could not be read"};

// A hostile file can make a query run for ever (a `tiles` view over a recursive CTE): every query
// runs under a budget of virtual-machine steps and stops when its stop token is set.
constexpr int kStepsPerCheck = 1000;
constexpr long kMaxChecks = 20'000;  // 20 million steps: far beyond one indexed tile lookup

struct QueryGuard {
  sqlite3* db;
  std::stop_token stop;
  long checks = 0;
  bool overBudget = false;
  QueryGuard(sqlite3* d, std::stop_token s) : db(d), stop(std::move(s)) {
    sqlite3_progress_handler(db, kStepsPerCheck, &QueryGuard::Check, this);
  }
  ~QueryGuard() { sqlite3_progress_handler(db, 0, nullptr, nullptr); }
  QueryGuard(const QueryGuard&) = delete;
  QueryGuard& operator=(const QueryGuard&) = delete;
  static int Check(void* self) {
    auto& g = *static_cast<QueryGuard*>(self);
    if (++g.checks > kMaxChecks) g.overBudget = true;
    return g.overBudget || g.stop.stop_requested() ? 1 : 0;
  }
  // The error for an interrupted query, or the query's own.
  [[nodiscard]] Error Explain(Error error, const std::string& where) const {
    if (stop.stop_requested()) return Fail(ErrorCode::Cancelled, "cancelled");
    if (overBudget) return Fail(ErrorCode::Corrupt, "the map file's query does not finish: not an MBTiles file", where);
    return error;
  }
};

class FileTiles final : public TileProvider {
 public:
  FileTiles(std::unique_ptr<sqlite::Connection> db, std::string path, FetchLimits limits, std::string attribution,
            int maxZoom)
      : mDb(std::move(db)),
        mPath(std::move(path)),
        mLimits(std::move(limits)),
        mAttribution(std::move(attribution)),
        mMaxZoom(maxZoom) {}

  Result<std::string> Fetch(TileKey key, std::stop_token stop) override {
    const std::string where =
        mPath + " " + std::to_string(key.z) + "/" + std::to_string(key.x) + "/" + std::to_string(key.y);
    if (key.z < 0 || key.z > kMaxZoom || key.x < 0 || key.y < 0 || key.x >= (1 << key.z) || key.y >= (1 << key.z))
      return Fail(ErrorCode::InvalidArgument, "no such tile", where);
    if (stop.stop_requested()) return Fail(ErrorCode::Cancelled, "cancelled");
    std::lock_guard lock(mMutex);
    QueryGuard guard(mDb->Db(), stop);
    auto stmt = mDb->Prepare("SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?");
    if (!stmt) return guard.Explain(stmt.Err(), where);
    stmt->Int(1, key.z);
    stmt->Int(2, key.x);
    stmt->Int(3, (1 << key.z) - 1 - key.y);  // TMS counts rows from the south
    auto row = stmt->Step();
    if (!row) return guard.Explain(row.Err(), where);
    if (!*row) return Fail(ErrorCode::NotFound, "the map file has no such tile", where);
    const void* data = sqlite3_column_blob(stmt->Raw(), 0);
    const auto bytes = static_cast<std::size_t>(sqlite3_column_bytes(stmt->Raw(), 0));
    if (bytes > mLimits.maxTileBytes)
      return Fail(ErrorCode::Corrupt, "the map tile is larger than " + std::to_string(mLimits.maxTileBytes) + " bytes",
                  where);
    if (data == nullptr || bytes == 0) return Fail(ErrorCode::Corrupt, "the map file holds an empty tile", where);
    return std::string(static_cast<const char*>(data), bytes);
  }
  std::string Attribution() const override { return mAttribution; }
  int MaxZoom() const override { return mMaxZoom; }

 private:
  std::unique_ptr<sqlite::Connection> mDb;
  std::string mPath;
  FetchLimits mLimits;
  std::string mAttribution;
  int mMaxZoom;
  std::mutex mMutex;
};

// MBTiles attributions are often HTML ("<a href=...>&copy; OpenStreetMap</a>"): the text only.
std::string WithoutMarkup(const std::string& html) {
  std::string text;
  bool inTag = false;
  for (char c : html) {
    if (c == '<') inTag = true;
    if (!inTag) text += c;
    if (c == '>') inTag = false;
  }
  for (const auto& [entity, character] :
       {std::pair<std::string_view, std::string_view>{"&copy;", "\u00a9"}, {"&amp;", "&"}, {"&nbsp;", " "}}) {
    for (std::size_t at = text.find(entity); at != std::string::npos; at = text.find(entity, at))
      text.replace(at, entity.size(), character);
  }
  return text;
}

// The credit as the map shows it: the text of the markup, one line, at most 200 characters.
std::string Credit(const std::string& metadata) {
  std::string text = WithoutMarkup(metadata);
  if (!IsValidUtf8(text)) return {};
  for (char& c : text)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  std::size_t characters = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && ++characters > 200) {
      text.resize(i);
      break;
    }
  }
  return text;
}

}  // namespace

Result<std::unique_ptr<TileProvider>> OpenMBTiles(const std::string& path, const FetchLimits& limits) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    return Fail(ErrorCode::NotFound, "the map file does not exist (setting map_tiles)", path);
  auto db = sqlite::Connection::Open(path, SQLITE_OPEN_READONLY, kWords);
  if (!db) return db.Err();
  auto& conn = **db;
  QueryGuard guard(conn.Db(), {});
  {
    auto tables = conn.Prepare("SELECT count(*) FROM sqlite_master WHERE name = 'tiles' AND type IN ('table', 'view')");
    if (!tables) return guard.Explain(tables.Err(), path);
    auto row = tables->Step();
    if (!row) return guard.Explain(row.Err(), path);
    if (!*row || tables->ColInt(0) == 0)
      return Fail(ErrorCode::Corrupt, "the map file is not an MBTiles file (it has no tiles table)", path);
  }
  std::string attribution;
  int maxZoom = kMaxZoom;
  auto hasMetadata = conn.Prepare("SELECT count(*) FROM sqlite_master WHERE name = 'metadata'");
  if (!hasMetadata) return hasMetadata.Err();
  auto found = hasMetadata->Step();
  if (!found) return guard.Explain(found.Err(), path);
  if (*found && hasMetadata->ColInt(0) > 0) {
    auto meta = conn.Prepare("SELECT name, value FROM metadata");
    if (!meta) return guard.Explain(meta.Err(), path);
    for (;;) {
      auto row = meta->Step();
      if (!row) return guard.Explain(row.Err(), path);
      if (!*row) break;
      const std::string name = meta->ColText(0);
      const std::string value = meta->ColText(1);
      if (name == "format" && value != "png" && value != "jpg" && value != "jpeg") {
        return Fail(ErrorCode::Unsupported,
                    value == "pbf" ? "the map file holds vector tiles; PlateDesk draws PNG or JPEG tiles"
                                   : "the map file's tiles are in a format PlateDesk does not draw (" + value + ")",
                    path);
      }
      if (name == "attribution") attribution = Credit(value);
      if (name == "maxzoom") {
        int z = 0;
        const auto [end, err] = std::from_chars(value.data(), value.data() + value.size(), z);
        if (err == std::errc() && end == value.data() + value.size() && z >= 0 && z <= kMaxZoom) maxZoom = z;
      }
    }
  }
  return std::unique_ptr<TileProvider>(
      std::make_unique<FileTiles>(std::move(*db), path, limits, std::move(attribution), maxZoom));
}

}  // namespace platedesk::map::detail
