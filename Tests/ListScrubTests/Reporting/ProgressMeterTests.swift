import Testing

@testable import ListScrub

@Suite struct ProgressMeterTests {
  @Test(
    arguments: [
      // rows, bytes, total, elapsed, line
      (0, 0, 1000, 0.0, "[--------------------]    0%  0 rows"),
      (
        250_000, 250, 1000, 0.5,
        "[#####---------------]   25%  250,000 rows  500,000 rows/s"
      ),
      (
        1_000_000, 1000, 1000, 2.0,
        "[####################]  100%  1,000,000 rows  500,000 rows/s  0:00 left"
      ),
      (12_345, 4096, 0, 3.0, "12,345 rows  4,115 rows/s"),
      (500_000, 250, 1000, 1.0, "[#####---------------]   25%  500,000 rows  500,000 rows/s  0:03 left"),
      (
        5_000_000, 1, 3600, 10.0, "[--------------------]    0%  5,000,000 rows  500,000 rows/s  9:59:50 left"
      ),
    ] as [(Int64, Int64, Int64, Double, String)])
  func rendersBarPercentRateAndTimeLeft(
    rows: Int64, bytes: Int64, total: Int64, elapsed: Double, expected: String
  ) {
    let line = ProgressMeter.render(
      noun: "rows", rows: rows, bytes: bytes, totalBytes: total == 0 ? nil : total, elapsed: elapsed)
    #expect(line == expected)
  }

  @Test func redrawsAtMostTenTimesASecond() {
    var meter = ProgressMeter(totalBytes: 100, start: 50)
    var drawn: [Double] = []
    // Updates every 10 ms for 1 s: the first draws at once, then one every 100 ms at the most.
    for step in 0...100 {
      let now = 50 + Double(step) / 100
      if meter.update(rows: Int64(step), bytes: Int64(step), now: now) != nil { drawn.append(now) }
    }
    #expect(drawn.first == 50)
    #expect(drawn.count <= 11 && drawn.count >= 9)
    for (a, b) in zip(drawn, drawn.dropFirst()) { #expect(b - a >= 0.1 - 1e-9) }
  }

  @Test func unknownOrEmptySizeDropsTheBar() {
    var meter = ProgressMeter(noun: "lines", totalBytes: 0, start: 0)
    #expect(meter.update(rows: 10, bytes: 10, now: 1) == "10 lines  10 lines/s")
  }

  @Test(arguments: [(0.4, "0:00"), (75, "1:15"), (3725, "1:02:05")] as [(Double, String)])
  func durations(seconds: Double, text: String) {
    #expect(ProgressMeter.duration(seconds) == text)
  }
}
