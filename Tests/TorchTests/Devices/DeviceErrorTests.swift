import Testing
import Torch

/// What PyTorch stops on when devices meet, on a machine without CUDA.
@Suite struct DeviceErrorTests {
    @Test func mixingDevicesStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.ones([2, 3], device: .meta) + Torch.ones([2, 3])
        }
        #expect(stderrText(result).contains("Expected all tensors to be on the same device, but found at least two devices, meta and cpu!"))
        let named = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.ones([2, 3]).mul(Torch.ones([2, 3], device: .meta))
        }
        #expect(stderrText(named).contains("DeviceErrorTests.swift"))
        #expect(stderrText(named).contains("found at least two devices, cpu and meta!"))
    }

    @Test func aZeroDimCPUTensorJoinsAnyDevice() {
        let m = Torch.ones([2, 3], device: .meta) + Tensor(1.0)
        #expect(m.isMeta && m.shape == [2, 3])
    }

    @Test func movingToCUDAWithoutADriverStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([2]).to(Device("cuda"))
        }
        #expect(stderrText(result).contains("Found no NVIDIA driver on your system. Please check that you have an NVIDIA GPU and installed a driver from http://www.nvidia.com/Download/index.aspx"))
        await #expect(processExitsWith: .failure) { _ = Torch.zeros([2]).cuda() }
        await #expect(processExitsWith: .failure) { _ = Torch.zeros([2], device: "cuda:0") }
        await #expect(processExitsWith: .failure) { _ = Linear(2, 2).cuda() }
        await #expect(processExitsWith: .failure) { _ = Torch.cuda.currentDevice() }
    }

    @Test func badDeviceStringsStop() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Device("gpu")
        }
        #expect(stderrText(result).contains("Expected one of cpu, cuda, meta device type at start of device string: gpu"))
        let index = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Device("cuda:x")
        }
        #expect(stderrText(index).contains("Invalid device string: 'cuda:x'"))
    }

    @Test func copyingOutOfMetaStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.empty([2], device: .meta).cpu()
        }
        #expect(stderrText(result).contains("Cannot copy out of meta tensor; no data!"))
        let item = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.zeros([1], device: .meta).item()
        }
        #expect(stderrText(item).contains("Cannot copy out of meta tensor; no data!"))
    }

    @Test func valueDependentOpsStopOnMeta() async {
        let nonzero = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.empty([3], device: .meta).nonzero()
        }
        #expect(stderrText(nonzero).contains("aten::nonzero: attempted to run this operator with Meta tensors"))
        let unique = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Torch.empty([3], device: .meta).unique()
        }
        #expect(stderrText(unique).contains("aten::_unique2: attempted to run this operator with Meta tensors"))
        let mask = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let x = Torch.empty([3], device: .meta)
            _ = x[x.gt(0)]
        }
        #expect(stderrText(mask).contains("aten::nonzero: attempted to run this operator with Meta tensors"))
    }
}
