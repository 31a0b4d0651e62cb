// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/audit/SignedNote.h"

#include <boost/test/unit_test.hpp>

using namespace platedesk;
using namespace platedesk::audit;

namespace {
// The example key and note of the Go reference implementation (golang.org/x/mod/sumdb/note).
const std::string kVkey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
const std::string kSkey = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
const std::string kText =
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n";
const std::string kSigLine =
    "\xE2\x80\x94 PeterNeumann "
    "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
}  // namespace

BOOST_AUTO_TEST_SUITE(SignedNoteTest)

BOOST_AUTO_TEST_CASE(SignsTheGoReferenceNoteByteForByte) {
  auto signer = NoteSigner::Parse(kSkey);
  BOOST_REQUIRE(signer.Ok());
  BOOST_TEST(signer->Verifier().Encode() == kVkey);
  BOOST_TEST(signer->Verifier().keyId == 0xc74f20a3u);
  BOOST_TEST(signer->Encode() == kSkey);
  auto note = signer->Sign(kText);
  BOOST_REQUIRE(note.Ok());
  BOOST_TEST(*note == kText + "\n" + kSigLine);
}

BOOST_AUTO_TEST_CASE(VerifiesTheGoReferenceNoteAndRejectsAnyChange) {
  auto key = ParseVerifierKey(kVkey);
  BOOST_REQUIRE(key.Ok());
  BOOST_TEST(NoteKeyId("PeterNeumann", key->publicKey) == 0xc74f20a3u);
  auto note = ParseSignedNote(kText + "\n" + kSigLine);
  BOOST_REQUIRE(note.Ok());
  BOOST_TEST(note->text == kText);
  BOOST_REQUIRE_EQUAL(note->signatures.size(), 1u);
  BOOST_TEST(HasValidSignature(*note, *key));
  auto changed = ParseSignedNote(
      "If you think cryptographY is the answer to your problem,\n"
      "then you don't know what your problem is.\n\n" +
      kSigLine);
  BOOST_REQUIRE(changed.Ok());
  BOOST_TEST(!HasValidSignature(*changed, *key));
  NoteVerifier renamed = *key;
  renamed.name = "PeterNeumann2";
  BOOST_TEST(!HasValidSignature(*note, renamed));
}

BOOST_AUTO_TEST_CASE(RejectsMangledVerifierKeys) {
  BOOST_TEST(!ParseVerifierKey("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW").Ok());
  BOOST_TEST(!ParseVerifierKey("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T").Ok());
  BOOST_TEST(!ParseVerifierKey("PeterNeumann+c74f20a3+AhBc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW").Ok());
  BOOST_TEST(!ParseVerifierKey("Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW").Ok());
  BOOST_TEST(!ParseVerifierKey("PeterNeumann+c74f20a3").Ok());
  BOOST_TEST(!ParseVerifierKey(kVkey + "+x").Ok());
}

BOOST_AUTO_TEST_CASE(RejectsMalformedNotes) {
  BOOST_TEST(!ParseSignedNote(kText).Ok());                                                   // no blank line
  BOOST_TEST(!ParseSignedNote(kText + "\n").Ok());                                            // no signature
  BOOST_TEST(!ParseSignedNote(kText + "\n- PeterNeumann x08go/ZJku=\n").Ok());                // hyphen, not em dash
  BOOST_TEST(!ParseSignedNote(kText + "\n" + kSigLine.substr(0, kSigLine.size() - 1)).Ok());  // no newline
  BOOST_TEST(!ParseSignedNote(kText + "\n\xE2\x80\x94 PeterNeumann !!!!\n").Ok());            // not base64
}

BOOST_AUTO_TEST_CASE(RefusesToSignTextThatIsNotAValidNoteBody) {
  auto signer = NoteSigner::Generate("platedesk.local/x");
  BOOST_REQUIRE(signer.Ok());
  BOOST_TEST(!signer->Sign("no newline").Ok());
  BOOST_TEST(!signer->Sign("a\n\nb\n").Ok());
  BOOST_TEST(!signer->Sign("tab\there\n").Ok());
  BOOST_TEST(!signer->Sign("").Ok());
  BOOST_TEST(signer->Sign("fine\n").Ok());
  BOOST_TEST(!NoteSigner::Generate("bad name").Ok());
  BOOST_TEST(!NoteSigner::Generate("bad+name").Ok());
}

BOOST_AUTO_TEST_CASE(GeneratedKeysRoundTripAndSignVerifiably) {
  auto a = NoteSigner::Generate("platedesk.local/abc");
  auto b = NoteSigner::Generate("platedesk.local/abc");
  BOOST_REQUIRE(a.Ok() && b.Ok());
  BOOST_TEST(a->Verifier().Encode() != b->Verifier().Encode());
  auto again = NoteSigner::Parse(a->Encode() + "\n");
  BOOST_REQUIRE(again.Ok());
  BOOST_TEST(again->Verifier().Encode() == a->Verifier().Encode());
  auto note = ParseSignedNote(*again->Sign("hello\n"));
  BOOST_REQUIRE(note.Ok());
  BOOST_TEST(HasValidSignature(*note, a->Verifier()));
  BOOST_TEST(!HasValidSignature(*note, b->Verifier()));
  NoteSigner moved = std::move(*a);
  BOOST_TEST(moved.Sign("still works\n").Ok());
}

BOOST_AUTO_TEST_SUITE_END()
