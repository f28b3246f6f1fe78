/// libFuzzer target: the CSV reader over libcsv. The first input byte picks the delimiter and the
/// chunk size, so a row split across chunks (and a quote split across them) gets exercised.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard size > 0 else { return 0 }
  let delimiters: [UInt8] = [0x2C, 0x3B, 0x09, 0x7C]
  let delimiter = delimiters[Int(data[0] & 3)]
  let chunk = 1 + Int(data[0] >> 2)
  let bytes = UnsafeRawBufferPointer(start: data + 1, count: size - 1)
  guard let reader = try? CSVReader(delimiter: delimiter) else { return 0 }
  var lastLine = 0
  let onRow: (CSVRow) throws -> Void = { row in
    // Lines only move forward, and every field can be read and decoded.
    precondition(row.line >= max(1, lastLine), "line numbers went backwards")
    lastLine = row.line
    for i in 0..<row.count {
      _ = row.string(i)
      precondition(row.bytes(i).count <= size, "a field longer than the input")
    }
  }
  var offset = 0
  do {
    while offset < bytes.count {
      let end = min(bytes.count, offset + chunk)
      try reader.feed(UnsafeRawBufferPointer(rebasing: bytes[offset..<end]), onRow: onRow)
      offset = end
    }
    try reader.finish(onRow: onRow)
  } catch {
    // A parse error is a valid outcome; only crashes and sanitizer reports are findings.
  }
  return 0
}
