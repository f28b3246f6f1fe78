import Foundation
import ListScrub

/// The floor under `scrub clean`: the same file through the same libcsv reader, counting rows and
/// touching no cell. `scrub-bench csv-parse FILE`
enum CSVParseBench {
  static func run(_ arguments: [String]) throws {
    guard let path = arguments.first, let handle = FileHandle(forReadingAtPath: path) else {
      throw BenchError.usage("usage: scrub-bench csv-parse FILE")
    }
    let reader = try CSVReader()
    var rows = 0
    var fields = 0
    while let data = try handle.read(upToCount: 1 << 20), !data.isEmpty {
      try data.withUnsafeBytes { bytes in
        try reader.feed(bytes) { row in
          rows += 1
          fields += row.count
        }
      }
    }
    try reader.finish { row in
      rows += 1
      fields += row.count
    }
    print("\(rows) rows, \(fields) fields")
  }
}
