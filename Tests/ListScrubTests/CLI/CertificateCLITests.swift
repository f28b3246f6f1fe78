import Foundation
import Testing

@testable import ListScrub

/// `scrub audit certificate` and `audit verify-certificate` (issue 20, item 2), as a user runs
/// them: a signed certificate of a real run verifies; a changed page, a changed data section, a
/// wrong key or another database's run is refused with exit 65.
@Suite struct CertificateCLITests {
  /// A database with run 1 (`leads.csv`, one number listed by us-ftc) and an Ed25519 key pair
  /// `key.pem` / `key.pub.pem`.
  static func prepared(leads: String = "name,phone\nA,201-234-5678\nB,201-222-3333\n") throws -> TestDirectory
  {
    let dir = try TestDirectory()
    try ScrubBinary.importRegistry(in: dir)
    try dir.write("leads.csv", leads)
    let clean = try ScrubBinary.run(["clean", "leads.csv", "-o", "out.csv", "--quiet"], in: dir)
    #expect(clean.status == 0, "\(clean.stderr)")
    try CertificateTests.keyPair("key", in: dir)
    return dir
  }

  static func read(_ dir: TestDirectory, _ name: String) throws -> String {
    try String(contentsOf: dir.url.appendingPathComponent(name), encoding: .utf8)
  }

  @Test func aSignedCertificateVerifies() throws {
    let dir = try Self.prepared()
    defer { dir.remove() }
    let made = try ScrubBinary.run(
      ["audit", "certificate", "1", "-o", "cert.html", "--sign", "key.pem"], in: dir)
    #expect(made.status == 0, "\(made.stderr)")
    #expect(made.stderr.hasPrefix("scrub: wrote the certificate of run 1 to cert.html, signed by sha256:"))
    let html = try Self.read(dir, "cert.html")
    let sig = try Self.read(dir, "cert.html.sig")
    #expect(sig.hasPrefix("scrub-certificate-signature 1\nalgorithm ed25519\n"))
    // The run's hashes, from its record.
    let record = try #require(try Store.open(at: dir.database, create: false).runs().first)
    for hash in [record.input.sha256, record.clean.sha256, record.sources[0].fileSHA256[0]] {
      #expect(html.contains(hash))
    }
    #expect(!html.contains("2342345678") && !html.contains("234-5678"))
    // No temporary file is left beside them.
    let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
    #expect(!files.contains { $0.hasSuffix(".tmp") }, "\(files)")

    let byKey = try ScrubBinary.run(
      ["audit", "verify-certificate", "cert.html", "--key", "key.pub.pem"], in: dir)
    #expect(byKey.status == 0, "\(byKey.stderr)")
    #expect(byKey.stdout.hasPrefix("cert.html: certifies run 1: every check holds\n"))
    #expect(byKey.stdout.contains("signature: good, by the key you gave (sha256:"))
    #expect(byKey.stdout.contains("page: every byte is what this scrub writes"))
    // The private key serves as --key too (its public half); without --key, the .sig's own key.
    let byPrivate = try ScrubBinary.run(
      ["audit", "verify-certificate", "cert.html", "--key", "key.pem"], in: dir)
    #expect(byPrivate.status == 0, "\(byPrivate.stderr)")
    let embedded = try ScrubBinary.run(["audit", "verify-certificate", "cert.html"], in: dir)
    #expect(embedded.status == 0, "\(embedded.stderr)")
    #expect(embedded.stdout.contains("by the key in the signature file"))
    // Writing it again gives the same bytes (the page is a function of the record).
    let again = try ScrubBinary.run(["audit", "certificate", "1", "-o", "again.html", "--quiet"], in: dir)
    #expect(again.status == 0, "\(again.stderr)")
    #expect(try Self.read(dir, "again.html") == html)
  }

  @Test func aChangedPageFailsItsSignatureAndTheDatabase() throws {
    let dir = try Self.prepared()
    defer { dir.remove() }
    #expect(
      try ScrubBinary.run(["audit", "certificate", "1", "-o", "cert.html", "--sign", "key.pem"], in: dir)
        .status == 0)
    let html = try Self.read(dir, "cert.html")
    // The visible count of kept rows changes; the data section stays as it was.
    let tampered = html.replacingOccurrences(
      of: "<tr><td>kept</td><td class=\"n\">1</td></tr>", with: "<tr><td>kept</td><td class=\"n\">2</td></tr>"
    )
    #expect(tampered != html)
    try dir.write("cert.html", tampered)
    let signed = try ScrubBinary.run(
      ["audit", "verify-certificate", "cert.html", "--key", "key.pub.pem"], in: dir)
    #expect(signed.status == 65)
    #expect(
      signed.stderr.contains("cert.html: bad signature: the file was changed after it was signed"),
      "\(signed.stderr)")
    // Without the signature, the database still catches it.
    let unsigned = try ScrubBinary.run(["audit", "verify-certificate", "cert.html", "--unsigned"], in: dir)
    #expect(unsigned.status == 65)
    #expect(unsigned.stderr.contains("its page was changed outside the data section"), "\(unsigned.stderr)")
  }

  @Test func aChangedDataSectionIsRefused() throws {
    let dir = try Self.prepared()
    defer { dir.remove() }
    #expect(try ScrubBinary.run(["audit", "certificate", "1", "-o", "cert.html"], in: dir).status == 0)
    let html = try Self.read(dir, "cert.html")
    let tampered = html.replacingOccurrences(of: "\"rows_kept\" : 1", with: "\"rows_kept\" : 2")
    #expect(tampered != html)
    try dir.write("cert.html", tampered)
    let r = try ScrubBinary.run(["audit", "verify-certificate", "cert.html", "--unsigned"], in: dir)
    #expect(r.status == 65)
    #expect(r.stderr.contains("cert.html: its data section was changed"), "\(r.stderr)")
    // The header's hash changed along with it: the database no longer agrees.
    let section = try #require(tampered.range(of: "id=\"data\">\n")).upperBound
    let end = try #require(tampered.range(of: "\n</script>")).lowerBound
    let newHash = SHA256.hex(of: Array(tampered[section..<end].utf8))
    let oldHash = try CertificatePage.parse(html, path: "x").declaredDataSHA256
    try dir.write("cert.html", tampered.replacingOccurrences(of: oldHash, with: newHash))
    let rehashed = try ScrubBinary.run(["audit", "verify-certificate", "cert.html", "--unsigned"], in: dir)
    #expect(rehashed.status == 65)
    #expect(rehashed.stderr.contains("cert.html: no longer matches run 1 in"), "\(rehashed.stderr)")
    #expect(rehashed.stderr.contains(": counts differ"), "\(rehashed.stderr)")
  }

  @Test func aPageByAnotherVersionIsComparedByItsData() throws {
    let dir = try Self.prepared()
    defer { dir.remove() }
    #expect(try ScrubBinary.run(["audit", "certificate", "1", "-o", "cert.html"], in: dir).status == 0)
    let html = try Self.read(dir, "cert.html")
    let older = html.replacingOccurrences(
      of: "<meta name=\"generator\" content=\"scrub \(ToolInfo.version)\">",
      with: "<meta name=\"generator\" content=\"scrub 0.0.1\">")
    #expect(older != html)
    try dir.write("cert.html", older)
    let r = try ScrubBinary.run(["audit", "verify-certificate", "cert.html", "--unsigned"], in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stdout.contains("page: written by scrub 0.0.1, not this scrub: only the data section"), "\(r.stdout)")
    // Its data is still held to the database.
    try dir.write("cert.html", older.replacingOccurrences(of: "\"rows_read\" : 2", with: "\"rows_read\" : 3"))
    let changed = try ScrubBinary.run(["audit", "verify-certificate", "cert.html", "--unsigned"], in: dir)
    #expect(changed.status == 65)
  }

  @Test func aWrongKeyFails() throws {
    let dir = try Self.prepared()
    defer { dir.remove() }
    try CertificateTests.keyPair("other", in: dir)
    #expect(
      try ScrubBinary.run(["audit", "certificate", "1", "-o", "cert.html", "--sign", "other.pem"], in: dir)
        .status == 0)
    let r = try ScrubBinary.run(
      ["audit", "verify-certificate", "cert.html", "--key", "key.pub.pem"], in: dir)
    #expect(r.status == 65)
    #expect(r.stderr.contains("cert.html.sig: signed by key sha256:"), "\(r.stderr)")
    #expect(r.stderr.contains("not by the key --key names"), "\(r.stderr)")
    // The signature file's own key still proves the file unchanged: it is not the trusted one.
    let embedded = try ScrubBinary.run(["audit", "verify-certificate", "cert.html"], in: dir)
    #expect(embedded.status == 0, "\(embedded.stderr)")
    #expect(embedded.stdout.contains("pass --key PUB.pem to check that it is the one you trust"))
  }

  @Test func anotherDatabasesRunDoesNotMatch() throws {
    let dir = try Self.prepared()
    defer { dir.remove() }
    let other = try Self.prepared(leads: "name,phone\nC,201-222-4444\n")
    defer { other.remove() }
    #expect(
      try ScrubBinary.run(["audit", "certificate", "1", "-o", "cert.html", "--sign", "key.pem"], in: dir)
        .status == 0)
    let r = try ScrubBinary.run(
      ["audit", "verify-certificate", "cert.html", "--key", "key.pub.pem", "--db", other.database], in: dir)
    #expect(r.status == 65)
    #expect(r.stderr.contains("cert.html: no longer matches run 1 in \(other.database):"), "\(r.stderr)")
    #expect(r.stderr.contains("record_sha256"), "\(r.stderr)")
    #expect(!r.stderr.contains("2012224444") && !r.stderr.contains("222-4444"))
    // A run the database does not hold.
    let empty = try TestDirectory()
    defer { empty.remove() }
    try ScrubBinary.importRegistry(in: empty)
    let missing = try ScrubBinary.run(
      ["audit", "verify-certificate", "cert.html", "--unsigned", "--db", empty.database], in: dir)
    #expect(missing.status == 65)
    #expect(
      missing.stderr.contains("certifies run 1, which \(empty.database) does not hold"), "\(missing.stderr)")
  }

  @Test func badArgumentsAndKeys() throws {
    let dir = try Self.prepared()
    defer { dir.remove() }
    let noRun = try ScrubBinary.run(["audit", "certificate", "9", "-o", "cert.html"], in: dir)
    #expect(noRun.status == 64)
    #expect(noRun.stderr.contains("no scrub run 9"))
    try dir.write("bad.pem", "-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----\n")
    let badKey = try ScrubBinary.run(
      ["audit", "certificate", "1", "-o", "cert.html", "--sign", "bad.pem"], in: dir)
    #expect(badKey.status == 65)
    #expect(
      badKey.stderr.contains("bad.pem: not an unencrypted Ed25519 private key in PEM"), "\(badKey.stderr)")
    #expect(badKey.stderr.contains("openssl genpkey -algorithm ed25519"))
    #expect(!FileManager.default.fileExists(atPath: dir.path + "/cert.html"))
    let noKey = try ScrubBinary.run(
      ["audit", "certificate", "1", "-o", "cert.html", "--sign", "none.pem"], in: dir)
    #expect(noKey.status == 66)
    let toStdout = try ScrubBinary.run(
      ["audit", "certificate", "1", "-o", "-", "--sign", "key.pem"], in: dir)
    #expect(toStdout.status == 64)
    let plain = try ScrubBinary.run(["audit", "certificate", "1", "-o", "-"], in: dir)
    #expect(plain.status == 0)
    #expect(plain.stdout.hasPrefix("<!DOCTYPE html>"))
    let overDB = try ScrubBinary.run(["audit", "certificate", "1", "-o", dir.database], in: dir)
    #expect(overDB.status == 64)
    // verify-certificate: no signature beside it, --unsigned with --key, a file that is not one.
    #expect(try ScrubBinary.run(["audit", "certificate", "1", "-o", "cert.html"], in: dir).status == 0)
    let unsignedFile = try ScrubBinary.run(["audit", "verify-certificate", "cert.html"], in: dir)
    #expect(unsignedFile.status == 66)
    #expect(unsignedFile.stderr.contains("cert.html.sig"), "\(unsignedFile.stderr)")
    #expect(unsignedFile.stderr.contains("--unsigned"), "\(unsignedFile.stderr)")
    let both = try ScrubBinary.run(
      ["audit", "verify-certificate", "cert.html", "--unsigned", "--key", "k"], in: dir)
    #expect(both.status == 64)
    let notOne = try ScrubBinary.run(["audit", "verify-certificate", "leads.csv", "--unsigned"], in: dir)
    #expect(notOne.status == 65)
    #expect(notOne.stderr.contains("leads.csv: not a certificate of scrub"), "\(notOne.stderr)")
    let ok = try ScrubBinary.run(["audit", "verify-certificate", "cert.html", "--unsigned"], in: dir)
    #expect(ok.status == 0, "\(ok.stderr)")
    #expect(ok.stdout.contains("signature: not checked (--unsigned)"))
    // --quiet: the exit status alone tells.
    let quiet = try ScrubBinary.run(
      ["audit", "verify-certificate", "cert.html", "--unsigned", "--quiet"], in: dir)
    #expect(quiet.status == 0 && quiet.stdout.isEmpty && quiet.stderr.isEmpty, "\(quiet)")
    let quietMade = try ScrubBinary.run(["audit", "certificate", "1", "-o", "q.html", "--quiet"], in: dir)
    #expect(quietMade.status == 0 && quietMade.stderr.isEmpty, "\(quietMade.stderr)")
  }
}
