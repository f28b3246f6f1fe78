import Foundation
import Testing

@testable import ListScrub

/// The one freshness rule (`RegistryAge`) that `registry list`, `registry check` and `scrub clean`
/// share: its boundaries, and the one refusal text each caller gets.
@Suite struct RegistryAgeTests {
  static let downloaded = "2026-11-01T00:00:00Z"

  static func age(at now: String, maximum: Int?) throws -> RegistryAge {
    RegistryAge(downloadedAt: downloaded, maximum: maximum, now: try #require(Timestamp.parse(now)))
  }

  @Test(arguments: [
    // (now, maximum, days, stale)
    ("2026-11-01T00:00:00Z", 31, 0, false),  // the day itself
    ("2026-12-02T00:00:00Z", 31, 31, false),  // exactly the maximum: still fresh
    ("2026-12-02T23:59:59Z", 31, 31, false),  // whole days, rounded down
    ("2026-12-03T00:00:00Z", 31, 32, true),  // one more day: stale
    ("2026-11-01T00:00:00Z", 0, 0, false),  // a maximum of 0 allows the download day
    ("2026-11-02T00:00:00Z", 0, 1, true),
    ("2026-10-31T12:00:00Z", 31, -1, false),  // downloaded ahead of the clock: fresh
    ("2026-10-31T12:00:00Z", 0, -1, false),
  ])
  func boundaries(now: String, maximum: Int, days: Int, stale: Bool) throws {
    let age = try Self.age(at: now, maximum: maximum)
    #expect(age.days == days)
    #expect(age.maximum == maximum)
    #expect(age.isStale == stale)
  }

  @Test(arguments: ["2026-11-01T00:00:00Z", "2027-11-01T00:00:00Z", "2036-11-01T00:00:00Z"])
  func noMaximumIsNeverStale(now: String) throws {
    #expect(try !Self.age(at: now, maximum: nil).isStale)
  }

  @Test func anUnreadableDownloadDateIsStaleWhateverTheMaximum() throws {
    let now = try #require(Timestamp.parse("2026-11-02"))
    for maximum in [nil, 0, 31] {
      let age = RegistryAge(downloadedAt: "yesterday", maximum: maximum, now: now)
      #expect(age.days == nil)
      #expect(age.isStale)
    }
  }

  @Test func theRefusalSaysTheAgeAndTheMaximumAndTheWayOut() throws {
    let age = try Self.age(at: "2026-12-22T12:00:00Z", maximum: 31)
    #expect(
      "\(age.staleRefusal(source: "us-ftc", by: .clean))" == """
        us-ftc is stale: its data was downloaded 2026-11-01, 51 days ago; the maximum is 31 days
          hint: import a fresh download (scrub registry import us-ftc ...), or pass <allowStale> (recorded in the run)
        """)
    #expect(
      "\(age.staleRefusal(source: "us-ftc", by: .check(maximumOverridden: false)))" == """
        us-ftc is stale: its data was downloaded 2026-11-01, 51 days ago; the maximum is 31 days
          hint: import a fresh download (scrub registry import us-ftc FILE...); until then scrub clean refuses to run
        """)
    let one = try Self.age(at: "2026-11-03T00:00:00Z", maximum: 1)
    #expect(
      "\(one.staleRefusal(source: "us-ftc", by: .check(maximumOverridden: true)))" == """
        us-ftc is stale: its data was downloaded 2026-11-01, 2 days ago; the maximum is 1 day (<maxAgeDays>)
          hint: import a fresh download (scrub registry import us-ftc FILE...)
        """)
    #expect(age.staleRefusal(source: "us-ftc", by: .clean).exitStatus.rawValue == 65)
  }

  /// `registry list`, `registry check` and the scrub's lookup read the same source the same way.
  @Test func listCheckAndScrubAgree() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    try f.run([try f.dir.write("1.txt", "201,5550100\n")], downloadedAt: "2026-11-01")
    for (now, stale) in [("2026-12-02T23:00:00Z", false), ("2026-12-03T00:00:00Z", true)] {
      let date = try #require(Timestamp.parse(now))
      let status = try #require(try f.store.sourceStatuses(now: date).first)
      let check = try #require(try f.store.freshness(of: [], maxAgeDays: nil, now: date).first)
      let inUse = try f.store.queue.read { try RegistryLookup($0, names: nil, now: date).inUse }
      #expect(status.stale == stale)
      #expect(check.state == (stale ? .stale : .fresh))
      #expect(inUse.map(\.stale) == [stale])
      #expect(status.age == inUse.first?.age)
    }
  }
}
