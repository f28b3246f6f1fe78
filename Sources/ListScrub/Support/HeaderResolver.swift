/// Finds a column named on the command line (in a `--where` expression, by `--phone-column`) among
/// the file's headers.
///
/// Vendor headers vary in case and punctuation (`Phone Number`, `phone_number`, `PHONENUMBER`), so
/// names match on ``HeaderMatch/key(_:)``; an exact spelling wins when two headers share a key.
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
}
