import Foundation

/// Generates FTC-style registry downloads for the benchmarks: one sorted `AAA,NNNNNNN` file per
/// area code, deterministic for a seed. The same walk yields the base list, a refreshed list with
/// a given churn (half removals, half additions at random positions) and a change list of
/// additions, so the three are consistent with each other.
///
///     scrub-bench registry-gen --numbers 250000000 --out bench-data/full-250m
///     scrub-bench registry-gen --numbers 250000000 --churn 0.005 --out bench-data/refresh-250m
///     scrub-bench registry-gen --numbers 250000000 --change-list 100000 --out bench-data/changes-100k
struct RegistryGen {
  var numbers = 10_000_000
  var seed: UInt64 = 20_261_122
  var churn = 0.0
  var changeList = 0
  var out = "bench-data/registry"
  var areaCodeCount = 400

  init(arguments: [String]) throws {
    let options = try BenchArguments(
      arguments, options: ["--numbers", "--seed", "--churn", "--change-list", "--out", "--area-codes"])
    numbers = try options.int("--numbers", numbers)
    seed = try options.uint64("--seed", seed)
    churn = try options.double("--churn", churn)
    changeList = try options.int("--change-list", changeList)
    out = options.string("--out", out)
    areaCodeCount = try options.int("--area-codes", areaCodeCount)
  }

  /// Valid-looking NANP area codes: [2-9][0-8][0-9], not N11.
  static func areaCodes(_ count: Int) -> [Int] {
    var codes: [Int] = []
    for a in 2...9 {
      for b in 0...8 {
        for c in 0...9 where !(b == 1 && c == 1) {
          codes.append(a * 100 + b * 10 + c)
        }
      }
    }
    // Spread the chosen codes over the whole range.
    let step = Double(codes.count) / Double(count)
    return (0..<min(count, codes.count)).map { codes[Int(Double($0) * step)] }
  }

  func run() throws {
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    let codes = RegistryGen.areaCodes(areaCodeCount)
    let perCode = numbers / codes.count
    let space = 8_000_000  // subscriber numbers 2000000...9999999
    let meanGap = Double(space) / Double(perCode)
    var walk = SplitMix(seed: seed)
    var changes = SplitMix(seed: seed ^ 0x9E37_79B9_7F4A_7C15)
    let changeProbability = Double(changeList) / Double(numbers)
    var changeWriter: TextWriter? =
      changeList > 0 ? try TextWriter(path: out + "/changes-add.txt") : nil
    var written = 0
    for code in codes {
      var writer: TextWriter? = changeList > 0 ? nil : try TextWriter(path: out + "/\(code).txt")
      var subscriber = 2_000_000
      for _ in 0..<perCode {
        let gap = 1 + Int(walk.nextDouble() * (2 * meanGap - 1))
        let previous = subscriber
        subscriber += gap
        if subscriber > 9_999_999 { break }
        let roll = changes.nextDouble()
        if churn > 0, roll < churn / 2 {
          continue  // removed in the refreshed list
        }
        if gap > 1 {
          if churn > 0, roll > 1 - churn / 2 {
            writer?.write(code: code, subscriber: previous + 1)  // added in the refreshed list
          }
          if changeProbability > 0, roll < changeProbability {
            changeWriter?.write(code: code, subscriber: previous + 1)
          }
        }
        writer?.write(code: code, subscriber: subscriber)
        written += 1
      }
      try writer?.close()
    }
    try changeWriter?.close()
    FileHandle.standardError.write(Data("wrote \(written) base numbers' walk to \(out)\n".utf8))
  }
}

extension TextWriter {
  /// One `AAA,NNNNNNN` line, without making a String.
  mutating func write(code: Int, subscriber: Int) {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 12) { line in
      line[0] = UInt8(48 + code / 100)
      line[1] = UInt8(48 + code / 10 % 10)
      line[2] = UInt8(48 + code % 10)
      line[3] = UInt8(ascii: ",")
      var s = subscriber
      for i in stride(from: 10, through: 4, by: -1) {
        line[i] = UInt8(48 + s % 10)
        s /= 10
      }
      line[11] = UInt8(ascii: "\n")
      write(bytes: UnsafeBufferPointer(line))
    }
  }
}

/// A small, fast, seeded generator: benchmark data must be the same on every machine.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  mutating func nextDouble() -> Double {
    Double(next() >> 11) / Double(1 << 53)
  }
}

enum BenchError: Error, CustomStringConvertible {
  case usage(String)
  var description: String {
    switch self {
    case .usage(let s): return s
    }
  }
}
