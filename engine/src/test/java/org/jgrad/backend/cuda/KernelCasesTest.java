package org.jgrad.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jgrad.backend.Backends;
import org.jgrad.backend.Storage;
import org.jgrad.backend.cpu.ReferenceBackend;
import org.junit.jupiter.api.Test;

/** The comparison harness itself, on the CPU: it must pass identical kernels and catch a wrong one. */
class KernelCasesTest {

    @Test
    void everyCaseAgreesWithItselfOnTheReference() {
        List<KernelCases.Case> cases = KernelCases.all(5);
        assertTrue(cases.size() > 200, "only " + cases.size() + " cases");
        for (KernelCases.Case c : cases) {
            KernelCases.Result r = KernelCases.compare(c, Backends.reference(), new ReferenceBackend());
            assertTrue(r.ok(), c + ": " + r.firstMismatch());
            assertEquals(0.0, r.error(), c.toString());
        }
    }

    @Test
    void aWrongKernelIsReportedWithItsFirstBadIndex() {
        ReferenceBackend broken = new ReferenceBackend() {
            @Override public void axpy(Storage y, float alpha, Storage x, int n) {
                super.axpy(y, alpha, x, n - 1);   // forgets the last element
            }
        };
        KernelCases.Case axpy = KernelCases.all(6).stream().filter(c -> c.kernel().equals("axpy") && c.shape().equals("n=1001"))
                .findFirst().orElseThrow();
        KernelCases.Result r = KernelCases.compare(axpy, Backends.reference(), broken);
        assertFalse(r.ok());
        assertTrue(r.firstMismatch().contains("index 1000"), r.firstMismatch());
    }

    @Test
    void anUnwrittenOutputShowsAsNaN() {
        ReferenceBackend lazy = new ReferenceBackend() {
            @Override public void fill(Storage out, float value, int n) {
                if (!Float.isNaN(value)) return;   // poisoning still works, real fills are skipped
                super.fill(out, value, n);
            }
            @Override public void softmaxForward(Storage out, Storage in, int rows, int cols, boolean log) { }
        };
        KernelCases.Case softmax = KernelCases.all(7).stream().filter(c -> c.kernel().equals("softmaxForward"))
                .findFirst().orElseThrow();
        KernelCases.Result r = KernelCases.compare(softmax, Backends.reference(), lazy);
        assertFalse(r.ok());
        assertTrue(r.firstMismatch().contains("got NaN"), r.firstMismatch());
    }
}
