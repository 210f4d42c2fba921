package org.jgrad.backend;

/** Elementwise functions of two inputs, out = a (op) b, with broadcasting by strides. */
public enum BinaryOp {
    /** a + b */
    ADD,
    /** a - b */
    SUB,
    /** a · b */
    MUL,
    /** a / b (IEEE: x/0 is ±infinity or NaN) */
    DIV
}
