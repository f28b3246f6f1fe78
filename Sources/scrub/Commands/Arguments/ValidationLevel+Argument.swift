import ArgumentParser
import ListScrub

extension ValidationLevel: ExpressibleByArgument {}
