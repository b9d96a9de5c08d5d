import Foundation
import Torch
import TorchDatasets

extension Workloads {
    /// The reference recipe of shared/data/README.md, as the demo runs it:
    /// 20 epochs of the digits CNN, training time only, then test accuracy.
    static func digits(_ results: inout [String: Double]) {
        guard let digits = try? Digits() else { fatalError("the bundled digits data could not be read") }
        Torch.manualSeed(0)
        let loader = DataLoader(TensorDataset(digits.images[..<1437], digits.labels[..<1437]), batchSize: 32, shuffle: true)
        let model = Sequential(
            Conv2d(1, 16, kernelSize: 3, padding: 1), ReLU(), Conv2d(16, 32, kernelSize: 3, padding: 1), ReLU(), MaxPool2d(2),
            Flatten(), Linear(32 * 4 * 4, 64), ReLU(), Linear(64, 10))
        let optimizer = Adam(model.parameters(), lr: 1e-3)
        let criterion = CrossEntropyLoss()
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<20 {
            model.train()
            for (x, y) in loader {
                optimizer.zeroGrad()
                criterion(model(x), y).backward()
                optimizer.step()
            }
        }
        results["digits_cnn_20_epochs_s"] = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        model.eval()
        results["digits_cnn_test_acc"] = Torch.noGrad {
            (model(digits.images[1437...]).argmax(dim: 1) == digits.labels[1437...]).float().mean().item()
        }
    }
}
