/// SHA-256 (FIPS 180-4), streaming. Registry files are hashed for the proof of scrub and for
/// idempotent re-imports; the toolchain on Linux has no CryptoKit, and one small, tested
/// implementation beats another dependency.
public struct SHA256: Sendable {
  private var state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
    0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab,
    0x5be0_cd19
  )
  private var buffer = [UInt8](repeating: 0, count: 64)
  private var bufferCount = 0
  private var totalBytes: UInt64 = 0

  public init() {}

  public mutating func update(_ bytes: UnsafeRawBufferPointer) {
    guard var base = bytes.baseAddress else { return }
    var count = bytes.count
    totalBytes &+= UInt64(count)
    if bufferCount > 0 {
      let take = min(64 - bufferCount, count)
      buffer.withUnsafeMutableBytes { dst in
        (dst.baseAddress! + bufferCount).copyMemory(from: base, byteCount: take)
      }
      bufferCount += take
      base += take
      count -= take
      if bufferCount == 64 {
        buffer.withUnsafeBytes { compress(UnsafeRawPointer($0.baseAddress!), blocks: 1) }
        bufferCount = 0
      }
    }
    let blocks = count / 64
    if blocks > 0 {
      compress(UnsafeRawPointer(base), blocks: blocks)
      base += blocks * 64
      count -= blocks * 64
    }
    if count > 0 {
      buffer.withUnsafeMutableBytes { dst in
        dst.baseAddress!.copyMemory(from: base, byteCount: count)
      }
      bufferCount = count
    }
  }

  public mutating func update<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
    let array = Array(bytes)
    array.withUnsafeBytes { update($0) }
  }

  /// The digest as lower-case hex.
  public mutating func finalizeHex() -> String {
    let bitLength = totalBytes &* 8
    var padding: [UInt8] = [0x80]
    let afterOne = (bufferCount + 1) % 64
    padding += [UInt8](repeating: 0, count: afterOne <= 56 ? 56 - afterOne : 120 - afterOne)
    for shift in stride(from: 56, through: 0, by: -8) {
      padding.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
    }
    let saved = totalBytes
    update(padding)
    totalBytes = saved
    let words = [state.0, state.1, state.2, state.3, state.4, state.5, state.6, state.7]
    let hexDigits = Array("0123456789abcdef".utf8)
    var out = [UInt8]()
    out.reserveCapacity(64)
    for word in words {
      for shift in stride(from: 28, through: 0, by: -4) {
        out.append(hexDigits[Int((word >> UInt32(shift)) & 0xf)])
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  public static func hex<S: Sequence>(of bytes: S) -> String where S.Element == UInt8 {
    var hasher = SHA256()
    hasher.update(bytes)
    return hasher.finalizeHex()
  }

  private static let k: [UInt32] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4,
    0xab1c_5ed5, 0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe,
    0x9bdc_06a7, 0xc19b_f174, 0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f,
    0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da, 0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7,
    0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967, 0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc,
    0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85, 0xa2bf_e8a1, 0xa81a_664b,
    0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070, 0x19a4_c116,
    0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7,
    0xc671_78f2,
  ]

  private mutating func compress(_ data: UnsafeRawPointer, blocks: Int) {
    var (h0, h1, h2, h3, h4, h5, h6, h7) = state
    withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
      SHA256.k.withUnsafeBufferPointer { k in
        for block in 0..<blocks {
          let p = data + block * 64
          for i in 0..<16 {
            w[i] = UInt32(bigEndian: p.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self))
          }
          for i in 16..<64 {
            let x = w[i - 15]
            let y = w[i - 2]
            let s0 = x.rotr(7) ^ x.rotr(18) ^ (x >> 3)
            let s1 = y.rotr(17) ^ y.rotr(19) ^ (y >> 10)
            w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
          }
          var a = h0
          var b = h1
          var c = h2
          var d = h3
          var e = h4
          var f = h5
          var g = h6
          var h = h7
          for i in 0..<64 {
            let s1 = e.rotr(6) ^ e.rotr(11) ^ e.rotr(25)
            let ch = (e & f) ^ (~e & g)
            let t1 = h &+ s1 &+ ch &+ k[i] &+ w[i]
            let s0 = a.rotr(2) ^ a.rotr(13) ^ a.rotr(22)
            let maj = (a & b) ^ (a & c) ^ (b & c)
            let t2 = s0 &+ maj
            h = g
            g = f
            f = e
            e = d &+ t1
            d = c
            c = b
            b = a
            a = t1 &+ t2
          }
          h0 &+= a
          h1 &+= b
          h2 &+= c
          h3 &+= d
          h4 &+= e
          h5 &+= f
          h6 &+= g
          h7 &+= h
        }
      }
    }
    state = (h0, h1, h2, h3, h4, h5, h6, h7)
  }
}

extension UInt32 {
  @inline(__always) fileprivate func rotr(_ n: UInt32) -> UInt32 {
    (self >> n) | (self << (32 - n))
  }
}
