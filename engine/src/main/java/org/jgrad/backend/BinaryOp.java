package org.jgrad.backend;

/** Elementwise functions of two inputs, out = a (op) b, with broadcasting by strides. */
public enum BinaryOp {
    ADD, SUB, MUL, DIV
}
