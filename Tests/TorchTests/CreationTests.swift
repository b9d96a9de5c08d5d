import Testing
import Torch

@Suite struct CreationTests {
    let fixture = Fixture("creation")

    private func dtype(_ name: Any?) -> DType { DType.allCases.first { $0.name == name as! String }! }

    @Test func promoteTypesMatchesPyTorchForEveryPair() {
        for c in fixture.cases.values where c.name.hasPrefix("promote_") {
            let a = dtype(c.extra["a"]), b = dtype(c.extra["b"])
            #expect(Torch.promoteTypes(a, b) == dtype(c.extra["result"]), "\(c.name)")
        }
    }

    @Test func resultTypeWithZeroDimTensorsMatchesPyTorch() {
        for c in fixture.cases.values where c.name.contains("_zerodim_") {
            let x = Torch.zeros([2], dtype: dtype(c.extra["a"]))
            let z = Torch.zeros([], dtype: dtype(c.extra["b"]))
            #expect(Torch.resultType(x, z) == dtype(c.extra["result"]), "\(c.name)")
        }
    }

    @Test func scalarOperandsPromoteLikePythonNumbers() {
        for c in fixture.cases.values where c.name.contains("_scalar_") {
            let a = dtype(c.extra["a"])
            // Arithmetic of bool with bool is refused in some ops; `mul` accepts every pair.
            let x = Torch.zeros([2], dtype: a)
            let result: Tensor
            switch c.extra["scalar"] as! String {
            case "int": result = x * 2
            case "float": result = x * 2.5
            default: result = x * true
            }
            #expect(result.dtype == dtype(c.extra["result"]), "\(c.name)")
        }
    }

    @Test func rangesAndConstantsMatchPyTorch() {
        let made: [String: Tensor] = [
            "arange_int": Torch.arange(0, 10, 1),
            "arange_end": Torch.arange(5),
            "arange_float_step": Torch.arange(0, 1, 0.1),
            "arange_negative_step": Torch.arange(10, 0, -3),
            "arange_float_bounds": Torch.arange(-1.5, 2.25, 0.5),
            "arange_float64": Torch.arange(0, 2, 0.3, dtype: .float64),
            "linspace_5": Torch.linspace(0, 10, steps: 5),
            "linspace_7": Torch.linspace(-1, 1, steps: 7),
            "linspace_101": Torch.linspace(0.1, 3.7, steps: 101),
            "linspace_float64": Torch.linspace(0.1, 3.7, steps: 33, dtype: .float64),
            "linspace_1": Torch.linspace(3, 7, steps: 1),
            "logspace_5": Torch.logspace(-2, 2, steps: 5),
            "logspace_base2": Torch.logspace(0, 10, steps: 11, base: 2),
            "eye_3": Torch.eye(3),
            "eye_2x4": Torch.eye(2, 4),
            "full_int": Torch.full([2, 3], 7),
            "full_float": Torch.full([2, 2], 1.5),
            "full_bool": Torch.full([3], true),
            "literal_int": Tensor([[1, -1], [-1, 1]]),
            "literal_float": Tensor([[1.0, 0.0], [-1.0, 1.0]]),
            "literal_as_float32": Tensor([1, 2, 3], dtype: .float32),
            "literal_bool": Tensor([true, false]),
            "literal_scalar": Tensor(3.5),
            "literal_3d": Tensor([[[1, 2], [3, 4]], [[5, 6], [7, 8]]]),
        ]
        for (name, t) in made {
            expectMatches(t, fixture[name].output, rtol: 0, atol: 0)
        }
    }

    @Test func castsMatchPyTorch() {
        let made: [String: Tensor] = [
            "cast_float_to_int": Tensor([-2.7, -0.5, 0.5, 2.7]).to(.int64),
            "cast_float_to_uint8": Tensor([0.0, 1.9, 255.0]).to(.uint8),
            "cast_int_to_bool": Tensor([0, 1, -3]).to(.bool),
            "cast_float_to_half": Tensor([0.1, 1.0 / 3, 65504.0, 1e-8]).to(.float16),
            "cast_float_to_bfloat16": Tensor([0.1, 1.0 / 3, 3e38, 1e-8]).to(.bfloat16),
            "cast_int_to_int8": Tensor([127, 128, -129, 300]).to(.int8),
        ]
        for (name, t) in made {
            expectMatches(t, fixture[name].output, rtol: 0, atol: 0)
        }
    }

    @Test func likeFormsCopyShapeAndDType() {
        let x = Tensor([[1, 2, 3]], dtype: .int32)
        #expect(Torch.zerosLike(x).shape == [1, 3] && Torch.zerosLike(x).dtype == .int32)
        #expect(Torch.onesLike(x, dtype: .float64).dtype == .float64)
        #expect(Torch.fullLike(x, 4).toArray(as: Int.self) == [4, 4, 4])
        #expect(Torch.emptyLike(x).shape == [1, 3])
    }

    @Test func conversionShorthandsAndItem() {
        let x = Tensor([1.5, -2.5])
        #expect(x.double().dtype == .float64 && x.long().dtype == .int64 && x.half().dtype == .float16)
        #expect(x.int().toArray(as: Int.self) == [1, -2])
        #expect(Tensor(3.5).item() == 3.5)
        #expect(Tensor([7]).item(as: Int64.self) == 7)
        #expect(x.to(.float32) === x)
    }

    @Test func raggedLiteralStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([[1, 2], [3]])
        }
        #expect(stderrText(result).contains("expected sequence of length 2 at dim 1 (got 1)"))
    }

    @Test func negativeDimensionStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([2, -1])
        }
        #expect(stderrText(result).contains("Trying to create tensor with negative dimension -1: [2, -1]"))
    }

    @Test func itemOfManyElementsStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([2]).item()
        }
        #expect(stderrText(result).contains("a Tensor with 2 elements cannot be converted to Scalar"))
    }
}

@Suite struct ConversionCopyTests {
    @Test func toWithCopyNeverAliases() {
        let x = Tensor([1.0, 2.0])
        let y = x.to(.float32, copy: true)
        #expect(y !== x)
        y.fill_(0)
        #expect(values(x) == [1, 2])
    }
}
