import Foundation
import ListScrub

/// Generates a messy vendor lead file for the clean benchmarks: US numbers in the registry
/// generator's area codes (the US ones: a Canadian or Caribbean number needs its own country's
/// registry, and the scrub would suppress it as `not_covered`), in every common shape, with a second phone column on 30% of rows,
/// ~3% repeats, ~2% garbage and ~1% international numbers, money and yes/no columns for filters.
///
///     scrub-bench leads-gen --rows 1000000 --out bench-data/leads-1m.csv
struct LeadsGen {
  var rows = 100_000
  var out = "bench-data/leads.csv"
  var seed: UInt64 = 7

  init(arguments: [String]) throws {
    let options = try BenchArguments(arguments, options: ["--rows", "--out", "--seed"])
    rows = try options.int("--rows", rows)
    out = options.string("--out", out)
    seed = try options.uint64("--seed", seed)
  }

  func run() throws {
    var rng = SplitMix(seed: seed)
    let codes = RegistryGen.areaCodes(400).filter {
      PhoneNumber(e164: 10_000_000_000 + Int64($0) * 10_000_000 + 2_000_000).region == .us
    }
    let states = ["TX", "FL", "NY", "NJ", "CA", "GA", "OH", "PA"]
    let names = ["Ana", "Ben", "Carla", "Dev", "Eli", "Fran", "Gus", "Hana", "José", "Zoë"]
    let garbage = ["N/A", "n/a", "555-1234", "2.01555E+09", "0", "none", "TBD", "12345", ""]
    var recent: [String] = []
    var writer = try TextWriter(path: out)
    let normalizer = PhoneNormalizer()
    writer.write("lead_id,first_name,last_name,phone,phone2,state,age,income,opt_in,email\n")
    func nanp() -> String {
      // Vendors sell numbers that exist: draw until the NANP table calls the exchange valid.
      var code = 0
      var exchange = 0
      var line = 0
      repeat {
        code = codes[Int(rng.next() % UInt64(codes.count))]
        exchange = 200 + Int(rng.next() % 800)
        line = Int(rng.next() % 10_000)
      } while !normalizer.normalize("\(code)\(exchange)\(String(format: "%04d", line))", region: .us).isValid
      let e = String(exchange)
      let l = String(format: "%04d", line)
      switch rng.next() % 8 {
      case 0: return "(\(code)) \(e)-\(l)"
      case 1: return "\(code)-\(e)-\(l)"
      case 2: return "\(code)\(e)\(l)"
      case 3: return "+1 \(code) \(e) \(l)"
      case 4: return "1-\(code)-\(e)-\(l)"
      case 5: return "\(code).\(e).\(l)"
      case 6: return "\(code)\(e)\(l).0"
      default: return "\(code) \(e) \(l) x\(rng.next() % 900 + 100)"
      }
    }
    for id in 0..<rows {
      let roll = rng.next() % 100
      let phone: String
      if roll < 2 {
        phone = garbage[Int(rng.next() % UInt64(garbage.count))]
      } else if roll < 3 {
        phone = "+44 20 \(7000 + rng.next() % 999) \(1000 + rng.next() % 8999)"
      } else if roll < 6 && !recent.isEmpty {
        phone = recent[Int(rng.next() % UInt64(recent.count))]
      } else {
        phone = nanp()
        if recent.count < 1000 { recent.append(phone) } else { recent[Int(rng.next() % 1000)] = phone }
      }
      let phone2 = rng.next() % 10 < 3 ? nanp() : ""
      let name = names[Int(rng.next() % UInt64(names.count))]
      let state = states[Int(rng.next() % UInt64(states.count))]
      let income = "\"$\(20 + rng.next() % 180),\(String(format: "%03d", rng.next() % 1000))\""
      let optIn = rng.next() % 2 == 0 ? "yes" : "no"
      writer.write(
        "\(id),\(name),Doe,\(phone.contains(",") ? "\"\(phone)\"" : phone),\(phone2),\(state),\(18 + rng.next() % 70),\(income),\(optIn),lead\(id)@example.com\n"
      )
    }
    try writer.close()
  }
}

/// Buffered text output for generators.
struct TextWriter {
  private let handle: FileHandle
  private var buffer: [UInt8] = []

  init(path: String) throws {
    FileManager.default.createFile(atPath: path, contents: nil)
    guard let handle = FileHandle(forWritingAtPath: path) else {
      throw BenchError.usage("cannot write \(path)")
    }
    self.handle = handle
  }

  mutating func write(_ text: String) {
    buffer.append(contentsOf: text.utf8)
    flushIfFull()
  }

  mutating func write(bytes: UnsafeBufferPointer<UInt8>) {
    buffer.append(contentsOf: bytes)
    flushIfFull()
  }

  private mutating func flushIfFull() {
    if buffer.count >= 1 << 20 {
      handle.write(Data(buffer))
      buffer.removeAll(keepingCapacity: true)
    }
  }

  mutating func close() throws {
    handle.write(Data(buffer))
    try handle.close()
  }
}
