/// Writes CSV rows to an `AtomicOutput`, quoting a field only when it must be (it holds the
/// delimiter, a quote, CR or LF, or starts or ends with a space), so unquoted input fields come
/// out byte for byte as they went in.
public final class CSVWriter {
  public let output: AtomicOutput
  public let delimiter: UInt8
  public private(set) var rows = 0

  public init(output: AtomicOutput, delimiter: UInt8 = UInt8(ascii: ",")) {
    self.output = output
    self.delimiter = delimiter
  }

  @inline(__always)
  public func field(_ bytes: UnsafeBufferPointer<UInt8>, first: Bool) throws {
    if !first { try output.write(byte: delimiter) }
    var needsQuotes = false
    for b in bytes where b == delimiter || b == 0x22 || b == 0x0A || b == 0x0D {
      needsQuotes = true
      break
    }
    if !needsQuotes, let f = bytes.first, let l = bytes.last, f == 0x20 || l == 0x20 {
      needsQuotes = true
    }
    guard needsQuotes else {
      try output.write(UnsafeRawBufferPointer(bytes))
      return
    }
    try output.write(byte: 0x22)
    for b in bytes {
      if b == 0x22 { try output.write(byte: 0x22) }
      try output.write(byte: b)
    }
    try output.write(byte: 0x22)
  }

  public func field(_ text: String, first: Bool) throws {
    var text = text
    try text.withUTF8 { try field($0, first: first) }
  }

  public func endRow() throws {
    try output.write(byte: 0x0A)
    rows += 1
  }
}
