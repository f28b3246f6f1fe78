import Foundation
import ListScrub

/// Generates a messy vendor lead file for the clean benchmarks: US numbers in the registry
/// generator's area codes (the US ones: a Canadian or Caribbean number needs its own country's
/// registry, and the scrub would suppress it as `not_covered`), in every common shape, with a second phone column on 30% of rows,
/// ~3% repeats, ~2% garbage and ~1% international numbers, money and yes/no columns for filters.
///
///     scrub-bench leads-gen --rows 1000000 --out bench-data/leads-1m.csv
///
/// `--country ES` writes the same file with Spanish numbers instead (valid mobiles and landlines,
/// in eight vendor shapes: national, spaced, dotted, `+34`, `0034`, `(+34)`, `34` without `+`),
/// for the paired ES-vs-US scrub (scripts/bench-phone-regions.sh). `--registry-out FILE` also
/// writes one in ten of the file's numbers, E.164 (`+…`), one a line: a registry that lists them.
struct LeadsGen {
  var rows = 100_000
  var out = "bench-data/leads.csv"
  var seed: UInt64 = 7
  var country = "US"
  var registryOut: String?

  init(arguments: [String]) throws {
    let options = try BenchArguments(
      arguments, options: ["--rows", "--out", "--seed", "--country", "--registry-out"])
    rows = try options.int("--rows", rows)
    out = options.string("--out", out)
    seed = try options.uint64("--seed", seed)
    country = options.string("--country", country)
    let registry = options.string("--registry-out", "")
    registryOut = registry.isEmpty ? nil : registry
    guard country == "US" || country == "ES" else {
      throw BenchError.usage("leads-gen --country takes US or ES")
    }
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
    let esRegion = PhoneRegion("ES")!
    func spanish() -> String {
      // Mobiles (6xx, 7[1-4]x) and landlines (8xx, 9xx), drawn until the engine calls them valid.
      var digits = ""
      repeat {
        let first = ["6", "6", "7", "9", "9", "8"][Int(rng.next() % 6)]
        digits = first + String(format: "%08d", rng.next() % 100_000_000)
      } while !normalizer.normalize(digits, region: esRegion).isValid
      let d = Array(digits)
      let a = String(d[0..<3])
      let b = String(d[3..<6])
      let c = String(d[6..<9])
      switch rng.next() % 8 {
      case 0: return digits
      case 1: return "\(a) \(String(d[3..<5])) \(String(d[5..<7])) \(String(d[7..<9]))"
      case 2: return "\(a).\(b).\(c)"
      case 3: return "+34 \(a) \(b) \(c)"
      case 4: return "0034 \(digits)"
      case 5: return "(+34) \(a)-\(b)-\(c)"
      case 6: return "34\(digits)"
      default: return "+34\(digits)"
      }
    }
    let number = country == "ES" ? spanish : nanp
    let defaultRegion = country == "ES" ? esRegion : .us
    var registry = try registryOut.map { try TextWriter(path: $0) }
    func listed(_ phone: String) {
      guard registry != nil, rng.next() % 10 == 0,
        let e164 = normalizer.normalize(phone, region: defaultRegion).number
      else { return }
      registry?.write("\(e164)\n")
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
        phone = number()
        listed(phone)
        if recent.count < 1000 { recent.append(phone) } else { recent[Int(rng.next() % 1000)] = phone }
      }
      let phone2 = rng.next() % 10 < 3 ? number() : ""
      listed(phone2)
      let name = names[Int(rng.next() % UInt64(names.count))]
      let state = states[Int(rng.next() % UInt64(states.count))]
      let income = "\"$\(20 + rng.next() % 180),\(String(format: "%03d", rng.next() % 1000))\""
      let optIn = rng.next() % 2 == 0 ? "yes" : "no"
      writer.write(
        "\(id),\(name),Doe,\(phone.contains(",") ? "\"\(phone)\"" : phone),\(phone2),\(state),\(18 + rng.next() % 70),\(income),\(optIn),lead\(id)@example.com\n"
      )
    }
    try writer.close()
    try registry?.close()
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
