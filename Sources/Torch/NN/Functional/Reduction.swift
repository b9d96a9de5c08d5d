/// How a loss combines its per-element values, PyTorch's `reduction` argument.
///
/// `.none` keeps one loss per element, `.mean` averages them (weighted losses
/// divide by the total weight), `.sum` adds them.
public enum Reduction: String, Sendable { case none, mean, sum }
