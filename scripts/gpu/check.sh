#!/usr/bin/env bash
# The GPU check, run on the GPU machine from the repository root (see docs/GPU.md):
#   bash .gpu/check.sh [--quick] [--skip-torch] [--skip-junit]
# 1. GPU, driver and libraries (jgrad's own report, and nvidia-smi);
# 2. the CUDA JUnit tests (every kernel against the CPU reference; LesionNet-S steps on both devices);
# 3. GpuCheck: per-kernel worst relative error, then GPU vs CPU timings and a closing table;
# 4. PyTorch on the same GPU: matmul rate, training steps, and the ResNet-18 logits cross-check.
# Logs go to $OUT (the device tool's output folder) or ./gpu-out.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${OUT:-$PWD/gpu-out}"
mkdir -p "$out"
quick=""; torch=1; junit=1
for a in "$@"; do
  case "$a" in --quick) quick="--quick" ;; --skip-torch) torch=0 ;; --skip-junit) junit=0 ;; esac
done
if [[ ! -x /tmp/jre/bin/java ]]; then tar -C /tmp -xJf "$here/jre.tar.xz"; fi
java=/tmp/jre/bin/java
# cuDNN 9 and cuBLAS from the pip wheels of the PyTorch environment are found by jgrad's own discovery;
# JGRAD_CUDA_LIBS may name more directories.
# ExplicitGCInvokesConcurrent: the allocator's System.gc() becomes a short young collection.
jvm=(--add-modules jdk.incubator.vector -Xmx16g -XX:+ExplicitGCInvokesConcurrent -cp "$here/jgrad-gpu.jar")
echo "== 1. devices"; nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.sm,clocks.max.sm --format=csv,noheader
find / -xdev \( -name 'libcudnn.so.9' -o -name 'libcublas.so.1[23]' -o -name 'libcuda.so.1' \) 2>/dev/null | head -8
"$java" "${jvm[@]}" org.jgrad.backend.cuda.GpuCheck --info-only 2>&1 | tee "$out/info.txt"
status=0
if [[ $junit == 1 ]]; then
  echo "== 2. JUnit (CUDA tests)"
  "$java" --add-modules jdk.incubator.vector -Xmx16g -jar "$here/junit.jar" execute -cp "$here/jgrad-gpu.jar" \
      --select-package org.jgrad.backend.cuda --select-class org.jgrad.backend.DevicesTest \
      --details=summary --disable-banner --reports-dir /tmp/junit-reports 2>&1 | tee "$out/junit.txt" | tail -25
  [[ ${PIPESTATUS[0]} == 0 ]] || status=1
fi
if [[ $torch == 1 ]]; then
  echo "== 4a. PyTorch reference (runs before GpuCheck so the cross-check has its files)"
  PYTHONUNBUFFERED=1 python3 "$here/torch_reference.py" /tmp/torch-export $quick 2>&1 | tee "$out/torch.txt" | grep -v "^$" | tail -8
  cp /tmp/torch-export/torch.json "$out/" 2>/dev/null
  echo "== 4b. cross-check: torchvision ResNet-18 weights in jgrad"
  "$java" "${jvm[@]}" org.jgrad.backend.cuda.TorchCrossCheck /tmp/torch-export 2>&1 | tee "$out/crosscheck.txt" | tail -6
fi
echo "== 3. GpuCheck"
"$java" "${jvm[@]}" org.jgrad.backend.cuda.GpuCheck $quick --markdown "$out/gpu-check.md" 2>&1 | tee "$out/gpu-check.txt" | tail -80
[[ ${PIPESTATUS[0]} == 0 ]] || status=1
exit $status
