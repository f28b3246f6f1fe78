import Dispatch
import Foundation
import ListScrub

/// Ctrl-C, a kill or a closed terminal: remove temporary outputs and exit 128 + the signal (130
/// SIGINT, 143 SIGTERM, 129 SIGHUP). An open database transaction is simply never committed, so
/// the store stays as it was.
enum Interrupts {
  nonisolated(unsafe) static var sources: [DispatchSourceSignal] = []

  static func install() {
    for (number, status) in [(SIGINT, Int32(130)), (SIGTERM, Int32(143)), (SIGHUP, Int32(129))] {
      let previous = signal(number, SIG_IGN)
      // Started under nohup, a closed terminal is meant to leave the run alone.
      if number == SIGHUP && unsafeBitCast(previous, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) {
        continue
      }
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler {
        TemporaryFiles.shared.removeAll()
        FileHandle.standardError.write(Data("\nscrub: interrupted; nothing was changed\n".utf8))
        exit(status)
      }
      source.resume()
      sources.append(source)
    }
  }
}
