import Testing

@testable import ListScrub

@Suite struct BatchSizingTests {
  /// Starts small, doubles to the cap, and shrinks toward the end of a file of known size, so
  /// neither thread waits long for the other at the start or the end of a run.
  @Test func rampsUpAndDownAgain() {
    var sizing = BatchSizing(maxRows: 262_144)
    var limits: [Int] = []
    var rows = 0
    let rowBytes: Int64 = 80
    let total = 1_000_000 * rowBytes
    while rows < 1_000_000 {
      limits.append(sizing.limit)
      rows = min(1_000_000, rows + sizing.limit)
      sizing.advance(rowsRead: rows, bytesRead: Int64(rows) * rowBytes, totalBytes: total)
    }
    #expect(Array(limits.prefix(5)) == [16_384, 32_768, 65_536, 131_072, 262_144])
    #expect(limits.max() == 262_144)
    #expect(limits.last! <= 16_384)
    // After the peak, limits only fall.
    let peak = limits.firstIndex(of: 262_144)!
    #expect(zip(limits[peak...], limits[(peak + 1)...]).allSatisfy { $0 >= $1 })
  }

  @Test func withoutAKnownSizeItStaysAtTheCap() {
    var sizing = BatchSizing(maxRows: 100_000)
    for n in 1...10 { sizing.advance(rowsRead: n * 50_000, bytesRead: Int64(n) * 4_000_000, totalBytes: nil) }
    #expect(sizing.limit == 100_000)
  }

  @Test func aTinyCapIsRespected() {
    var sizing = BatchSizing(maxRows: 1)
    #expect(sizing.limit == 1)
    sizing.advance(rowsRead: 1, bytesRead: 10, totalBytes: 1_000)
    #expect(sizing.limit == 1)
  }
}
