import Foundation
import Torch

extension Workloads {
    /// The recurrent core of lstm_train_step_b32_s32: LSTM(128, 256, batch_first)
    /// forward and backward on a [32, 32, 128] batch through a 2-way head on the
    /// last step (the Embedding, loss and Adam parts belong to other layers).
    static func recurrent(_ results: inout [String: Double]) {
        let lstm = LSTM(128, 256, batchFirst: true)
        let head = Torch.randn([256, 2], requiresGrad: true)
        let x = Torch.randn([32, 32, 128], requiresGrad: true)
        results["lstm_fwd_bwd_b32_s32_ms"] = medianTime(repeat: 20) {
            lstm.zeroGrad()
            let (out, _) = lstm(x)
            let loss = out.select(1, 31).matmul(head).sum()
            loss.backward()
        } * 1e3
        results["lstm_fwd_b32_s32_nograd_ms"] = medianTime(repeat: 20) {
            Torch.noGrad { blackHole(lstm(x).output) }
        } * 1e3
    }
}
