import Foundation
import ListScrub

/// Adds earlier deliveries to a benchmark store for the `--skip-delivered` benchmark: RUNS runs
/// of a campaign, one a day back from the clock, each delivering NUMBERS random numbers in the
/// leads generator's area codes (so a scrub meets some of them). The runs' documents are
/// placeholders: the store is a benchmark's, not a user's.
///
///     scrub-bench deliveries-gen --db bench-data/hours/registry.db --runs 30 --numbers 1000000
struct DeliveriesGen {
  var db = ""
  var campaign = "bench"
  var runs = 30
  var numbers = 1_000_000
  var seed: UInt64 = 19

  init(arguments: [String]) throws {
    let options = try BenchArguments(
      arguments, options: ["--db", "--campaign", "--runs", "--numbers", "--seed"])
    db = options.string("--db", db)
    campaign = options.string("--campaign", campaign)
    runs = try options.int("--runs", runs)
    numbers = try options.int("--numbers", numbers)
    seed = try options.uint64("--seed", seed)
  }

  func run() throws {
    let store = try Store.open(at: db, create: false)
    var rng = SplitMix(seed: seed)
    let codes = RegistryGen.areaCodes(400)
    let now = ProcessInfo.processInfo.environment["SCRUB_NOW"].flatMap(Timestamp.parse) ?? Date()
    for day in 1...runs {
      var list: [Int64] = []
      list.reserveCapacity(numbers)
      for _ in 0..<numbers {
        let code = Int64(codes[Int(rng.next() % UInt64(codes.count))])
        let rest = Int64(2_000_000 + rng.next() % 8_000_000)
        list.append(10_000_000_000 + code * 10_000_000 + rest)
      }
      list.sort()
      var distinct: [Int64] = []
      distinct.reserveCapacity(list.count)
      for n in list where distinct.last != n { distinct.append(n) }
      try store.addBenchmarkDelivery(
        campaign: campaign, deliveredAt: now.addingTimeInterval(-Double(day) * 86_400 + 60), numbers: distinct
      )
    }
    print("\(runs) deliveries of \(numbers) numbers to campaign \(campaign) in \(db)")
  }
}
