import Foundation

/// A source of pseudo-random numbers, PyTorch's `torch.Generator` (CPU).
///
/// Every random op takes an optional `generator:`; without one it draws from
/// the global default generator (`Torch.manualSeed`, `Torch.seed`). Streams
/// match PyTorch's bit for bit: a Mersenne Twister seeded with the low 32 bits
/// of the seed, plus the cached second value of the Box–Muller normal pair.
///
/// ```swift
/// let g = Generator().manualSeed(0)
/// let x = Torch.rand([5], generator: g)   // 0.4963, 0.7682, 0.0885, 0.1320, 0.3074
/// ```
///
/// A generator is safe to share between threads: each op holds its lock for
/// all of its draws, so an op's values come from one unbroken run of the stream.
public final class Generator: @unchecked Sendable {
    /// PyTorch's seed for a `torch.Generator()` that was never seeded.
    public static let defaultSeed: UInt64 = 67_280_421_310_721

    private let lock = NSLock()
    private var state: RandomState

    /// A generator seeded with PyTorch's default seed 67280421310721.
    public init() {
        state = RandomState(seed: Generator.defaultSeed)
    }

    /// A generator seeded with `seed`.
    public convenience init<I: BinaryInteger>(seed: I) {
        self.init()
        manualSeed(seed)
    }

    /// Reseeds, PyTorch's `manual_seed`. Negative seeds wrap to 64 bits; only
    /// the low 32 bits reach the engine, so 5 and 2^32 + 5 give the same stream.
    @discardableResult
    public func manualSeed<I: BinaryInteger>(_ seed: I) -> Generator {
        let s = UInt64(truncatingIfNeeded: seed)
        lock.withLock { state = RandomState(seed: s) }
        return self
    }

    /// Reseeds from a non-deterministic source and returns the new seed, PyTorch's `seed()`.
    @discardableResult
    public func seed() -> UInt64 {
        let s = UInt64.random(in: 0...UInt64.max)
        manualSeed(s)
        return s
    }

    /// The seed last set (all 64 bits), PyTorch's `initial_seed()`.
    public func initialSeed() -> UInt64 {
        lock.withLock { state.initialSeed }
    }

    /// A snapshot of the full state, PyTorch's `get_state()` (not its byte format).
    public func getState() -> RandomState {
        lock.withLock { state }
    }

    /// Restores a snapshot taken with `getState()`, PyTorch's `set_state()`.
    public func setState(_ newState: RandomState) {
        lock.withLock { state = newState }
    }

    /// Runs `body` with exclusive access to the state.
    func withState<R>(_ body: (inout RandomState) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&state)
    }

    /// The global generator used when an op gets no `generator:`, PyTorch's
    /// `torch.default_generator`; seeded non-deterministically at start.
    public static let defaultGenerator: Generator = {
        let g = Generator()
        g.manualSeed(UInt64.random(in: 0...UInt64.max))
        return g
    }()
}

/// The state of a `Generator`: the engine and the cached normal value.
public struct RandomState: Sendable {
    var engine: MT19937
    /// The seed given to `manualSeed`, all 64 bits.
    public let initialSeed: UInt64
    /// The second value of the last Box–Muller pair of the serial normal path.
    var nextDoubleNormal: Double?

    init(seed: UInt64) {
        engine = MT19937(seed: UInt32(truncatingIfNeeded: seed))
        initialSeed = seed
        nextDoubleNormal = nil
    }

    /// One 32-bit draw, PyTorch's `random()`.
    @inline(__always)
    mutating func random() -> UInt32 { engine.next() }

    /// One 64-bit draw from two 32-bit ones, the first being the high word.
    @inline(__always)
    mutating func random64() -> UInt64 {
        let hi = UInt64(engine.next())
        let lo = UInt64(engine.next())
        return hi << 32 | lo
    }

    /// A float in [0, 1) from the low `digits` bits of one 32-bit draw
    /// (24 for float32, 11 for float16, 8 for bfloat16).
    @inline(__always)
    mutating func uniformFloat(digits: Int = 24) -> Float {
        let mask = UInt32((1 << digits) - 1)
        return Float(random() & mask) * Float(sign: .plus, exponent: -digits, significand: 1)
    }

    /// A double in [0, 1) from the low 53 bits of one 64-bit draw.
    @inline(__always)
    mutating func uniformDouble() -> Double {
        Double(random64() & ((1 << 53) - 1)) * 0x1p-53
    }

    /// One standard normal value from the serial Box–Muller path: each pair
    /// returns its cosine half and caches the sine half for the next call.
    mutating func standardNormalDouble() -> Double {
        if let cached = nextDoubleNormal {
            nextDoubleNormal = nil
            return cached
        }
        let u1 = uniformDouble()
        let u2 = uniformDouble()
        let r = (-2.0 * Foundation.log1p(-u2)).squareRoot()
        let theta = 2.0 * Double.pi * u1
        nextDoubleNormal = r * Foundation.sin(theta)
        return r * Foundation.cos(theta)
    }
}

/// The generator an op draws from: the given one, else the global default.
@inline(__always)
func resolve(_ generator: Generator?) -> Generator {
    generator ?? Generator.defaultGenerator
}

/// Seeds the global generator, PyTorch's `torch.manual_seed`; returns it.
///
/// ```swift
/// Torch.manualSeed(0)
/// let x = Torch.rand([3])
/// ```
@discardableResult
public func manualSeed<I: BinaryInteger>(_ seed: I) -> Generator {
    Generator.defaultGenerator.manualSeed(seed)
}

/// Seeds the global generator non-deterministically, PyTorch's `torch.seed`; returns the seed.
@discardableResult
public func seed() -> UInt64 {
    Generator.defaultGenerator.seed()
}

/// The seed of the global generator, PyTorch's `torch.initial_seed`.
public func initialSeed() -> UInt64 {
    Generator.defaultGenerator.initialSeed()
}
