#!/usr/bin/env bash
# The GPU check, run on the GPU machine from the repository root (see docs/GPU.md):
#   bash .gpu/check.sh [--quick] [--parts LIST] [--device cuda|cpu]
# Parts, comma separated (default: all of them, in this order):
#   info      GPU, driver and libraries (jgrad's own report, and nvidia-smi)
#   junit     the cuda module's JUnit tests (the engine's kernel conformance suite on the GPU; device
#             selection; LesionNet-S and ResNet-18 steps on both devices)
#   torch     PyTorch on the same GPU (matmul rate, training steps) and the ResNet-18 logits cross-check
#   gpucheck  GpuCheck: GPU vs CPU timings and a closing table; then jgrad bench profile-resnet18
#   train     the app end to end: train --model resnet18 on the synthetic set, then predict with the run
#   jmh       JMH GpuVsCpuBenchmark on the GPU (short iterations)
#   jmh-cpu   the same JMH benchmarks on the CPU (SGEMM, conv layers at batch 1, LesionNet-S steps)
# One device call may last 600 s, less than all parts together: run them in two or three calls,
#   --parts info,junit,torch,gpucheck    then    --parts train,jmh    (then --parts jmh-cpu)
# --device cpu runs train and jmh on the CPU instead (smaller settings): a dry run of this script
# on a machine without a GPU. --skip-torch and --skip-junit drop those parts.
# Logs go to $OUT (the device tool's output folder) or ./gpu-out.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${OUT:-$PWD/gpu-out}"
mkdir -p "$out"
quick=""; parts="info,junit,torch,gpucheck,train,jmh,jmh-cpu"; device=cuda; skip=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) quick="--quick" ;;
    --skip-torch) skip+=",torch" ;;
    --skip-junit) skip+=",junit" ;;
    --parts) parts="${2:?--parts needs a list}"; shift ;;
    --parts=*) parts="${1#--parts=}" ;;
    --device) device="${2:?--device needs cuda or cpu}"; shift ;;
    --device=*) device="${1#--device=}" ;;
    *) echo "check.sh: unknown argument $1 (see the comment at the top of the script)" >&2; exit 2 ;;
  esac
  shift
done
case "$device" in cuda|cpu) ;; *) echo "check.sh: --device must be cuda or cpu, got '$device'" >&2; exit 2 ;; esac
for p in ${parts//,/ }; do
  case "$p" in info|junit|torch|gpucheck|train|jmh|jmh-cpu) ;;
    *) echo "check.sh: unknown part '$p' (info, junit, torch, gpucheck, train, jmh, jmh-cpu)" >&2; exit 2 ;;
  esac
done
want() { [[ ",$parts," == *",$1,"* && ",$skip," != *",$1,"* ]]; }

if [[ -x "$here/jre/bin/java" ]]; then java="$here/jre/bin/java"
else
  if [[ ! -x /tmp/jre/bin/java ]]; then tar -C /tmp -xJf "$here/jre.tar.xz"; fi
  java=/tmp/jre/bin/java
fi
# cuDNN 9 and cuBLAS from the pip wheels of the PyTorch environment are found by jgrad's own discovery;
# JGRAD_CUDA_LIBS may name more directories.
# ExplicitGCInvokesConcurrent: the allocator's System.gc() becomes a short young collection.
vm=(--add-modules jdk.incubator.vector -Xmx16g -XX:+ExplicitGCInvokesConcurrent)
jvm=("${vm[@]}" -cp "$here/jgrad-gpu.jar")
status=0
fail() { echo "check.sh: FAILED: $1" | tee -a "$out/failures.txt"; status=1; }
started=$SECONDS
stamp() { echo "   ($1 took $((SECONDS - t0)) s; $((SECONDS - started)) s so far)"; }

if want info; then
  t0=$SECONDS; echo "== info: devices"
  nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.sm,clocks.max.sm --format=csv,noheader 2>&1
  find / -xdev \( -name 'libcudnn.so.9' -o -name 'libcublas.so.1[23]' -o -name 'libcuda.so.1' \) 2>/dev/null | head -8
  "$java" "${jvm[@]}" org.jgrad.backend.cuda.GpuCheck --info-only 2>&1 | tee "$out/info.txt"
  stamp info
fi
if want junit; then
  t0=$SECONDS; echo "== junit: the CUDA tests"
  rm -rf /tmp/junit-reports
  "$java" --add-modules jdk.incubator.vector -Xmx16g -jar "$here/junit.jar" execute -cp "$here/jgrad-gpu.jar" \
      --select-package org.jgrad.backend.cuda \
      --details=summary --disable-banner --reports-dir /tmp/junit-reports 2>&1 | tee "$out/junit.txt" | tail -25
  [[ ${PIPESTATUS[0]} == 0 ]] || fail "junit"
  # The CUDA tests skip (abort) without a usable GPU; on the GPU machine that is a failure of the check.
  # (Other skips, such as the PTX-versus-nvcc comparison where nvcc is missing, are not.)
  if [[ $device == cuda ]] && grep -q "Assumption failed: no usable GPU" /tmp/junit-reports/*.xml 2>/dev/null; then
    fail "junit: CUDA tests skipped for want of a usable GPU (see junit.txt and info.txt)"
  fi
  stamp junit
fi
if want torch; then
  t0=$SECONDS; echo "== torch: PyTorch reference (before GpuCheck, so the cross-check has its files)"
  PYTHONUNBUFFERED=1 python3 "$here/torch_reference.py" /tmp/torch-export $quick 2>&1 | tee "$out/torch.txt" | grep -v "^$" | tail -8
  [[ ${PIPESTATUS[0]} == 0 ]] || fail "torch reference"
  cp /tmp/torch-export/torch.json /tmp/torch-export/torch-profile-resnet18.txt "$out/" 2>/dev/null
  echo "== torch: cross-check, torchvision ResNet-18 weights in jgrad"
  "$java" "${jvm[@]}" org.jgrad.backend.cuda.TorchCrossCheck /tmp/torch-export 2>&1 | tee "$out/crosscheck.txt" | tail -6
  [[ ${PIPESTATUS[0]} == 0 ]] || fail "torch cross-check"
  stamp torch
fi
if want gpucheck; then
  t0=$SECONDS; echo "== gpucheck"
  "$java" "${jvm[@]}" org.jgrad.backend.cuda.GpuCheck $quick --markdown "$out/gpu-check.md" 2>&1 | tee "$out/gpu-check.txt" | tail -80
  [[ ${PIPESTATUS[0]} == 0 ]] || fail "gpucheck"
  echo "== gpucheck: the ResNet-18/224 b64 step op by op (OpProfiler: a device wait at every op boundary)"
  "$java" "${vm[@]}" -jar "$here/jgrad.jar" bench profile-resnet18 --batch "$([[ $device == cuda ]] && echo 64 || echo 2)" \
      --device "$device" 2>&1 | tee "$out/profile-resnet18.txt" | tail -40
  [[ ${PIPESTATUS[0]} == 0 ]] || fail "profile-resnet18"
  stamp gpucheck
fi
if want train; then
  t0=$SECONDS; echo "== train: the app end to end on $device"
  app=("$java" "${vm[@]}" -jar "$here/jgrad.jar")
  run=/tmp/jgrad-check-run; rm -rf "$run"
  if [[ $device == cuda ]]; then size=(--synth-count 1000 --epochs 3)
  else size=(--synth-count 100 --epochs 1 --image-size 64); fi
  "${app[@]}" train --device "$device" --model resnet18 "${size[@]}" \
      --cache-dir /tmp/jgrad-cache --out "$run" 2>&1 | tee "$out/train.txt" | grep -v '%|' | tail -30
  if [[ ${PIPESTATUS[0]} != 0 ]]; then fail "train"
  else
    img="$(find /tmp/jgrad-cache -name '*.jpg' | sort | head -2)"
    # shellcheck disable=SC2086
    "${app[@]}" predict --device "$device" --checkpoint "$run" $img 2>&1 | tee "$out/predict.txt" | tail -4
    [[ ${PIPESTATUS[0]} == 0 ]] || fail "predict"
    mkdir -p "$out/train-run"   # the run folder without its checkpoints (45 MB each)
    find "$run" -maxdepth 1 -type f ! -name '*.safetensors' -exec cp {} "$out/train-run/" \;
  fi
  stamp train
fi
# JMH forks one JVM per benchmark and parameter set; the benchmark's @Fork adds the vector module.
jmh_opts=(-f 1 -wi 2 -w 1 -i 3 -r 1 -jvmArgsAppend "-Xmx16g")
if want jmh; then
  t0=$SECONDS; echo "== jmh: GpuVsCpuBenchmark on $device"
  dry=(); [[ $device == cuda ]] || dry=(-p n=512 -p layer=lesionnet-conv1,resnet-layer4 -p workload=lesionnet-b32)
  "$java" "${vm[@]}" -jar "$here/benchmarks.jar" GpuVsCpu -p device="$device" "${dry[@]}" "${jmh_opts[@]}" \
      -rf json -rff "$out/jmh-$device.json" 2>&1 | tee "$out/jmh-$device.txt" | grep -E "^(Benchmark|GpuVsCpu)|ERROR|Exception" | tail -40
  [[ ${PIPESTATUS[0]} == 0 ]] || fail "jmh $device"
  stamp jmh
fi
if want jmh-cpu; then
  t0=$SECONDS; echo "== jmh-cpu: GpuVsCpuBenchmark on the CPU (no ResNet-18 step: minutes each)"
  "$java" "${vm[@]}" -jar "$here/benchmarks.jar" GpuVsCpu -p device=cpu -p workload=lesionnet-b32,lesionnet-b256 \
      "${jmh_opts[@]}" -rf json -rff "$out/jmh-cpu.json" 2>&1 | tee "$out/jmh-cpu.txt" | grep -E "^(Benchmark|GpuVsCpu)|ERROR|Exception" | tail -40
  [[ ${PIPESTATUS[0]} == 0 ]] || fail "jmh cpu"
  stamp jmh-cpu
fi
echo "== check.sh: parts '$parts' on $device: $([[ $status == 0 ]] && echo passed || echo "FAILED (see failures.txt)")"
exit $status
