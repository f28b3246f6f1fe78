import Foundation

/// Writes a zip archive of stored (uncompressed) entries: enough to test how imports treat
/// archives, without a zip tool on the test machine.
enum StoredZip {
  /// `unpackedSize`, when given, is declared as every entry's uncompressed size in place of its
  /// real one (a damaged archive whose two sizes disagree).
  static func make(_ entries: [(name: String, bytes: [UInt8])], unpackedSize: UInt32? = nil) -> [UInt8] {
    var out: [UInt8] = []
    var central: [UInt8] = []
    for entry in entries {
      let offset = UInt32(out.count)
      let name = Array(entry.name.utf8)
      let crc = crc32(entry.bytes)
      let size = UInt32(entry.bytes.count)
      let unpacked = unpackedSize ?? size
      out += le32(0x0403_4B50) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0x21)
      out += le32(crc) + le32(size) + le32(unpacked) + le16(UInt16(name.count)) + le16(0) + name + entry.bytes
      central += le32(0x0201_4B50) + le16(20) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0x21)
      central += le32(crc) + le32(size) + le32(unpacked) + le16(UInt16(name.count)) + le16(0) + le16(0)
      central += le16(0) + le16(0) + le32(0) + le32(offset) + name
    }
    let centralOffset = UInt32(out.count)
    out += central
    out += le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(entries.count)) + le16(UInt16(entries.count))
    out += le32(UInt32(central.count)) + le32(centralOffset) + le16(0)
    return out
  }

  /// The offset of the first entry's data in `make`'s archive: the 30-byte local header, then
  /// the name.
  static func dataOffset(name: String) -> Int { 30 + name.utf8.count }

  private static func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
  private static func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) } }

  private static func crc32(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
      crc ^= UInt32(byte)
      for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    }
    return ~crc
  }
}
