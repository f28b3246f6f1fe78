import Foundation
import Testing

@testable import ListScrub

@Suite struct CSVWriterTests {
  /// Writes with `body` to a file through `AtomicOutput` and returns what landed.
  private func written(delimiter: UInt8 = UInt8(ascii: ","), _ body: (CSVWriter) throws -> Void) throws
    -> String
  {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let path = dir.path + "/out.csv"
    let writer = CSVWriter(output: try AtomicOutput(path: path), delimiter: delimiter)
    try body(writer)
    try writer.output.commit()
    return try String(contentsOfFile: path, encoding: .utf8)
  }

  private func field(_ writer: CSVWriter, _ text: String, first: Bool = false) throws {
    try writer.field(text, first: first)
  }

  @Test func quotesOnlyWhatMustBeQuoted() throws {
    let out = try written { w in
      try field(w, "plain", first: true)
      try field(w, "a,b")
      try field(w, "say \"hi\"")
      try field(w, "two\nlines")
      try field(w, "cr\r")
      try field(w, " lead")
      try field(w, "trail ")
      try field(w, "in side")
      try field(w, "")
      try field(w, "semi;colon")
      try w.endRow()
    }
    #expect(
      out
        == "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\",\" lead\",\"trail \",in side,,semi;colon\n"
    )
  }

  @Test func theDelimiterDecidesQuoting() throws {
    let semicolon = try written(delimiter: UInt8(ascii: ";")) { w in
      try field(w, "a,b", first: true)
      try field(w, "a;b")
      try w.endRow()
    }
    #expect(semicolon == "a,b;\"a;b\"\n")
    let pipe = try written(delimiter: UInt8(ascii: "|")) { w in
      try field(w, "a|b", first: true)
      try field(w, "a,b")
      try w.endRow()
    }
    #expect(pipe == "\"a|b\"|a,b\n")
    let tab = try written(delimiter: 0x09) { w in
      try field(w, "a\tb", first: true)
      try field(w, "c")
      try w.endRow()
    }
    #expect(tab == "\"a\tb\"\tc\n")
  }

  @Test func integersWithAndWithoutAPrefix() throws {
    let out = try written { w in
      try w.field(12_015_550_123, prefix: UInt8(ascii: "+"), first: true)
      try w.field(0, first: false)
      try w.field(-42, first: false)
      try w.field(Int64.max, first: false)
      try w.field(Int64.min, first: false)
      try w.endRow()
    }
    #expect(out == "+12015550123,0,-42,9223372036854775807,-9223372036854775808\n")
  }

  /// A row's fields from one buffer: blanked fields come out empty, missing ones (a short row)
  /// are padded, extra ones cut at `count`.
  @Test func rowsFromABuffer() throws {
    let bytes = Array("idJane, Doe\"q\"".utf8)
    // Fields: "id", "Jane, Doe", "\"q\"", starting at offset 0.
    let ends = [2, 11, 14]
    let out = try written { w in
      try bytes.withUnsafeBufferPointer { b in
        try ends.withUnsafeBufferPointer { e in
          try w.fields(b, start: 0, ends: e, count: 3, first: true)
          try w.endRow()
          try [false, true, false].withUnsafeBufferPointer { blank in
            try w.fields(b, start: 0, ends: e, count: 3, blank: blank, first: true)
          }
          try w.endRow()
          try w.fields(b, start: 0, ends: e, count: 5, first: true)
          try w.endRow()
          try w.fields(b, start: 0, ends: e, count: 2, first: true)
          try w.field("x", first: false)
          try w.endRow()
          // The second field onwards, as a row that starts mid-buffer.
          try w.fields(b, start: 2, ends: UnsafeBufferPointer(rebasing: e[1...]), count: 2, first: true)
          try w.endRow()
        }
      }
    }
    #expect(
      out == """
        id,"Jane, Doe",\"""q\"""
        id,,\"""q\"""
        id,"Jane, Doe",\"""q\""",,
        id,"Jane, Doe",x
        "Jane, Doe",\"""q\"""

        """)
  }

  /// Fields larger than the output's buffer (1 MB) and many small writes across flushes.
  @Test func largeFieldsAndManyFlushes() throws {
    let big = String(repeating: "ab\"", count: 700_000)  // 2.1 MB, 4.2 MB quoted
    let out = try written { w in
      for i in 0..<200_000 { try field(w, "r\(i)", first: true); try w.endRow() }
      try field(w, big, first: true)
      try w.endRow()
    }
    let lines = out.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == 200_002)
    #expect(lines[199_999] == "r199999")
    #expect(lines[200_000] == "\"" + big.replacingOccurrences(of: "\"", with: "\"\"") + "\"")
  }

  @Test func neutralizingPrefixesFormulaLeadsAndLeavesNumbersAlone() throws {
    let out = try written { w in
      w.neutralizeFormulas = true
      try field(w, "=SUM(A1)", first: true)
      try field(w, "+1 201 555 0123")
      try field(w, "-5")
      try field(w, "@cmd")
      try field(w, "\tTAB")
      try field(w, "\rCR")
      try field(w, "=a,b")
      try field(w, "=say \"hi\" ")
      try field(w, "plain = fine")
      try field(w, " =lead space")
      try field(w, "")
      try w.field(12_015_550_123, prefix: UInt8(ascii: "+"), first: false)
      try w.field(-7, first: false)
      try w.endRow()
      let row = Array("=x-yok".utf8)
      try row.withUnsafeBufferPointer { bytes in
        try [2, 4, 6].withUnsafeBufferPointer { ends in
          try w.fields(bytes, start: 0, ends: ends, count: 3, first: true)
        }
      }
      try w.endRow()
    }
    #expect(
      out
        == "'=SUM(A1),'+1 201 555 0123,'-5,'@cmd,'\tTAB,\"'\rCR\",\"'=a,b\",\"'=say \"\"hi\"\" \",plain = fine,"
        + "\" =lead space\",,+12015550123,-7\n'=x,'-y,ok\n")
  }

  /// `repeatedField` writes exactly what `field` writes, whether its text repeats, changes,
  /// comes back, is empty, needs quotes or a formula guard, first in its row or not.
  @Test func aRepeatedFieldIsWrittenAsAnyField() throws {
    let texts = [
      "checked against us-ftc", "checked against us-ftc", "a,b", "a,b", "", "", "say \"hi\"",
      "checked against us-ftc", "=SUM(A1)", "=SUM(A1)", " lead", "checked against us-ftc",
    ]
    for neutralize in [false, true] {
      for first in [false, true] {
        let plain = try written { w in
          w.neutralizeFormulas = neutralize
          for text in texts {
            try w.field(text, first: first)
            try w.endRow()
          }
        }
        let repeated = try written { w in
          w.neutralizeFormulas = neutralize
          for text in texts {
            try w.repeatedField(text, first: first)
            try w.endRow()
          }
        }
        #expect(repeated == plain, "neutralize \(neutralize), first \(first)")
      }
    }
    // The guard switched on between two equal texts applies to the second.
    let switched = try written { w in
      try w.repeatedField("=x", first: true)
      w.neutralizeFormulas = true
      try w.repeatedField("=x", first: false)
      try w.endRow()
    }
    #expect(switched == "=x,'=x\n")
  }

  @Test func withoutTheOptionFormulaLeadsPassThrough() throws {
    let out = try written { w in
      try field(w, "=SUM(A1)", first: true)
      try field(w, "-5")
      try w.endRow()
    }
    #expect(out == "=SUM(A1),-5\n")
  }
}
