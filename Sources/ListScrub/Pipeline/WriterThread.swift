import Foundation

/// The second core of a scrub: the number stages (`Decider`) and the outputs (`OutputRows`), one
/// batch at a time on a thread of its own, while the reader runs the row stages on the next
/// batch. Batches are handled in the order they were read, so dedupe's "first occurrence wins"
/// and the outputs do not depend on timing.
final class WriterThread: @unchecked Sendable {
  private let decider: Decider
  let outputs: OutputRows
  /// The writer thread's CPU time by phase, and the batches it took (for `SCRUB_TRACE`).
  private(set) var times = PhaseTimes()
  private(set) var batches = 0

  private let queue = DispatchQueue(label: "listscrub.clean.writer")
  /// At most two batches in flight: one being written, one waiting.
  private let slots = DispatchSemaphore(value: 2)
  private let lock = NSLock()
  private var failure: Error?
  private var spare: [PipelineBatch] = []

  init(decider: Decider, outputs: OutputRows) {
    self.decider = decider
    self.outputs = outputs
    // The stages' one-time loads run here while the reader parses the first batch.
    queue.async { [self] in
      // Thread CPU clocks: a serial queue's blocks may run on different pool threads, so each
      // block times itself from its own start.
      times.start()
      do {
        try self.decider.prepare(&times)
      } catch {
        fail(error)
      }
    }
  }

  /// Queues `batch`; returns an empty batch to fill next. Rethrows a writer failure.
  func submit(_ batch: PipelineBatch) throws -> PipelineBatch {
    try checkFailure()
    slots.wait()
    queue.async { [self] in
      defer { slots.signal() }
      lock.lock()
      let failed = failure != nil
      lock.unlock()
      if !failed {
        do {
          batches += 1
          times.start()
          var work = try decider.decide(batch, &times)
          try outputs.write(batch, work)
          batch.candidates = work.takeCandidates()
          times.lap("outputs")
        } catch {
          fail(error)
        }
      }
      batch.reset()
      lock.lock()
      spare.append(batch)
      lock.unlock()
    }
    lock.lock()
    defer { lock.unlock() }
    return spare.popLast() ?? PipelineBatch()
  }

  /// Waits for every queued batch; adds the writer's counts to `counts`.
  func drain(into counts: inout RunRecord.Counts) throws {
    queue.sync {}
    try checkFailure()
    decider.count(into: &counts)
    outputs.count(into: &counts)
  }

  private func fail(_ error: Error) {
    lock.lock()
    failure = error
    lock.unlock()
  }

  private func checkFailure() throws {
    lock.lock()
    defer { lock.unlock() }
    if let failure { throw failure }
  }
}
