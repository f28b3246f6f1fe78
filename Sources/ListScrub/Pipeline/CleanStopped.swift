/// An output's reader went away (`scrub clean leads.csv | head`) before it took every byte,
/// while the run wrote or once it had: the run stops, records nothing (no complete output was
/// delivered) and exits 0, with a note on stderr.
public enum CleanStopped: Error, Sendable {
  case downstreamClosed
}
