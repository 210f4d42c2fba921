package org.jgrad.benchmarks;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.TreeMap;
import org.jgrad.backend.Backend;
import org.jgrad.backend.Storage;
import org.jgrad.models.LesionNetS;
import org.jgrad.models.ResNet18;
import org.jgrad.train.FixedBatchTraining;

/**
 * What a training step costs the host when the kernels cost nothing: the engine's own work
 * (ops, shape checks, graph recording, the topological sort, gradient bookkeeping, optimizer
 * loop) on a backend whose every kernel returns at once. On a GPU the host must queue a step
 * faster than the device runs it, so this time plus (backend calls × launch cost) is the floor
 * the host sets. Also counts the backend calls of one step, by method.
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.jgrad.benchmarks.HostOverhead [resnet18|lesionnet] [batch] [steps]
 * </pre>
 * Defaults: resnet18, batch 64 (224 px; lesionnet: 64 px), 30 timed steps after 10 of warm-up.
 */
public final class HostOverhead {
    private HostOverhead() {}

    /** A buffer that only knows its size: no memory behind it. */
    private record NoStorage(int size, Backend backend) implements Storage {}

    /** A backend whose kernels do nothing; counts how often each method is called. */
    static Backend nullBackend(Map<String, Integer> calls) {
        Backend[] self = new Backend[1];
        self[0] = (Backend) Proxy.newProxyInstance(
                Backend.class.getClassLoader(), new Class<?>[] {Backend.class}, (proxy, method, args) -> {
                    String name = method.getName();
                    switch (name) {
                        case "name":
                            return "null";
                        case "toString":
                            return "null backend";
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "equals":
                            return proxy == args[0];
                        default:
                            break;
                    }
                    calls.merge(name, 1, Integer::sum);
                    if (name.equals("allocate") || name.equals("allocateUninitialized"))
                        return new NoStorage((Integer) args[0], self[0]);
                    if (name.equals("upload")) return new NoStorage(((float[]) args[0]).length, self[0]);
                    Class<?> type = method.getReturnType();
                    if (type == double.class) return 0.0;
                    if (type == float.class) return 0f;
                    if (type == int.class) return 0;
                    if (type == boolean.class) return false; // e.g. fusesConvPoolTraining: the separate kernels
                    return null;
                });
        return self[0];
    }

    public static void main(String[] args) {
        String model = args.length > 0 ? args[0] : "resnet18";
        boolean resnet = model.startsWith("resnet");
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : resnet ? 64 : 32;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int size = resnet ? 224 : 64;

        Map<String, Integer> calls = new TreeMap<>();
        Backend b = nullBackend(calls);
        FixedBatchTraining w = resnet
                ? new FixedBatchTraining(b, () -> new ResNet18(1, 1), false, batch, size, 7)
                : new FixedBatchTraining(b, () -> LesionNetS.create(1), true, batch, size, 7);

        for (int i = 0; i < 10; i++) w.step();
        calls.clear();
        w.step();
        int perStep = calls.values().stream().mapToInt(Integer::intValue).sum();
        Map<String, Integer> oneStep = new TreeMap<>(calls);

        long[] nanos = new long[steps];
        for (int i = 0; i < steps; i++) {
            long t0 = System.nanoTime();
            w.step();
            nanos[i] = System.nanoTime() - t0;
        }
        java.util.Arrays.sort(nanos);
        double median = nanos[steps / 2] / 1e6;
        System.out.printf(
                "name=host-overhead model=%s batch=%d ms_per_step=%.3f best=%.3f backend_calls_per_step=%d us_per_call=%.2f%n",
                model, batch, median, nanos[0] / 1e6, perStep, median * 1000 / perStep);
        System.out.println("calls per step: " + oneStep);
    }
}
