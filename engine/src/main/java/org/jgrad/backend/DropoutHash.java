package org.jgrad.backend;

/**
 * A counter-based random number: the same (seed, index) gives the same uniform value on every
 * backend, so dropout masks are reproducible and need no random state on the device.
 * It is SplitMix64's finaliser applied to seed + index * golden-ratio increment.
 */
public final class DropoutHash {
    private DropoutHash() {}

    /**
     * A uniform float in [0, 1) from the top 24 bits of the mix.
     *
     * @param seed the mask's seed
     * @param index the element's position
     * @return the value, the same for the same (seed, index)
     */
    public static float uniform(long seed, int index) {
        long z = seed + (index + 1L) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 40) * 0x1.0p-24f;
    }
}
