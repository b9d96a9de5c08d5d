import Foundation
import Testing
import Torch

/// Large elementwise ops split their work across cores (the worker pool, or
/// libdispatch when the pool is taken): results must not depend on which,
/// even with several threads running large ops at once.
@Suite struct ParallelLoopTests {
    @Test func concurrentLargeOpsGiveExactResults() async {
        let n = 1 << 18
        let a = Torch.arange(0, Double(n)).to(.float32), b = Torch.ones([n])
        let expected = (0..<n).map { Float($0) * 2 + 1 }
        let failures = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    var bad = 0
                    for _ in 0..<50 {
                        let c = (a * 2 + b).toArray(as: Float.self)
                        if c != expected { bad += 1 }
                    }
                    return bad
                }
            }
            return await group.reduce(0, +)
        }
        #expect(failures == 0)
    }
}
