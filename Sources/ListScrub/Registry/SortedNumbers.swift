/// E.164 numbers as integers, sorted ascending, without repeats: the shape every bulk path wants
/// (sorted inserts append to the B-tree; a sorted merge diffs against a source in one pass).
struct SortedNumbers {
  private(set) var values: [Int64]

  /// Sorts `numbers` in place (a registry file already in order costs one pass) and drops repeats.
  init(sorting numbers: inout [Int64]) {
    var sorted = true
    numbers.withUnsafeBufferPointer { p in
      var i = 1
      while i < p.count {
        if p[i] < p[i - 1] {
          sorted = false
          break
        }
        i += 1
      }
    }
    if !sorted { numbers.sort() }
    var unique = 0
    numbers.withUnsafeMutableBufferPointer { p in
      for i in 0..<p.count where unique == 0 || p[i] != p[unique - 1] {
        p[unique] = p[i]
        unique += 1
      }
    }
    numbers.removeLast(numbers.count - unique)
    values = numbers
    numbers = []
  }

  var count: Int { values.count }

  /// The NANP area codes present (numbers +1NPANXXXXXX).
  func nanpAreaCodes() -> [Int] {
    var seen = [Bool](repeating: false, count: 1000)
    let low: Int64 = 10_000_000_000
    let high: Int64 = 20_000_000_000
    values.withUnsafeBufferPointer { p in
      // Sorted: jump from one area code's block to the next with a binary search.
      var i = p.lowerBound(of: low)
      while i < p.count && p[i] < high {
        let code = Int((p[i] - low) / 10_000_000)
        seen[code] = true
        i = p.lowerBound(of: low + Int64(code + 1) * 10_000_000, from: i)
      }
    }
    return seen.indices.filter { seen[$0] }
  }
}
