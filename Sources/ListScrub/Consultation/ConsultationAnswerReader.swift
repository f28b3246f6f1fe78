import Foundation

/// Reads one answer file of a consulted registry against the query it answers: each line's
/// number (or Robinson hash) must be one the query asked about, else the line is rejected with
/// its line number. The layouts are in docs/registry.md ("Importing the answers").
///
/// - robinson-result: Adigital's slr-client output, comma-separated, fields optionally in double
///   quotes, no header: [customer id,] the query's field (`+34…`, or the hash), found `1`/`0`,
///   the sector codes `#`-joined, the proof.
/// - listed-result: a wash service's file, with or without a header: the numbers it holds
///   (`holds`), or every number with a flag column (`column`).
/// - rnd-result: a header naming the phone, date and result columns; yes, no or no data.
struct ConsultationAnswerReader {
  var format: ConsultationResultFormat
  /// The query's numbers, ascending and distinct.
  var queried: [Int64]
  /// rnd: the day asked about for each of `queried`.
  var days: [CivilDay]
  /// Numbers written without a country code are read in this region.
  var region: PhoneRegion
  var fileName: String
  /// robinson-result answering a robinson-hash query: the field is the hash.
  var hashed = false
  var channel = ConsultationChannel.call
  var column: String?
  var holds: ListedResultHolds?

  static let sampleLimit = 10

  struct Result {
    var sha256 = ""
    var rowsRead = 0
    var rejected = 0
    var rejectedSample: [RejectedLine] = []
    var rejectedByReason: [String: Int] = [:]
    var listed: [Int64] = []
    var clear: [Int64] = []
    var noData: [Int64] = []
    var details: [ConsultationAnswers.Detail] = []
  }

  /// One answer line that matched the query: the index of its number in `queried`.
  private struct Entry {
    var index: Int32
    var verdict: UInt8  // 0 clear, 1 no data, 2 listed: the larger wins a repeat (fail closed)
    /// robinson-result: the line's place in the sectors and proofs.
    var slot: Int32 = 0
  }

  private static func verdict(_ code: UInt8) -> ConsultationVerdict {
    code == 2 ? .listed : code == 1 ? .noData : .clear
  }

  func read(path: String) throws -> Result {
    var result = Result()
    var entries: [Entry] = []
    entries.reserveCapacity(queried.count)
    // Only for robinson-result: each matched line's sectors and proof, by `Entry.slot`.
    var sectors: [String?] = []
    var proofs: [String?] = []
    let hashes = hashed ? Self.hashIndex(queried, channel: channel) : [:]
    let normalizer = PhoneNormalizer()
    var cache = SlowPathCache()
    let input = try InputStream(path: path)
    var layout: Layout?
    var first = true

    func reject(_ line: Int, _ reason: String) {
      result.rejected += 1
      result.rejectedByReason[reason, default: 0] += 1
      if result.rejectedSample.count < Self.sampleLimit {
        result.rejectedSample.append(RejectedLine(file: fileName, line: line, reason: reason))
      }
    }
    /// The index in `queried` of a phone cell, or the reason it has none.
    func lookUp(_ cell: UnsafeBufferPointer<UInt8>) -> Result2 {
      let parsed = normalizer.normalize(cell, region: region, cache: &cache)
      guard let number = parsed.registryKey else {
        return .rejected(parsed.rejection == .empty ? "empty" : "not_a_number")
      }
      let i = queried.lowerBound(of: number.e164)
      if i < queried.count && queried[i] == number.e164 { return .found(i) }
      if parsed.accepted(at: .valid) != nil && number.region != region { return .rejected("other_country") }
      return .rejected("not_queried")
    }

    try input.read(delimiter: format == .robinsonResult ? UInt8(ascii: ",") : nil) { row, _ in
      if row.count == 1 && row.bytes(0).isEmpty { return }  // a blank line
      if first {
        first = false
        layout = try self.layout(header: row)
        if layout!.headerLine { return }
      }
      result.rowsRead += 1
      let line = row.line
      if row.unterminatedQuote {
        reject(line, "malformed_csv")
        return
      }
      switch format {
      case .robinsonResult:
        // [customer id,] field, found, sectors, proof.
        guard row.count == 4 || row.count == 5 else {
          reject(line, "wrong_field_count")
          return
        }
        let base = row.count - 4
        let index: Int
        if hashed {
          guard let key = HashKey(hex: row.bytes(base)) else {
            reject(line, "not_a_hash")
            return
          }
          guard let i = hashes[key] else {
            reject(line, "not_queried")
            return
          }
          index = i
        } else {
          guard let number = Self.robinsonNumber(row.bytes(base)) else {
            reject(line, "not_a_number")
            return
          }
          let i = queried.lowerBound(of: number)
          guard i < queried.count && queried[i] == number else {
            reject(line, number / 1_000_000_000 == 34 ? "not_queried" : "other_country")
            return
          }
          index = i
        }
        let found = Self.singleByte(row.bytes(base + 1))
        guard found == 0x31 || found == 0x30 else {
          reject(line, "bad_found")
          return
        }
        let sector = row.string(base + 2)
        let proof = row.string(base + 3)
        entries.append(
          Entry(index: Int32(index), verdict: found == 0x31 ? 2 : 0, slot: Int32(sectors.count)))
        sectors.append(sector.isEmpty ? nil : sector)
        proofs.append(proof.isEmpty ? nil : proof)
      case .listedResult:
        let layout = layout!
        guard row.count > max(layout.phone, layout.flag ?? 0) else {
          reject(line, "missing_column")
          return
        }
        let index: Int
        switch lookUp(row.bytes(layout.phone)) {
        case .found(let i): index = i
        case .rejected(let reason):
          reject(line, reason)
          return
        }
        var verdict: UInt8 = holds == .clear ? 0 : 2
        if let flag = layout.flag {
          guard let listed = Self.flag(row.bytes(flag)) else {
            reject(line, "bad_flag")
            return
          }
          verdict = listed ? 2 : 0
        }
        entries.append(Entry(index: Int32(index), verdict: verdict))
      case .rndResult:
        let layout = layout!
        guard row.count > max(layout.phone, layout.date, layout.flag ?? 0) else {
          reject(line, "missing_column")
          return
        }
        let index: Int
        switch lookUp(row.bytes(layout.phone)) {
        case .found(let i): index = i
        case .rejected(let reason):
          reject(line, reason)
          return
        }
        guard let day = Self.day(row.string(layout.date)) else {
          reject(line, "bad_date")
          return
        }
        guard index < days.count, days[index] == day else {
          reject(line, "date_mismatch")
          return
        }
        guard let answer = Self.rndAnswer(row.bytes(layout.flag!)) else {
          reject(line, "bad_answer")
          return
        }
        entries.append(Entry(index: Int32(index), verdict: answer))
      }
    }
    result.sha256 = input.sha256()

    // One verdict per number: the most restrictive of its lines (listed over no data over clear).
    entries.sort { $0.index != $1.index ? $0.index < $1.index : $0.verdict > $1.verdict }
    var chosen: [Entry] = []
    chosen.reserveCapacity(entries.count)
    for e in entries where chosen.last?.index != e.index { chosen.append(e) }
    entries = []
    if format == .listedResult && layout?.flag == nil {
      // The file holds one side; every other number of the query is the other side.
      var inFile = [Bool](repeating: false, count: queried.count)
      for e in chosen { inFile[Int(e.index)] = true }
      let fileSide: UInt8 = holds == .clear ? 0 : 2
      chosen = queried.indices.map { i in
        Entry(index: Int32(i), verdict: inFile[i] ? fileSide : 2 - fileSide)
      }
    }
    for e in chosen {
      let number = queried[Int(e.index)]
      switch e.verdict {
      case 2: result.listed.append(number)
      case 1: result.noData.append(number)
      default: result.clear.append(number)
      }
      switch format {
      case .robinsonResult:
        result.details.append(
          .init(
            number: number, verdict: Self.verdict(e.verdict), sectors: sectors[Int(e.slot)],
            proof: proofs[Int(e.slot)]))
      case .rndResult:
        result.details.append(
          .init(number: number, verdict: Self.verdict(e.verdict), askedOn: days[Int(e.index)]))
      case .listedResult:
        break
      }
    }
    return result
  }

  private enum Result2 {
    case found(Int)
    case rejected(String)
  }

  /// Which columns hold what; `headerLine` when the first row is a header, not an answer.
  struct Layout {
    var headerLine: Bool
    var phone = 0
    var flag: Int?
    var date = 0
  }

  static let phoneHeaders: Set<String> = [
    "phone", "phone number", "number", "telephone", "telephone number", "tel", "msisdn", "numero",
    "numéro", "mobile",
  ]

  /// A header name as compared: lower case, trimmed, `_` read as a space.
  static func headerName(_ text: String) -> String {
    text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "_", with: " ")
  }

  private func layout(header row: CSVRow) throws -> Layout {
    let names = (0..<row.count).map { Self.headerName(row.string($0)) }
    switch format {
    case .robinsonResult:
      return Layout(headerLine: false)
    case .listedResult:
      if let column {
        guard let flag = names.firstIndex(of: Self.headerName(column)) else {
          throw ScrubError.badData(
            location: "\(fileName):\(row.line)",
            message: "the header line has no column \(column) (it has \(names.joined(separator: ", ")))",
            hint: "give \(option: .column) the header of the flag column")
        }
        let phone =
          names.indices.first { $0 != flag && Self.phoneHeaders.contains(names[$0]) }
          ?? names.indices.first { $0 != flag } ?? 0
        return Layout(headerLine: true, phone: phone, flag: flag)
      }
      // A header when the first cell is no number; the phone column is then the one named so.
      let numeric = row.bytes(0).contains { $0 >= 0x30 && $0 <= 0x39 }
      if numeric { return Layout(headerLine: false) }
      return Layout(headerLine: true, phone: names.firstIndex { Self.phoneHeaders.contains($0) } ?? 0)
    case .rndResult:
      func find(_ wanted: [String], _ what: String) throws -> Int {
        guard let i = names.firstIndex(where: { wanted.contains($0) }) else {
          throw ScrubError.badData(
            location: "\(fileName):\(row.line)",
            message:
              "the header line has no \(what) column (\(wanted.joined(separator: ", ")), in any case); it has \(names.joined(separator: ", "))",
            hint: "an rnd-result file starts with a header naming its phone number, date and result columns")
        }
        return i
      }
      return Layout(
        headerLine: true, phone: try find(["phone number", "phone", "number"], "phone number"),
        flag: try find(["result", "response", "answer"], "result"), date: try find(["date"], "date"))
    }
  }

  static func trimmed(_ cell: UnsafeBufferPointer<UInt8>) -> ArraySlice<UInt8> {
    var bytes = ArraySlice(cell)
    while let b = bytes.first, b == 0x20 || b == 0x09 { bytes.removeFirst() }
    while let b = bytes.last, b == 0x20 || b == 0x09 || b == 0x0D { bytes.removeLast() }
    return bytes
  }

  static func lowered(_ cell: UnsafeBufferPointer<UInt8>) -> String {
    String(decoding: trimmed(cell), as: UTF8.self).lowercased()
  }

  /// A wash flag: 1, yes, y, true, t, oui for listed; 0, no, n, false, f, non for clear (any
  /// case, spaces around ignored).
  static func flag(_ cell: UnsafeBufferPointer<UInt8>) -> Bool? {
    switch lowered(cell) {
    case "1", "yes", "y", "true", "t", "oui": true
    case "0", "no", "n", "false", "f", "non": false
    default: nil
    }
  }

  /// The RND's answer: yes (2: disconnected since the date), no (0), no data (1), any case.
  static func rndAnswer(_ cell: UnsafeBufferPointer<UInt8>) -> UInt8? {
    switch lowered(cell) {
    case "yes", "y": 2
    case "no", "n": 0
    case "no data", "no_data", "nodata": 1
    default: nil
    }
  }

  /// `YYYY-MM-DD`, or `MM/DD/YYYY` as US files write it.
  static func day(_ text: String) -> CivilDay? {
    let t = text.trimmingCharacters(in: .whitespaces)
    if let day = CivilDay(t) { return day }
    let parts = t.split(separator: "/")
    guard parts.count == 3, parts[2].count == 4, let m = Int(parts[0]), let d = Int(parts[1]),
      let y = Int(parts[2])
    else { return nil }
    return CivilDay(year: y, month: m, day: d)
  }

  /// The number of a Robinson field by the Robinson rule (a `+` or `00` prefix is international,
  /// anything else Spanish), as E.164 digits.
  static func robinsonNumber(_ cell: UnsafeBufferPointer<UInt8>) -> Int64? {
    // `RobinsonHash.normalize` on the bytes, without a string: leading blanks skipped, a `+`
    // noted, every other non-digit dropped. The normalised form is "00" + digits after a `+`,
    // the digits when they start "00", else "0034" + digits; it must hold 5 to 20 characters,
    // and the number is what follows its first two.
    var at = 0
    while at < cell.count, cell[at] == 0x20 || cell[at] == 0x09 { at += 1 }
    let plus = at < cell.count && cell[at] == 0x2B
    var digits = 0
    var leadingZeros = 0  // of the first two digits
    var value: Int64 = 0
    for byte in cell[at...] where byte >= 0x30 && byte <= 0x39 {
      digits += 1
      if digits > 20 { return nil }
      if digits <= 2 && byte == 0x30 && leadingZeros == digits - 1 { leadingZeros += 1 }
      value = value &* 10 &+ Int64(byte - 0x30)
    }
    if plus {
      // "00" + digits: the number is the digits.
      guard digits + 2 > 4, digits + 2 <= 20 else { return nil }
      return value
    }
    if leadingZeros == 2 {
      // The digits themselves, "00" first: the number is what follows the "00".
      guard digits > 4 else { return nil }
      return value
    }
    // "0034" + digits: the number is "34" + digits.
    guard digits + 4 > 4, digits + 4 <= 20 else { return nil }
    var scale: Int64 = 1
    for _ in 0..<digits { scale &*= 10 }
    return 34 &* scale &+ value
  }

  /// The one byte of a cell, blanks around it ignored; nil when it holds none or more than one.
  static func singleByte(_ cell: UnsafeBufferPointer<UInt8>) -> UInt8? {
    var found: UInt8? = nil
    for byte in cell where !(byte == 0x20 || byte == 0x09 || byte == 0x0D) {
      if found != nil { return nil }
      found = byte
    }
    return found
  }

  /// 32 bytes of a SHA-256, from 64 hex digits in either case.
  struct HashKey: Hashable {
    var a: UInt64, b: UInt64, c: UInt64, d: UInt64

    init?(hex cell: UnsafeBufferPointer<UInt8>) {
      // Blanks around the cell ignored (no copy of it).
      var start = 0
      var end = cell.count
      while start < end, cell[start] == 0x20 || cell[start] == 0x09 { start += 1 }
      while end > start, cell[end - 1] == 0x20 || cell[end - 1] == 0x09 || cell[end - 1] == 0x0D { end -= 1 }
      guard end - start == 64 else { return nil }
      var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
      for i in 0..<64 {
        let byte = cell[start + i]
        let v: UInt8
        switch byte {
        case 0x30...0x39: v = byte - 0x30
        case 0x61...0x66: v = byte - 0x61 + 10
        case 0x41...0x46: v = byte - 0x41 + 10
        default: return nil
        }
        switch i / 16 {
        case 0: words.0 = words.0 << 4 | UInt64(v)
        case 1: words.1 = words.1 << 4 | UInt64(v)
        case 2: words.2 = words.2 << 4 | UInt64(v)
        default: words.3 = words.3 << 4 | UInt64(v)
        }
      }
      (a, b, c, d) = words
    }
  }

  /// The Robinson hash of each queried number, to its index.
  static func hashIndex(_ numbers: [Int64], channel: ConsultationChannel) -> [HashKey: Int] {
    var index: [HashKey: Int] = [:]
    index.reserveCapacity(numbers.count)
    for (i, n) in numbers.enumerated() {
      let hex = Array(RobinsonHash.hash(e164: n, channel: channel).utf8)
      let key = hex.withUnsafeBufferPointer { HashKey(hex: $0) }!
      index[key] = i
    }
    return index
  }
}
