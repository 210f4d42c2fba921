package org.jgrad.backend.cpu;

/**
 * Per-element binary cross-entropy. With logits x, target t and positive weight w:
 *   loss = w·t·softplus(-x) + (1-t)·softplus(x),  softplus(z) = max(z,0) + ln(1 + e^-|z|)  (never overflows)
 *   dx   = (1-t)·σ(x) - w·t·(1-σ(x))
 * On probabilities p (clamped to [eps, 1-eps]): loss = -(t ln p + (1-t) ln(1-p)), dp = (p-t)/(p(1-p)).
 */
final class ReferenceLoss {
    private ReferenceLoss() {}

    static double softplus(double z) {
        return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
    }

    static void bceWithLogitsForward(float[] loss, float[] x, float[] t, float w, int n) {
        for (int i = 0; i < n; i++) {
            loss[i] = (float) (w * t[i] * softplus(-x[i]) + (1 - t[i]) * softplus(x[i]));
        }
    }

    static void bceWithLogitsBackward(float[] dx, float[] x, float[] t, float w, float scale, int n) {
        for (int i = 0; i < n; i++) {
            float s = ReferenceElementwise.sigmoid(x[i]);
            dx[i] = scale * ((1 - t[i]) * s - w * t[i] * (1 - s));
        }
    }

    static void bceForward(float[] loss, float[] p, float[] t, float eps, int n) {
        for (int i = 0; i < n; i++) {
            double q = Math.min(Math.max(p[i], eps), 1 - eps);
            loss[i] = (float) -(t[i] * Math.log(q) + (1 - t[i]) * Math.log(1 - q));
        }
    }

    static void bceBackward(float[] dp, float[] p, float[] t, float eps, float scale, int n) {
        for (int i = 0; i < n; i++) {
            float q = p[i];
            if (q < eps || q > 1 - eps) {
                dp[i] = 0f;
                continue;
            }
            dp[i] = scale * (q - t[i]) / (q * (1 - q));
        }
    }
}
