// Transposed convolutions: the adjoint of a convolution's input map, the same
// col2im machinery run the other way (see Convolution.swift).

extension Functional {
    /// 1-d transposed convolution of `[N, Cin, L]` with `[Cin, Cout/groups, k]`.
    public static func convTranspose1d(_ input: Tensor, _ weight: Tensor, bias: Tensor? = nil, stride: IntOrTuple = 1,
                                       padding: IntOrTuple = 0, outputPadding: IntOrTuple = 0, groups: Int = 1,
                                       dilation: IntOrTuple = 1, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        convolution(input, weight, bias: bias, stride: stride, padding: .explicit(padding), dilation: dilation,
                    transposed: true, outputPadding: outputPadding, groups: groups, spatialDims: 1,
                    name: "conv_transpose1d", file: file, line: line)
    }

    /// 2-d transposed convolution of `[N, Cin, H, W]` with `[Cin, Cout/groups, kH, kW]`.
    ///
    /// Output size per dim: `(in - 1) * stride - 2 * padding + dilation * (kernel - 1) + outputPadding + 1`.
    public static func convTranspose2d(_ input: Tensor, _ weight: Tensor, bias: Tensor? = nil, stride: IntOrTuple = 1,
                                       padding: IntOrTuple = 0, outputPadding: IntOrTuple = 0, groups: Int = 1,
                                       dilation: IntOrTuple = 1, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        convolution(input, weight, bias: bias, stride: stride, padding: .explicit(padding), dilation: dilation,
                    transposed: true, outputPadding: outputPadding, groups: groups, spatialDims: 2,
                    name: "conv_transpose2d", file: file, line: line)
    }

    /// 3-d transposed convolution of `[N, Cin, D, H, W]` with `[Cin, Cout/groups, kD, kH, kW]`.
    public static func convTranspose3d(_ input: Tensor, _ weight: Tensor, bias: Tensor? = nil, stride: IntOrTuple = 1,
                                       padding: IntOrTuple = 0, outputPadding: IntOrTuple = 0, groups: Int = 1,
                                       dilation: IntOrTuple = 1, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        convolution(input, weight, bias: bias, stride: stride, padding: .explicit(padding), dilation: dilation,
                    transposed: true, outputPadding: outputPadding, groups: groups, spatialDims: 3,
                    name: "conv_transpose3d", file: file, line: line)
    }
}
