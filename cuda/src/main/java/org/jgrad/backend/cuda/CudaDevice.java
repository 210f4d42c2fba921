package org.jgrad.backend.cuda;

import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR;
import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR;
import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT;
import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuCtxSynchronize;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuDeviceTotalMem;
import static jcuda.driver.JCudaDriver.cuDriverGetVersion;
import static jcuda.driver.JCudaDriver.cuInit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import jcuda.CudaException;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.JCudaDriver;

/**
 * One GPU opened through the CUDA driver API (JCuda): its primary context, its properties, the
 * memory allocator and jgrad's kernels. Every call into the driver must come from a thread on
 * which this context is current; {@link #makeCurrent()} sees to that cheaply.
 */
final class CudaDevice {
    final int ordinal;
    final String name;
    final int ccMajor, ccMinor, multiprocessors;
    final long totalMemory;
    final int driverVersion;
    final String driverRelease;
    private final CUcontext context;
    private final ThreadLocal<Boolean> current = ThreadLocal.withInitial(() -> false);
    final DeviceMemory memory;
    final CudaKernels kernels;

    private CudaDevice(int ordinal, CUdevice device, CUcontext context) {
        this.ordinal = ordinal;
        this.context = context;
        this.current.set(true);
        byte[] raw = new byte[256];
        cuDeviceGetName(raw, raw.length, device);
        this.name = cString(raw);
        this.ccMajor = attribute(device, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR);
        this.ccMinor = attribute(device, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
        this.multiprocessors = attribute(device, CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT);
        long[] bytes = new long[1];
        cuDeviceTotalMem(bytes, device);
        this.totalMemory = bytes[0];
        int[] version = new int[1];
        cuDriverGetVersion(version);
        this.driverVersion = version[0];
        this.driverRelease = readDriverRelease();
        this.memory = new DeviceMemory(totalMemory);
        this.kernels = new CudaKernels(this);
    }

    /**
     * Loads the driver through JCuda and opens device {@code ordinal}. Any failure becomes a
     * {@link CudaUnavailableException} whose message says in one line what is missing.
     */
    static CudaDevice open(CudaLibraries libraries, int ordinal) throws CudaUnavailableException {
        libraries.load("libcuda.so.1"); // by path, in case the driver is outside the loader's default paths
        try {
            JCudaDriver.setExceptionsEnabled(true);
            cuInit(0);
        } catch (UnsatisfiedLinkError e) {
            String msg = CudaLibraries.linkProblem(e);
            if (msg.startsWith("libcuda.so"))
                throw new CudaUnavailableException("no NVIDIA driver (libcuda.so.1 not found)", e);
            throw new CudaUnavailableException("JCuda's native library did not load: " + msg, e);
        } catch (CudaException e) {
            throw new CudaUnavailableException("the CUDA driver failed to start: " + e.getMessage(), e);
        } catch (LinkageError e) {
            throw new CudaUnavailableException("JCuda is not on the class path (" + e + ")", e);
        }
        try {
            int[] count = new int[1];
            cuDeviceGetCount(count);
            if (count[0] == 0) throw new CudaUnavailableException("the NVIDIA driver reports no CUDA device");
            if (ordinal >= count[0]) {
                throw new CudaUnavailableException(
                        "CUDA device " + ordinal + " requested but only " + count[0] + " present");
            }
            CUdevice device = new CUdevice();
            cuDeviceGet(device, ordinal);
            CUcontext context = new CUcontext();
            cuDevicePrimaryCtxRetain(context, device);
            cuCtxSetCurrent(context);
            CudaDevice opened = new CudaDevice(ordinal, device, context);
            opened.kernels.loadAll(); // fails here, with a clear message, if the driver cannot run our PTX
            return opened;
        } catch (CudaException e) {
            String msg = e.getMessage();
            if (msg != null && (msg.contains("NO_DEVICE") || msg.contains("NO_BINARY"))) {
                throw new CudaUnavailableException("no usable CUDA device (" + msg + ")", e);
            }
            if (msg != null && (msg.contains("PTX") || msg.contains("JIT"))) {
                throw new CudaUnavailableException(
                        "the driver cannot compile jgrad's PTX (" + msg
                                + "); it was built by CUDA 13 and needs driver 580 or newer",
                        e);
            }
            throw new CudaUnavailableException("CUDA device " + ordinal + " could not be opened: " + msg, e);
        }
    }

    /** Makes this device's context current on the calling thread (a no-op after the first call). */
    void makeCurrent() {
        if (!current.get()) {
            cuCtxSetCurrent(context);
            current.set(true);
        }
    }

    void synchronize() {
        makeCurrent();
        cuCtxSynchronize();
    }

    /** Threads per block and blocks for a grid-stride loop over {@code n} elements. */
    int blocksFor(long n, int threads) {
        long needed = (n + threads - 1) / threads;
        return (int) Math.max(1, Math.min(needed, (long) multiprocessors * 16));
    }

    String driverVersionText() {
        return (driverRelease == null ? "" : driverRelease + ", ") + "CUDA " + driverVersion / 1000 + "."
                + (driverVersion % 1000) / 10;
    }

    private static int attribute(CUdevice device, int attribute) {
        int[] value = new int[1];
        cuDeviceGetAttribute(value, attribute, device);
        return value[0];
    }

    /** "580.159.04" from /proc/driver/nvidia/version, when the kernel module exposes it. */
    private static String readDriverRelease() {
        try {
            String text = Files.readString(Path.of("/proc/driver/nvidia/version"));
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("Kernel Module(?: for [^ ]+)?\\s+([0-9.]+)")
                    .matcher(text);
            return m.find() ? m.group(1) : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static String cString(byte[] raw) {
        int end = 0;
        while (end < raw.length && raw[end] != 0) end++;
        return new String(raw, 0, end, StandardCharsets.US_ASCII);
    }
}
