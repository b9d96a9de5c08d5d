/// Pads the spatial dims, PyTorch's `nn.ConstantPad1d/2d/3d`, `ZeroPad1d/2d/3d`,
/// `ReflectionPad1d/2d/3d`, `ReplicationPad1d/2d/3d` and `CircularPad1d/2d/3d`.
///
/// `padding` is one size for every side, or (left, right, top, bottom, front,
/// back) as in `Functional.pad`.
public final class Pad: Module {
    public let padding: [Int]
    public let mode: String
    public let value: Double
    let name: String

    init(_ name: String, dims: Int, padding: IntOrTuple, mode: String, value: Double) {
        self.padding = padding.values.count == 1 ? Array(repeating: padding.values[0], count: 2 * dims) : padding.values
        self.mode = mode
        self.value = value
        self.name = name
        super.init()
    }

    public override var typeName: String { name }

    public override func forward(_ input: Tensor) -> Tensor {
        Functional.pad(input, padding, mode: mode, value: mode == "constant" ? value : nil)
    }

    public override func extraRepr() -> String {
        name.hasPrefix("ConstantPad") ? "padding=\(pythonTuple(padding)), value=\(Module.pythonRepr(value))" : pythonTuple(padding)
    }
}

/// PyTorch's `nn.ConstantPad1d`.
public func ConstantPad1d(_ padding: IntOrTuple, _ value: Double) -> Pad { Pad("ConstantPad1d", dims: 1, padding: padding, mode: "constant", value: value) }
/// PyTorch's `nn.ConstantPad2d`.
public func ConstantPad2d(_ padding: IntOrTuple, _ value: Double) -> Pad { Pad("ConstantPad2d", dims: 2, padding: padding, mode: "constant", value: value) }
/// PyTorch's `nn.ConstantPad3d`.
public func ConstantPad3d(_ padding: IntOrTuple, _ value: Double) -> Pad { Pad("ConstantPad3d", dims: 3, padding: padding, mode: "constant", value: value) }
/// PyTorch's `nn.ZeroPad1d`.
public func ZeroPad1d(_ padding: IntOrTuple) -> Pad { Pad("ZeroPad1d", dims: 1, padding: padding, mode: "constant", value: 0) }
/// PyTorch's `nn.ZeroPad2d`.
public func ZeroPad2d(_ padding: IntOrTuple) -> Pad { Pad("ZeroPad2d", dims: 2, padding: padding, mode: "constant", value: 0) }
/// PyTorch's `nn.ZeroPad3d`.
public func ZeroPad3d(_ padding: IntOrTuple) -> Pad { Pad("ZeroPad3d", dims: 3, padding: padding, mode: "constant", value: 0) }
/// PyTorch's `nn.ReflectionPad1d`.
public func ReflectionPad1d(_ padding: IntOrTuple) -> Pad { Pad("ReflectionPad1d", dims: 1, padding: padding, mode: "reflect", value: 0) }
/// PyTorch's `nn.ReflectionPad2d`.
public func ReflectionPad2d(_ padding: IntOrTuple) -> Pad { Pad("ReflectionPad2d", dims: 2, padding: padding, mode: "reflect", value: 0) }
/// PyTorch's `nn.ReflectionPad3d`.
public func ReflectionPad3d(_ padding: IntOrTuple) -> Pad { Pad("ReflectionPad3d", dims: 3, padding: padding, mode: "reflect", value: 0) }
/// PyTorch's `nn.ReplicationPad1d`.
public func ReplicationPad1d(_ padding: IntOrTuple) -> Pad { Pad("ReplicationPad1d", dims: 1, padding: padding, mode: "replicate", value: 0) }
/// PyTorch's `nn.ReplicationPad2d`.
public func ReplicationPad2d(_ padding: IntOrTuple) -> Pad { Pad("ReplicationPad2d", dims: 2, padding: padding, mode: "replicate", value: 0) }
/// PyTorch's `nn.ReplicationPad3d`.
public func ReplicationPad3d(_ padding: IntOrTuple) -> Pad { Pad("ReplicationPad3d", dims: 3, padding: padding, mode: "replicate", value: 0) }
/// PyTorch's `nn.CircularPad2d`.
public func CircularPad2d(_ padding: IntOrTuple) -> Pad { Pad("CircularPad2d", dims: 2, padding: padding, mode: "circular", value: 0) }

/// Resizes spatial dims, PyTorch's `nn.Upsample` (modes nearest, linear, bilinear, trilinear).
public final class Upsample: Module {
    public let size: IntOrTuple?
    public let scaleFactor: Double?
    public let mode: String
    public let alignCorners: Bool?

    public init(size: IntOrTuple? = nil, scaleFactor: Double? = nil, mode: String = "nearest", alignCorners: Bool? = nil) {
        self.size = size
        self.scaleFactor = scaleFactor
        self.mode = mode
        self.alignCorners = alignCorners
        super.init()
    }

    public override func forward(_ input: Tensor) -> Tensor {
        let spatial = Swift.max(input.ndim - 2, 1)
        return Functional.interpolate(input, size: size, scaleFactor: scaleFactor.map { Array(repeating: $0, count: spatial) },
                                      mode: mode, alignCorners: alignCorners)
    }

    public override func extraRepr() -> String {
        let what = scaleFactor.map { "scale_factor=\(Module.pythonRepr($0))" }
            ?? "size=\(size.map { $0.values.count == 1 ? String($0.values[0]) : pythonTuple($0.values) } ?? "None")"
        return what + ", mode='\(mode)'"
    }
}

/// Moves channel blocks into space, PyTorch's `nn.PixelShuffle`.
public final class PixelShuffle: Module {
    public let upscaleFactor: Int
    public init(_ upscaleFactor: Int) { self.upscaleFactor = upscaleFactor; super.init() }
    public override func forward(_ input: Tensor) -> Tensor { Functional.pixelShuffle(input, upscaleFactor: upscaleFactor) }
    public override func extraRepr() -> String { "upscale_factor=\(upscaleFactor)" }
}

/// Zeroes whole channels, PyTorch's `nn.Dropout1d/2d/3d` (identity in evaluation mode).
public final class FeatureDropout: Module {
    public let p: Double
    public let inplace: Bool
    let dims: Int

    init(dims: Int, p: Double, inplace: Bool) {
        self.dims = dims
        self.p = p
        self.inplace = inplace
        super.init()
    }

    public override var typeName: String { "Dropout\(dims)d" }

    public override func forward(_ input: Tensor) -> Tensor {
        switch dims {
        case 1: return Functional.dropout1d(input, p: p, training: training, inplace: inplace)
        case 2: return Functional.dropout2d(input, p: p, training: training, inplace: inplace)
        default: return Functional.dropout3d(input, p: p, training: training, inplace: inplace)
        }
    }

    public override func extraRepr() -> String { "p=\(Module.pythonRepr(p)), inplace=\(Module.pythonRepr(inplace))" }
}

/// PyTorch's `nn.Dropout1d`.
public func Dropout1d(_ p: Double = 0.5, inplace: Bool = false) -> FeatureDropout { FeatureDropout(dims: 1, p: p, inplace: inplace) }
/// PyTorch's `nn.Dropout2d`.
public func Dropout2d(_ p: Double = 0.5, inplace: Bool = false) -> FeatureDropout { FeatureDropout(dims: 2, p: p, inplace: inplace) }
/// PyTorch's `nn.Dropout3d`.
public func Dropout3d(_ p: Double = 0.5, inplace: Bool = false) -> FeatureDropout { FeatureDropout(dims: 3, p: p, inplace: inplace) }

/// Dropout that keeps a SELU network's mean and variance, PyTorch's `nn.AlphaDropout`.
public final class AlphaDropout: Module {
    public let p: Double
    public let inplace: Bool
    public init(_ p: Double = 0.5, inplace: Bool = false) { self.p = p; self.inplace = inplace; super.init() }
    public override func forward(_ input: Tensor) -> Tensor { Functional.alphaDropout(input, p: p, training: training, inplace: inplace) }
    public override func extraRepr() -> String { "p=\(Module.pythonRepr(p)), inplace=\(Module.pythonRepr(inplace))" }
}
