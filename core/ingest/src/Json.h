// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace platedesk::ingest::json {

/// The JSON value kinds.
enum class Type : std::uint8_t { Null, Bool, Number, String, Array, Object };

/// Why a text is not accepted, and where (byte offset into the parsed text).
struct ParseError {
  std::size_t offset = 0;
  std::string message;
};

/// Limits that keep hostile input from exhausting memory or time.
struct Limits {
  std::size_t maxDepth = 64;         ///< nesting of arrays/objects
  std::size_t maxValues = 1u << 20;  ///< values in one document
};

class Document;

/// A read-only view of one value inside a Document (valid while the Document lives).
class Value {
 public:
  Value() = default;
  [[nodiscard]] Type GetType() const;
  [[nodiscard]] bool IsNull() const { return GetType() == Type::Null; }
  [[nodiscard]] bool IsBool() const { return GetType() == Type::Bool; }
  [[nodiscard]] bool IsNumber() const { return GetType() == Type::Number; }
  [[nodiscard]] bool IsString() const { return GetType() == Type::String; }
  [[nodiscard]] bool IsArray() const { return GetType() == Type::Array; }
  [[nodiscard]] bool IsObject() const { return GetType() == Type::Object; }
  /// True for a number written without fraction or exponent ("1414799424", "-3").
  [[nodiscard]] bool IsInteger() const;

  [[nodiscard]] bool AsBool() const;
  [[nodiscard]] double AsNumber() const;
  /// The number exactly as written (for integer ids wider than a double's mantissa).
  [[nodiscard]] std::string_view NumberText() const;
  /// Decoded UTF-8 string value.
  [[nodiscard]] std::string_view AsString() const;

  /// Members of an object / elements of an array.
  [[nodiscard]] std::size_t Size() const;
  /// Object member by key, or nullopt (also when this is not an object).
  [[nodiscard]] std::optional<Value> Find(std::string_view key) const;
  /// Array element i, or nullopt.
  [[nodiscard]] std::optional<Value> At(std::size_t i) const;

  /// Iteration over array elements or object members (key() is "" for array elements).
  class Iterator {
   public:
    [[nodiscard]] Value operator*() const;
    [[nodiscard]] std::string_view Key() const;
    Iterator& operator++();
    bool operator!=(const Iterator& o) const { return mIndex != o.mIndex; }

   private:
    friend class Value;
    Iterator(const Document* doc, std::uint32_t index, bool object) : mDoc(doc), mIndex(index), mObject(object) {}
    const Document* mDoc = nullptr;
    std::uint32_t mIndex = 0;
    bool mObject = false;
  };
  [[nodiscard]] Iterator begin() const;
  [[nodiscard]] Iterator end() const;

 private:
  friend class Document;
  friend class Iterator;
  Value(const Document* doc, std::uint32_t index) : mDoc(doc), mIndex(index) {}
  const Document* mDoc = nullptr;
  std::uint32_t mIndex = 0;
};

/// A strict RFC 8259 JSON parser into a flat node tape. Rejects: comments, trailing commas,
/// NaN/Infinity, leading zeros, control characters and invalid UTF-8 in strings, lone
/// surrogates, duplicate keys in one object, numbers that overflow a double, trailing
/// content, nesting deeper than Limits::maxDepth. Never throws on bad input.
class Document {
 public:
  /// Parses text; on failure returns false and fills error. The Document keeps views into text:
  /// text must outlive it.
  [[nodiscard]] bool Parse(std::string_view text, ParseError& error, const Limits& limits = {});
  [[nodiscard]] Value Root() const { return Value(this, 0); }

 private:
  friend class Value;
  friend class Value::Iterator;
  struct Node {
    Type type = Type::Null;
    bool flag = false;        // Bool: value; Number: integer-looking
    std::uint32_t count = 0;  // Array/Object: direct children
    std::uint32_t end = 0;    // index one past this value's subtree
    double number = 0;
    std::string_view text;  // String: decoded value; Number: as written; member key (object child)
  };
  class Parser;
  std::vector<Node> mNodes;        // object members: key node (String) followed by the value subtree
  std::deque<std::string> mOwned;  // decoded strings that contained escapes
};

/// 1-based line and column (in bytes) of a byte offset in text.
struct TextPosition {
  std::int64_t line = 1;
  std::int64_t column = 1;
};
[[nodiscard]] TextPosition PositionOf(std::string_view text, std::size_t offset);

}  // namespace platedesk::ingest::json
