import Foundation
import Testing

@testable import ListScrub

/// Random sequences of full imports and change lists, checked against a plain `Set` model: the
/// stored source after every snapshot, and every number's answer at every past snapshot.
@Suite struct RandomHistoryTests {
  @Test(arguments: [1, 2, 3, 4, 5])
  func storeAgreesWithAModel(seed: UInt64) throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    var rng = SeededRandom(seed: seed)
    // 120 candidate numbers over three 10,000-number blocks, so blocks fill, empty and refill.
    let universe = (0..<120).map { _ in 2_015_550_000 + Int64(rng.next(below: 30_000)) }
    var model = Set<Int64>()
    var history: [Set<Int64>] = []
    for step in 0..<8 {
      let mode: RegistryImportOptions.Mode = step == 0 ? .full : [.full, .add, .delete][rng.next(below: 3)]
      let picked = Set(universe.filter { _ in rng.next(below: 3) == 0 })
      switch mode {
      case .full: model = picked
      case .add: model.formUnion(picked)
      case .delete: model.subtract(picked)
      }
      let file = try f.dir.write("s\(step).txt", StoreFixture.ftcLines(picked.sorted()))
      let day = String(format: "2026-10-%02d", step + 1)
      try f.run([file], kind: .national, mode: mode, downloadedAt: day) {
        $0.force = true
        // Odd seeds fold the overlay into the blocks almost every time; even seeds never do.
        $0.pendingLimit = seed % 2 == 1 ? 5 : 1_000_000
      }
      history.append(model)
      #expect(try f.numbers() == model.map { $0 + 10_000_000_000 }.sorted(), "after step \(step)")
    }
    for (step, expected) in history.enumerated() {
      let day = try #require(Timestamp.parse(String(format: "2026-10-%02d", step + 1)))
      for number in Set(universe) {
        let hit = try #require(try f.store.lookup(number: number + 10_000_000_000, asOf: day).first)
        #expect(hit.listed == expected.contains(number), "number \(number) at snapshot \(step + 1)")
        if let added = hit.addedSnapshot {
          // The snapshot that added it: listed from then on to `step`, absent just before.
          let from = Int(added) - 1
          #expect((from...step).allSatisfy { history[$0].contains(number) })
          #expect(from == 0 || !history[from - 1].contains(number))
        }
      }
    }
  }
}

/// SplitMix64: the same sequence on every machine.
struct SeededRandom {
  var state: UInt64
  init(seed: UInt64) { state = seed }

  mutating func next(below bound: Int) -> Int {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    z ^= z >> 31
    return Int(z % UInt64(bound))
  }
}
