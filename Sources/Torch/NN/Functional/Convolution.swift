// Convolutions over 1 to 3 spatial dims, as im2col + one matrix product per
// group (the columns of the whole batch go to BLAS as one batched call). The
// backward rule is written with the differentiable im2col/col2im pair and
// matmul, so double backward works.

extension Functional {
    /// 1-d convolution of `[N, C, L]` (or unbatched `[C, L]`) with `[O, C/groups, k]`.
    public static func conv1d(_ input: Tensor, _ weight: Tensor, bias: Tensor? = nil, stride: IntOrTuple = 1,
                              padding: ConvPadding = 0, dilation: IntOrTuple = 1, groups: Int = 1,
                              file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        convolution(input, weight, bias: bias, stride: stride, padding: padding, dilation: dilation,
                    transposed: false, outputPadding: 0, groups: groups, spatialDims: 1, name: "conv1d", file: file, line: line)
    }

    /// 2-d convolution of `[N, C, H, W]` (or unbatched `[C, H, W]`) with `[O, C/groups, kH, kW]`.
    ///
    /// Output size per dim: `(in + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1`.
    /// ```swift
    /// let y = Functional.conv2d(x, w, bias: b, stride: [2, 1], padding: [4, 2], dilation: [3, 1])
    /// let same = Functional.conv2d(x, w, padding: "same")
    /// ```
    public static func conv2d(_ input: Tensor, _ weight: Tensor, bias: Tensor? = nil, stride: IntOrTuple = 1,
                              padding: ConvPadding = 0, dilation: IntOrTuple = 1, groups: Int = 1,
                              file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        convolution(input, weight, bias: bias, stride: stride, padding: padding, dilation: dilation,
                    transposed: false, outputPadding: 0, groups: groups, spatialDims: 2, name: "conv2d", file: file, line: line)
    }

    /// 3-d convolution of `[N, C, D, H, W]` (or unbatched `[C, D, H, W]`) with `[O, C/groups, kD, kH, kW]`.
    public static func conv3d(_ input: Tensor, _ weight: Tensor, bias: Tensor? = nil, stride: IntOrTuple = 1,
                              padding: ConvPadding = 0, dilation: IntOrTuple = 1, groups: Int = 1,
                              file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        convolution(input, weight, bias: bias, stride: stride, padding: padding, dilation: dilation,
                    transposed: false, outputPadding: 0, groups: groups, spatialDims: 3, name: "conv3d", file: file, line: line)
    }

    /// The shared body of every convolution: argument checks with PyTorch's
    /// messages, batching of unbatched inputs, "same" padding, then the product.
    static func convolution(_ input: Tensor, _ weight: Tensor, bias: Tensor?, stride: IntOrTuple, padding: ConvPadding,
                            dilation: IntOrTuple, transposed: Bool, outputPadding: IntOrTuple, groups: Int,
                            spatialDims n: Int, name: String, file: StaticString, line: UInt) -> Tensor {
        torchCheck(input.ndim == n + 1 || input.ndim == n + 2,
                   "Expected \(n + 1)D (unbatched) or \(n + 2)D (batched) input to \(name), but got input of size: \(input.shape)",
                   file: file, line: line)
        torchCheck(weight.ndim == n + 2,
                   "Expected \(n + 2)-dimensional weight for \(name), but got weight of size \(weight.shape) instead",
                   file: file, line: line)
        let batched = input.ndim == n + 2
        var x = batched ? input : input.unsqueeze(0)
        let strides = stride.expanded(to: n, argument: "stride", file: file, line: line)
        let dilations = dilation.expanded(to: n, argument: "dilation", file: file, line: line)
        let outPads = outputPadding.expanded(to: n, argument: "output_padding", file: file, line: line)
        let kernel = Array(weight.shape.suffix(n))
        var pads: [Int]
        switch padding {
        case .explicit(let p): pads = p.expanded(to: n, argument: "padding", file: file, line: line)
        case .valid: pads = [Int](repeating: 0, count: n)
        case .invalid(let s): torchFail("Invalid padding string: '\(s)'", file: file, line: line)
        case .same:
            torchCheck(strides.allSatisfy { $0 == 1 }, "padding='same' is not supported for strided convolutions", file: file, line: line)
            // PyTorch pads the extra odd element on the right, through an explicit pad of the input.
            let totals = (0..<n).map { (d: Int) -> Int in dilations[d] * (kernel[d] - 1) }
            pads = totals.map { $0 / 2 }
            if totals.contains(where: { $0 % 2 == 1 }) {
                var extra: [Int] = []
                for d in (0..<n).reversed() { extra += [0, totals[d] % 2] }
                x = pad(x, extra, file: file, line: line)
            }
        }
        torchCheck(strides.allSatisfy { $0 > 0 }, "non-positive stride is not supported", file: file, line: line)
        torchCheck(pads.allSatisfy { $0 >= 0 }, "negative padding is not supported", file: file, line: line)
        torchCheck(outPads.allSatisfy { $0 >= 0 }, "negative output_padding is not supported", file: file, line: line)
        torchCheck(dilations.allSatisfy { $0 > 0 }, "dilation should be greater than zero, but got \(dilations)", file: file, line: line)
        torchCheck(groups > 0, "non-positive groups is not supported", file: file, line: line)
        torchCheck(weight.shape[0] % groups == 0,
                   "Given groups=\(groups), expected weight to be divisible by \(groups) at dimension 0, but got weight of size [\(weight.shape)] instead",
                   file: file, line: line)
        let channels = x.shape[1]
        if transposed {
            torchCheck(channels == weight.shape[0],
                       "Given transposed=1, weight of size \(weight.shape), expected input\(x.shape) to have \(weight.shape[0]) channels, but got \(channels) channels instead",
                       file: file, line: line)
        } else {
            torchCheck(channels == weight.shape[1] * groups,
                       "Given groups=\(groups), weight of size \(weight.shape), expected input\(x.shape) to have \(weight.shape[1] * groups) channels, but got \(channels) channels instead",
                       file: file, line: line)
        }
        let outChannels = transposed ? weight.shape[1] * groups : weight.shape[0]
        if let bias {
            torchCheck(bias.ndim == 1 && bias.shape[0] == outChannels,
                       "Given weight of size \(weight.shape), expected bias to be 1-dimensional with \(outChannels) elements, but got bias of size \(bias.shape) instead",
                       file: file, line: line)
        }
        torchCheck(x.dtype == weight.dtype && (bias == nil || bias!.dtype == x.dtype),
                   "expected scalar type \(x.dtype.scalarTypeName) but found \((x.dtype == weight.dtype ? bias!.dtype : weight.dtype).scalarTypeName)",
                   file: file, line: line)
        if x.dtype.computeType != x.dtype {
            // Half types: the whole convolution (products, overlaps, bias) in float32, rounded once.
            let work = x.dtype.computeType
            return convolution(input.to(work), weight.to(work), bias: bias?.to(work), stride: stride, padding: padding,
                               dilation: dilation, transposed: transposed, outputPadding: outputPadding, groups: groups,
                               spatialDims: n, name: name, file: file, line: line).to(x.dtype)
        }
        let spatial = Array(x.shape.suffix(n))
        let out: Tensor
        if transposed {
            for d in 0..<n where outPads[d] >= strides[d] && outPads[d] >= dilations[d] {
                torchFail("output padding must be smaller than either stride or dilation, but got output_padding=\(outPads) stride=\(strides) dilation=\(dilations)",
                          file: file, line: line)
            }
            let outSize = (0..<n).map { (d: Int) -> Int in
                let span: Int = dilations[d] * (kernel[d] - 1) + outPads[d] + 1
                return (spatial[d] - 1) * strides[d] - 2 * pads[d] + span
            }
            torchCheck(outSize.allSatisfy { $0 > 0 },
                       "Given input size per channel: (\(spatial.map(String.init).joined(separator: " x "))). Calculated output size per channel: (\(outSize.map(String.init).joined(separator: " x "))). Output size is too small",
                       file: file, line: line)
            let geometry = WindowGeometry(input: outSize, output: spatial, kernel: kernel, stride: strides, padding: pads, dilation: dilations)
            out = ConvolutionProduct(geometry: geometry, groups: groups, transposed: true).apply(x, weight, bias)
        } else {
            let padded = (0..<n).map { (d: Int) -> Int in spatial[d] + 2 * pads[d] }
            let dilated = (0..<n).map { (d: Int) -> Int in dilations[d] * (kernel[d] - 1) + 1 }
            torchCheck((0..<n).allSatisfy { padded[$0] >= dilated[$0] },
                       "Calculated padded input size per channel: (\(padded.map(String.init).joined(separator: " x "))). Kernel size: (\(dilated.map(String.init).joined(separator: " x "))). Kernel size can't be greater than actual input size",
                       file: file, line: line)
            let outSize = (0..<n).map { (d: Int) -> Int in (padded[d] - dilated[d]) / strides[d] + 1 }
            let geometry = WindowGeometry(input: spatial, output: outSize, kernel: kernel, stride: strides, padding: pads, dilation: dilations)
            out = ConvolutionProduct(geometry: geometry, groups: groups, transposed: false).apply(x, weight, bias)
        }
        return batched ? out : out.squeeze(0)
    }
}

/// The product part of a (transposed) convolution on a batched input, with its backward rule.
struct ConvolutionProduct {
    let geometry: WindowGeometry
    let groups: Int
    let transposed: Bool

    func apply(_ x: Tensor, _ weight: Tensor, _ bias: Tensor?) -> Tensor {
        let direct = !transposed && directPathApplies(x, weight) && (bias == nil || bias!.dtype == x.dtype)
        let out = noGrad {
            transposed ? transposedForward(x, weight) : (direct ? chunkedForward(x, weight, bias: bias) : forward(x, weight))
        }
        if let bias, !direct {
            noGrad { _ = out.add_(bias.view([1, bias.shape[0]] + [Int](repeating: 1, count: geometry.rank))) }
        }
        let inputs = bias.map { [x, weight, $0] } ?? [x, weight]
        if gradNeeded(inputs) {
            let rule = self
            recordNode("ConvolutionBackward0", inputs: inputs, output: out, saving: [x, weight]) { ctx in
                rule.backward(ctx.grad, ctx.saved[0], ctx.saved[1], ctx.needsInputGrad)
            }
        }
        return out
    }

    /// `[N, O, *out]` from columns `[N, C*K, L]`: per group, `W_g [O/g, C/g*K] @ cols_g`.
    private func forward(_ x: Tensor, _ weight: Tensor) -> Tensor {
        let n = x.shape[0], channels = x.shape[1], outChannels = weight.shape[0]
        let k = geometry.kernelCount, l = geometry.outputCount
        let cols = x.slidingWindowColumns(geometry)
        var w = weight.contiguous()
        if w.dtype != cols.dtype { w = w.cast(cols.dtype) }
        let og = outChannels / groups, cgk = channels / groups * k
        var parts: [Tensor] = []
        for g in 0..<groups {
            // The weight block is shared by every image: batch stride 0.
            let wLayout = Layout(shape: [n, og, cgk], strides: [0, cgk, 1], offset: w.layout.offset + g * og * cgk)
            let cLayout = Layout(shape: [n, cgk, l], strides: [channels * k * l, l, 1], offset: cols.layout.offset + g * cgk * l)
            parts.append(Dispatch.batchedMatmul(w, wLayout, cols, cLayout))
        }
        var out = groups == 1 ? parts[0] : cat(parts, dim: 1)
        if out.dtype != x.dtype { out = out.cast(x.dtype) }
        return out.reshape([n, outChannels] + geometry.outputShape)
    }

    /// `[N, Cout, *image]`: per group, `W_g^T [Cout/g*K, Cin/g] @ x_g`, then col2im.
    private func transposedForward(_ x: Tensor, _ weight: Tensor) -> Tensor {
        let n = x.shape[0], cin = x.shape[1], coutg = weight.shape[1]
        let k = geometry.kernelCount, l = geometry.outputCount
        let wT = weight.reshape([groups, cin / groups, coutg * k]).transpose(1, 2)
        let cols = wT.matmul(x.reshape([n, groups, cin / groups, l]))
        return cols.reshape([n, groups * coutg * k, l]).slidingWindowSum(geometry, channels: groups * coutg)
    }

    func backward(_ grad: Tensor, _ x: Tensor, _ weight: Tensor, _ needs: [Bool]) -> [Tensor?] {
        let n = x.shape[0], k = geometry.kernelCount, l = geometry.outputCount
        var result: [Tensor?] = [nil, nil]
        if !transposed && !GradMode.isEnabled && directPathApplies(x, weight) {
            result = chunkedBackward(grad, x, weight, needsInput: needs[0], needsWeight: needs[1])
        } else if transposed {
            let cin = x.shape[1], coutg = weight.shape[1], cing = cin / groups
            let gcols = grad.slidingWindowColumns(geometry).reshape([n, groups, coutg * k, l])
            if needs[0] {
                result[0] = weight.reshape([groups, cing, coutg * k]).matmul(gcols).reshape(x.shape)
            }
            if needs[1] {
                let xg = x.reshape([n, groups, cing, l])
                result[1] = xg.matmul(gcols.transpose(2, 3)).sum(dim: 0).reshape(weight.shape)
            }
        } else {
            // Differentiable composition: used for double backward and grouped convolutions.
            let channels = x.shape[1], outChannels = weight.shape[0]
            let og = outChannels / groups, cgk = channels / groups * k
            let g = grad.reshape([n, groups, og, l])
            if needs[0] {
                let wT = weight.reshape([groups, og, cgk]).transpose(1, 2)
                let gcols = wT.matmul(g).reshape([n, channels * k, l])
                result[0] = gcols.slidingWindowSum(geometry, channels: channels)
            }
            if needs[1] {
                let cols = x.slidingWindowColumns(geometry).reshape([n, groups, cgk, l])
                result[1] = g.matmul(cols.transpose(2, 3)).sum(dim: 0).reshape(weight.shape)
            }
        }
        if needs.count > 2 && needs[2] {
            // Spatial sums first: each is a contiguous run, which the fast
            // row-sum path takes; then the batch.
            result.append(grad.sum(dims: Array(2..<grad.ndim)).sum(dim: 0))
        }
        return result
    }
}

// The direct path: ungrouped float32/float64 convolutions run im2col and BLAS
// on chunks of images, so the column buffer stays bounded (peak memory) and
// warm in cache. The columns of a chunk sit side by side (channel-major), so
// each chunk costs one large product rather than one small product per image,
// and the backward pass accumulates the weight gradient in place.
extension ConvolutionProduct {
    /// Column-buffer elements per chunk (4 MB of float32): large enough for
    /// efficient GEMMs, small enough to stay in cache; measured best of 2^18...2^23
    /// on the CNN benchmark.
    private static let chunkElements = 1 << 20

    func directPathApplies(_ x: Tensor, _ weight: Tensor) -> Bool {
        groups == 1 && (x.dtype == .float32 || x.dtype == .float64) && weight.dtype == x.dtype && x.shape[0] > 0
            && geometry.outputCount > 0 && x.shape[1] > 0
    }

    private func imagesPerChunk(rows: Int) -> Int {
        Swift.max(1, Self.chunkElements / Swift.max(rows * geometry.outputCount, 1))
    }

    /// A contiguous view of images `start ..< start + count` of a contiguous `[N, ...]` tensor, shaped `shape`.
    private func slice(_ t: Tensor, _ start: Int, _ count: Int, _ shape: [Int]) -> Tensor {
        let per = t.numel() / t.shape[0]
        return Tensor(storage: t.storage, layout: Layout(contiguous: [count] + shape, offset: t.layout.offset + start * per), dtype: t.dtype)
    }

    /// `t[start ..< start + count]` of a contiguous `[N, rows, l]` tensor, copied
    /// into `target` as `[rows, count * l]`: image `i` of the chunk lands in
    /// columns `i * l ..< (i + 1) * l`, matching the channel-major columns.
    private func gatherChunk(_ t: Tensor, _ start: Int, _ count: Int, rows: Int, _ l: Int, into target: Tensor) {
        Dispatch.copy(from: t, srcLayout: Layout(contiguous: [count, rows, l], offset: t.layout.offset + start * rows * l),
                        to: target, dstLayout: Layout(shape: [count, rows, l], strides: [l, count * l, 1], offset: target.layout.offset))
    }

    /// The inverse of `gatherChunk`: `[rows, count * l]` back into `t[start ..< start + count]`.
    private func scatterChunk(_ source: Tensor, into t: Tensor, _ start: Int, _ count: Int, rows: Int, _ l: Int) {
        Dispatch.copy(from: source, srcLayout: Layout(shape: [count, rows, l], strides: [l, count * l, 1], offset: source.layout.offset),
                        to: t, dstLayout: Layout(contiguous: [count, rows, l], offset: t.layout.offset + start * rows * l))
    }

    /// Per chunk of images: channel-major columns `[CK, count * L]`, then one
    /// product `W [O, CK] @ cols` for the whole chunk, scattered to `[count, O, L]`.
    /// The bias, if any, is written first and the product added to it, which
    /// saves BLAS's zeroing pass and a separate pass over the output.
    func chunkedForward(_ x: Tensor, _ weight: Tensor, bias: Tensor? = nil) -> Tensor {
        let image = x.contiguous(), w = weight.contiguous()
        let n = x.shape[0], channels = x.shape[1], outChannels = weight.shape[0]
        let ck = channels * geometry.kernelCount, l = geometry.outputCount
        let device = x.device
        let out = Tensor(uninitializedShape: [n, outChannels] + geometry.outputShape, dtype: x.dtype, device: device)
        let per = imagesPerChunk(rows: ck), first = Swift.min(per, n)
        let buffer = Tensor(uninitializedShape: [ck, first * l], dtype: x.dtype, device: device)
        let product = first > 1 ? Tensor(uninitializedShape: [outChannels, first * l], dtype: x.dtype, device: device) : nil
        let wLayout = Layout(shape: [1, outChannels, ck], strides: [0, ck, 1], offset: w.layout.offset)
        for start in stride(from: 0, to: n, by: per) {
            let count = Swift.min(per, n - start)
            Dispatch.im2col(slice(image, start, count, [channels, geometry.inputCount]), batch: count, channels: channels,
                                geometry: geometry, into: buffer, order: .channelMajor(batch: count, geometry))
            let target = count == 1 ? slice(out, start, 1, [outChannels, l]) : product!
            if let bias {
                // Each output channel's row starts as its bias (a stride-0 copy along the row).
                let rows = Layout(shape: [outChannels, count * l], strides: [bias.layout.strides[0], 0], offset: bias.layout.offset)
                Dispatch.copy(from: bias, srcLayout: rows, to: target, dstLayout: Layout(contiguous: [outChannels, count * l], offset: target.layout.offset))
            }
            _ = Dispatch.accumulateMatmul(w, wLayout, buffer, Layout(contiguous: [1, ck, count * l]), alpha: 1, beta: bias == nil ? 0 : 1, into: target)
            if count > 1 { scatterChunk(target, into: out, start, count, rows: outChannels, l) }
        }
        return out
    }

    /// The weight gradient as one product per chunk, `g [O, count * L] @ cols^T`,
    /// accumulated in place; the input gradient as `W^T @ g` summed back by col2im.
    func chunkedBackward(_ grad: Tensor, _ x: Tensor, _ weight: Tensor, needsInput: Bool, needsWeight: Bool) -> [Tensor?] {
        let g = grad.contiguous(), image = x.contiguous(), w = weight.contiguous()
        let n = x.shape[0], channels = x.shape[1], outChannels = weight.shape[0]
        let ck = channels * geometry.kernelCount, l = geometry.outputCount
        let device = x.device
        let gradInput = needsInput ? Tensor(uninitializedShape: x.shape, dtype: x.dtype, device: device) : nil
        let gradWeight = needsWeight ? Tensor(uninitializedShape: [1, outChannels, ck], dtype: x.dtype, device: device) : nil
        let per = imagesPerChunk(rows: ck), first = Swift.min(per, n)
        let buffer = Tensor(uninitializedShape: [ck, first * l], dtype: x.dtype, device: device)
        let gathered = first > 1 ? Tensor(uninitializedShape: [outChannels, first * l], dtype: x.dtype, device: device) : nil
        for start in stride(from: 0, to: n, by: per) {
            let count = Swift.min(per, n - start)
            let gChunk: Tensor
            if count == 1 {
                gChunk = slice(g, start, 1, [outChannels, l])
            } else {
                gatherChunk(g, start, count, rows: outChannels, l, into: gathered!)
                gChunk = gathered!
            }
            let gLayout = Layout(shape: [1, outChannels, count * l], strides: [0, count * l, 1], offset: gChunk.layout.offset)
            if let gradWeight {
                // gw += g [O, count*L] @ cols^T [count*L, CK]
                Dispatch.im2col(slice(image, start, count, [channels, geometry.inputCount]), batch: count, channels: channels,
                                    geometry: geometry, into: buffer, order: .channelMajor(batch: count, geometry))
                let cLayout = Layout(shape: [1, count * l, ck], strides: [0, 1, count * l], offset: 0)
                _ = Dispatch.accumulateMatmul(gChunk, gLayout, buffer, cLayout, alpha: 1, beta: start == 0 ? 0 : 1, into: gradWeight)
            }
            if let gradInput {
                // cols = W^T [CK, O] @ g [O, count*L], then summed back into the images.
                let wLayout = Layout(shape: [1, ck, outChannels], strides: [0, 1, ck], offset: w.layout.offset)
                _ = Dispatch.accumulateMatmul(w, wLayout, gChunk, gLayout, alpha: 1, beta: 0, into: buffer)
                Dispatch.col2im(buffer, batch: count, channels: channels, geometry: geometry,
                                    into: slice(gradInput, start, count, [channels, geometry.inputCount]),
                                    order: .channelMajor(batch: count, geometry))
            }
        }
        return [gradInput, gradWeight?.reshape(weight.shape)]
    }
}
