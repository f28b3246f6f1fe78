import Foundation
import ListScrub

/// `scrub-bench region --count N`: lookups per second of `PhoneNumber.region`, the country the
/// clean pipeline asks for every number, on a seeded mix of E.164 values: 80% NANP, 10% from
/// shared codes split by prefix (+44, +7, +61, +590), 10% single-region codes.
enum RegionBench {
  static func run(_ arguments: [String]) throws {
    let options = try BenchArguments(arguments, options: ["--count"], flags: [])
    let count = try options.int("--count", 10_000_000)
    var random = SplitMix(seed: 14)
    // (country code, national digits)
    let shared: [(Int64, Int64)] = [(44, 10), (7, 10), (61, 9), (590, 9)]
    let single: [(Int64, Int64)] = [(34, 9), (351, 9), (371, 8), (49, 11)]
    func number(_ codes: [(Int64, Int64)]) -> PhoneNumber {
      let (code, digits) = codes[Int(random.next() % UInt64(codes.count))]
      let span = (0..<digits).reduce(Int64(1)) { value, _ in value * 10 }
      // National numbers without a leading 0, like most valid ones.
      let national = span / 10 + Int64(random.next() % UInt64(span - span / 10))
      return PhoneNumber(e164: code * span + national)
    }
    let numbers: [PhoneNumber] = (0..<count).map { _ in
      switch random.next() % 10 {
      case 0: number(shared)
      case 1: number(single)
      default: PhoneNumber(nanpNational: 2_000_000_000 + Int64(random.next() % 8_000_000_000))
      }
    }
    _ = numbers.first?.region  // builds the table outside the timing
    var placed = 0
    var checksum: UInt64 = 0
    let start = DispatchTime.now().uptimeNanoseconds
    numbers.withUnsafeBufferPointer { buffer in
      for index in 0..<buffer.count {
        if let region = buffer[index].region {
          placed += 1
          checksum &+= UInt64(region.code)
        }
      }
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    print(
      "region count=\(count): \(String(format: "%.0f", Double(count) / seconds)) lookups/s "
        + "(\(String(format: "%.3f", seconds)) s, \(placed) placed, checksum \(checksum))")
  }
}
