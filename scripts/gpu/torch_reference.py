"""PyTorch reference figures for jgrad's GPU check, run on the same GPU in the same call.

  python3 torch_reference.py OUT_DIR [--quick]

Prints (and writes OUT_DIR/torch.json): the float32 matmul rate, the training-step times of
ResNet-18/224 (batch 64, SGD momentum) and LesionNet-S (batch 32 and 256, Adam), and exports a
seeded torchvision ResNet-18 (one output) as safetensors with a batch and its logits, for
jgrad's cross-check (org.jgrad.backend.cuda.TorchCrossCheck); then, optionally, torch.profiler's
CUDA time per op for the ResNet-18 step (OUT_DIR/torch-profile-resnet18.txt).
"""
import json
import os
import sys
import time

import torch
import torch.nn as nn
import torchvision
from safetensors.torch import save_file


def median_ms(fn, warmup, iters):
    for _ in range(warmup):
        fn()
    torch.cuda.synchronize()
    times = []
    for _ in range(iters):
        start = time.perf_counter()
        fn()
        torch.cuda.synchronize()
        times.append((time.perf_counter() - start) * 1e3)
    times.sort()
    return times[len(times) // 2]


def matmul_rates(sizes):
    out = {}
    for n in sizes:
        a = torch.randn(n, n, device="cuda")
        b = torch.randn(n, n, device="cuda")
        ms = median_ms(lambda: a @ b, 5, 20)
        out[n] = {"ms": ms, "tflops": 2 * n ** 3 / ms / 1e9}
    return out


def lesionnet():
    return nn.Sequential(
        nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(4096, 64), nn.ReLU(), nn.Linear(64, 1))


def train_step_ms(model, optimizer, batch, size, warmup, iters):
    model = model.cuda().train()
    x = torch.randn(batch, 3, size, size, device="cuda")
    y = (torch.arange(batch, device="cuda") % 3 == 0).float().unsqueeze(1)
    loss_fn = nn.BCEWithLogitsLoss()
    opt = optimizer(model.parameters())

    def step():
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
        loss.item()   # jgrad reads the loss back every step too

    return median_ms(step, warmup, iters)


def export_resnet18(out_dir):
    torch.manual_seed(0)
    model = torchvision.models.resnet18(num_classes=1)
    g = torch.Generator().manual_seed(1)
    for m in model.modules():   # non-trivial batch-norm statistics and affine parameters
        if isinstance(m, nn.BatchNorm2d):
            m.running_mean.copy_(torch.rand(m.num_features, generator=g) * 0.2 - 0.1)
            m.running_var.copy_(torch.rand(m.num_features, generator=g) + 0.5)
            with torch.no_grad():
                m.weight.copy_(torch.rand(m.num_features, generator=g) + 0.5)
                m.bias.copy_(torch.randn(m.num_features, generator=g) * 0.1)
    model.eval()
    state = {k: v.detach().contiguous() for k, v in model.state_dict().items() if "num_batches_tracked" not in k}
    save_file(state, os.path.join(out_dir, "resnet18.safetensors"))
    x = torch.randn(2, 3, 224, 224, generator=g)
    with torch.no_grad():
        logits_cpu = model(x)
        model.cuda()
        torch.backends.cudnn.allow_tf32 = False
        logits_fp32 = model(x.cuda()).cpu()
        torch.backends.cudnn.allow_tf32 = True
        logits_tf32 = model(x.cuda()).cpu()
    save_file({"input": x.contiguous(), "logits_cpu": logits_cpu, "logits_cuda_fp32": logits_fp32,
               "logits_cuda_tf32": logits_tf32}, os.path.join(out_dir, "resnet18-batch.safetensors"))
    return {"logits_cpu": logits_cpu.flatten().tolist(), "logits_cuda_fp32": logits_fp32.flatten().tolist(),
            "logits_cuda_tf32": logits_tf32.flatten().tolist()}


def profile_resnet18_step(steps=5):
    """The same ResNet-18/224 b64 SGD step under torch.profiler: CUDA time per aten op, to set beside
    jgrad's OpProfiler table (profile-resnet18.txt). Returns the table as text."""
    from torch.profiler import ProfilerActivity, profile
    torch.backends.cudnn.benchmark = False
    model = torchvision.models.resnet18(num_classes=1).cuda().train()
    x = torch.randn(64, 3, 224, 224, device="cuda")
    y = (torch.arange(64, device="cuda") % 3 == 0).float().unsqueeze(1)
    loss_fn = nn.BCEWithLogitsLoss()
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)

    def step():
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
        loss.item()

    for _ in range(5):
        step()
    torch.cuda.synchronize()
    with profile(activities=[ProfilerActivity.CPU, ProfilerActivity.CUDA]) as prof:
        for _ in range(steps):
            step()
        torch.cuda.synchronize()
    return prof.key_averages().table(sort_by="cuda_time_total", row_limit=30)


def main():
    out_dir = sys.argv[1]
    quick = "--quick" in sys.argv
    os.makedirs(out_dir, exist_ok=True)
    report = {
        "torch": torch.__version__, "cuda": torch.version.cuda, "cudnn": torch.backends.cudnn.version(),
        "gpu": torch.cuda.get_device_name(0), "matmul_allow_tf32": torch.backends.cuda.matmul.allow_tf32,
        "cudnn_allow_tf32": torch.backends.cudnn.allow_tf32,
    }
    print("TORCH", json.dumps(report), flush=True)
    report["export"] = export_resnet18(out_dir)
    report["matmul"] = matmul_rates([1024] if quick else [1024, 2048, 4096])
    print("TORCH matmul fp32", json.dumps(report["matmul"]), flush=True)
    warmup, iters = (3, 5) if quick else (10, 20)
    steps = {}
    for bench in (False, True):
        torch.backends.cudnn.benchmark = bench
        steps[f"resnet18_b64_sgd_benchmark={bench}"] = train_step_ms(
            torchvision.models.resnet18(num_classes=1), lambda p: torch.optim.SGD(p, lr=0.01, momentum=0.9), 64, 224, warmup, iters)
        for batch in (32, 256):
            steps[f"lesionnet_b{batch}_adam_benchmark={bench}"] = train_step_ms(
                lesionnet(), lambda p: torch.optim.Adam(p, lr=1e-3), batch, 64, warmup, iters)
        print("TORCH steps", json.dumps(steps), flush=True)
    report["train_step_ms"] = steps
    try:   # optional: a failure here must not cost the figures above
        table = profile_resnet18_step()
        with open(os.path.join(out_dir, "torch-profile-resnet18.txt"), "w") as f:
            f.write(table)
        print("TORCH profile of the ResNet-18 step (5 steps):\n" + table, flush=True)
    except Exception as e:   # noqa: BLE001
        print("TORCH profile failed:", repr(e), flush=True)
    with open(os.path.join(out_dir, "torch.json"), "w") as f:
        json.dump(report, f, indent=1)
    print("TORCH done", flush=True)


if __name__ == "__main__":
    main()
