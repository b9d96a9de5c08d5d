import Foundation
import Testing
import Torch

/// The device API of PyTorch's `torch.device`, `x.to(device)` and `torch.cuda`,
/// on a machine without CUDA.
@Suite struct DeviceTests {
    @Test func devicesParseAndPrintAsPyTorch() {
        let d = Device(Torch.cuda.isAvailable() ? "cuda" : "cpu")
        #expect(d == .cpu && d.type == "cpu" && d.index == nil)
        let g: Device = "cuda:1"
        #expect(g.type == "cuda" && g.index == 1 && g.description == "cuda:1" && g == .cuda(1))
        #expect(Device("cuda") == .cuda() && Device("cuda").index == nil && Device("cuda") != .cuda(0))
        #expect(Device("meta") == .meta && "\(Device.meta)" == "meta")
        #expect(Device("cpu:0").description == "cpu:0")
        #expect(Device("cuda", 2) == .cuda(2))
    }

    @Test func tensorsReportTheirDevice() {
        let x = Torch.randn([2, 3])
        #expect(x.device == .cpu && "\(x.device)" == "cpu" && x.device.type == "cpu" && x.device.index == nil)
        #expect(!x.isCuda && x.isCpu && !x.isMeta)
        #expect(x.to(Device.cpu) === x && x.cpu() === x)
        let y = x.to(.cpu, dtype: .float16)
        #expect(y.dtype == .float16 && y.device == .cpu)
        #expect(x.to(Tensor([1], dtype: .float64)).dtype == .float64)
    }

    @Test func factoriesTakeADevice() {
        let device = Device(Torch.cuda.isAvailable() ? "cuda" : "cpu")
        let dtype = DType.float64
        #expect(Torch.randn([2, 3], device: device, dtype: dtype).dtype == .float64)
        #expect(Tensor([1, 2], device: device).device == .cpu)
        #expect(Torch.zeros([2], device: .cpu).device == .cpu)
        #expect(Torch.arange(0, 5, device: .meta).isMeta)
        #expect(Torch.linspace(0, 1, steps: 5, device: .meta).shape == [5])
        #expect(Torch.eye(3, device: .meta).shape == [3, 3])
        #expect(Torch.randint(0, 5, [4], device: .meta).dtype == .int64)
        #expect(Torch.randperm(6, device: .meta).shape == [6])
        let m = Torch.ones([2, 2], device: .meta)
        #expect(Torch.zerosLike(m).isMeta && Torch.randnLike(m).isMeta && Torch.fullLike(m, 3).isMeta)
    }

    @Test func cudaQueriesAnswerWithoutADriver() {
        #expect(!Torch.cuda.isAvailable())
        #expect(Torch.cuda.deviceCount() == 0)
        #expect(Torch.cuda.memoryAllocated() == 0 && Torch.cuda.maxMemoryAllocated() == 0)
        Torch.cuda.emptyCache()
        Torch.cuda.manualSeedAll(0)
    }

    @Test func modelToKeepsParameterIdentity() {
        Torch.manualSeed(0)
        let model = Sequential(Linear(3, 4), BatchNorm1d(4), ReLU(), Linear(4, 1))
        let before = model.parameters()
        let optimizer = SGD(model.parameters(), lr: 0.1)
        model.double()
        let after = model.parameters()
        #expect(zip(before, after).allSatisfy { $0 === $1 })
        #expect(after.allSatisfy { $0.dtype == .float64 })
        // The BatchNorm counter stays int64, its running statistics turn float64.
        #expect(model.buffers().map(\.dtype) == [.float64, .float64, .int64])
        let x = Torch.randn([8, 3], dtype: .float64)
        let w0 = after[0].clone()
        model(x).sum().backward()
        optimizer.step()
        #expect(after[0].grad!.dtype == .float64)
        #expect(!after[0].equal(w0))
        model.to(Device.cpu).float()
        #expect(model.parameters().allSatisfy { $0.dtype == .float32 && $0.device == .cpu })
        #expect(after[0].grad!.dtype == .float32)
    }

    @Test func modelOnTheMetaDeviceReportsItsSize() {
        let model = Sequential(Linear(1000, 1000), ReLU(), Linear(1000, 10)).to(.meta)
        #expect(model.numParameters() == 1000 * 1000 + 1000 + 1000 * 10 + 10)
        #expect(model.parameters().allSatisfy { $0.isMeta })
    }

    @Test func optimizersStepOnTheParametersDevice() {
        for makeOptimizer in [{ SGD($0, lr: 0.1, momentum: 0.9) as Optimizer }, { Adam($0, lr: 0.01) as Optimizer },
                              { RMSprop($0, lr: 0.01) as Optimizer }] as [([Tensor]) -> Optimizer] {
            let model = Torch.withDevice(.meta) { Sequential(Linear(4, 3), ReLU(), Linear(3, 1)) }
            let optimizer = makeOptimizer(model.parameters())
            for _ in 0..<2 {
                optimizer.zeroGrad()
                model(Torch.randn([5, 4], device: .meta)).sum().backward()
                optimizer.step()
            }
            #expect(model.parameters().allSatisfy { $0.isMeta })
            let state = optimizer.stateDict()
            #expect(state["state"]?.description.contains("device='meta'") == true)
        }
    }

    @Test func loadMapsLocation() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("map-location-\(UUID()).pt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Torch.save(["w": Torch.arange(6.0)], to: path)
        let cpu = try Torch.load(path, mapLocation: .cpu)
        #expect(try cpu["w"].tensorValue?.device == .cpu)
        let meta = try Torch.load(path, mapLocation: .meta)
        let w = try meta["w"].tensorValue
        #expect(w?.isMeta == true && w?.shape == [6])
    }

    @Test func dataLoaderAcceptsPinMemory() {
        let data = TensorDataset(Torch.arange(8.0).reshape([4, 2]), Torch.arange(4))
        let loader = DataLoader(data, batchSize: 2, pinMemory: true)
        #expect(loader.pinMemory && Array(loader).count == 2)
    }
}

/// The meta device allocates nothing, whatever the sizes.
@Suite struct MetaAllocationTests {
    /// The process's virtual memory, from /proc/self/status (an untouched
    /// allocation shows here, where it would not show in the resident set).
    private func virtualBytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmSize:") }),
              let kb = Int(line.split(separator: " ").dropFirst().first ?? "") else { return nil }
        return kb * 1024
    }

    @Test func metaTensorsAndModelsAllocateNoMemory() throws {
        let before = virtualBytes()
        let big = Torch.empty([100_000, 100_000], device: .meta)
        let model = Torch.withDevice(.meta) { Sequential(Linear(8192, 8192), ReLU(), Linear(8192, 8192)) }
        let x = Torch.randn([4096, 8192], device: .meta, requiresGrad: true)
        model(x).sum().backward()
        // 40 GB of `big`, 0.5 GB of parameters, as much again of gradients and activations:
        // any of it allocated would show; a few megabytes of bookkeeping is all there is.
        if let before, let after = virtualBytes() { #expect(after - before < 256 << 20) }
        #expect(big.shape == [100_000, 100_000] && big.isMeta)
        #expect(model.numParameters() == 2 * (8192 * 8192 + 8192))
        #expect(model.parameters().allSatisfy { $0.isMeta && $0.grad?.isMeta == true })
        #expect("\(Torch.empty([2, 3], device: .meta))" == "tensor(..., device='meta', size=(2, 3))")
        #expect("\(Torch.zeros([2], device: .meta, dtype: .int64))" == "tensor(..., device='meta', size=(2,), dtype=torch.int64)")
        #expect(Torch.getDefaultDevice() == .cpu)
    }
}
