// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/common/Files.h"

#include <boost/test/unit_test.hpp>

using namespace platedesk;
namespace fs = std::filesystem;

BOOST_AUTO_TEST_SUITE(FilesTest)

BOOST_AUTO_TEST_CASE(AtomicWriteReplacesContentAndLeavesNoTemporaries) {
  TempFolder t;
  const auto p = t.Path() / "a.txt";
  BOOST_REQUIRE(WriteFileAtomic(p, "first").Ok());
  BOOST_REQUIRE(WriteFileAtomic(p, "second").Ok());
  BOOST_TEST(ReadFile(p).Value() == "second");
  int n = 0;
  for ([[maybe_unused]] auto& e : fs::directory_iterator(t.Path())) ++n;
  BOOST_TEST(n == 1);
}

BOOST_AUTO_TEST_CASE(ExclusiveWriteRefusesToReplace) {
  TempFolder t;
  const auto p = t.Path() / "b.bin";
  BOOST_REQUIRE(WriteFileExclusive(p, std::string("\0\1\2", 3)).Ok());
  auto again = WriteFileExclusive(p, "other");
  BOOST_TEST(!again.Ok());
  BOOST_TEST((again.Err().code == ErrorCode::AlreadyExists));
  BOOST_TEST(ReadFile(p).Value() == std::string("\0\1\2", 3));
}

#ifndef _WIN32
BOOST_AUTO_TEST_CASE(AnOwnerOnlyExclusiveWriteIsNeverReadableByOthers) {
  TempFolder t;
  const auto secret = t.Path() / "passphrase.txt";
  BOOST_REQUIRE(WriteFileExclusive(secret, "ABCD-EFGH\n", /*ownerOnly=*/true).Ok());
  const auto perms = fs::status(secret).permissions();
  BOOST_TEST(((perms & (fs::perms::group_all | fs::perms::others_all)) == fs::perms::none));
  BOOST_TEST(((perms & fs::perms::owner_read) != fs::perms::none));
}
#endif

BOOST_AUTO_TEST_CASE(ReadingAMissingFileIsNotFound) {
  TempFolder t;
  auto r = ReadFile(t.Path() / "missing");
  BOOST_REQUIRE(!r.Ok());
  BOOST_TEST((r.Err().code == ErrorCode::NotFound));
}

BOOST_AUTO_TEST_CASE(ReadingAFolderIsAClearErrorNotAHugeAllocation) {
  TempFolder t;
  Result<std::string> r = Fail(ErrorCode::Internal, "not run");
  BOOST_CHECK_NO_THROW(r = ReadFile(t.Path()));
  BOOST_REQUIRE(!r.Ok());
  BOOST_TEST((r.Err().code == ErrorCode::InvalidArgument));
  BOOST_TEST(r.Err().message.find("folder") != std::string::npos, r.Err().message);
}

#ifndef _WIN32
BOOST_AUTO_TEST_CASE(ATemporaryFolderIsTheOwnersOnly) {
  // Staging for encrypted exports and for verifying encrypted packages holds plate data in clear.
  TempFolder t("platedesk-perm-test");
  const auto perms = fs::status(t.Path()).permissions();
  BOOST_TEST(((perms & (fs::perms::group_all | fs::perms::others_all)) == fs::perms::none),
             "group/others bits: " << static_cast<unsigned>(perms & (fs::perms::group_all | fs::perms::others_all)));
  BOOST_TEST(((perms & fs::perms::owner_all) == fs::perms::owner_all));
}
#endif

BOOST_AUTO_TEST_CASE(WritingIntoAMissingFolderFailsCleanly) {
  TempFolder t;
  auto r = WriteFileAtomic(t.Path() / "no" / "such" / "x", "data");
  BOOST_TEST(!r.Ok());
}

BOOST_AUTO_TEST_CASE(TempFolderIsRemoved) {
  fs::path p;
  {
    TempFolder t;
    p = t.Path();
    BOOST_REQUIRE(WriteFileAtomic(p / "f", "x").Ok());
    BOOST_TEST(fs::exists(p));
  }
  BOOST_TEST(!fs::exists(p));
}

BOOST_AUTO_TEST_CASE(FolderSizeCountsFiles) {
  TempFolder t;
  fs::create_directories(t.Path() / "sub");
  BOOST_REQUIRE(WriteFileAtomic(t.Path() / "sub" / "f", std::string(1000, 'x')).Ok());
  BOOST_REQUIRE(WriteFileAtomic(t.Path() / "g", std::string(24, 'y')).Ok());
  BOOST_TEST(FolderSize(t.Path()) == 1024u);
  BOOST_TEST(FreeSpace(t.Path()).Value() > 0u);
}

BOOST_AUTO_TEST_SUITE_END()
