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

section("Linear regression with nn, optim and data (the seed's walk-through)")
Torch.manualSeed(0)
let trueW = Tensor([2.0, -3.4]), trueB = 4.2
let features = Torch.randn([1000, 2])
let labels = Torch.matmul(features, trueW) + trueB + Torch.normal(mean: 0, std: 0.01, size: [1000])
let dataIter = DataLoader(TensorDataset(features, labels), batchSize: 10, shuffle: true)
let net = Sequential(Linear(2, 1))
Init.normal_(net[0].weight, mean: 0, std: 0.01)
Init.constant_(net[0].bias, 0)
print(net)
let loss = MSELoss()
let optimizer = SGD(net.parameters(), lr: 0.03)
print(optimizer)
for epoch in 1...3 {
    for (X, y) in dataIter {
        let l = loss(net(X), y.view([-1, 1]))
        optimizer.zeroGrad()
        l.backward()
        optimizer.step()
    }
    let l = Torch.noGrad { loss(net(features), labels.view([-1, 1])) }
    print("epoch \(epoch), loss: \(l.item())")
}
print("true w:", trueW, "learned:", net[0].weight.detach())
print("true b:", trueB, "learned:", net[0].bias.detach())
