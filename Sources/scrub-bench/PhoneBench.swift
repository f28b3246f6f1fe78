import Foundation
import ListScrub

/// `scrub-bench phone --mix nanp|vendor|intl50 --threads N --count N [--engine-only]`: numbers per
/// second through `PhoneNormalizer`, on cells generated in-process from a fixed seed and packed
/// into one byte buffer, as the CSV reader will hand them over.
enum PhoneBench {
  struct Cells {
    var bytes: [UInt8] = []
    var bounds: [(start: Int, end: Int, common: Bool)] = []
  }

  static func run(_ arguments: [String]) throws {
    let options = try BenchArguments(
      arguments, options: ["--mix", "--threads", "--count"], flags: ["--engine-only"])
    let mix = options.string("--mix", "nanp")
    let threads = max(1, try options.int("--threads", 1))
    let count = try options.int("--count", 1_000_000)
    let engineOnly = options.flag("--engine-only")
    let normalizer = PhoneNormalizer(fastPath: !engineOnly)
    let rareShare = mix == "vendor" ? 0.05 : mix == "intl50" ? 0.5 : 0
    let cells = generate(count: count, rareShare: rareShare, internationalOnly: mix == "intl50", seed: 42)
    // Builds the NANP table and the engine's tables outside the timing.
    _ = normalizer.normalize("2015550123", region: .us)
    _ = normalizer.normalize("+44 20 7946 0958", region: .us)

    let chunk = (cells.bounds.count + threads - 1) / threads
    let valid = UnsafeMutablePointer<Int>.allocate(capacity: threads)
    let rareNanos = UnsafeMutablePointer<UInt64>.allocate(capacity: threads)
    defer {
      valid.deallocate()
      rareNanos.deallocate()
    }
    let start = DispatchTime.now().uptimeNanoseconds
    let cpuStart = processCPUSeconds()
    cells.bytes.withUnsafeBufferPointer { bytes in
      // Workers write only their own slot; the buffer is read-only while they run.
      let shared = Shared(all: bytes, valid: valid, rareNanos: rareNanos)
      DispatchQueue.concurrentPerform(iterations: threads) { worker in
        let all = shared.all
        var accepted = 0
        var rare: UInt64 = 0
        let lower = worker * chunk
        let upper = min(cells.bounds.count, lower + chunk)
        for index in lower..<max(lower, upper) {
          let cell = cells.bounds[index]
          let slice = UnsafeBufferPointer(rebasing: all[cell.start..<cell.end])
          if cell.common {
            if normalizer.normalize(slice, region: .us).isValid { accepted += 1 }
          } else {
            // Timed apart: these are the cells that mostly reach the engine (the slow path).
            let t0 = DispatchTime.now().uptimeNanoseconds
            if normalizer.normalize(slice, region: .us).isValid { accepted += 1 }
            rare += DispatchTime.now().uptimeNanoseconds - t0
          }
        }
        shared.valid[worker] = accepted
        shared.rareNanos[worker] = rare
      }
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let cpuSeconds = processCPUSeconds() - cpuStart
    let validCount = (0..<threads).reduce(0) { $0 + valid[$1] }
    let rareSeconds = Double((0..<threads).reduce(UInt64(0)) { $0 + rareNanos[$1] }) / 1e9
    let rareCells = cells.bounds.lazy.filter { !$0.common }.count
    let rate = Double(count) / seconds
    print(
      "phone mix=\(mix) threads=\(threads) count=\(count)\(engineOnly ? " engine-only" : ""): "
        + "\(String(format: "%.0f", rate)) numbers/s (\(String(format: "%.3f", seconds)) s, "
        + "\(validCount) valid); "
        + "\(String(format: "%.0f", Double(count) / cpuSeconds)) numbers per CPU-second")
    if rareCells > 0 {
      let share = rareSeconds / (seconds * Double(threads))
      print(
        "  \(rareCells) international/garbage cells: \(String(format: "%.1f", rareSeconds / Double(rareCells) * 1e6)) µs each, "
          + "\(String(format: "%.0f", share * 100))% of worker time")
    }
  }

  /// The process's CPU time (user and system): a shared machine's other load stretches the wall
  /// clock, much less the CPU time of a single-threaded loop.
  static func processCPUSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
  }

  /// `count` cells: NANP shapes, and `rareShare` of them international numbers or garbage
  /// (international numbers only with `internationalOnly`: the `intl50` mix).
  static func generate(count: Int, rareShare: Double, internationalOnly: Bool = false, seed: UInt64)
    -> Cells
  {
    var random = SplitMix(seed: seed)
    var cells = Cells()
    cells.bytes.reserveCapacity(count * 16)
    cells.bounds.reserveCapacity(count)
    let international = [
      "+44 20 7946 0%03d", "020 7946 0%03d", "+34 612 345 %03d", "+52 55 1234 5%03d",
      "+49 30 123456%03d", "011 33 1 23 45 6%03d", "+61 2 9876 5%03d", "+55 11 98765 4%03d",
      "+34 91 123 4%03d", "00351 912 345 %03d", "+371 2123 4%03d", "+54 9 11 2345 6%03d",
      "+39 06 1234 5%03d", "+353 1 234 5%03d", "+91 98765 43%03d", "+234 802 123 4%03d",
      "+41 44 668 1%03d", "+81 3 1234 5%03d", "tel:+33-6-12-34-56-%02d", "+44 (0)20 7946 1%03d",
    ]
    let garbage = [
      "N/A", "", "2.01555E+09", "555-0123", "none", "1-800-FLOWERS", "call after 5",
      "12345", "#N/A", "201555012345",
    ]
    for _ in 0..<count {
      let start = cells.bytes.count
      let rare = Double(random.next() % 10_000) / 10_000 < rareShare
      let text: String
      if rare {
        text =
          internationalOnly || random.next() % 2 == 0
          ? String(
            format: international[Int(random.next() % UInt64(international.count))],
            Int(random.next() % 100))
          : garbage[Int(random.next() % UInt64(garbage.count))]
      } else {
        let npa = 201 + Int(random.next() % 789)
        let nxx = 200 + Int(random.next() % 800)
        let line = Int(random.next() % 10_000)
        let digits = String(format: "%03d%03d%04d", npa, nxx, line)
        let a = digits.prefix(3)
        let b = digits.dropFirst(3).prefix(3)
        let c = digits.suffix(4)
        switch random.next() % 8 {
        case 0: text = "(\(a)) \(b)-\(c)"
        case 1: text = "\(a)-\(b)-\(c)"
        case 2: text = "1\(digits)"
        case 3: text = "+1 \(a) \(b) \(c)"
        case 4: text = "\(a).\(b).\(c)"
        case 5: text = "\(digits).0"
        case 6: text = "\(a)-\(b)-\(c) x\(random.next() % 1000)"
        default: text = digits
        }
      }
      cells.bytes.append(contentsOf: text.utf8)
      cells.bounds.append((start, cells.bytes.count, !rare))
    }
    return cells
  }

  struct Shared: @unchecked Sendable {
    let all: UnsafeBufferPointer<UInt8>
    let valid: UnsafeMutablePointer<Int>
    let rareNanos: UnsafeMutablePointer<UInt64>
  }
}
