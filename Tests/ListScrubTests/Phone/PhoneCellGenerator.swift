/// Seeded generator of NANP-shaped vendor cells, for the fast-path agreement test (the bench has
/// its own copy: test code is not linked into executables).
struct PhoneCellGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    // SplitMix64: tiny, seedable, good enough for test data.
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

  /// A cell in one of the shapes vendors write, including near misses that must leave the fast
  /// path (odd lengths, letters, leading 0/1, odd extensions).
  mutating func nanpCell() -> String {
    let npa = below(10) == 0 ? below(1000) : 200 + below(800)
    let nxx = below(10) == 0 ? below(1000) : 200 + below(800)
    let line = below(10) == 0 ? 100 + below(100) : below(10000)
    func pad(_ v: Int, _ w: Int) -> String {
      let s = String(v)
      return String(repeating: "0", count: max(0, w - s.count)) + s
    }
    let a = pad(npa, 3)
    let b = pad(nxx, 3)
    let c = pad(line, 4)
    var cell: String
    switch below(14) {
    case 0: cell = a + b + c
    case 1: cell = "(\(a)) \(b)-\(c)"
    case 2: cell = "\(a)-\(b)-\(c)"
    case 3: cell = "\(a).\(b).\(c)"
    case 4: cell = "1\(a)\(b)\(c)"
    case 5: cell = "+1\(a)\(b)\(c)"
    case 6: cell = "+1 (\(a)) \(b)-\(c)"
    case 7: cell = "1-\(a)-\(b)-\(c)"
    case 8: cell = "\(a) \(b) \(c)"
    case 9: cell = "\(a)/\(b)-\(c)"
    case 10: cell = "1 \(a) \(b)\(c)"
    case 11: cell = String((a + b + c).dropLast(below(3)))
    case 12: cell = "11\(a)\(b)\(c)"
    default: cell = "\(a)\(b)\(c)\(below(10))"
    }
    switch below(12) {
    case 0: cell += " x\(below(100_000))"
    case 1: cell += " ext. \(below(1000))"
    case 2: cell += "#\(below(100))"
    case 3: cell += ";ext=\(below(1000))"
    case 4: cell += " EXT:\(below(10))"
    case 5: cell += "x\(below(1000))"
    case 6: cell += "/x\(below(10))"
    case 7: cell += " x 12345678901"
    case 8: cell += [" extension 4", " x", "#", " - 503#", ",,12", " ;ext=1", "A"][below(7)]
    default: break
    }
    switch below(8) {
    case 0: cell = "'" + cell
    case 1: cell = "\"\(cell)\""
    case 2: cell = " \(cell) "
    case 3:
      cell = String(
        cell.unicodeScalars.map { s in
          s.properties.numericType != nil
            ? Character(Unicode.Scalar(s.value - 0x30 + 0xFF10)!) : Character(s)
        })
    case 4: cell = "+" + cell
    default: break
    }
    return cell
  }
}
