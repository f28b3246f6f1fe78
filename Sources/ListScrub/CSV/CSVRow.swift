import Foundation

/// One parsed CSV row, valid only inside the callback that receives it (its bytes live in the
/// reader's reused buffer: no allocation per row).
public struct CSVRow {
  /// The physical line the row starts on, 1-based, counting newlines inside quoted fields.
  public let line: Int
  /// The file ended inside this row's quoted field: the row swallowed the rest of the file.
  public let unterminatedQuote: Bool
  let storage: UnsafeBufferPointer<UInt8>
  let ends: UnsafeBufferPointer<Int>

  init(
    line: Int, unterminatedQuote: Bool = false, storage: UnsafeBufferPointer<UInt8>,
    ends: UnsafeBufferPointer<Int>
  ) {
    self.line = line
    self.unterminatedQuote = unterminatedQuote
    self.storage = storage
    self.ends = ends
  }

  public var count: Int { ends.count }

  /// The raw bytes of field `index` (quotes removed, doubled quotes undone).
  public func bytes(_ index: Int) -> UnsafeBufferPointer<UInt8> {
    let start = index == 0 ? 0 : ends[index - 1]
    return UnsafeBufferPointer(rebasing: storage[start..<ends[index]])
  }

  /// Field `index` as text: UTF-8, or Windows-1252 when the bytes are not valid UTF-8.
  public func string(_ index: Int) -> String {
    TextDecoding.decode(bytes(index))
  }
}
