package org.jgrad.backend;

/**
 * Elementwise functions of one input, y = f(x; alpha). The backward rule of each is
 * dX = dY * f'(x), written by every backend from the same formulas listed here.
 */
public enum UnaryOp {
    /** y = -x;                     dX = -dY */
    NEG,
    /** y = e^x;                    dX = dY * y */
    EXP,
    /** y = ln x;                   dX = dY / x */
    LOG,
    /** y = sqrt x;                 dX = dY / (2 y) */
    SQRT,
    /** y = x^alpha;                dX = dY * alpha * x^(alpha-1) */
    POW,
    /** y = alpha * x;              dX = dY * alpha */
    SCALE,
    /** y = x + alpha;              dX = dY */
    ADD_SCALAR,
    /** y = max(x, 0);              dX = dY * (x > 0) */
    RELU,
    /** y = x > 0 ? x : alpha x;    dX = dY * (x > 0 ? 1 : alpha) */
    LEAKY_RELU,
    /** y = 1 / (1 + e^-x);         dX = dY * y (1 - y) */
    SIGMOID,
    /** y = tanh x;                 dX = dY * (1 - y^2) */
    TANH,
    /** y = |x|;                    dX = dY * sign(x) */
    ABS
}
