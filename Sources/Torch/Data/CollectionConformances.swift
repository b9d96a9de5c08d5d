/// Swift collections as datasets and samplers, as Python ranges and lists are
/// in PyTorch: `random_split(range(10), [3, 7])` is
/// `Torch.randomSplit(0..<10, lengths: [3, 7])`, `sampler=[3, 1, 2]` and
/// `batch_sampler=[[0, 1], [2, 3]]` pass arrays as written.
///
/// (Arrays are not datasets: a conformance that depends on the elements being
/// `Sendable` is not expressible in Swift.)

extension Range: Dataset where Bound == Int {}

extension Array: Sampler {}

extension Range: Sampler where Bound == Int {}
