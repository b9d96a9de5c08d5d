import Torch

// A short tour of tensors and autograd, in the order of PyTorch's quick start.
// Every line has a PyTorch twin; the README's table lists them side by side.

func section(_ title: String) { print("\n== \(title)") }

section("Tensors from Swift arrays")
let data = Tensor([[1, -1], [-1, 1]])
print(data)
print("shape:", data.shape, "dtype:", data.dtype)
let floats = Tensor([1, 2, 3], dtype: .float32)
print(floats)

section("Creation and random streams (the same numbers as PyTorch after manual_seed)")
Torch.manualSeed(0)
print(Torch.rand([2, 3]))
print(Torch.randn([2, 3]))
print(Torch.zeros([2, 2]), Torch.ones([1, 2, 5]).shape)
print(Torch.arange(0, 10, 1))
print(Torch.linspace(0, 10, steps: 5))
print(Torch.eye(3))

section("Arithmetic, broadcasting and type promotion")
let a = Torch.arange(6).reshape([2, 3])
print(a * 2, a / 2, a ** 2, separator: "\n")
print(a.to(.float64) + Tensor([10.0, 20.0, 30.0]))

section("Indexing and views")
let m = Torch.arange(12).reshape([3, 4])
print(m[0], m[.all, 1], m[1..., ..<2], m[m % 2 == 0], separator: "\n")
let view = m.t()
print("transposed view shares storage; contiguous:", view.isContiguous)

section("Reductions")
let scores = Tensor([[0.1, 2.5, -1.0], [3.0, 0.5, 0.7]])
let (values, indices) = scores.max(dim: 1)
print(values, indices, scores.sum(dim: 1, keepdim: true), scores.mean(), scores.std(), separator: "\n")

section("Matrix products and einsum")
let q = Torch.randn([1, 2, 3, 4]), k = Torch.randn([1, 5, 3, 4])
print(Torch.einsum("nqhd,nkhd->nhqk", q, k).shape)
print(Torch.matmul(Torch.ones([2, 3]), Torch.ones([3, 2])))

section("Autograd")
let x = Tensor([[1.0, 0.0], [-1.0, 1.0]], requiresGrad: true)
let z = x.pow(2).sum()
z.backward()
print(z)
print(x.grad!)
let frozen = Torch.noGrad { x * 2 }
print("under noGrad, requiresGrad =", frozen.requiresGrad)

section("Fitting y = 2x1 - 3.4x2 + 4.2 by gradient descent")
let generator = Generator().manualSeed(0)
let features = Torch.randn([1000, 2], generator: generator)
let trueW = Tensor([2.0, -3.4])
let labels = Torch.matmul(features, trueW) + 4.2 + 0.01 * Torch.randn([1000], generator: generator)
let w = Torch.normal(mean: 0, std: 0.01, size: [2], generator: generator).requiresGrad_()
let b = Torch.zeros([1], requiresGrad: true)
for epoch in 1...3 {
    for start in stride(from: 0, to: 1000, by: 10) {
        let xb = features[start..<(start + 10)], yb = labels[start..<(start + 10)]
        let loss = ((Torch.matmul(xb, w) + b - yb) ** 2).mean()
        loss.backward()
        Torch.noGrad {
            w.sub_(w.grad! * 0.03)
            b.sub_(b.grad! * 0.03)
            w.grad!.zero_()
            b.grad!.zero_()
        }
    }
    let total = Torch.noGrad { ((Torch.matmul(features, w) + b - labels) ** 2).mean() }
    print("epoch \(epoch), loss \(total.item())")
}
print("learned w:", w.detach(), "b:", b.detach())
