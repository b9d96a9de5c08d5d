/// The input positions each pooling window covers, per spatial dim: for output
/// index `o` of dim `d`, `positions[d][offsets[d][o]..<offsets[d][o + 1]]`.
/// Max, average and adaptive pooling differ only in these lists, so one kernel
/// serves all of them. Always three dims; fewer real dims lead with size 1.
struct PoolingWindows: Sendable {
    var inputSize: [Int]
    var outputSize: [Int]
    var offsets: [[Int]]
    var positions: [[Int]]
    /// How many of the three dims are real (1, 2 or 3).
    var rank: Int

    init(inputSize: [Int], windows: [[[Int]]]) {
        rank = inputSize.count
        let lead = 3 - rank
        self.inputSize = [Int](repeating: 1, count: lead) + inputSize
        let all = [[[Int]]](repeating: [[0]], count: lead) + windows
        outputSize = all.map(\.count)
        offsets = all.map { lists in lists.reduce(into: [0]) { $0.append($0.last! + $1.count) } }
        positions = all.map { $0.flatMap { $0 } }
    }

    /// Kernel and stride per dim when every window of that dim is the full,
    /// unclipped run `o * stride ..< o * stride + kernel` (no padding, no
    /// dilation): then the kernel addresses the image directly.
    var regular: [(kernel: Int, stride: Int)]? {
        var result: [(kernel: Int, stride: Int)] = []
        for d in 0..<3 {
            let k = offsets[d].count > 1 ? offsets[d][1] : 0
            let s = outputSize[d] > 1 ? positions[d][k] - positions[d][0] : 1
            guard k > 0, s > 0 else { return nil }
            for o in 0..<outputSize[d] {
                guard offsets[d][o + 1] - offsets[d][o] == k else { return nil }
                for j in 0..<k where positions[d][o * k + j] != o * s + j { return nil }
            }
            result.append((k, s))
        }
        return result
    }

    var inputCount: Int { inputSize[0] * inputSize[1] * inputSize[2] }
    var outputCount: Int { outputSize[0] * outputSize[1] * outputSize[2] }
    var imageShape: [Int] { Array(inputSize.suffix(rank)) }
    var outputShape: [Int] { Array(outputSize.suffix(rank)) }
}

/// What a pooling primitive computes over its windows.
enum PoolingMode { case max, sum, sumAdjoint }
