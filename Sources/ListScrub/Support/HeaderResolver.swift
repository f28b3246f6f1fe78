/// Finds a column named on the command line (in a `--where` expression, by `--phone-column`,
/// `--country-column` or a ledger import's column options) among the file's headers, and the one
/// column a role's header names point to when none is named.
///
/// Vendor headers vary in case and punctuation (`Phone Number`, `phone_number`, `PHONENUMBER`), so
/// names match on ``HeaderMatch/key(_:)``; an exact spelling wins when two headers share a key.
/// Nothing is taken by guess: a name that matches no header, several headers, or a header the
/// file repeats, and a role that several columns could fill, are errors that name the columns.
struct HeaderResolver: Sendable {
  enum Resolution: Equatable {
    case found(Int)
    /// Several headers match by key and none by its exact spelling: their names and indices.
    case ambiguous([String], columns: [Int])
    /// The file's header repeats this exact name: no spelling can tell the columns apart.
    case duplicate(columns: [Int])
    /// `suggestions` are the nearest headers, closest first; empty when none is near.
    case unknown(suggestions: [String])
  }

  let headers: [String]
  private let keys: [String]

  init(headers: [String]) {
    self.headers = headers
    keys = headers.map(HeaderMatch.key)
  }

  func resolve(_ name: String) -> Resolution {
    let exact = headers.indices.filter { headers[$0] == name }
    if exact.count == 1 { return .found(exact[0]) }
    if exact.count > 1 { return .duplicate(columns: exact) }
    let lowered = name.lowercased()
    let caseMatches = headers.indices.filter { headers[$0].lowercased() == lowered }
    if caseMatches.count == 1 { return .found(caseMatches[0]) }
    let key = HeaderMatch.key(name)
    let keyMatches = key.isEmpty ? [] : keys.indices.filter { keys[$0] == key }
    switch keyMatches.count {
    case 1: return .found(keyMatches[0])
    case 0: return .unknown(suggestions: suggestions(for: key))
    default: return .ambiguous(keyMatches.map { headers[$0] }, columns: keyMatches)
    }
  }

  /// Headers within a few edits of `key` (more for longer names), or containing it, or contained
  /// in it: `phonenum` finds `Phone Number`, `incom` finds `income`.
  private func suggestions(for key: String) -> [String] {
    guard !key.isEmpty else { return [] }
    let name = Array(key.unicodeScalars)
    let limit = max(2, name.count / 3)
    var scored: [(distance: Int, index: Int)] = []
    for (index, headerKey) in keys.enumerated() where !headerKey.isEmpty {
      let distance = EditDistance.between(name, Array(headerKey.unicodeScalars))
      let related = name.count >= 3 && (headerKey.contains(key) || key.contains(headerKey))
      if distance <= limit || related {
        scored.append((distance, index))
      }
    }
    scored.sort { ($0.distance, $0.index) < ($1.distance, $1.index) }
    return scored.prefix(3).map { headers[$0.index] }
  }

  /// The column `option` names: ``resolve(_:)``, with each way it can fail a usage error that
  /// names the columns by number and header (``positions(_:)``) and the way out; an unknown name
  /// gets the nearest headers as suggestions.
  func column(_ name: String, option: UserText, file: String, mask: PhoneMask) throws -> Int {
    let quoted = mask.cell(name, limit: 60)
    switch resolve(name) {
    case .found(let column):
      return column
    case .duplicate(let same):
      throw ScrubError.usage(
        "\(file): \(option) \(quoted) is ambiguous: the header names \(positions(same, mask))",
        hint: "rename the copies in the file so each column has its own name")
    case .ambiguous(_, let matches):
      throw ScrubError.usage(
        "\(file): \(option) \(quoted) is ambiguous: it matches \(positions(matches, mask))",
        hint: "give the exact header of one of them")
    case .unknown(let suggestions):
      let near = suggestions.map { mask.cell($0, limit: 60) }.joined(separator: ", ")
      throw ScrubError.usage(
        "\(file): no column named '\(quoted)'; the header has: \(mask.headers(headers))",
        hint: (suggestions.isEmpty ? "" : "did you mean \(near)? ") + "pass \(option) with one of those names"
      )
    }
  }

  /// The columns whose ``HeaderMatch/key(_:)`` is one of `keys`, in file order.
  func columns(matching keys: Set<String>) -> [Int] {
    self.keys.indices.filter { keys.contains(self.keys[$0]) }
  }

  /// The column named by `option` when `name` is given, else the one column among `candidates`
  /// (what a role's detection found): nil when there is none. Several candidates are a usage
  /// error that names them all and the option that picks one: taking the first would be a guess.
  func column(
    named name: String?, or candidates: @autoclosure () -> [Int], role: String, option: UserText,
    file: String, mask: PhoneMask
  ) throws -> Int? {
    if let name { return try column(name, option: option, file: file, mask: mask) }
    let found = candidates()
    guard found.count > 1 else { return found.first }
    let repeated = Set(found.map { headers[$0] }).count < found.count
    throw ScrubError.usage(
      "\(file): \(positions(found, mask)) could each be the \(role) column",
      hint: (repeated ? "rename the copies in the file so each column has its own name, then " : "")
        + "pick one with \(option) NAME")
  }

  /// `column 3 (phone)`, `columns 2 (phone) and 5 (phone)`: numbers from 1, as a spreadsheet
  /// counts, with each header clipped and masked as a message quotes a cell; past five columns,
  /// how many more.
  func positions(_ columns: [Int], _ mask: PhoneMask) -> String {
    var named = columns.prefix(5).map { "\($0 + 1) (\(mask.cell(headers[$0], limit: 40)))" }
    if columns.count > 5 { named.append("\(columns.count - 5) more") }
    guard named.count > 1 else { return "column " + named.joined() }
    return "columns " + named.dropLast().joined(separator: ", ") + " and " + named.last!
  }
}
