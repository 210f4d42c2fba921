package org.jgrad.backend.cuda;

import static jcuda.driver.JCudaDriver.cuMemAllocHost;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jcuda.NativePointerObject;
import jcuda.Pointer;

/**
 * Kernel arguments written straight into one block of pinned host memory, so that a launch is a
 * single cheap JNI call. cuLaunchKernel wants {@code void** kernelParams}: an array with the
 * address of each argument's value. JCuda builds that array from nested Java objects on every
 * call (Pointer.to(Pointer.to(int[]), ...)), which costs more than the launch itself; here the
 * values and the array live in this block, and the driver receives its address. The driver
 * copies the values when the launch is queued, so the block is reused at once.
 *
 * <p>Device addresses are read from JCuda's pointer objects by reflection (their fields are
 * private); if that ever fails, {@link #create()} returns null and launches take JCuda's path.
 */
final class LaunchParameters {
    private static final int VALUES = 0, SLOTS = 4096, SIZE = 8192;
    private static final Field NATIVE_POINTER, BYTE_OFFSET;

    static {
        Field np = null, bo = null;
        try {
            np = NativePointerObject.class.getDeclaredField("nativePointer");
            bo = Pointer.class.getDeclaredField("byteOffset");
            np.setAccessible(true);
            bo.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            np = null;
            bo = null;
        }
        NATIVE_POINTER = np;
        BYTE_OFFSET = bo;
    }

    private final ByteBuffer block;
    private final long base;
    private final Pointer kernelParams;
    final Pointer one, zero; // host scalars 1f and 0f for cuDNN's alpha and beta

    private LaunchParameters(Pointer host) {
        this.block = host.getByteBuffer(0, SIZE).order(ByteOrder.nativeOrder());
        this.base = address(host);
        this.kernelParams = host.withByteOffset(SLOTS);
        block.putFloat(SIZE - 8, 1f);
        block.putFloat(SIZE - 4, 0f);
        this.one = host.withByteOffset(SIZE - 8);
        this.zero = host.withByteOffset(SIZE - 4);
    }

    /** A parameter block, or null when JCuda's pointer fields cannot be read. */
    static LaunchParameters create() {
        if (NATIVE_POINTER == null) return null;
        Pointer host = new Pointer();
        cuMemAllocHost(host, SIZE);
        LaunchParameters p = new LaunchParameters(host);
        return p.base == 0 ? null : p;
    }

    /** The address a JCuda pointer object stands for (its native pointer plus its byte offset). */
    static long address(Pointer p) {
        try {
            return NATIVE_POINTER.getLong(p) + BYTE_OFFSET.getLong(p);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the arguments (same kinds as {@link CudaKernels#launch}) and returns the kernelParams pointer. */
    Pointer write(Object... args) {
        int offset = VALUES;
        for (int i = 0; i < args.length; i++) {
            offset = (offset + 7) & ~7;
            block.putLong(SLOTS + 8 * i, base + offset);
            Object a = args[i];
            if (a == null) {
                block.putLong(offset, 0L);
                offset += 8;
            } else if (a instanceof Pointer p) {
                block.putLong(offset, address(p));
                offset += 8;
            } else if (a instanceof Integer v) {
                block.putInt(offset, v);
                offset += 4;
            } else if (a instanceof Float v) {
                block.putFloat(offset, v);
                offset += 4;
            } else if (a instanceof Long v) {
                block.putLong(offset, v);
                offset += 8;
            } else if (a instanceof Double v) {
                block.putDouble(offset, v);
                offset += 8;
            } else if (a instanceof int[] struct) {
                for (int v : struct) {
                    block.putInt(offset, v);
                    offset += 4;
                }
            } else {
                throw new IllegalArgumentException("cuda: unsupported kernel argument " + a.getClass());
            }
            if (offset > SLOTS) throw new IllegalArgumentException("cuda: kernel arguments exceed " + SLOTS + " bytes");
        }
        return kernelParams;
    }
}
