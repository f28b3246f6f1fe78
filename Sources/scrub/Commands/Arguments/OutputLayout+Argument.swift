import ArgumentParser
import ListScrub

extension OutputLayout: ExpressibleByArgument {}
