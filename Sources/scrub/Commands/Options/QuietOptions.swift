import ArgumentParser

/// `--quiet` for a command that has no messages of its own to silence but must take the flag
/// as every command does, so a script can pass it to any of them (issue 15). Commands with
/// messages hold their own `quiet` (`clean`, `registry import`, ``LedgerWriterOptions``).
struct QuietOptions: ParsableArguments {
  @Flag(help: "Print nothing on stderr but errors and warnings (this command prints no other messages).")
  var quiet = false
}
