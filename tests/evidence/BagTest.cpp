// SPDX-License-Identifier: GPL-3.0-or-later
#include "BagTestSupport.h"

#include <boost/test/unit_test.hpp>

namespace fs = std::filesystem;
using namespace platedesk;
using namespace platedesk::evidence;
using namespace platedesk::evidence::test;

namespace {
bool Mentions(const std::vector<std::string>& lines, const std::string& what) {
  for (const auto& l : lines)
    if (l.find(what) != std::string::npos) return true;
  return false;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(BagTest)

BOOST_AUTO_TEST_CASE(digests_match_known_vectors) {
  BOOST_TEST(HexDigest(DigestAlgorithm::Md5, "abc") == "900150983cd24fb0d6963f7d28e17f72");
  BOOST_TEST(HexDigest(DigestAlgorithm::Sha1, "abc") == "a9993e364706816aba3e25717850c26c9cd0d89d");
  BOOST_TEST(HexDigest(DigestAlgorithm::Sha256, "abc") ==
             "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  BOOST_TEST(HexDigest(DigestAlgorithm::Sha512, "").substr(0, 16) == "cf83e1357eefb8bd");
}

BOOST_AUTO_TEST_CASE(tag_file_parser_joins_continuations_and_names_bad_lines) {
  auto f = ParseTagFile("Source-Organization: Spengler\r\nExternal-Description: a long\n  description\nX : y\n");
  BOOST_REQUIRE(f.Ok());
  BOOST_TEST(f->size() == 3u);
  BOOST_TEST((*f)[1].value == "a long description");
  BOOST_TEST((*f)[2].label == "X");
  auto bad = ParseTagFile("Fine: 1\nno colon here\n");
  BOOST_REQUIRE(!bad.Ok());
  BOOST_TEST(bad.Err().context == "line 2");
  BOOST_TEST(!ParseTagFile("  starts with a continuation\n").Ok());
}

BOOST_AUTO_TEST_CASE(manifest_parser_checks_digests_and_decodes_percent) {
  const std::string d = std::string(64, 'a');
  auto m =
      ParseManifest(d + "  data/a%0Ab%25c.txt\n" + d + " \tdata/with space.txt\r\n", DigestAlgorithm::Sha256, true);
  BOOST_REQUIRE(m.Ok());
  BOOST_TEST((*m)[0].path == "data/a\nb%c.txt");
  BOOST_TEST((*m)[1].path == "data/with space.txt");
  BOOST_TEST(!ParseManifest("abc  data/x\n", DigestAlgorithm::Sha256, true).Ok());
  BOOST_TEST(!ParseManifest(std::string(63, 'a') + "g  data/x\n", DigestAlgorithm::Sha256, true).Ok());
  BOOST_TEST(!ParseManifest(d + "\n", DigestAlgorithm::Sha256, true).Ok());
  std::vector<std::string> warnings;
  auto star = ParseManifest(std::string(32, 'b') + " *data/x\n", DigestAlgorithm::Md5, false, &warnings);
  BOOST_REQUIRE(star.Ok());
  BOOST_TEST((*star)[0].path == "data/x");
  BOOST_TEST(warnings.size() == 1u);
  BOOST_TEST(EncodeManifestPath("a%b\nc") == "a%25b%0Ac");
}

BOOST_AUTO_TEST_CASE(decodes_latin1_and_utf16_tag_text) {
  BOOST_TEST(DecodeTagText("N\xfa\xf1"
                           "ez",
                           "ISO-8859-1")
                 .Value() ==
             "N\xc3\xba\xc3\xb1"
             "ez");
  BOOST_TEST(DecodeTagText(std::string("\xfe\xff\0A\0:", 6), "UTF-16").Value() == "A:");
  BOOST_TEST(DecodeTagText(std::string("\xff\xfe"
                                       "A\0",
                                       4),
                           "UTF-16")
                 .Value() == "A");
  BOOST_TEST(!DecodeTagText("\xff", "UTF-8").Ok());
  BOOST_TEST((DecodeTagText("x", "EBCDIC").Err().code == ErrorCode::Unsupported));
}

BOOST_AUTO_TEST_CASE(path_rules_refuse_escapes_devices_and_drive_letters) {
  BOOST_TEST(CheckBagPath("data/images/ab.jpg", true).Ok());
  for (const char* bad : {"../x", "data/../../x", "/etc/passwd", "C:/x", "c:\\x", "data\\x", "data//x", "data/./x",
                          "data/CON", "data/nul.txt", "data/com1.jpg", "data/LPT9", "~/x", "data/a\x01"})
    BOOST_TEST(!CheckBagPath(bad, false).Ok(), bad);
  BOOST_TEST(CheckBagPath("data/a?b", false).Ok());
  BOOST_TEST(!CheckBagPath("data/a?b", true).Ok());
  BOOST_TEST(!CheckBagPath("data/trailing.", true).Ok());
  BOOST_TEST(CheckBagPath("data/CONSOLE.txt", true).Ok());
}

BOOST_AUTO_TEST_CASE(collision_key_equates_case_and_normalisation) {
  BOOST_TEST(PathCollisionKey("data/N\x75\xcc\x81\x6e\xcc\x83"
                              "ez") == PathCollisionKey("data/N\xc3\xba\xc3\xb1"
                                                        "ez"));
  BOOST_TEST(PathCollisionKey("data/HELLO.txt") == PathCollisionKey("data/hello.txt"));
  BOOST_TEST(PathCollisionKey("data/a") != PathCollisionKey("data/b"));
}

BOOST_AUTO_TEST_CASE(a_hand_made_bag_is_valid_in_both_modes) {
  TempFolder t;
  auto bag = HandBag(t.Path() / "bag", {{"data/a.txt", "hello"}, {"data/sub/b.bin", std::string("\0\1\2", 3)}});
  for (auto mode : {BagMode::BagItOnly, BagMode::PlateDesk}) {
    auto r = ValidateBag(bag, mode);
    BOOST_REQUIRE(r.Ok());
    BOOST_TEST(r->valid, FirstProblem(*r));
    BOOST_TEST(r->payloadFiles == 2u);
    BOOST_TEST(r->payloadBytes == 8u);
  }
}

BOOST_AUTO_TEST_CASE(a_changed_payload_byte_is_invalid) {
  TempFolder t;
  auto bag = HandBag(t.Path() / "bag", {{"data/a.txt", "hello"}});
  Put(bag, "data/a.txt", "hellO");
  auto r = ValidateBag(bag, BagMode::BagItOnly).Value();
  BOOST_TEST(!r.valid);
  BOOST_TEST(Mentions(r.problems, "data/a.txt does not match"));
}

BOOST_AUTO_TEST_CASE(an_unlisted_file_and_a_missing_file_are_invalid) {
  TempFolder t;
  auto bag = HandBag(t.Path() / "bag", {{"data/a.txt", "hello"}, {"data/b.txt", "world"}});
  Put(bag, "data/extra.txt", "smuggled");
  auto r = ValidateBag(bag, BagMode::BagItOnly).Value();
  BOOST_TEST(!r.valid);
  BOOST_TEST(Mentions(r.problems, "data/extra.txt is not listed"));
  fs::remove(bag / "data/extra.txt");
  fs::remove(bag / "data/b.txt");
  r = ValidateBag(bag, BagMode::BagItOnly).Value();
  BOOST_TEST(!r.valid);
  BOOST_TEST(Mentions(r.problems, "data/b.txt is listed in"));
}

BOOST_AUTO_TEST_CASE(an_unlisted_tag_file_is_refused_in_platedesk_mode_only) {
  TempFolder t;
  auto bag = HandBag(t.Path() / "bag", {{"data/a.txt", "hello"}});
  Put(bag, "notes.txt", "added later");
  BOOST_TEST(ValidateBag(bag, BagMode::BagItOnly)->valid);  // RFC 8493: tag manifests MAY list other tag files
  auto strict = ValidateBag(bag, BagMode::PlateDesk).Value();
  BOOST_TEST(!strict.valid);
  BOOST_TEST(Mentions(strict.problems, "notes.txt is not listed in tagmanifest"));
}

BOOST_AUTO_TEST_CASE(a_wrong_payload_oxum_is_invalid) {
  TempFolder t;
  auto bag = HandBag(t.Path() / "bag", {{"data/a.txt", "hello"}});
  Put(bag, "bag-info.txt", "Payload-Oxum: 6.1\n");
  auto r = ValidateBag(bag, BagMode::BagItOnly).Value();
  BOOST_TEST(!r.valid);  // the tag manifest no longer matches, and the oxum is wrong
  BOOST_TEST(Mentions(r.problems, "Payload-Oxum says 6.1"));
}

BOOST_AUTO_TEST_CASE(a_symlink_is_refused) {
  TempFolder t;
  auto bag = HandBag(t.Path() / "bag", {{"data/a.txt", "hello"}});
  fs::create_symlink("/etc/passwd", bag / "data/link");
  auto r = ValidateBag(bag, BagMode::BagItOnly).Value();
  BOOST_TEST(!r.valid);
  BOOST_TEST(Mentions(r.problems, "symbolic link"));
}

BOOST_AUTO_TEST_CASE(manifest_entries_outside_the_payload_are_refused) {
  TempFolder t;
  auto bag = HandBag(t.Path() / "bag", {{"data/a.txt", "hello"}});
  const std::string d = HexDigest(DigestAlgorithm::Sha256, "x");
  for (const char* bad : {"../outside.txt", "/etc/passwd", "C:/Windows/x", "data/../../x", "data/NUL"}) {
    Put(bag, "manifest-sha256.txt",
        HexDigest(DigestAlgorithm::Sha256, "hello") + "  data/a.txt\n" + d + "  " + bad + "\n");
    auto r = ValidateBag(bag, BagMode::BagItOnly).Value();
    BOOST_TEST(!r.valid, bad);
  }
}

BOOST_AUTO_TEST_CASE(fetch_txt_is_refused_in_platedesk_mode_but_a_holey_bag_passes_bagit_only) {
  TempFolder t;
  auto bag = HandBag(t.Path() / "bag", {{"data/a.txt", "hello"}, {"data/b.txt", "world"}});
  fs::remove(bag / "data/b.txt");
  Put(bag, "fetch.txt", "https://example.org/b.txt 5 data/b.txt\n");
  auto loose = ValidateBag(bag, BagMode::BagItOnly).Value();
  BOOST_TEST(loose.valid, FirstProblem(loose));
  BOOST_TEST(Mentions(loose.warnings, "fetch.txt"));
  auto strict = ValidateBag(bag, BagMode::PlateDesk).Value();
  BOOST_TEST(!strict.valid);
  BOOST_TEST(Mentions(strict.problems, "fetch.txt"));
  Put(bag, "fetch.txt", "https://example.org/b.txt 5 ../b.txt\n");
  BOOST_TEST(!ValidateBag(bag, BagMode::BagItOnly)->valid);
}

BOOST_AUTO_TEST_CASE(case_and_normalisation_duplicates_warn_or_fail_by_mode) {
  TempFolder t;
  auto bag = HandBag(t.Path() / "bag", {{"data/hello.txt", "hi"}});
  const std::string h = HexDigest(DigestAlgorithm::Sha256, "hi");
  const std::string h5 = HexDigest(DigestAlgorithm::Sha512, "hi");
  Put(bag, "manifest-sha256.txt", h + "  data/hello.txt\n" + h + "  data/HELLO.txt\n");
  Put(bag, "manifest-sha512.txt", h5 + "  data/hello.txt\n" + h5 + "  data/HELLO.txt\n");
  fs::remove(bag / "tagmanifest-sha256.txt");
  fs::remove(bag / "tagmanifest-sha512.txt");
  auto loose = ValidateBag(bag, BagMode::BagItOnly).Value();
  BOOST_TEST(loose.valid, FirstProblem(loose));
  BOOST_TEST(Mentions(loose.warnings, "case-insensitive"));
  BOOST_TEST(!ValidateBag(bag, BagMode::PlateDesk)->valid);
}

BOOST_AUTO_TEST_CASE(bagit_txt_must_be_exact) {
  TempFolder t;
  auto bag = HandBag(t.Path() / "bag", {{"data/a.txt", "hello"}});
  for (const char* bad : {"\xEF\xBB\xBF"
                          "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n",
                          "BagIt-Version : 1.0\nTag-File-Character-Encoding: UTF-8\n",
                          "BagIt-Version: 1.0 \nTag-File-Character-Encoding: UTF-8\n",
                          "BagIt-Version: .97\nTag-File-Character-Encoding: UTF-8\n", "BagIt-Version: 1.0\n"}) {
    Put(bag, "bagit.txt", bad);
    BOOST_TEST(!ValidateBag(bag, BagMode::BagItOnly)->valid, bad);
  }
  fs::remove(bag / "bagit.txt");
  BOOST_TEST(!ValidateBag(bag, BagMode::BagItOnly)->valid);
}

#ifndef _WIN32
BOOST_AUTO_TEST_CASE(bagit_txt_that_is_a_pipe_or_a_link_is_refused_without_reading_it) {
  TempFolder t;
  auto bag = HandBag(t.Path() / "bag", {{"data/a.txt", "hello"}});
  // A named pipe would block the validator for ever (nothing ever writes to it).
  MakeFifo(bag / "bagit.txt");
  BagReport report;
  const bool finished =
      FinishesWithoutTheFifo(bag / "bagit.txt", [&] { report = ValidateBag(bag, BagMode::BagItOnly).Value(); });
  BOOST_TEST(finished, "ValidateBag blocked on a named pipe");
  BOOST_TEST(!report.valid);
  BOOST_TEST(Mentions(report.problems, "bagit.txt is not a regular file"), FirstProblem(report));
  // A link to a file outside the bag is not followed.
  fs::remove(bag / "bagit.txt");
  Put(t.Path(), "outside.txt", "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
  fs::create_symlink(t.Path() / "outside.txt", bag / "bagit.txt");
  report = ValidateBag(bag, BagMode::BagItOnly).Value();
  BOOST_TEST(!report.valid);
  BOOST_TEST(Mentions(report.problems, "bagit.txt is not a regular file"), FirstProblem(report));
}
#endif

BOOST_AUTO_TEST_CASE(writer_output_is_a_valid_platedesk_bag_and_sha512sum_format) {
  TempFolder t;
  auto w = BagWriter::Create(t.Path() / "bag");
  BOOST_REQUIRE(w.Ok());
  BOOST_REQUIRE(w->AddPayload("reads.csv", "id,plate\n1,ABC123\n").Ok());
  BOOST_REQUIRE(w->AddPayload("images/x.jpg", "\xFF\xD8\xFF\xD9").Ok());
  BOOST_REQUIRE(w->AddTagFile("platedesk-key.txt", "key\n").Ok());
  BOOST_TEST(!w->AddPayload("../escape", "x").Ok());
  BOOST_TEST(!w->AddPayload("reads.csv", "again").Ok());
  auto files = w->Finish({{"Source-Organization", "Test PD", 0}, {"External-Identifier", "2026-000123", 0}});
  BOOST_REQUIRE(files.Ok());
  BOOST_REQUIRE(w->AddExtraTagFile("platedesk-signature.txt", "sig\n").Ok());
  auto r = ValidateBag(t.Path() / "bag", BagMode::PlateDesk).Value();
  BOOST_TEST(r.valid, FirstProblem(r));
  auto info = ReadFile(t.Path() / "bag/bag-info.txt").Value();
  BOOST_TEST(info.find("Payload-Oxum: 22.2\n") != std::string::npos);
  auto manifest = ReadFile(t.Path() / "bag/manifest-sha512.txt").Value();
  BOOST_TEST(manifest.find("  data/images/x.jpg\n") != std::string::npos);  // two spaces: sha512sum -c reads it
  BOOST_TEST(!BagWriter::Create(t.Path() / "bag").Ok());
}

BOOST_AUTO_TEST_CASE(writer_passes_on_an_injected_write_failure) {
  TempFolder t;
  auto w = BagWriter::Create(t.Path() / "bag", [](std::string_view rel) -> Status {
    if (rel == "data/second.txt") return Fail(ErrorCode::Io, "the medium is full");
    return {};
  });
  BOOST_REQUIRE(w.Ok());
  BOOST_REQUIRE(w->AddPayload("first.txt", "1").Ok());
  auto st = w->AddPayload("second.txt", "2");
  BOOST_REQUIRE(!st.Ok());
  BOOST_TEST(st.Err().message == "the medium is full");
}

BOOST_AUTO_TEST_SUITE_END()
