/// The 32-bit Mersenne Twister, the engine behind PyTorch's CPU generator.
///
/// Seeding is the standard `init_genrand`; the outputs equal `std::mt19937`.
/// The state is regenerated lazily on the first draw after seeding, as in
/// PyTorch (`left = 1`), which gives the same stream as an eager twist.
struct MT19937: Sendable {
    private static let n = 624
    private static let m = 397
    private static let matrixA: UInt32 = 0x9908_B0DF
    private static let upperMask: UInt32 = 0x8000_0000
    private static let lowerMask: UInt32 = 0x7FFF_FFFF

    private var state: [UInt32]
    private var index: Int

    /// Seeds with the low 32 bits of a seed (all that PyTorch keeps).
    init(seed: UInt32) {
        var st = [UInt32](repeating: 0, count: MT19937.n)
        st[0] = seed
        for j in 1..<MT19937.n {
            let p = st[j - 1]
            st[j] = 1_812_433_253 &* (p ^ (p >> 30)) &+ UInt32(j)
        }
        state = st
        index = MT19937.n
    }

    /// The next 32-bit output.
    @inline(__always)
    mutating func next() -> UInt32 {
        if index >= MT19937.n { twist() }
        var y = state[index]
        index += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    private mutating func twist() {
        let n = MT19937.n, m = MT19937.m
        @inline(__always) func mix(_ upper: UInt32, _ lower: UInt32) -> UInt32 {
            let y = (upper & MT19937.upperMask) | (lower & MT19937.lowerMask)
            return (y >> 1) ^ ((y & 1) == 0 ? 0 : MT19937.matrixA)
        }
        state.withUnsafeMutableBufferPointer { mt in
            // Three runs instead of `% n` on every index: the first n - m words
            // read old words only, the rest read words already regenerated.
            for i in 0..<(n - m) { mt[i] = mt[i + m] ^ mix(mt[i], mt[i + 1]) }
            for i in (n - m)..<(n - 1) { mt[i] = mt[i + m - n] ^ mix(mt[i], mt[i + 1]) }
            mt[n - 1] = mt[m - 1] ^ mix(mt[n - 1], mt[0])
        }
        index = 0
    }
}
