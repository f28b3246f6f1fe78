import Foundation
import Testing

@testable import ListScrub

/// The certificate of scrub: its data section (golden), its page (escaping, no clear number, no
/// script), reading it back, and the Ed25519 signature beside it.
@Suite struct CertificateTests {
  static let folder = GoldenTests.root.deletingLastPathComponent().appendingPathComponent("certificate")

  /// `Fixtures/certificate/run.json`: a hand-made record with every part a certificate shows (two
  /// more sources, one guessed and one corrected, a consultation, EBR overrides, a user's rules
  /// file) and hostile text (a campaign with `<script>` and a number, a `--where` with one).
  static func fixture() throws -> (record: RunRecord, document: String) {
    let document = try String(contentsOf: folder.appendingPathComponent("run.json"), encoding: .utf8)
    return (try JSONDecoder().decode(RunRecord.self, from: Data(document.utf8)), document)
  }

  static func page() throws -> CertificatePage {
    let (record, document) = try fixture()
    return CertificatePage(
      generator: "scrub 0.1.0", database: "/data/<scrub> & \"co\".db",
      data: CertificateData(record: record, document: document))
  }

  /// `SCRUB_UPDATE_GOLDEN=1 swift test --filter Certificate` rewrites `data.json`.
  @Test func theDataSectionIsGolden() throws {
    let (record, document) = try Self.fixture()
    let json = try CertificateData(record: record, document: document).canonicalJSON()
    let expectedURL = Self.folder.appendingPathComponent("data.json")
    if ProcessInfo.processInfo.environment["SCRUB_UPDATE_GOLDEN"] == "1" {
      try Data((json + "\n").utf8).write(to: expectedURL)
      return
    }
    let expected = try String(contentsOf: expectedURL, encoding: .utf8)
    #expect(json + "\n" == expected, "data.json differs:\n\(json)")
  }

  @Test func theDataIsTheRecordsAndBoundToItsText() throws {
    let (record, document) = try Self.fixture()
    let data = CertificateData(record: record, document: document)
    #expect(data.recordSHA256 == SHA256.hex(of: Array(document.utf8)))
    #expect(CertificateData(record: record, document: document + " ").recordSHA256 != data.recordSHA256)
    #expect(data.files.map(\.role) == ["input", "clean", "suppressed"])
    #expect(
      data.files.map(\.sha256) == [record.input.sha256, record.clean.sha256, record.suppressed!.sha256])
    #expect(data.snapshots.map(\.fileSHA256) == record.sources.map(\.fileSHA256))
    #expect(data.snapshots.map(\.downloadedAtNote) == ["", "guessed", "corrected (correction 4)"])
    #expect(data.consultations.map(\.id) == [7])
    #expect(data.ledger == record.ledger)
    #expect(data.counts.rowsDroppedByReason == ["internal_dnc": 3, "registry_dnc": 4])
    #expect(data.counts.numbersKept == 6)
    // The consultation's expiry comes before the snapshot's maximum age.
    #expect(data.callableUntil == "2026-12-21T10:00:00Z")
    #expect(data.callableUntilDetail.contains("es-robinson consultation 7"))
  }

  @Test func anOldRecordGivesWhatItHas() throws {
    var (record, _) = try Self.fixture()
    record.ledger = nil
    record.callableUntil = .notRecorded
    record.suppressed = nil
    record.consultations = nil
    let document = try JSONText.encode(record)
    let page = CertificatePage(
      generator: "scrub 0.1.0", database: "scrub.db",
      data: CertificateData(record: record, document: document))
    let json = try page.data.canonicalJSON()
    #expect(json.contains("\"ledger\" : null"))
    #expect(json.contains("\"consultations\" : []"))
    let html = try page.html()
    #expect(html.contains("none recorded (a run made before the ledger existed)"))
    #expect(html.contains("No suppressed file was written."))
    #expect(html.contains("(derived from the recorded snapshots: the run predates callable_until)"))
    #expect(!html.contains("Consultations relied on"))
  }

  @Test(arguments: [
    ("phone != '+1 (201) 555-0188'", "phone != '+* (***) ***-0188'"),
    ("+34 912 345 678", "+** *** **5 678"),
    ("roofing-3125550199", "roofing-******0199"),
    ("leads 2026-11-20.csv", "leads 2026-11-20.csv"),
    ("rules 2026.12.03", "rules 2026.12.03"),
    ("/srv/2026/11/20/batch-12.csv", "/srv/2026/11/20/batch-12.csv"),
    ("v1.2 (2026) x", "v1.2 (2026) x"),
    ("555-0123", "***-0123"),
    ("ext 555-012", "ext 555-012"),
    ("", ""),
  ])
  func numbersInFreeTextAreMasked(_ text: String, _ expected: String) {
    #expect(CertificateData.masked(text) == expected)
  }

  @Test func hostileValuesAreShownNotInterpreted() throws {
    let html = try Self.page().html()
    #expect(!html.contains("<script>alert"))
    #expect(!html.contains("<b>"))
    #expect(!html.contains("<scrub>"))
    #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; ***-***-0123"))
    #expect(html.contains("content=\"/data/&lt;scrub&gt; &amp; &quot;co&quot;.db\""))
    // One script element, the data section's (JSON, which no browser runs), and no active content.
    #expect(html.components(separatedBy: "<script").count == 2)
    #expect(html.contains("<script type=\"application/json\" id=\"data\">"))
    for active in [
      "javascript:", " onload", " onclick", "<iframe", "<img", "<link", "@import", "url(", "http:", "https:",
    ] {
      #expect(!html.contains(active), "the page holds \(active)")
    }
    // The data section keeps the value whole (masked), escaped only as JSON.
    let parts = try CertificatePage.parse(html, path: "cert.html")
    #expect(
      parts.dataSection.contains(#"\u003cscript\u003ealert(\"x\")\u003c/script\u003e \u0026 ***-***-0123"#))
    #expect(parts.database == "/data/<scrub> & \"co\".db")
    struct Settings: Decodable { var settings: [[String: String]] }
    let decoded = try JSONDecoder().decode(Settings.self, from: Data(parts.dataSection.utf8))
    #expect(
      decoded.settings.contains(["name": "campaign", "value": "<script>alert(\"x\")</script> & ***-***-0123"])
    )
  }

  @Test func htmlEscapesEveryMarkupCharacter() {
    #expect(Html.escape(#"<a href="x">&'</a>"#) == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;")
    #expect(Html.escape("tab\tline\nbell\u{07}del\u{7F}é") == "tab\tline\nbell\u{FFFD}del\u{FFFD}é")
    var html = Html()
    html.element("td", ["title": "\"><script>"], text: "</td><script>")
    #expect(html.text == "<td title=\"&quot;&gt;&lt;script&gt;\">&lt;/td&gt;&lt;script&gt;</td>")
  }

  @Test func noClearNumberIsPrinted() throws {
    let (record, document) = try Self.fixture()
    let page = CertificatePage(
      generator: "scrub 0.1.0", database: "/srv/2015550177/scrub.db",
      data: CertificateData(record: record, document: document))
    #expect(page.database == "/srv/******0177/scrub.db")
    // Masking is idempotent: a page read back and written again keeps its database as shown.
    #expect(CertificateData.masked(page.database) == page.database)
    let html = try page.html()
    #expect(!html.contains("2015550177"))
    for number in ["2015550123", "201-555-0123", "555-0188", "2015550188"] {
      #expect(!html.contains(number))
    }
    // Past hashes, nothing in the page reads as a phone number: masking it again changes nothing.
    let hashes = try Regex("[0-9a-f]{64}")
    let withoutHashes = html.replacing(hashes, with: "#")
    #expect(CertificateData.masked(withoutHashes) == withoutHashes)
  }

  @Test func thePagePrintsCleanly() throws {
    let html = try Self.page().html()
    #expect(html.contains("@media print"))
    #expect(html.contains("@page { margin:"))
    #expect(html.contains("break-inside: avoid; page-break-inside: avoid;"))
    #expect(html.contains("thead { display: table-header-group; }"))
    for id in ["files", "snapshots", "rules", "counts"] {
      #expect(html.contains("<section id=\"\(id)\">"))
    }
    #expect(html.contains("<footer id=\"data-section\">"))
  }

  @Test func thePageReadsBack() throws {
    let page = try Self.page()
    let html = try page.html()
    let parts = try CertificatePage.parse(html, path: "cert.html")
    #expect(parts.runID == 1)
    #expect(parts.generator == "scrub 0.1.0")
    #expect(parts.dataSection == (try page.data.canonicalJSON()))
    #expect(parts.declaredDataSHA256 == SHA256.hex(of: Array(parts.dataSection.utf8)))
    #expect(html.contains(parts.declaredDataSHA256))
  }

  @Test func aChangedDataSectionIsRefused() throws {
    let html = try Self.page().html()
    let tampered = html.replacingOccurrences(of: "\"rows_kept\" : 6", with: "\"rows_kept\" : 7")
    #expect(tampered != html)
    #expect {
      try CertificatePage.parse(tampered, path: "cert.html")
    } throws: { error in
      guard case .refused(let message, _) = error as? ScrubError else { return false }
      return message.description.contains("cert.html: its data section was changed")
    }
    #expect {
      try CertificatePage.parse("<html>hello</html>", path: "x.html")
    } throws: { error in
      (error as? ScrubError)?.exitStatus == .dataError
    }
  }

  // MARK: - Signatures

  /// Runs the openssl command line in `dir` (keys are made as a user would make them).
  static func openssl(_ arguments: [String], in dir: TestDirectory) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["openssl"] + arguments
    process.currentDirectoryURL = dir.url
    process.standardError = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "openssl \(arguments.joined(separator: " "))")
  }

  /// An Ed25519 key pair in `dir`: `name.pem` and `name.pub.pem`.
  static func keyPair(_ name: String, in dir: TestDirectory) throws -> (
    privatePEM: [UInt8], publicPEM: [UInt8]
  ) {
    try openssl(["genpkey", "-algorithm", "ed25519", "-out", "\(name).pem"], in: dir)
    try openssl(["pkey", "-in", "\(name).pem", "-pubout", "-out", "\(name).pub.pem"], in: dir)
    return (
      try CertificateCheck.readFile(dir.path + "/\(name).pem"),
      try CertificateCheck.readFile(dir.path + "/\(name).pub.pem")
    )
  }

  @Test func signAndVerifyRoundTrip() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let (privatePEM, publicPEM) = try Self.keyPair("signer", in: dir)
    let (other, otherPublic) = try Self.keyPair("other", in: dir)
    let message = Array(try Self.page().html().utf8)
    let signed = try CertificateSignature.sign(message, privateKeyPEM: privatePEM, keyPath: "signer.pem")
    let publicKey = try Ed25519.publicKey(pem: publicPEM)
    #expect(signed.publicKey == publicKey)
    #expect(try Ed25519.publicKey(pem: privatePEM) == publicKey)
    #expect(Ed25519.verify(signed.signature, of: message, publicKey: publicKey))
    // The signature file reads back as written.
    let read = try CertificateSignature.parse(signed.text, path: "cert.html.sig")
    #expect(read == signed)
    #expect(read.certificateSHA256 == SHA256.hex(of: message))
    // A wrong key fails.
    #expect(
      !Ed25519.verify(signed.signature, of: message, publicKey: try Ed25519.publicKey(pem: otherPublic)))
    let byOther = try CertificateSignature.sign(message, privateKeyPEM: other, keyPath: "other.pem")
    #expect(!Ed25519.verify(byOther.signature, of: message, publicKey: publicKey))
    // A changed byte fails.
    var tampered = message
    tampered[tampered.count / 2] ^= 1
    #expect(!Ed25519.verify(signed.signature, of: tampered, publicKey: publicKey))
    var badSignature = signed.signature
    badSignature[0] ^= 0x80
    #expect(!Ed25519.verify(badSignature, of: message, publicKey: publicKey))
    #expect(!Ed25519.verify(Array(signed.signature.prefix(63)), of: message, publicKey: publicKey))
  }

  @Test func theSignatureIsOpenSSLs() throws {
    // The signature checks with the openssl command line alone, as docs/audit.md shows.
    let dir = try TestDirectory()
    defer { dir.remove() }
    let (privatePEM, _) = try Self.keyPair("signer", in: dir)
    let message = Array(try Self.page().html().utf8)
    let signed = try CertificateSignature.sign(message, privateKeyPEM: privatePEM, keyPath: "signer.pem")
    try dir.write("cert.html", bytes: message)
    try dir.write("cert.sig.bin", bytes: signed.signature)
    try Self.openssl(
      [
        "pkeyutl", "-verify", "-pubin", "-inkey", "signer.pub.pem", "-rawin", "-in", "cert.html", "-sigfile",
        "cert.sig.bin",
      ],
      in: dir)
  }

  @Test func keysThatDoNotServeAreRefused() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try Self.openssl(
      ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ec.pem"], in: dir)
    let ec = try CertificateCheck.readFile(dir.path + "/ec.pem")
    #expect(throws: Ed25519.KeyProblem.notEd25519) { try Ed25519.sign([1, 2, 3], privateKeyPEM: ec) }
    #expect(throws: Ed25519.KeyProblem.unreadable) {
      try Ed25519.sign([1], privateKeyPEM: Array("not a key".utf8))
    }
    try Self.openssl(
      ["genpkey", "-algorithm", "ed25519", "-aes-128-cbc", "-pass", "pass:secret", "-out", "locked.pem"],
      in: dir)
    let locked = try CertificateCheck.readFile(dir.path + "/locked.pem")
    #expect(throws: Ed25519.KeyProblem.unreadable) { try Ed25519.sign([1], privateKeyPEM: locked) }
    #expect(throws: Ed25519.KeyProblem.unreadable) { try Ed25519.publicKey(pem: []) }
    let error = CertificateSignature.keyError(.unreadable, path: "key.pem", kind: "private")
    #expect(error.exitStatus == .dataError)
    #expect(error.description.hasPrefix("key.pem: not an unencrypted Ed25519 private key in PEM"))
  }

  @Test(arguments: [
    ("", 1, "not a certificate signature"),
    ("scrub-certificate-signature 1\nalgorithm rsa\n", 2, "algorithm rsa is not ed25519"),
    (
      "scrub-certificate-signature 1\nalgorithm ed25519\ncertificate-sha256 abc\n", 3, "not 64 lower-case hex"
    ),
    (
      "scrub-certificate-signature 1\nalgorithm ed25519\ncertificate-sha256 \(String(repeating: "a", count: 64))\npublic-key AAAA\n",
      4, "public-key is not 32 bytes"
    ),
    ("scrub-certificate-signature 1\nalgorithm ed25519\nalgorithm ed25519\n", 3, "algorithm given twice"),
  ])
  func badSignatureFilesSayWhere(_ text: String, _ line: Int, _ message: String) {
    #expect {
      try CertificateSignature.parse(text, path: "cert.html.sig")
    } throws: { error in
      guard case .badData(let location, let said, _) = error as? ScrubError else { return false }
      return location == "cert.html.sig:\(line)" && said.description.contains(message)
    }
  }
}
