import ArgumentParser
import ListScrub

extension CleanOptions.Dedupe: ExpressibleByArgument {}
