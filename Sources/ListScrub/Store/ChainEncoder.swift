import Foundation
import GRDB
import GRDBSQLite

/// A row's canonical bytes for the chain: each value typed and length-prefixed (`i42;`,
/// `t5:hello`, `n`), a row ended by a newline, so that no two rows share an encoding. Text is
/// what SQLite stores: a string bound as text ends at its first NUL.
///
/// A plain byte buffer, used as a local variable: the insert loop of a million-row import
/// encodes every row, and a class's stored properties would cost a runtime exclusivity check
/// at each byte.
struct ChainEncoder {
  /// Owns the buffer, so that copies share it and it is freed once.
  private final class Storage {
    var base: UnsafeMutablePointer<UInt8>
    init(capacity: Int) { base = .allocate(capacity: capacity) }
    deinit { base.deallocate() }
  }

  private var storage: Storage
  private var base: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  private(set) var count = 0

  init(capacity: Int = 256) {
    self.capacity = max(capacity, 64)
    storage = Storage(capacity: self.capacity)
    base = storage.base
  }

  var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

  /// A copy of the bytes.
  var array: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

  mutating func reset() {
    count = 0
  }

  @inline(__always) private mutating func reserve(_ n: Int) {
    if count + n > capacity { grow(n) }
  }

  private mutating func grow(_ n: Int) {
    var grown = capacity * 2
    while count + n > grown { grown *= 2 }
    let new = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
    new.update(from: base, count: count)
    storage.base.deallocate()
    storage.base = new
    base = new
    capacity = grown
  }

  @inline(__always) private mutating func byte(_ b: UInt8) {
    reserve(1)
    base[count] = b
    count += 1
  }

  @inline(__always) private mutating func put(_ start: UnsafeRawPointer?, _ n: Int) {
    reserve(n)
    if n > 0, let start { memcpy(base + count, start, n) }
    count += n
  }

  /// Decimal digits, as `String(value)` writes them.
  @inline(__always) private mutating func decimal(_ value: Int64) {
    reserve(20)
    if value < 0 {
      base[count] = UInt8(ascii: "-")
      count += 1
    }
    var magnitude = value.magnitude
    var digits = 1
    var rest = magnitude
    while rest >= 10 {
      rest /= 10
      digits += 1
    }
    var i = count + digits - 1
    repeat {
      base[i] = UInt8(truncatingIfNeeded: 48 &+ magnitude % 10)
      magnitude /= 10
      i -= 1
    } while magnitude > 0
    count += digits
  }

  mutating func int(_ value: Int64) {
    byte(UInt8(ascii: "i"))
    decimal(value)
    byte(UInt8(ascii: ";"))
  }

  mutating func text(_ value: UnsafeBufferPointer<UInt8>) {
    byte(UInt8(ascii: "t"))
    decimal(Int64(value.count))
    byte(UInt8(ascii: ":"))
    put(value.baseAddress, value.count)
  }

  mutating func text(_ value: String) {
    var copy = value
    copy.withUTF8 { all in
      var length = all.count
      if let start = all.baseAddress, let nul = memchr(start, 0, all.count) {
        length = UnsafeRawPointer(nul) - UnsafeRawPointer(start)
      }
      text(UnsafeBufferPointer(start: all.baseAddress, count: length))
    }
  }

  /// Bytes encoded before (`encoded`): a value every row of a batch shares.
  mutating func raw(_ encoded: [UInt8]) {
    encoded.withUnsafeBufferPointer { put($0.baseAddress, $0.count) }
  }

  /// The encoding `body` writes, to append with `raw`.
  static func encoded(_ body: (inout ChainEncoder) -> Void) -> [UInt8] {
    var encoder = ChainEncoder()
    body(&encoder)
    return encoder.array
  }

  static func encoded(text: String) -> [UInt8] {
    encoded { $0.text(text) }
  }

  mutating func null() {
    byte(UInt8(ascii: "n"))
  }

  mutating func endRow() {
    byte(0x0A)
  }

  /// Every column of `statement`'s current row, by its stored type, and the row's end.
  mutating func row(_ statement: RawStatement) {
    for column in 0..<statement.columnCount {
      switch statement.type(column) {
      case SQLITE_INTEGER: int(statement.int64(column))
      case SQLITE_NULL: null()
      case SQLITE_FLOAT:
        byte(UInt8(ascii: "r"))
        var text = String(statement.double(column))
        text.withUTF8 { put($0.baseAddress, $0.count) }
        byte(UInt8(ascii: ";"))
      case SQLITE_BLOB:
        let blob = statement.blob(column)
        byte(UInt8(ascii: "b"))
        decimal(Int64(blob.count))
        byte(UInt8(ascii: ":"))
        put(blob.baseAddress, blob.count)
      default: text(statement.textBytes(column))
      }
    }
    endRow()
  }
}
