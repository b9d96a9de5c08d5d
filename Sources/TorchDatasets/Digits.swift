import Foundation
import Torch

/// The handwritten-digits set: 1,797 grey images of 8x8 pixels, labels 0-9.
///
/// It is the test portion of the UCI "Optical Recognition of Handwritten
/// Digits" data set (E. Alpaydin and C. Kaynak, 1998), as distributed with
/// scikit-learn, licensed CC BY 4.0; the file ships with this package (see
/// `Resources/DIGITS.md`). Images come as float32 `[N, 1, 8, 8]` with the 17
/// grey levels scaled to 0...1 (pixel / 16), labels as int64 `[N]`, in the
/// file's order. The usual split is the first 1,437 images for training and
/// the last 360 for testing; the last rows come from other writers, so that
/// test set is harder than a random one.
///
/// ```swift
/// let digits = try Digits()
/// let train = TensorDataset(digits.images[..<1437], digits.labels[..<1437])
/// let loader = DataLoader(train, batchSize: 32, shuffle: true)
/// ```
public struct Digits: BatchGatheringDataset {
    /// All images, float32 `[1797, 1, 8, 8]`, values in 0...1.
    public let images: Tensor
    /// All labels, int64 `[1797]`.
    public let labels: Tensor
    private let rows: TensorDataset<(Tensor, Tensor)>

    /// Reads the bundled `digits.csv.gz`: one row per image, 64 pixel values
    /// row by row, then the label.
    public init() throws {
        guard let url = Bundle.module.url(forResource: "digits.csv", withExtension: "gz") else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "digits.csv.gz is missing from the bundle"])
        }
        try self.init(csv: gunzip(Data(contentsOf: url)))
    }

    /// Parses the digits CSV (65 integers per line).
    init(csv: Data) throws {
        var pixels: [Float] = []
        var labels: [Int64] = []
        pixels.reserveCapacity(1797 * 64)
        for (lineNumber, line) in String(decoding: csv, as: UTF8.self).split(separator: "\n").enumerated() {
            let fields = line.split(separator: ",")
            let values = fields.compactMap { Int($0) }
            guard fields.count == 65, values.count == 65,
                  values.dropLast().allSatisfy({ (0...16).contains($0) }), (0...9).contains(values[64]) else {
                throw CocoaError(.fileReadCorruptFile,
                                 userInfo: [NSLocalizedDescriptionKey: "digits.csv line \(lineNumber + 1) is not 64 pixels in 0...16 and a label"])
            }
            pixels += values.dropLast().map { Float($0) / 16 }
            labels.append(Int64(values[64]))
        }
        images = Tensor(pixels).view([labels.count, 1, 8, 8])
        self.labels = Tensor(labels)
        rows = TensorDataset(images, self.labels)
    }

    /// The number of images.
    public var count: Int { rows.count }

    /// Image `index` (`[1, 8, 8]`) and its label (a 0-d int64 tensor).
    public subscript(index: Int) -> (Tensor, Tensor) { rows[index] }

    /// The images and labels at `indices`, stacked.
    public func gather(_ indices: [Int]) -> (Tensor, Tensor) { rows.gather(indices) }
}
