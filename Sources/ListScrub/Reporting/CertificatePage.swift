import Foundation

/// The certificate of scrub as one self-contained HTML page: no script, no network, no external
/// font or image; the style inline, with print rules for A4 and Letter. The page is a function of
/// its data (``CertificateData``) and its header (the tool that wrote it, the database), so
/// `audit verify-certificate` can write it again and compare every byte.
public struct CertificatePage: Equatable, Sendable {
  /// `scrub 0.1.0`: the tool that wrote the page (not part of the data: a newer tool derives
  /// the same data from the same record).
  public var generator: String
  /// The database the run was read from, as the command was given it, its numbers masked
  /// (``CertificateData/masked(_:)``, which leaves a masked path as it is).
  public var database: String
  public var data: CertificateData

  public init(generator: String, database: String, data: CertificateData) {
    self.generator = generator
    self.database = CertificateData.masked(database)
    self.data = data
  }

  /// The element that holds the data section, and its end.
  static let dataOpen = "<script type=\"application/json\" id=\"data\">"
  static let dataClose = "</script>"

  /// The page's bytes.
  public func html() throws -> String {
    let json = try data.canonicalJSON()
    let digest = SHA256.hex(of: Array(json.utf8))
    let d = data
    var h = Html()
    h.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n")
    h.open("meta", ["charset": "utf-8"])
    h.raw("\n")
    h.open("meta", ["name": "generator", "content": generator])
    h.raw("\n")
    h.open("meta", ["name": "scrub-database", "content": database])
    h.raw("\n")
    h.open("meta", ["name": "scrub-data-sha256", "content": digest])
    h.raw("\n")
    h.element("title", text: "Certificate of scrub: run \(d.runID)")
    h.raw("\n<style>\n\(Self.style)</style>\n</head>\n<body>\n")

    h.element("header") { h in
      h.element("h1", text: "Certificate of scrub: run \(d.runID)")
      h.element("dl") { h in
        for (name, value) in [
          ("Run", "\(d.runID), started \(d.startedAt), finished \(d.finishedAt)"),
          ("Database", database),
          ("Tool", "\(generator) (the run: scrub \(d.toolVersion), NANP data \(d.nanpData))"),
          ("Ledger position", Self.ledgerText(d.ledger)),
          ("Callable until", d.callableUntilDetail),
          ("Record SHA-256", d.recordSHA256),
          ("Data SHA-256", digest),
        ] {
          h.element("dt", text: name)
          h.element("dd", name.hasSuffix("SHA-256") ? ["class": "hash"] : [:], text: value)
        }
      }
    }
    h.raw("\n")

    h.section("files", "Input and outputs") { h in
      h.table(
        ["FILE", "PATH", "ROWS", "SHA-256"],
        d.files.map { [$0.role, $0.path, Formatting.count($0.rows), $0.sha256] }, numeric: [2],
        classes: [1: "path", 3: "sha"])
      if !d.files.contains(where: { $0.role == "suppressed" }) {
        h.element("p", text: "No suppressed file was written.")
      }
    }

    h.section("snapshots", "Registry snapshots used") { h in
      if d.snapshots.isEmpty {
        h.element("p", text: "None: the run used no registry.")
      } else {
        h.table(
          ["SOURCE", "KIND", "COUNTRY", "SNAPSHOT", "DOWNLOADED", "AGE", "MAX AGE", "STALE", "AREA CODES"],
          d.snapshots.map { s in
            [
              s.source, s.kind, s.country, "\(s.snapshotID) (seq \(s.snapshotSeq))",
              s.downloadedAt + (s.downloadedAtNote.isEmpty ? "" : " (\(s.downloadedAtNote))"),
              "\(s.ageDays) d", s.maxAgeDays.map { "\($0) d" } ?? "none", s.stale ? "yes" : "no", s.areaCodes,
            ]
          }, numeric: [5, 6])
        h.table(
          ["SOURCE", "FILE SHA-256"],
          d.snapshots.flatMap { s in s.fileSHA256.map { [s.source, $0] } }, classes: [1: "sha"])
      }
      if !d.consultations.isEmpty {
        h.element("h3", text: "Consultations relied on")
        h.table(
          ["SOURCE", "ID", "COUNTRY", "ANSWERED", "EXPIRES", "EXPIRED", "DECIDED", "FILE SHA-256"],
          d.consultations.map { c in
            [
              c.source, "\(c.id)", c.country, c.answeredAt, c.expiresAt ?? "never", c.expired ? "yes" : "no",
              Formatting.count(c.numbersDecided), c.fileSHA256,
            ]
          }, numeric: [1, 6], classes: [7: "hash"])
      }
    }

    h.section("rules", "Rules applied") { h in
      // Two settings a row: the list fits a page.
      let pairs = stride(from: 0, to: d.settings.count, by: 2).map { i in
        [d.settings[i].name, d.settings[i].value]
          + (i + 1 < d.settings.count ? [d.settings[i + 1].name, d.settings[i + 1].value] : ["", ""])
      }
      h.table(["SETTING", "VALUE", "SETTING", "VALUE"], pairs)
      h.element("p") { h in
        h.text("Stages, in order: ")
        h.element("span", ["class": "hash"], text: d.rules.joined(separator: ", "))
      }
    }

    h.section("counts", "Counts") { h in
      let c = d.counts
      h.raw("<div class=\"pair\">")
      h.table(
        ["ROWS", "COUNT"],
        [
          ["read", Formatting.count(c.rowsRead)], ["kept", Formatting.count(c.rowsKept)],
          ["dropped", Formatting.count(c.rowsDropped)],
        ] + Self.ranked(c.rowsDroppedByReason).map { ["dropped: \($0.key)", Formatting.count($0.value)] },
        numeric: [1])
      h.table(
        ["NUMBERS", "COUNT"],
        [
          ["checked", Formatting.count(c.numbersChecked)], ["kept", Formatting.count(c.numbersKept)],
          ["suppressed", Formatting.count(c.numbersSuppressed)],
        ] + Self.ranked(c.numbersByReason).map { ["suppressed: \($0.key)", Formatting.count($0.value)] }
          + Self.ranked(c.registrySuppressionsBySource).map {
            ["registry_dnc from \($0.key)", Formatting.count($0.value)]
          }
          + Self.ranked(c.exemptByKind).map {
            ["kept under exemption: \($0.key)", Formatting.count($0.value)]
          },
        numeric: [1])
    }

    h.element(
      "footer", ["id": "data-section"],
      text: "The data of this page is embedded in the file as canonical JSON (keys sorted): its SHA-256"
        + " is the header's Data SHA-256. scrub audit verify-certificate derives it again from the"
        + " database and checks the signature beside the file, when there is one.")
    h.raw("\n")
    h.raw(Self.dataOpen + "\n" + json + "\n" + Self.dataClose + "\n</body>\n</html>\n")
    return h.text
  }

  static func ranked(_ counts: [String: Int]) -> [(key: String, value: Int)] {
    counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
  }

  static func ledgerText(_ ledger: LedgerPosition?) -> String {
    guard let l = ledger else { return "none recorded (a run made before the ledger existed)" }
    return "opt-out event \(l.lastEventID), consent \(l.lastConsentID), ledger batch \(l.lastBatchID),"
      + " correction \(l.lastCorrectionID)"
  }

  /// The page's style: screen and print. Print gives A4 or Letter, whichever the print dialog
  /// chooses (no `size` is forced, which would hide the dialog's choice; the margins and the
  /// fluid width fit both: A4 is the narrower, Letter the shorter), keeps a section, a table row and a heading with what follows on one
  /// page, and repeats a table's header on the next.
  static let style = """
    :root { color-scheme: light; }
    body { font: 9.5pt/1.3 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
      color: #111; margin: 1.5em auto; max-width: 62em; padding: 0 1em; }
    h1 { font-size: 14pt; margin: 0 0 .3em; }
    h2 { font-size: 11pt; margin: .8em 0 .25em; border-bottom: 1px solid #999; }
    h3 { font-size: 10pt; margin: .5em 0 .2em; }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: 0 1em; margin: 0; }
    dt { font-weight: 600; }
    dd { margin: 0; overflow-wrap: anywhere; }
    dd.hash, span.hash, td.hash, td.sha {
      font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 7.5pt; }
    td.sha { white-space: nowrap; }
    .hash, .path, section#rules td:nth-child(even) { overflow-wrap: anywhere; }
    table { border-collapse: collapse; width: 100%; margin: .2em 0 .4em; }
    th, td { border: 1px solid #bbb; padding: .1em .35em; text-align: left; vertical-align: top;
      overflow-wrap: break-word; }
    th { background: #eee; font-weight: 600; font-size: 7.5pt; white-space: nowrap; }
    td:first-child, section#rules td:nth-child(3) { white-space: nowrap; }
    td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    .pair { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1em; align-items: start; }
    footer { margin-top: .8em; font-size: 8pt; color: #444; }
    @page { margin: 12mm 12mm; }
    @media print {
      body { margin: 0; max-width: none; padding: 0; font-size: 8pt; line-height: 1.2; }
      header, section, footer, table, tr, dl { break-inside: avoid; page-break-inside: avoid; }
      h2, h3 { break-after: avoid; page-break-after: avoid; }
      thead { display: table-header-group; }
      th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    }

    """

  /// What a certificate file holds, read back (``parse(_:path:)``).
  public struct Parts: Equatable, Sendable {
    public var generator: String
    public var database: String
    /// The header's Data SHA-256.
    public var declaredDataSHA256: String
    /// The data section's text, exactly.
    public var dataSection: String
    /// The run the data section names.
    public var runID: Int64
  }

  /// Reads back the header and the data section of a certificate file's text; `path` names the
  /// file in errors. A file that is not a certificate, or whose data section does not hash to its
  /// header's, is refused (exit 65).
  public static func parse(_ html: String, path: String) throws -> Parts {
    func meta(_ name: String) throws -> String {
      let prefix = "<meta name=\"\(name)\" content=\""
      guard let start = html.range(of: prefix), let end = html[start.upperBound...].range(of: "\">") else {
        throw notACertificate(path, "it has no \(name) header")
      }
      return unescape(String(html[start.upperBound..<end.lowerBound]))
    }
    let generator = try meta("generator")
    let database = try meta("scrub-database")
    let declared = try meta("scrub-data-sha256")
    guard let open = html.range(of: dataOpen + "\n"),
      let close = html.range(of: "\n" + dataClose, range: open.upperBound..<html.endIndex)
    else { throw notACertificate(path, "it has no data section") }
    let section = String(html[open.upperBound..<close.lowerBound])
    let actual = SHA256.hex(of: Array(section.utf8))
    guard actual == declared else {
      throw ScrubError.refused(
        "\(path): its data section was changed: it hashes to \(actual), its header says \(declared)",
        hint: "the certificate is not the one scrub wrote; write it again with scrub audit certificate RUN")
    }
    struct Head: Decodable {
      var format: String
      var runID: Int64
      enum CodingKeys: String, CodingKey {
        case format
        case runID = "run_id"
      }
    }
    guard let head = try? JSONDecoder().decode(Head.self, from: Data(section.utf8)) else {
      throw notACertificate(path, "its data section is not a certificate's JSON")
    }
    guard head.format == CertificateData.formatName else {
      throw notACertificate(
        path, "its data section's format is \(head.format), not \(CertificateData.formatName)")
    }
    return Parts(
      generator: generator, database: database, declaredDataSHA256: declared, dataSection: section,
      runID: head.runID)
  }

  private static func notACertificate(_ path: String, _ why: String) -> ScrubError {
    .badData(
      location: path, message: "not a certificate of scrub: \(why)",
      hint: "pass the HTML file scrub audit certificate RUN -o FILE wrote")
  }

  /// The five character references ``Html/escape(_:)`` writes, read back.
  static func unescape(_ text: String) -> String {
    text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
      .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
      .replacingOccurrences(of: "&amp;", with: "&")
  }
}
