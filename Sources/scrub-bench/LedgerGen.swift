import Foundation

/// Generates an opt-out export and a consent file for the ledger benchmarks: numbers in the
/// leads generator's area codes (so a scrub meets them), received over the last two years, with
/// dialer-style timestamps, every channel, 1% campaign-scoped rows.
///
///     scrub-bench ledger-gen --optouts 1000000 --consents 100000 --out bench-data/ledger-1m
struct LedgerGen {
  var optOuts = 1_000_000
  var consents = 100_000
  var out = "bench-data/ledger"
  var seed: UInt64 = 11

  init(arguments: [String]) throws {
    let options = try BenchArguments(arguments, options: ["--optouts", "--consents", "--out", "--seed"])
    optOuts = try options.int("--optouts", optOuts)
    consents = try options.int("--consents", consents)
    out = options.string("--out", out)
    seed = try options.uint64("--seed", seed)
  }

  func run() throws {
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    var rng = SplitMix(seed: seed)
    let codes = RegistryGen.areaCodes(400)
    func number() -> String {
      let code = codes[Int(rng.next() % UInt64(codes.count))]
      let exchange = 200 + Int(rng.next() % 800)
      let line = Int(rng.next() % 10_000)
      return "\(code)\(exchange)\(String(repeating: "0", count: 4 - String(line).count))\(line)"
    }
    // 2024-11-22 .. 2026-11-21, as `YYYY-MM-DD HH:MM:SS`.
    let start = 1_732_233_600
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withFullDate, .withSpaceBetweenDateAndTime, .withTime, .withColonSeparatorInTime]
    func moment() -> String {
      f.string(from: Date(timeIntervalSince1970: TimeInterval(start + Int(rng.next() % (730 * 86_400)))))
    }
    let channels = ["call", "sms", "web", "email", "agent"]
    var writer = try TextWriter(path: out + "/optouts.csv")
    writer.write("phone_number,call_date,channel,campaign\n")
    for _ in 0..<optOuts {
      let campaign = rng.next() % 100 == 0 ? "solar" : ""
      writer.write("\(number()),\(moment()),\(channels[Int(rng.next() % 5)]),\(campaign)\n")
    }
    try writer.close()
    writer = try TextWriter(path: out + "/consents.csv")
    writer.write("phone,kind,date,evidence\n")
    let kinds = ["written_consent", "ebr_purchase", "ebr_inquiry"]
    for i in 0..<consents {
      writer.write("\(number()),\(kinds[Int(rng.next() % 3)]),\(moment().prefix(10)),order-\(i)\n")
    }
    try writer.close()
  }
}
