/// Writes CSV rows to an `AtomicOutput`, quoting a field only when it must be (it holds the
/// delimiter, a quote, CR or LF, or starts or ends with a space), so unquoted input fields come
/// out byte for byte as they went in.
///
/// With ``neutralizeFormulas`` set, a text field that a spreadsheet would run as a formula gets a
/// leading `'`; numbers written by ``field(_:prefix:first:)`` (an E.164 `+1…`) never do.
///
/// Fields are formatted in place in the output's buffer (`AtomicOutput.space`): a scrub writes
/// about ten million fields a million rows, and a copy per field through an intermediate array
/// used to cost more than the registry lookups.
public final class CSVWriter {
  public let output: AtomicOutput
  public let delimiter: UInt8
  public private(set) var rows = 0
  /// Prefix `'` to every text field that starts with `=`, `+`, `-`, `@`, tab or CR, the leads
  /// OWASP's CSV-injection guidance names, so a spreadsheet shows the cell instead of running
  /// it. Off by default: it changes the data (`-5` becomes `'-5`).
  public var neutralizeFormulas = false
  /// 1 at byte values that force quotes (the delimiter, `"`, CR, LF): one load a byte.
  private let special: UnsafeMutablePointer<UInt8>

  public init(output: AtomicOutput, delimiter: UInt8 = UInt8(ascii: ",")) {
    self.output = output
    self.delimiter = delimiter
    special = .allocate(capacity: 256)
    special.initialize(repeating: 0, count: 256)
    for b in [delimiter, 0x22, 0x0A, 0x0D] { special[Int(b)] = 1 }
  }

  deinit {
    special.deallocate()
  }

  /// Writes one field at `target`; returns the bytes written (at most `2 * count + 3`, or
  /// `2 * count + 4` when `neutralize`). Callers pass `neutralize` as a literal, so that the
  /// inlined copy for the default output has no trace of the option.
  @inline(__always)
  private func format(
    _ source: UnsafePointer<UInt8>?, _ count: Int, first: Bool, at target: UnsafeMutablePointer<UInt8>,
    neutralize: Bool = false
  ) -> Int {
    var out = 0
    if !first {
      target[0] = delimiter
      out = 1
    }
    guard let source, count > 0 else { return out }
    if neutralize && Self.isFormulaLead(source[0]) {
      return out + formatNeutralized(source, count, at: target + out)
    }
    // Copy optimistically, noting whether any byte forces quotes; most fields need none.
    var flags: UInt8 = source[0] == 0x20 || source[count - 1] == 0x20 ? 1 : 0
    let special = self.special
    for i in 0..<count {
      let b = source[i]
      target[out + i] = b
      flags |= special[Int(b)]
    }
    guard flags != 0 else { return out + count }
    target[out] = 0x22
    out += 1
    for i in 0..<count {
      let b = source[i]
      if b == 0x22 {
        target[out] = 0x22
        out += 1
      }
      target[out] = b
      out += 1
    }
    target[out] = 0x22
    return out + 1
  }

  static func isFormulaLead(_ b: UInt8) -> Bool {
    b == UInt8(ascii: "=") || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == UInt8(ascii: "@")
      || b == 0x09 || b == 0x0D
  }

  /// A formula-leading field, after its delimiter: `'` and the bytes, all in quotes when the
  /// bytes need them (a CR lead always does). Returns the bytes written (at most `2 * count + 3`).
  private func formatNeutralized(
    _ source: UnsafePointer<UInt8>, _ count: Int, at target: UnsafeMutablePointer<UInt8>
  ) -> Int {
    let quoted = source[count - 1] == 0x20 || (0..<count).contains { special[Int(source[$0])] != 0 }
    var out = 0
    if quoted {
      target[out] = 0x22
      out += 1
    }
    target[out] = UInt8(ascii: "'")
    out += 1
    for i in 0..<count {
      if quoted && source[i] == 0x22 {
        target[out] = 0x22
        out += 1
      }
      target[out] = source[i]
      out += 1
    }
    if quoted {
      target[out] = 0x22
      out += 1
    }
    return out
  }

  @inline(__always)
  public func field(_ bytes: UnsafeBufferPointer<UInt8>, first: Bool) throws {
    if neutralizeFormulas {
      let target = try output.space(2 * bytes.count + 4)
      output.advance(by: format(bytes.baseAddress, bytes.count, first: first, at: target, neutralize: true))
      return
    }
    let target = try output.space(2 * bytes.count + 3)
    output.advance(by: format(bytes.baseAddress, bytes.count, first: first, at: target))
  }

  public func field(_ text: String, first: Bool) throws {
    var text = text
    try text.withUTF8 { try field($0, first: first) }
  }

  /// The last text `repeatedField` wrote, and its bytes as written (quoted, neutralized), without
  /// the delimiter before it.
  private var repeatedText = ""
  private var repeatedBytes: [UInt8] = []
  private var repeatedNeutralized = false

  /// `field(text, first:)` for a column whose cell is mostly the same text row after row (the
  /// `scrub_basis` of a scrub): the formatted bytes of the last text are kept and copied while
  /// it repeats, instead of being scanned again.
  public func repeatedField(_ text: String, first: Bool) throws {
    if text != repeatedText || repeatedNeutralized != neutralizeFormulas {
      var copy = text
      let formatted = copy.withUTF8 { bytes -> [UInt8] in
        [UInt8](unsafeUninitializedCapacity: 2 * bytes.count + 4) { buffer, count in
          count = format(
            bytes.baseAddress, bytes.count, first: true, at: buffer.baseAddress!,
            neutralize: neutralizeFormulas)
        }
      }
      repeatedText = text
      repeatedBytes = formatted
      repeatedNeutralized = neutralizeFormulas
    }
    let target = try output.space(repeatedBytes.count + 1)
    var out = 0
    if !first {
      target[0] = delimiter
      out = 1
    }
    repeatedBytes.withUnsafeBufferPointer {
      if let base = $0.baseAddress { (target + out).update(from: base, count: $0.count) }
    }
    output.advance(by: out + repeatedBytes.count)
  }

  /// A field holding `value` in decimal, after `prefix` (e.g. `+` for an E.164 number). Never
  /// quoted: digits and a sign need none.
  public func field(_ value: Int64, prefix: UInt8? = nil, first: Bool) throws {
    let target = try output.space(24)
    var out = 0
    if !first {
      target[0] = delimiter
      out = 1
    }
    if let prefix {
      target[out] = prefix
      out += 1
    }
    var magnitude = value.magnitude
    if value < 0 {
      target[out] = UInt8(ascii: "-")
      out += 1
    }
    var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes of scratch, right to left
    let length = withUnsafeMutableBytes(of: &digits) { scratch in
      var at = scratch.count
      repeat {
        at -= 1
        scratch[at] = UInt8(ascii: "0") + UInt8(magnitude % 10)
        magnitude /= 10
      } while magnitude > 0
      (target + out).update(
        from: scratch.baseAddress!.advanced(by: at).assumingMemoryBound(to: UInt8.self),
        count: scratch.count - at)
      return scratch.count - at
    }
    output.advance(by: out + length)
  }

  /// The fields of a row held back to back in `bytes`: field k is `bytes[start..<ends[0]]` for
  /// k = 0, then `bytes[ends[k-1]..<ends[k]]`. Fields past `ends` (a short malformed row) are
  /// written empty up to `count`; fields whose `blank` bit is set are written empty. Faster
  /// than a `field` call per field: one reservation for the whole row.
  @inline(__always)
  public func fields(
    _ bytes: UnsafeBufferPointer<UInt8>, start: Int, ends: UnsafeBufferPointer<Int>, count: Int,
    blank: UnsafeBufferPointer<Bool>? = nil, first: Bool
  ) throws {
    if neutralizeFormulas {
      try fields(bytes, start: start, ends: ends, count: count, blank: blank, first: first, neutralize: true)
    } else {
      try fields(bytes, start: start, ends: ends, count: count, blank: blank, first: first, neutralize: false)
    }
  }

  @inline(__always)
  private func fields(
    _ bytes: UnsafeBufferPointer<UInt8>, start: Int, ends: UnsafeBufferPointer<Int>, count: Int,
    blank: UnsafeBufferPointer<Bool>?, first: Bool, neutralize: Bool
  ) throws {
    let present = min(count, ends.count)
    let length = present == 0 ? 0 : ends[present - 1] - start
    let target = try output.space(2 * length + (neutralize ? 4 : 3) * count)
    var out = 0
    var from = start
    let base = bytes.baseAddress
    for k in 0..<count {
      let isFirst = first && k == 0
      if k < present {
        let to = ends[k]
        if let base, blank.map({ !$0[k] }) ?? true {
          out += format(base + from, to - from, first: isFirst, at: target + out, neutralize: neutralize)
        } else {
          out += format(nil, 0, first: isFirst, at: target + out)
        }
        from = to
      } else {
        out += format(nil, 0, first: isFirst, at: target + out)
      }
    }
    output.advance(by: out)
  }

  public func endRow() throws {
    try output.write(byte: 0x0A)
    rows += 1
  }
}
