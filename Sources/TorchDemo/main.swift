import Torch
let x = Tensor([[0.5, -1.0], [2.0, 0.25]], dtype: .float64, requiresGrad: true)
let y = Tensor([1.5, -0.5], dtype: .float64, requiresGrad: true)
print(Torch.gradcheck({ ($0[0] * $0[1]).exp() / ($0[1] + 3) }, inputs: [x, y]))
print(Torch.gradcheck({ $0[0].t().sqrt().sum(dim: 0) }, inputs: [x.detach().add(3).requiresGrad_()]))
print(Torch.gradcheck({ $0[0].t().sum(dim: 0) }, inputs: [x.detach().add(3).requiresGrad_()]))
print(Torch.gradcheck({ $0[0].exp().sum(dim: 0) }, inputs: [x.detach().add(3).requiresGrad_()]))
