import Foundation
import Testing
import Torch
@testable import TorchDatasets

@Suite struct DigitsDatasetTests {
    @Test func bundledDigitsHaveTheDocumentedShapeAndScale() throws {
        let digits = try Digits()
        #expect(digits.count == 1797)
        #expect(digits.images.shape == [1797, 1, 8, 8])
        #expect(digits.images.dtype == .float32)
        #expect(digits.labels.dtype == .int64)
        #expect(digits.images.min().item() == 0)
        #expect(digits.images.max().item() == 1)
        // The file's first row: pixels 0,0,5,13,... and label 0.
        #expect(digits.images[0, 0, 0, 2].item() == 5.0 / 16)
        #expect(digits.labels[0].item() == 0)
        #expect(digits.labels.min().item() == 0)
        #expect(digits.labels.max().item() == 9)
    }

    @Test func samplesAndBatchesAreRowsOfTheTensors() throws {
        let digits = try Digits()
        let (image, label) = digits[5]
        #expect(image.shape == [1, 8, 8])
        #expect(label.item() == digits.labels[5].item())
        var batches = DataLoader(digits, batchSize: 32).makeIterator()
        let batch = batches.next()
        let (x, y) = try #require(batch)
        #expect(x.shape == [32, 1, 8, 8])
        #expect(y.shape == [32])
    }

    @Test func gunzipRejectsDataThatIsNotGzip() {
        #expect(throws: GzipError.notGzip) { try gunzip(Data("0,0,5,13\n".utf8)) }
    }

    @Test func gunzipChecksTheStreamAndItsTrailer() throws {
        let gz = Data([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0x4b, 0x4c, 0x4a, 0x06, 0x00, 0xc2, 0x41, 0x24, 0x35, 0x03, 0, 0, 0])
        #expect(try gunzip(gz) == Data("abc".utf8))
        #expect(throws: GzipError.self) { try gunzip(gz.prefix(14) + gz.suffix(8)) }
        var badChecksum = gz
        badChecksum[15] ^= 0xff
        #expect(throws: GzipError.corrupted("CRC-32 mismatch")) { try gunzip(badChecksum) }
    }

    @Test func malformedCSVLinesAreReportedWithTheirLineNumber() {
        #expect(throws: (any Error).self) { try Digits(csv: Data("1,2,3\n".utf8)) }
    }
}
