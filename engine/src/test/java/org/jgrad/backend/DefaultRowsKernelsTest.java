package org.jgrad.backend;

import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Nested;

/**
 * The interface's own gatherRows and scatterAddRows (copyBlocks per row; a round trip through host
 * memory), which a backend without its own row kernels inherits (the CUDA backend does), against
 * the reference loops. The backend under test is the reference backend seen through a proxy that
 * forwards every method except those two, which run the interface's default bodies.
 */
class DefaultRowsKernelsTest {
    private static final Backend DEFAULTS = (Backend) Proxy.newProxyInstance(
            Backend.class.getClassLoader(), new Class<?>[] {Backend.class}, (proxy, method, args) -> {
                if (method.getName().equals("gatherRows") || method.getName().equals("scatterAddRows")) {
                    return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
                }
                try {
                    return method.invoke(org.jgrad.device.Backends.reference(), args);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    throw e.getCause();
                }
            });

    @Nested
    class Rows extends RowsConformanceTest {
        @Override
        protected Backend backend() {
            return DEFAULTS;
        }
    }
}
